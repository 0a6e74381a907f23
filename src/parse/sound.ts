// Compound names heard wrong. Elders dictate by voice, and the recogniser writes a name it does not know with other
// characters of the same sound (金秀家园 for 锦绣家园, 槐树湖同 for 槐树胡同). A name is matched by its sound as well as its
// characters: toneless, with the sounds accents and recognisers mix up folded together (the usual 模糊音: z/zh, c/ch,
// s/sh, l/n, an/ang, en/eng, in/ing). To keep ordinary words from turning into places, a sound-alike counts only
// when it shares a character with the name in the same place, or a building number follows it (金秀5号楼). The
// readings are pinyin-pro's, kept as a list in data/lexicon/readings.txt.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LEXICON_DIR } from './lexicon.js';
import { rosterIndex } from './location.js';
import type { Roster } from '../roster/types.js';

const HAN = /^\p{Script=Han}+$/u;

function fold(r: string): string {
  return r.replace(/^([zcs])h/, '$1').replace(/^n(?!g)/, 'l').replace(/([aei]n)g$/, '$1');
}

/** Each character's toneless readings, as pinyin-pro gives them (data/lexicon/readings.txt, written from it by
 * scripts/tools/readings.ts: the list costs ~2 MB where pinyin-pro's dictionaries cost ~28). */
let listed: Map<string, string> | null = null;
function readingsList(): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of readFileSync(join(DEFAULT_LEXICON_DIR, 'readings.txt'), 'utf8').split('\n')) if (line) m.set(line[0], line.slice(1));
  return m;
}
const NONE = new Set<string>();
const readings = new Map<string, Set<string>>();
/** Every reading of one character (多音字 keep all of theirs), folded. */
function soundsOf(ch: string): Set<string> {
  let s = readings.get(ch);
  if (!s) {
    const r = HAN.test(ch) ? (listed ??= readingsList()).get(ch) : undefined;
    s = r ? new Set(r.split(' ').map(fold)) : NONE;
    readings.set(ch, s);
  }
  return s;
}

interface SoundName { name: string; chars: string[]; sounds: Set<string>[] }
interface SoundIndex {
  byFirst: Map<string, SoundName[]>;
  byChar: Map<string, SoundName[]>;
  /** Per UTF-16 unit: 0 not looked at yet, 1 starts no name's sound, 2 may start one. Most characters are 1, and this
   * look is what keeps a message at ~1.5 µs (a Map lookup per character cost ~4). */
  starts: Uint8Array;
}

const cache = new WeakMap<object, SoundIndex>();

function soundIndex(roster: Roster): SoundIndex {
  return cachedIndex(roster, () => roster.communities.flatMap((c) => c.compounds.flatMap((m) => [m.name, ...m.aliases])));
}

function cachedIndex(key: object, list: () => string[]): SoundIndex {
  const hit = cache.get(key);
  if (hit) return hit;
  const names = new Set(list().filter((n) => n.length >= 2 && HAN.test(n)));
  const byFirst = new Map<string, SoundName[]>();
  for (const name of names) {
    const chars = [...name];
    const entry: SoundName = { name, chars, sounds: chars.map(soundsOf) };
    for (const s of entry.sounds[0]) byFirst.set(s, [...(byFirst.get(s) ?? []), entry]);
  }
  // longest first, so a window is tried against 锦绣家园 before 锦绣
  for (const list of byFirst.values()) list.sort((a, b) => b.chars.length - a.chars.length);
  const idx: SoundIndex = { byFirst, byChar: new Map(), starts: new Uint8Array(0x10000) };
  cache.set(key, idx);
  return idx;
}

const BUILDING_AFTER = /^\s*(?:[0-9一二三四五六七八九十]+|[A-Za-z]\d{0,2})\s*(?:号|栋|幢|座|楼|#)/u;

/** The names a window starting with this character could sound like (most characters: none). */
function candidates(idx: SoundIndex, ch: string): SoundName[] {
  let c = idx.byChar.get(ch);
  if (!c) {
    c = [...new Set([...soundsOf(ch)].flatMap((s) => idx.byFirst.get(s) ?? []))].sort((a, b) => b.chars.length - a.chars.length);
    idx.byChar.set(ch, c);
  }
  return c;
}

/** The text with compound names that were written with other characters of the same sound put back as the roster has them. */
export function respellPlaceNames(text: string, roster: Roster): string {
  return respell(text, soundIndex(roster), rosterIndex(roster).placeRe, placeLike);
}

/**
 * The text with the lexicon's key words (data/lexicon/homophones.yaml `by_sound`: 电梯, 井盖, 灭火器…) put back where
 * the recogniser wrote them with a character of the same sound (电体, 井该, 灭火其). The explicit slips in that file
 * are the ones seen; this catches the next ones. A sound-alike needs one character the same in the same place, as
 * for place names; the words on the list are the ones whose sound-alikes are no words of their own (not 积分, 几分钟
 * is; not 漏水, 3号楼水管 is).
 */
export function respellTerms(text: string, terms: readonly string[]): string {
  if (!terms.length) return text;
  return respell(text, cachedIndex(terms, () => [...terms]), null, termLike);
}

function respell(text: string, idx: SoundIndex, exactRe: RegExp | null, like: (text: string, i: number, n: SoundName) => boolean): string {
  if (!idx.byFirst.size) return text;
  // Han characters are one UTF-16 unit each (the rare ones beyond are never part of a roster name), so indexes are
  // plain string indexes. The names written right are looked for only when a sound-alike turns up, which is rare.
  let exact: [number, number][] | undefined;
  const exactSpans = () => (exact ??= exactRe ? [...text.matchAll(exactRe)].map((m) => [m.index, m.index + m[0].length] as [number, number]) : []);
  // a name written right wins over a sound-alike across it, unless the sound-alike is longer and holds it (锦绣家圆)
  const clashes = (i: number, L: number) => exactSpans().some(([s, e]) => s < i + L && e > i && !(s >= i && e <= i + L && e - s < L));
  let out = text;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (idx.starts[code] === 1) continue;
    const cands = candidates(idx, text[i]);
    idx.starts[code] = cands.length ? 2 : 1;
    if (!cands.length) continue;
    const hit = cands.find((n) => like(text, i, n) && !clashes(i, n.chars.length));
    if (!hit) continue;
    out = out.slice(0, i) + hit.name + out.slice(i + hit.name.length);
    i += hit.name.length - 1;
  }
  return out;
}

/** A place name needs a character in common (three or more long) or a building number after it (金秀5号楼). */
const placeLike = (text: string, i: number, n: SoundName) =>
  soundsLike(text, i, n, (L, same) => (L >= 3 && same >= 1) || BUILDING_AFTER.test(text.slice(i + L, i + L + 8)));
/** A key word, a character in common. */
const termLike = (text: string, i: number, n: SoundName) => soundsLike(text, i, n, (_L, same) => same >= 1);

function soundsLike(text: string, i: number, n: SoundName, enough: (L: number, same: number) => boolean): boolean {
  const L = n.chars.length;
  if (i + L > text.length) return false;
  // the cheap tests first: characters in common, then the caller's rule
  let same = 0;
  for (let k = 0; k < L; k++) if (text[i + k] === n.chars[k]) same++;
  if (same === L) return false;
  if (!enough(L, same)) return false;
  for (let k = 0; k < L; k++) {
    const ch = text[i + k];
    if (ch === n.chars[k]) continue;
    let any = false;
    for (const x of soundsOf(ch)) if (n.sounds[k].has(x)) { any = true; break; }
    if (!any) return false;
  }
  return true;
}
