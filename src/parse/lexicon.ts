// The vocabulary of understanding, loaded from data/lexicon/*.yaml once and compiled into regexes.
// Entries are literal substrings or /regular expressions/. The grammar that uses them lives in the code.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { Category } from './types.js';

export const DEFAULT_LEXICON_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/lexicon');

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function entrySource(e: string): string {
  const m = /^\/(.+)\/$/s.exec(e);
  return m ? `(?:${m[1]})` : escapeRe(e);
}

/** A set of phrases compiled into one alternation: leftmost match wins, longest literal first. */
export class PhraseSet {
  readonly entries: string[];
  private readonly re: RegExp | null;
  private readonly reG: RegExp | null;
  /** `caseless: false` for sets matched against lower-cased text only (case folding slows every Han character). */
  constructor(entries: readonly (string | number)[] | undefined | null, caseless = true) {
    this.entries = (entries ?? []).map(String).filter((e) => e.length > 0);
    const lits = this.entries.filter((e) => !/^\/.+\/$/s.test(e)).sort((a, b) => b.length - a.length);
    const res = this.entries.filter((e) => /^\/.+\/$/s.test(e));
    const src = [...res.map(entrySource), ...lits.map(escapeRe)].join('|');
    const f = caseless ? 'iu' : 'u';
    this.re = src ? new RegExp(src, f) : null;
    this.reG = src ? new RegExp(src, 'g' + f) : null;
  }
  test(text: string): boolean {
    return this.re !== null && this.re.test(text);
  }
  /** Leftmost match. */
  first(text: string, from = 0): { index: number; text: string } | null {
    if (!this.reG) return null;
    this.reG.lastIndex = from;
    const m = this.reG.exec(text);
    return m ? { index: m.index, text: m[0] } : null;
  }
  all(text: string): { index: number; text: string }[] {
    if (!this.reG) return [];
    const out: { index: number; text: string }[] = [];
    this.reG.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = this.reG.exec(text)) !== null) {
      if (m[0] === '') { this.reG.lastIndex += (text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1; continue; }
      out.push({ index: m.index, text: m[0] });
    }
    return out;
  }
  /** Replace every match with full-width spaces of the same length (indices stay valid). */
  mask(text: string): string {
    if (!this.reG) return text;
    return text.replace(this.reG, (s) => '　'.repeat(s.length));
  }
}

export interface CategoryRules {
  id: Category;
  label: string;
  literals: Map<string, number>;
  literalRe: RegExp | null;
  regexes: CategoryRegex[];
  exclude: PhraseSet;
}

export interface CategoryRegex {
  re: RegExp;
  weight: number;
  src: string;
  /** The characters a match can start with, when they can be known (null: it could start anywhere). */
  first: string[] | null;
  /** Index into Lexicon.rxFirst's lists. */
  id: number;
}

const SPECIAL = new Set([...'\\.[](){}?*+^$|']);
const firstChar = (s: string) => String.fromCodePoint(s.codePointAt(0)!);
/** A quantifier that lets what precedes it match nothing. */
const optional = (next: string | undefined) => next === '?' || next === '*' || next === '{';

/**
 * Walks a regex source outside escapes and character classes, telling `at` each structural character with the group
 * depth before it; `at` returning true stops the walk there. Returns where it stopped, or -1.
 */
function walkRegex(src: string, at: (i: number, ch: string, depth: number) => boolean | void): number {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') { i++; continue; }
    if (inClass) { if (ch === ']') inClass = false; continue; }
    if (ch === '[') { inClass = true; continue; }
    if (at(i, ch, depth)) return i;
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
  }
  return -1;
}

/** `src` split at its top-level `|`. */
function topLevelAlternatives(src: string): string[] {
  const out: string[] = [];
  let from = 0;
  walkRegex(src, (i, ch, depth) => { if (ch === '|' && depth === 0) { out.push(src.slice(from, i)); from = i + 1; } });
  out.push(src.slice(from));
  return out;
}

/** Index of the `)` closing the group opened at src[0]. */
const groupEnd = (src: string) => walkRegex(src, (_i, ch, depth) => ch === ')' && depth === 1);

/**
 * The characters a match of `src` can start with: each alternative starts with a plain character or a group whose
 * alternatives do ((雪|冰)…, (?:电梯|轿厢)…). Anything else (classes, escapes, lookarounds, anchors, something
 * optional first) is null: unknown, so the regex is always tested.
 */
export function firstChars(src: string): string[] | null {
  const out = new Set<string>();
  for (const alt of topLevelAlternatives(src)) {
    if (!alt) return null;
    let f: string[] | null;
    if (alt[0] === '(') {
      const end = groupEnd(alt);
      if (end < 0 || optional(alt[end + 1])) return null;
      let inner = alt.slice(1, end);
      if (inner.startsWith('?:')) inner = inner.slice(2);
      else if (inner.startsWith('?')) return null;
      f = firstChars(inner);
    } else {
      const c0 = firstChar(alt);
      f = SPECIAL.has(c0) || optional(alt[c0.length]) ? null : [c0];
    }
    if (!f) return null;
    for (const c of f) out.add(c);
  }
  return [...out];
}

const firstOfList = (xs: readonly (string | number)[]): string[] | null => {
  const out = new Set<string>();
  for (const x of xs.map(String).filter(Boolean)) {
    const m = /^\/(.+)\/$/s.exec(x);
    const f = m ? firstChars(m[1]) : [firstChar(x.toLowerCase())];
    if (!f) return null;
    for (const c of f) out.add(c);
  }
  return out.size ? [...out] : null;
};

/**
 * An object word and a fault word near each other (灯 … 不亮, 井盖 … 翘起来), in one clause: residents combine a
 * thing and its state in endless ways, so the lexicon lists both halves instead of every phrase. `before` words
 * (a verb that comes first: 垒了个 … 厨房) pair with the objects the other way round.
 */
export interface PairRule { objects: string[]; states?: string[]; before?: string[]; near?: number; weight?: number }

const altOf = (xs: readonly (string | number)[]) =>
  xs.map(String).filter(Boolean).map((e) => (/^\/.+\/$/s.test(e) ? e : e.toLowerCase())).sort((a, b) => b.length - a.length).map(entrySource).join('|');

function compilePair(p: PairRule): CategoryRules['regexes'] {
  const out: CategoryRules['regexes'] = [];
  if (!p?.objects?.length) return out;
  const near = Number(p.near ?? 8), weight = Number(p.weight ?? 4);
  // a gap stays inside one sentence (spaces allowed: voice input has no punctuation)
  const gap = `[^，。！？!?,；;]{0,${near}}`;
  const objs = altOf(p.objects);
  if (p.states?.length) {
    const src = `(?:${objs})${gap}(?:${altOf(p.states)})`;
    out.push({ re: new RegExp(src, 'u'), weight, src, first: firstOfList(p.objects), id: -1 });
  }
  if (p.before?.length) {
    const src = `(?:${altOf(p.before)})${gap}(?:${objs})`;
    out.push({ re: new RegExp(src, 'u'), weight, src, first: firstOfList(p.before), id: -1 });
  }
  return out;
}

export interface Homophone { from: string; to: string; unlessNext: RegExp | null }

export interface Lexicon {
  dir: string;
  threshold: number;
  ignore: PhraseSet;
  categories: CategoryRules[];
  /**
   * Which category regexes a text can match, by the characters it holds: regex `id` can only match a text that holds
   * one of its first characters. Most texts hold the first characters of few of them, and testing ~140 regexes
   * against every text was most of the time understanding took.
   */
  rxByChar: Map<string, number[]>;
  rxCount: number;
  cues: Record<string, PhraseSet>;
  /** The raw lists (units, fillers …). */
  lists: Record<string, string[]>;
  homophones: Homophone[];
  homophoneRe: RegExp | null;
  homophoneMap: Map<string, Homophone>;
  /** Key words put back where the recogniser wrote them with a sound-alike character (see sound.ts respellTerms). */
  soundTerms: string[];
  /** verb + result + 了: the grammar of "done" built from done_verbs/done_results. */
  doneGrammar: RegExp;
  /** The whole message decides a pending redemption: 确认兑换, 确认 R12, R12 确认, 同意兑换R12, 取消R5. */
  redemptionDecision: RegExp;
}

const cache = new Map<string, Lexicon>();

/** Load (once per directory) and compile the lexicon. */
let defaultLexicon: Lexicon | null = null;

export function loadLexicon(dir?: string): Lexicon {
  if (dir === undefined && defaultLexicon) return defaultLexicon;
  const key = resolve(dir ?? (process.env.LEXICON_DIR || DEFAULT_LEXICON_DIR));
  const hit = cache.get(key);
  if (hit) return hit;
  const lex = compileLexicon(key);
  cache.set(key, lex);
  if (dir === undefined) defaultLexicon = lex;
  return lex;
}

function readYaml(dir: string, name: string): Record<string, unknown> {
  const f = join(dir, name);
  if (!existsSync(f)) return {};
  const v = parseYaml(readFileSync(f, 'utf8')) as unknown;
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

function compileLexicon(dir: string): Lexicon {
  const catDoc = readYaml(dir, 'categories.yaml');
  const intDoc = readYaml(dir, 'intents.yaml');
  const homDoc = readYaml(dir, 'homophones.yaml');

  const categories: CategoryRules[] = [];
  const cats = (catDoc.categories ?? {}) as Record<string, { label?: string; keywords?: Record<string, number> | null; exclude?: string[] | null; pairs?: PairRule[] | null }>;
  for (const [id, c] of Object.entries(cats)) {
    const literals = new Map<string, number>();
    const regexes: CategoryRules['regexes'] = [];
    for (const [k, w] of Object.entries(c?.keywords ?? {})) {
      const weight = Number(w) || 1;
      // the text is lower-cased before scoring, so no 'i' flag: case folding makes every Han character slower
      if (/^\/.+\/$/s.test(k)) {
        const caseless = /[A-Z]/.test(k);
        regexes.push({ re: new RegExp(k.slice(1, -1), caseless ? 'iu' : 'u'), weight, src: k, first: caseless ? null : firstChars(k.slice(1, -1)), id: -1 });
      }
      else literals.set(k.toLowerCase(), weight);
    }
    for (const p of c?.pairs ?? []) regexes.push(...compilePair(p));
    const lits = [...literals.keys()].sort((a, b) => b.length - a.length);
    categories.push({
      id: id as Category,
      label: c?.label ?? id,
      literals,
      literalRe: lits.length ? new RegExp(lits.map(escapeRe).join('|'), 'gu') : null,
      regexes,
      exclude: new PhraseSet((c?.exclude ?? []).map((e) => String(e).toLowerCase()), false),
    });
  }

  const rxByChar = new Map<string, number[]>();
  let rxCount = 0;
  for (const c of categories) {
    for (const r of c.regexes) {
      r.id = rxCount++;
      for (const ch of r.first ?? []) {
        const ids = rxByChar.get(ch);
        if (ids) ids.push(r.id); else rxByChar.set(ch, [r.id]);
      }
    }
  }

  const cues: Record<string, PhraseSet> = {};
  const lists: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(intDoc)) {
    if (Array.isArray(v)) {
      lists[k] = v.map(String);
      cues[k] = new PhraseSet(v as string[]);
    }
  }

  const homophones: Homophone[] = [];
  for (const h of (homDoc.replace ?? []) as { from: string; to: string; unless_next?: string }[]) {
    if (!h?.from || h.to === undefined) continue;
    homophones.push({ from: String(h.from), to: String(h.to), unlessNext: h.unless_next ? new RegExp(`^(?:${h.unless_next})`, 'u') : null });
  }
  const homophoneRe = homophones.length
    ? new RegExp([...homophones].sort((a, b) => b.from.length - a.from.length).map((h) => escapeRe(h.from)).join('|'), 'gu')
    : null;

  const verbs = (lists.done_verbs ?? []).slice().sort((a, b) => b.length - a.length).map(escapeRe).join('|') || '(?!)';
  const results = (lists.done_results ?? []).filter((r) => r !== '了').slice().sort((a, b) => b.length - a.length).map(escapeRe).join('|') || '(?!)';
  // 清走了 / 扫干净了 / 收拾到回收站了 / 捡了 / 已(经)清理
  const bare = (lists.done_verbs_bare ?? lists.done_verbs ?? []).slice().sort((a, b) => b.length - a.length).map(escapeRe).join('|') || '(?!)';
  const doneGrammar = new RegExp(
    `(?:(?:${verbs})(?:得)?(?:${results})(?=[^，。！？!?,\\s]{0,4}了)|(?:${bare})了|已经?(?:${verbs}))`, 'gu');

  const alt = (xs: string[] | undefined) => (xs ?? []).slice().sort((a, b) => b.length - a.length).map(escapeRe).join('|') || '(?!)';
  const decide = `(${alt(lists.redeem_cancel)}|${alt(lists.redeem_confirm)})`;
  const ref = '[#＃]?\\s*[Rr]\\s*(\\d{1,6})';
  const end = '\\s*[。.!！~～]*\\s*$';
  // the word then 兑换 and/or R12, or R12 then the word; nothing else in the message
  const redemptionDecision = new RegExp(
    `^\\s*(?:${decide}\\s*(?:兑换\\s*(?:${ref})?|${ref})|${ref}\\s*(?:兑换)?\\s*${decide}(?:兑换)?)${end}`, 'u');

  return {
    dir,
    redemptionDecision,
    threshold: Number(catDoc.threshold ?? 2),
    ignore: new PhraseSet((catDoc.ignore ?? []) as string[]),
    categories,
    rxByChar,
    rxCount,
    cues,
    lists,
    homophones,
    homophoneRe,
    homophoneMap: new Map(homophones.map((h) => [h.from, h])),
    soundTerms: ((homDoc.by_sound ?? []) as unknown[]).map(String),
    doneGrammar,
  };
}

/** The cue set `name`, or an empty one when the lexicon lacks it. */
export function cue(lex: Lexicon, name: string): PhraseSet {
  return lex.cues[name] ?? (lex.cues[name] = new PhraseSet([]));
}

/** Apply the voice-typing fixes. */
export function fixHomophones(lex: Lexicon, text: string): string {
  if (!lex.homophoneRe) return text;
  return text.replace(lex.homophoneRe, (m, offset: number) => {
    const h = lex.homophoneMap.get(m);
    if (!h) return m;
    if (h.unlessNext && h.unlessNext.test(text.slice(offset + m.length, offset + m.length + 4))) return m;
    return h.to;
  });
}
