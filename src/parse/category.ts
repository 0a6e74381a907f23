// Category of a report: weighted keywords from data/lexicon/categories.yaml; the best score wins,
// the order of the file breaks ties, and below the threshold it is `other`.
import type { Category } from './types.js';
import type { Lexicon } from './lexicon.js';

export interface CategoryScore {
  category: Category;
  score: number;
  /** Score of every category that scored. */
  scores: Partial<Record<Category, number>>;
}

export function scoreCategories(text: string, lex: Lexicon): CategoryScore {
  const base = lex.ignore.mask(text).toLowerCase();
  const scores: Partial<Record<Category, number>> = {};
  // The regexes this text can match at all (see Lexicon.rxByChar); masks below only remove characters.
  const maybe = new Uint8Array(lex.rxCount);
  for (const ch of new Set(base)) {
    const ids = lex.rxByChar.get(ch);
    if (ids) for (const id of ids) maybe[id] = 1;
  }
  let best: Category = 'other', bestScore = 0;
  for (const c of lex.categories) {
    const t = c.exclude.entries.length ? c.exclude.mask(base) : base;
    let s = 0;
    if (c.literalRe) {
      const seen = new Set<string>();
      c.literalRe.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = c.literalRe.exec(t)) !== null) {
        if (!seen.has(m[0])) { seen.add(m[0]); s += c.literals.get(m[0]) ?? 0; }
      }
    }
    for (const r of c.regexes) if ((r.first === null || maybe[r.id]) && r.re.test(t)) s += r.weight;
    if (s > 0) {
      scores[c.id] = s;
      if (s > bestScore) { best = c.id; bestScore = s; }
    }
  }
  if (bestScore < lex.threshold) best = 'other';
  return { category: best, score: bestScore, scores };
}
