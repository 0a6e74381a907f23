// Building labels and building specs of the roster ("1-24", "1-12,15,A座", "A-D").
import { zhToInt, NUM_CLASS } from '../parse/numbers-zh.js';

const NUM_RE = new RegExp(`^[${NUM_CLASS}]+$`);

/** One building label → "5", "12", "A", "A3", "甲"; null when it is not a building label ("8号院", "x1"). */
export function normalizeBuilding(raw: string | number): string | null {
  let s = String(raw).trim().replace(/[Ａ-Ｚａ-ｚ０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  s = s.replace(/\s+/g, '').replace(/^第/, '').replace(/(号楼|號樓|号|號|栋|棟|幢|座|楼|樓|#|＃)$/, '');
  if (s === '') return null;
  if (/^[A-Za-z]$/.test(s)) return s.toUpperCase();
  // 甲乙丙: the old work-unit compounds (单位大院) name their blocks by the heavenly stems
  if (/^[甲乙丙丁戊己庚辛壬癸]$/u.test(s)) return s;
  if (NUM_RE.test(s)) {
    const n = zhToInt(s);
    return Number.isFinite(n) && n > 0 ? String(n) : null;
  }
  // letter + digits ("A1") kept as a label
  if (/^[A-Za-z]\d{1,3}$/.test(s)) return s.toUpperCase();
  return null;
}

/** Expand a spec into labels; throws Error(message) on a bad part. */
export function expandBuildings(spec: unknown): string[] {
  if (spec === null || spec === undefined || spec === '') return [];
  const parts: string[] = [];
  if (Array.isArray(spec)) for (const p of spec) parts.push(...String(p).split(/[,，、]/));
  else if (typeof spec === 'string' || typeof spec === 'number') parts.push(...String(spec).split(/[,，、]/));
  else throw new Error(`buildings must be a range like "1-24" or a list, not ${typeof spec}`);
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (b: string) => { if (!seen.has(b)) { seen.add(b); out.push(b); } };
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') throw new Error(`empty building in "${String(spec)}"`);
    const m = /^(.+?)\s*(?:-|~|～|—|–|到|至)\s*(.+)$/.exec(p);
    if (m) {
      const a = normalizeBuilding(m[1]), b = normalizeBuilding(m[2]);
      if (a === null || b === null) throw new Error(`bad building range "${p}"`);
      const an = /^\d+$/.test(a), bn = /^\d+$/.test(b);
      if (an && bn) {
        const x = Number(a), y = Number(b);
        if (y < x) throw new Error(`bad building range "${p}": end before start`);
        if (y - x > 2000) throw new Error(`bad building range "${p}": too long`);
        for (let i = x; i <= y; i++) add(String(i));
      } else if (/^[A-Z]$/.test(a) && /^[A-Z]$/.test(b)) {
        if (b < a) throw new Error(`bad building range "${p}": end before start`);
        for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) add(String.fromCharCode(c));
      } else throw new Error(`bad building range "${p}"`);
      continue;
    }
    const b = normalizeBuilding(p);
    if (b === null) throw new Error(`bad building "${p}"`);
    add(b);
  }
  return out;
}
