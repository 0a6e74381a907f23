// Chinese numerals → integers, for captured fragments only (三号楼, 二十一, 两袋, 三〇一).
// Not a general converter: it handles 0..9999 written with 十/百/千 or digit by digit, plus full-width digits.

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 俩: 2, 三: 3, 叁: 3, 仨: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** Character class (for regex sources) of everything `zhToInt` understands. */
export const NUM_CLASS = '0-9０-９零〇一壹二贰两俩三叁仨四肆五伍六陆七柒八捌九玖十拾百佰千仟廿';

/** "二十一" → 21, "十二" → 12, "两" → 2, "三〇一" → 301, "１２" → 12, "廿三" → 23; NaN when not a number. */
export function zhToInt(s: string): number {
  s = s.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (s === '') return NaN;
  if (/^\d+$/.test(s)) return Number(s);
  s = s.replace(/^廿/, '二十');
  if (!/[十拾百佰千仟]/.test(s)) {
    // digit by digit: 三〇一 → 301
    let v = 0;
    for (const c of s) { const d = DIGIT[c] ?? (/\d/.test(c) ? Number(c) : undefined); if (d === undefined) return NaN; v = v * 10 + d; }
    return v;
  }
  let total = 0, cur = 0;
  for (const c of s) {
    if (c in DIGIT) cur = DIGIT[c];
    else if (/\d/.test(c)) cur = cur * 10 + Number(c);
    else if (c in UNIT) { total += (cur || 1) * UNIT[c]; cur = 0; }
    else return NaN;
  }
  return total + cur;
}
