export type { Intent, Category, Location, DateRange, MessageIn, Interpretation } from './types.js';
export { interpret, findTicket, normalizeText, type InterpretOptions } from './interpret.js';
export { loadLexicon, DEFAULT_LEXICON_DIR, PhraseSet, type Lexicon } from './lexicon.js';
export { splitQuote, composeQuote, type SplitQuote } from './quote.js';
export { scanPlaces, rosterIndex, inferCompound, resolveGrid, findGridMention } from './location.js';
export { scoreCategories, type CategoryScore } from './category.js';
export { classifyIntent } from './intent.js';
export { refOf, observedAt, dueAt, plannedAt, findRange } from './time-zh.js';
export { zhToInt } from './numbers-zh.js';
