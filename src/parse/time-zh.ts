// Times in Chinese, all in Asia/Shanghai whatever the machine's time zone.
// The reference time is the message's own time; the machine clock and process.env.TZ are never read.
// Calendar arithmetic uses "wall" milliseconds: Date.UTC(y, m-1, d, h, mi) of the Shanghai wall clock.
// chrono-node's zh.hans parser is the fallback for what the grammar below does not cover; it computes in the
// process-local zone, so it is fed a Date whose *local* fields are the Shanghai wall clock and only its
// parsed components (year, month, day, hour, minute) are read back.
// Only the Simplified Chinese parser: the package's root loads every locale (~25 MB more per process).
import * as hans from 'chrono-node/zh/hans';
import type { ParsedResult } from 'chrono-node';
import type { DateRange } from './types.js';
import { zhToInt } from './numbers-zh.js';
import { afterLastCorrection } from './location.js';

const SH = 8 * 3600_000;
const DAY = 86_400_000;
const Z = '[0-9零〇一二两三四五六七八九十]';

export interface Ref {
  /** Shanghai wall clock as UTC milliseconds. */
  wall: number;
  y: number; m: number; d: number; h: number; mi: number;
  /** 0 = Monday … 6 = Sunday */
  dow: number;
}

export function refOf(iso: string): Ref {
  let ms = Date.parse(iso);
  if (!Number.isFinite(ms)) ms = 0;
  const wall = ms + SH;
  const t = new Date(wall);
  return { wall, y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), dow: (t.getUTCDay() + 6) % 7 };
}

const pad = (n: number) => (n < 10 ? '0' : '') + n;
export function wallDate(wall: number): string {
  const t = new Date(wall);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
export function wallIso(wall: number): string {
  const t = new Date(wall);
  return `${wallDate(wall)}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:00+08:00`;
}
const dayStart = (r: Ref, offsetDays = 0) => Date.UTC(r.y, r.m - 1, r.d + offsetDays);
const at = (dayWall: number, h: number, mi = 0) => dayWall + h * 3600_000 + mi * 60_000;
const range = (a: number, b: number): DateRange => ({ from: wallDate(a), to: wallDate(b) });
const num = (s: string | undefined) => (s === undefined ? NaN : zhToInt(s));

// ---------------------------------------------------------------- day / part of day / clock
const DAY_WORDS: [RegExp, number, string | null][] = [
  [/^大前天/, -3, null], [/^大后天/, 3, null], [/^前天|^前儿个?/, -2, null], [/^前晚/, -2, '晚上'],
  [/^昨晚上?|^昨夜/, -1, '晚上'], [/^昨早/, -1, '早上'], [/^昨天|^昨日|^昨儿个?/, -1, null],
  [/^今早上?|^今晨|^今儿早上?/, 0, '早上'], [/^今晚上?|^今夜/, 0, '晚上'], [/^今天|^今日|^今儿个?/, 0, null],
  [/^明早上?/, 1, '早上'], [/^明晚上?/, 1, '晚上'], [/^明天|^明日|^明儿个?/, 1, null], [/^后天/, 2, null],
];
const DAY_RE = '(?:大前天|大后天|前天|前儿个?|前晚|昨晚上?|昨夜|昨早|昨天|昨日|昨儿个?|今儿早上?|今早上?|今晨|今晚上?|今夜|今天|今日|今儿个?|明早上?|明晚上?|明天|明日|明儿个?|后天)';
const PART_HOURS: Record<string, [number, number]> = {
  // [a typical hour, the hour a "before …" deadline means]
  一早: [7, 9], 大清早: [6, 9], 清早: [6, 9], 早上: [7, 9], 早晨: [7, 9], 早起: [7, 9], 上午: [9, 12], 中午: [12, 13], 晌午: [12, 13],
  下午: [15, 18], 傍晚: [18, 19], 晚上: [20, 23], 夜里: [23, 23], 夜间: [23, 23], 半夜: [23, 23], 深夜: [23, 23], 凌晨: [3, 6],
  后半夜: [2, 5], 下半夜: [2, 5],
  下班: [18, 18], 上班: [8, 8], 白天: [10, 18], 天黑: [17, 18],
};
const PART_RE = '(?:一早|大清早|清早|早上|早晨|早起|上午|中午|晌午|下午|傍晚|晚上|夜里|夜间|后半夜|下半夜|半夜|深夜|凌晨|下班|上班|白天|天黑)';
const CLOCK_RE = `(${Z}{1,3})\\s*(?:点|點|时)(?:\\s*(半|一刻|三刻|${Z}{1,3}\\s*分?)|(多|钟))?`;
const PHRASE_RE = new RegExp(`(?=[大前后昨今明一清早上中晌下傍晚夜半深凌白0-9零〇二两三四五六七八九十])(${DAY_RE})?\\s*(${PART_RE})?\\s*(?:${CLOCK_RE})?`, 'gu');
const DEADLINE_AFTER = /^\s*(?:之前|以前|前|为止|以内|之内|内)/u;
/** 前天冯晓燕说修好了 / 上周五刚修的: that time dates the fix or what someone said, not when the problem was seen. */
const FIX_AFTER = /^[^，。！？\s]{0,6}(?:说[^，。！？\s]{0,2}(?:修|弄|处理|清|好了)|修好|修了|修的|清了|清理了|处理了|处理过|弄好|来修|来看过|来弄过)/u;
const SENT_AFTER = /^[^，。！？\s]{0,4}(?:去看看|来看看|去一趟|过去看|去看一下|处理一下|来人|派人)/u;
const DEADLINE_BEFORE = /(?:最晚|最迟|务必|必须|截止到?|限|争取|要求|最好|能不能|能否|可不可以)\s*(?:在|于|到)?\s*$/u;

const PART_OF_DATE = new RegExp(`(?:(?:周|星期|礼拜)[一二三四五六日天1-7]|${Z}\\s*[日号])\\s*$`, 'u');

interface Phrase { index: number; end: number; wall: number; dayGiven: boolean; exactTime: boolean; deadlineWall: number }

const PHRASE_HINT = /[天晚早晨夜午点點时班昨今明前后]/u;

function phrases(text: string, ref: Ref): Phrase[] {
  const out: Phrase[] = [];
  if (!PHRASE_HINT.test(text)) return out;
  PHRASE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHRASE_RE.exec(text)) !== null) {
    if (m[0] === '') { PHRASE_RE.lastIndex += (text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1; continue; }
    const [all, dayW, partW, , minS, extra] = m;
    let hourS: string | undefined = m[3];
    if (!dayW && !partW && !hourS) continue;
    // part of a larger date (下周一上午9点, 12月1日下午): left to chrono
    if (!dayW && PART_OF_DATE.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    // 一楼/5号 are not times; a bare clock needs 点 (guaranteed by the regex)
    let offset = 0, part: string | null = partW ?? null;
    if (dayW) for (const [re, off, p] of DAY_WORDS) if (re.test(dayW)) { offset = off; if (!part && p) part = p; break; }
    // 昨儿后半夜两三点: the small hours after yesterday evening, that is today's
    // 两三点 / 七八点 is about the first of the two
    if (hourS && /^[一二两三四五六七八九]{2}$/u.test(hourS)) hourS = hourS[0];
    // (昨儿个半夜两点多 likewise; 昨天凌晨三点 is yesterday's own early morning)
    const smallHours = !!part && /半夜|夜里|夜间|深夜/.test(part) && !!hourS && num(hourS) < 6;
    if (part && (/后半夜|下半夜/.test(part) || smallHours) && dayW && /^昨/.test(dayW)) offset += 1;
    const day = dayStart(ref, offset);
    let h: number, mi = 0, exact = false;
    if (hourS && !(num(hourS) <= 24) && (dayW || partW)) hourS = undefined;
    if (hourS) {
      h = num(hourS);
      if (!Number.isFinite(h) || h > 24) continue;
      if (minS === '半') mi = 30; else if (minS === '一刻') mi = 15; else if (minS === '三刻') mi = 45;
      else if (minS) { const x = num(minS.replace(/分$/, '')); if (Number.isFinite(x) && x < 60) mi = x; }
      if (part && /下午|傍晚|晚上|夜里|夜间|深夜|下班/.test(part) && h < 12 && !smallHours) h += 12;
      if (part === '中午' && h < 6) h += 12;
      exact = !extra || extra === '钟';
    } else h = part ? PART_HOURS[part][0] : 12;
    const wall = at(day, h, mi);
    const deadlineWall = hourS ? wall : part ? at(day, PART_HOURS[part][1]) : at(day, 23, 59);
    out.push({ index: m.index, end: m.index + all.length, wall, dayGiven: !!dayW, exactTime: exact, deadlineWall });
  }
  return out;
}

// ---------------------------------------------------------------- chrono fallback
const CHRONO_HINT = /周[一二三四五六日天]|星期|礼拜|[0-9一二三四五六七八九十]\s*月|年|小时|分钟/u;

function chronoWall(text: string, ref: Ref, forwardDate: boolean): { index: number; end: number; wall: number; certainDay: boolean }[] {
  if (!CHRONO_HINT.test(text)) return [];
  const local = new Date(ref.y, ref.m - 1, ref.d, ref.h, ref.mi);
  let res: ParsedResult[];
  try { res = hans.parse(text, local, { forwardDate }); } catch { return []; }
  return res.map((r) => {
    const s = r.start;
    const wall = Date.UTC(s.get('year') ?? ref.y, (s.get('month') ?? ref.m) - 1, s.get('day') ?? ref.d, s.get('hour') ?? 12, s.get('minute') ?? 0);
    return { index: r.index, end: r.index + r.text.length, wall, certainDay: s.isCertain('day') || s.isCertain('weekday') };
  });
}

// ---------------------------------------------------------------- observed / due
/** When the problem was seen (昨晚, 前天下午, 今早七点多, 3天前); null when the text does not say. */
const AGO_RE = new RegExp(`(${Z}{1,3}|半)\\s*(天|个?小时|个?钟头)(?:以前|之前|前)`, 'u');
const NTH_DAY_RE = new RegExp(`(?:这都|都|已经|今天|今儿|这是|这已经是)\\s*第\\s*(${Z}{1,2})\\s*天了?`, 'u');
const WITHIN_RE = new RegExp(`(${Z}{1,3}|半)\\s*(个)?\\s*(天|日|工作日|小时|钟头|周|星期|礼拜|月)\\s*(?:之内|以内|内)`, 'u');
// 周四前, 下周一之前, 周四下班前, 周四下午下班之前 (the last part of the day sets the hour)
// 周五前, 周四下午下班之前, 周五消防检查之前 (an event of that day between)
// (跟进一下 礼拜五之前: the 下 of 一下 is no 下礼拜)
const WEEKDAY_DUE_RE = new RegExp(`((?<!一)下|本|这|这个)?\\s*(?:周|星期|礼拜)([一二三四五六日天1-7])\\s*(?:(?:${PART_RE}\\s*)?(${PART_RE}))?(?:[^，。！？\\s\\d]{0,6}?)\\s*(?:之前|以前|前)`, 'u');
const WEEKDAY_BY_RE = /(?:最迟|最晚|务必|必须|赶在)\s*((?<!一)下|本|这)?\s*(?:周|星期|礼拜)([一二三四五六日天1-7])/u;
/** 礼拜六得给人家回复 / 周五要弄完: the day something must be done by, said with 得 or 要. */
const WEEKDAY_MUST_RE = /((?<!一)下|本|这)?\s*(?:周|星期|礼拜)([一二三四五六日天1-7])\s*(?:之前|以前|前)?\s*(?:得|要|必须|务必)\s*(?:给|把)?[^，。！？\s]{0,8}(?:回复|回话|答复|办完|弄完|弄好|处理完|处理好|解决|清走|拆掉|修好)/u;
const PERIOD_END_RE = /(本周|这周|这个星期|这礼拜|本星期)\s*(?:之内|以内|内)|(月底|月末|本月底|这个月底)\s*(?:之前|以前|前)?|(年底|年末)\s*(?:之前|以前|前)?/u;
const DATE_DUE_RE = new RegExp(`(?:(${Z}{1,2})\\s*月)?\\s*(${Z}{1,3})\\s*(?:日|号)\\s*(?:之前|以前|前)`, 'u');
const DUE_HINT = /前|内|最晚|最迟|务必|必须|赶在|截止|限|争取|要求|月底|月末|年底|年末|能|可以|可不可|来个?人|最好|去看|来看|去一趟|派人|处理一下/u;
/** 下礼拜一能来人修不 / 明天能不能处理 / 最好今天就来人看看: a day asked for is the deadline. */
const ASK_AFTER = /^[^，。！？\s]{0,3}(?:(?:能不能|能否|可不可以|务必|必须|一定要)|(?:就|赶紧|务必)?来(?:个)?人|(?:能|可以)[^，。！？\s]{0,6}(?:不|吗|么|嘛)(?=[？?。，！\s]|$))/u;
const WEEKDAY_ASK_RE = new RegExp(`((?<!一)下|本|这|这个)?\\s*(?:周|星期|礼拜)([一二三四五六日天1-7])(?:\\s*(${PART_RE}))?`, 'gu');

const HABIT_BEFORE = /(?:天天|每天|每晚|老是|经常|总是|常常|一到)[^，。！？\s]{0,5}$/u;
const NOT_YET_AFTER = /^\s*(?:都|也)?还(?:没有?|好好的|是好的|不在|没见)/u;
export function observedAt(text: string, ref: Ref): string | null {
  const agoM = AGO_RE.exec(text);
  // 晚上11点以后还在剁馅 (no day named) is a habit, not a sighting
  const list = phrases(text, ref).filter((p) => !DEADLINE_AFTER.test(text.slice(p.end, p.end + 3)) && !FIX_AFTER.test(text.slice(p.end, p.end + 12))
    && !(!p.dayGiven && /^\s*(?:以后|之后)/u.test(text.slice(p.end, p.end + 3)))
    // 前天还没有 今早看见的: the day it was not there yet
    && !NOT_YET_AFTER.test(text.slice(p.end, p.end + 6))
    // 天天打到后半夜: a habit, not a sighting
    && !(!p.dayGiven && HABIT_BEFORE.test(text.slice(Math.max(0, p.index - 8), p.index))));
  let best: { index: number; wall: number } | null = null;
  for (const p of list) {
    let w = p.wall;
    if (w > ref.wall + 30 * 60_000) {
      // 今早, said at 6:20: this morning so far, not a later hour
      if (p.dayGiven && !p.exactTime && Math.floor(w / DAY) === Math.floor(ref.wall / DAY) && w - ref.wall < 3 * 3600_000) w = ref.wall;
      else if (p.dayGiven) continue; // 明天 … is not when something was seen
      else w -= DAY;            // 晚上11点, said at 7:30 in the morning: last night
    }
    best = { index: p.index, wall: w };
    break;
  }
  if (agoM && (!best || agoM.index < best.index)) {
    const n = agoM[1] === '半' ? 0.5 : num(agoM[1]);
    if (Number.isFinite(n)) {
      const w = agoM[2] === '天' ? at(dayStart(ref, -n), 12) : ref.wall - n * 3600_000;
      best = { index: agoM.index, wall: w };
    }
  }
  // 这都第三天了: seen first two days ago (today is the third)
  const nth = NTH_DAY_RE.exec(text);
  if (nth && (!best || nth.index < best.index)) {
    const n = num(nth[1]);
    if (Number.isFinite(n) && n >= 2 && n <= 60) best = { index: nth.index, wall: at(dayStart(ref, -(n - 1)), 12) };
  }
  const just = /刚才|刚刚/u.exec(text);
  if (just && (!best || just.index < best.index)) best = { index: just.index, wall: ref.wall };
  const fest = FESTIVAL_ON_RE.exec(text);
  if (fest && (!best || fest.index < best.index)) {
    best = { index: fest.index, wall: at(latestFestival(fest[1], ref), 12) };
  }
  // 三号那天下午 / 5号那天晚上: that day of this month, or of the last when it is still to come
  const dom = DAY_OF_MONTH_RE.exec(text);
  if (dom && (!best || dom.index < best.index)) {
    const d = num(dom[1]);
    if (Number.isFinite(d) && d >= 1 && d <= 31) {
      let day = Date.UTC(ref.y, ref.m - 1, d);
      if (day > dayStart(ref)) day = Date.UTC(ref.y, ref.m - 2, d);
      const part = dom[2] as keyof typeof PART_HOURS | undefined;
      best = { index: dom.index, wall: at(day, part && PART_HOURS[part] ? PART_HOURS[part][0] : 12) };
    }
  }
  const wd = PAST_WEEKDAY_RE.exec(text);
  if (wd && (!best || wd.index < best.index) && !DEADLINE_AFTER.test(text.slice(wd.index + wd[0].length, wd.index + wd[0].length + 3))) {
    let off = WEEKDAY[wd[2]] - ref.dow;
    if (wd[1] === '上') off -= 7; else if (wd[1] === '上上') off -= 14; else if (!wd[1] && off > 0) off -= 7;
    if (off <= 0) best = { index: wd.index, wall: at(dayStart(ref, off), 12) };
  }
  if (!best) {
    for (const c of chronoWall(text, ref, false)) {
      if (DEADLINE_AFTER.test(text.slice(c.end, c.end + 3))) continue;
      let w = c.wall;
      if (w > ref.wall + 30 * 60_000) w -= 7 * DAY; // 周五 said on Saturday: yesterday, not next week
      if (w > ref.wall + 30 * 60_000) continue;
      best = { index: c.index, wall: w };
      break;
    }
  }
  return best ? wallIso(best.wall) : null;
}

const WEEKDAY: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6, '1': 0, '2': 1, '3': 2, '4': 3, '5': 4, '6': 5, '7': 6 };

/** Days from today to the weekday named: 下周四 is next week's, 周四 the coming one (today counts). */
function weekdayOffset(ref: Ref, week: string | undefined, day: string): number {
  const off = WEEKDAY[day] - ref.dow;
  if (week === '下') return off + 7;
  return !week && off < 0 ? off + 7 : off;
}

/** A deadline (明天上午前, 三天内, 最晚明天, 周五前, 月底前); null when the text gives none. */
export function dueAt(text: string, ref: Ref): string | null {
  if (!DUE_HINT.test(text)) return null;
  const cands: { index: number; wall: number }[] = [];
  for (const p of phrases(text, ref)) {
    const after = text.slice(p.end, p.end + 3);
    const before = text.slice(Math.max(0, p.index - 6), p.index);
    // (@尚晓莉 今天抽空去看看: the day someone is sent on is the deadline too)
    if (DEADLINE_AFTER.test(after) || DEADLINE_BEFORE.test(before) || (p.dayGiven && p.wall >= dayStart(ref) && SENT_AFTER.test(text.slice(p.end, p.end + 10)))) {
      // 上午10点前 said at three in the afternoon: tomorrow morning
      const w = !p.dayGiven && p.deadlineWall < ref.wall ? p.deadlineWall + DAY : p.deadlineWall;
      cands.push({ index: p.index, wall: w });
    }
    else if (p.dayGiven && p.deadlineWall >= ref.wall && ASK_AFTER.test(text.slice(p.end, p.end + 14))) cands.push({ index: p.index, wall: p.deadlineWall });
  }
  let m = WITHIN_RE.exec(text);
  if (m) {
    const n = m[1] === '半' ? 0.5 : num(m[1]);
    if (Number.isFinite(n)) {
      const unit = m[3];
      let w: number;
      if (unit === '小时' || unit === '钟头') w = ref.wall + n * 3600_000;
      else if (unit === '周' || unit === '星期' || unit === '礼拜') w = at(dayStart(ref, Math.round(n * 7)), 23, 59);
      else if (unit === '月') w = at(Date.UTC(ref.y, ref.m - 1 + n, ref.d), 23, 59);
      else w = at(dayStart(ref, Math.ceil(n)), 23, 59);
      cands.push({ index: m.index, wall: w });
    }
  }
  m = WEEKDAY_DUE_RE.exec(text);
  if (m) {
    const off = weekdayOffset(ref, m[1], m[2]);
    const part = m[3] ? PART_HOURS[m[3]] : undefined;
    cands.push({ index: m.index, wall: part ? at(dayStart(ref, off), part[1], 0) : at(dayStart(ref, off), 23, 59) });
  }
  const asked = weekdayThen(text, ref, ASK_AFTER);
  if (asked) cands.push(asked);
  // 最迟礼拜四要清出来
  m = WEEKDAY_BY_RE.exec(text) ?? WEEKDAY_MUST_RE.exec(text);
  if (m) cands.push({ index: m.index, wall: at(dayStart(ref, weekdayOffset(ref, m[1], m[2])), 23, 59) });
  m = PERIOD_END_RE.exec(text);
  if (m) {
    const w = m[1] ? at(dayStart(ref, 6 - ref.dow), 23, 59) : m[2] ? at(Date.UTC(ref.y, ref.m, 0), 23, 59) : at(Date.UTC(ref.y, 11, 31), 23, 59);
    cands.push({ index: m.index, wall: w });
  }
  m = FESTIVAL_BEFORE_RE.exec(text);
  if (m) {
    // Before a holiday is by its eve; 除夕 and 元宵 are evenings themselves, so before them is by that evening.
    const evening = EVENING_FESTIVALS.test(m[1]);
    const by = (y: number) => (evening ? at(festivalDay(m![1], y), 18, 0) : at(festivalDay(m![1], y) - DAY, 23, 59));
    let wall = by(ref.y);
    if (wall < dayStart(ref)) wall = by(ref.y + 1);
    cands.push({ index: m.index, wall });
  }
  m = DATE_DUE_RE.exec(text);
  if (m) {
    const mon = m[1] ? num(m[1]) : ref.m, d = num(m[2]);
    if (mon >= 1 && mon <= 12 && d >= 1 && d <= 31) {
      let w = at(Date.UTC(ref.y, mon - 1, d), 23, 59);
      if (w < dayStart(ref)) w = m[1] ? at(Date.UTC(ref.y + 1, mon - 1, d), 23, 59) : at(Date.UTC(ref.y, mon, d), 23, 59);
      cands.push({ index: m.index, wall: w });
    }
  }
  if (cands.length === 0) {
    for (const c of chronoWall(text, ref, true)) {
      if (DEADLINE_AFTER.test(text.slice(c.end, c.end + 3))) { cands.push({ index: c.index, wall: c.wall }); break; }
    }
  }
  if (!cands.length) return null;
  cands.sort((a, b) => a.index - b.index);
  return wallIso(cands[0].wall);
}

/** 明天上午来拉 / 后天来 / 周四能到 / 今天下午派人上门: the day a grid worker's plan names, for a ticket in progress. */
const PLAN_AFTER = /^[^，。！？\s]{0,6}?(?:来|去|到|过去|上门|派人|修|拉|拖|换|处理|谈|见面|碰头|帮忙)/u;
/** 今天上午去17号看了: done already, not a plan. */
const DONE_AFTER = /^[^，。！？\s]{0,8}了/u;
export function plannedAt(text: string, ref: Ref): string | null {
  for (const p of phrases(text, ref)) {
    const after = text.slice(p.end, p.end + 12);
    if (p.dayGiven && p.deadlineWall >= dayStart(ref) && PLAN_AFTER.test(after) && !DONE_AFTER.test(after)) return wallIso(p.deadlineWall);
  }
  const w = weekdayThen(text, ref, PLAN_AFTER);
  return w ? wallIso(w.wall) : null;
}

/** The first weekday (下礼拜一, 周四下午) followed by what `then` asks for: its end, or the end of its part of day. */
function weekdayThen(text: string, ref: Ref, then: RegExp): { index: number; wall: number } | null {
  WEEKDAY_ASK_RE.lastIndex = 0;
  for (let w = WEEKDAY_ASK_RE.exec(text); w; w = WEEKDAY_ASK_RE.exec(text)) {
    if (!then.test(text.slice(w.index + w[0].length, w.index + w[0].length + 14))) continue;
    const day = dayStart(ref, weekdayOffset(ref, w[1], w[2]));
    const part = w[3] ? PART_HOURS[w[3]] : undefined;
    return { index: w.index, wall: part ? at(day, part[1], 0) : at(day, 23, 59) };
  }
  return null;
}

// ---------------------------------------------------------------- ranges for stats
const WEEK_WORDS: [RegExp, number][] = [
  [/^(?:上上周|上上个?星期|上上个?礼拜)/, -2], [/^(?:上周|上个?星期|上个?礼拜)/, -1],
  [/^(?:下周|下个?星期|下个?礼拜)/, 1], [/^(?:本周|这周|这个?星期|本星期|这个?礼拜|本礼拜|本週)/, 0],
];
const RANGE_RE = new RegExp([
  // 11月20号到25号, 11月20日至11月25日, 20号到25号
  `(?:(${Z}{1,2})\\s*月)?\\s*(${Z}{1,3})\\s*(?:日|号)?\\s*(?:到|至|-|~|～|—)\\s*(?:(${Z}{1,2})\\s*月)?\\s*(${Z}{1,3})\\s*(?:日|号)`,
  // 11.20-11.25, 11/20-11/25
  `(\\d{1,2})[./](\\d{1,2})\\s*(?:到|至|-|~|～|—)\\s*(?:(\\d{1,2})[./])?(\\d{1,2})`,
  // 2026年11月 / 11月份 / 十一月 (a whole month) / 11月20号 (a day)
  `(?:(\\d{4})\\s*年)?\\s*(${Z}{1,2})\\s*月(?:份)?(?:\\s*(${Z}{1,3})\\s*(?:日|号))?`,
  // weeks, days, months, recent periods (上礼拜一共: 一共 is a word, not Monday)
  `(上上周|上上个?星期|上上个?礼拜|上周|上个?星期|上个?礼拜|下周|下个?星期|下个?礼拜|本周|这周|这个?星期|本星期|这个?礼拜|本礼拜)(末)?(?:[ \\t]?((?:一(?![共直起样定些般])|[二三四五六日天1-7])(?![个天次件家户号栋楼座年月周位名期]))(?:\\s*(?:到|至|-|~)\\s*(?:周|星期|礼拜)?\\s*([一二三四五六日天1-7]))?)?`,
  `(这个?周末|本周末)`,
  `(上上个?月|上个?月|下个?月|本月|这个?月|当月)`,
  `(?:最近|近|过去|这(?=\\s*[两二三四五六七八九十2-9]))\\s*(${Z}{1,3}|半)?\\s*(个)?\\s*(天|日|周|星期|礼拜|月)`,
  `(今天|今日|今儿|昨天|昨日|昨儿|前天|大前天)`,
  // 今年上半年, 下半年; 第一季度, 去年四季度 (before 今年 alone, which would win the alternation)
  `(今年|本年|去年|前年)?\\s*(上半年|下半年)`,
  `(今年|本年|去年|前年)?\\s*第?\\s*([一二三四1-4])\\s*季度`,
  `(今年|本年|去年|前年)`,
  `(本季度|这个?季度|上个?季度)`,
].map((s) => `(?:${s})`).join('|'), 'u');

/** 双十一以来, 国庆以后: from the festival's last date (fixed solar dates only; lunar ones need a calendar) to today. */
const FESTIVAL_DAYS: Record<string, [number, number]> = {
  双十一: [11, 11], 双11: [11, 11], 双十二: [12, 12], 双12: [12, 12], 国庆: [10, 1], 国庆节: [10, 1], 元旦: [1, 1],
  五一: [5, 1], 劳动节: [5, 1], 六一: [6, 1], 儿童节: [6, 1], 高考: [6, 7], 七一: [7, 1], 建党节: [7, 1], 八一: [8, 1], 建军节: [8, 1],
};
/** The lunar festivals, by their month and day of the Chinese calendar; those of the 12th month fall in January or
 * February of the next year, and 除夕 is the day before 春节. */
const LUNAR_DAYS: Record<string, [number, number]> = {
  春节: [1, 1], 大年初一: [1, 1], 过年: [1, 1], 元宵: [1, 15], 元宵节: [1, 15], 正月十五: [1, 15], 端午: [5, 5], 端午节: [5, 5],
  七夕: [7, 7], 中秋: [8, 15], 中秋节: [8, 15], 八月十五: [8, 15], 重阳: [9, 9], 重阳节: [9, 9], 腊八: [12, 8], 小年: [12, 23],
  初一: [1, 1], 初二: [1, 2], 初三: [1, 3], 初四: [1, 4], 初五: [1, 5], 初六: [1, 6], 初七: [1, 7], 初八: [1, 8], 初九: [1, 9], 初十: [1, 10],
  // 腊月二十三, 正月初八, 腊月廿八: any day of the two months people date the New Year by
  ...Object.fromEntries([['正月', 1], ['腊月', 12]].flatMap(([m, n]) => lunarDayNames().map(([name, d]) => [`${m}${name}`, [n, d]]))),
};
/** 初一…初十, 十一…十九, 二十, 二十一/廿一…二十九/廿九, 三十. */
function lunarDayNames(): [string, number][] {
  const digit = '一二三四五六七八九';
  const out: [string, number][] = [];
  for (let d = 1; d <= 30; d++) {
    if (d <= 10) out.push([`初${d === 10 ? '十' : digit[d - 1]}`, d]);
    else if (d < 20) out.push([`十${digit[d - 11]}`, d]);
    else if (d === 20) out.push(['二十', d]);
    else if (d < 30) out.push([`二十${digit[d - 21]}`, d], [`廿${digit[d - 21]}`, d]);
    else out.push(['三十', d]);
  }
  return out;
}
// The Chinese calendar is the platform's: node's ICU formats any day as its lunar month and day (a leap month is
// marked, so 闰五月 is never taken for the fifth). A festival's day is found by walking its year once, then remembered.
const LUNAR_FMT = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
function lunarOf(day: number): { month: string; day: number } {
  const parts = LUNAR_FMT.formatToParts(new Date(day));
  return { month: parts.find((p) => p.type === 'month')?.value ?? '', day: Number(parts.find((p) => p.type === 'day')?.value) };
}
const lunarCache = new Map<string, number>();
/** The day in Gregorian year y that is day d of lunar month m (the 12th month's days fall in January or February). */
function lunarDayIn(y: number, m: number, d: number): number {
  const key = `${y}-${m}-${d}`;
  let hit = lunarCache.get(key);
  if (hit === undefined) {
    hit = NaN;
    for (let day = Date.UTC(y, 0, 1); day < Date.UTC(y + 1, 0, 1); day += DAY) {
      const l = lunarOf(day);
      if (l.month === String(m) && l.day === d) { hit = day; break; }
    }
    lunarCache.set(key, hit);
  }
  return hit;
}
/** The first day of the lunar month a day falls in. */
function monthStartBefore(day: number): number {
  return day - (lunarOf(day).day - 1) * DAY;
}
/** The latest day of a festival that has come by the reference day (`lead`: how early it counts as come). */
function latestFestival(name: string, ref: Ref, lead = 0): number {
  const day = festivalDay(name, ref.y);
  return day - lead > dayStart(ref) ? festivalDay(name, ref.y - 1) : day;
}
/** The day a festival falls on in a (Gregorian) year: 清明 is a solar term, 4 or 5 April (the 21st century's rule). */
function festivalDay(name: string, y: number): number {
  if (name === '清明' || name === '清明节') return Date.UTC(y, 3, Math.floor((y % 100) * 0.2422 + 4.81) - Math.floor((y % 100) / 4));
  if (name === '除夕' || name === '大年三十') return festivalDay('春节', y) - DAY;
  const lunarDay = LUNAR_DAYS[name];
  if (lunarDay) return lunarDayIn(y, lunarDay[0], lunarDay[1]);
  const [mon, day] = FESTIVAL_DAYS[name];
  return Date.UTC(y, mon - 1, day);
}
const FESTIVALS = [...Object.keys(FESTIVAL_DAYS), ...Object.keys(LUNAR_DAYS), '清明节', '清明', '除夕', '大年三十'].sort((a, b) => b.length - a.length).join('|');
/** 五一前必须得清走: the day before the festival. */
const FESTIVAL_BEFORE_RE = new RegExp(`(${FESTIVALS})\\s*(?:节)?\\s*(?:长假|假期|放假|假)?\\s*(?:之前|以前|前)`, 'u');
/** 清明那天 / 五一那天晚上: the festival's own day, the latest one that has come. */
const FESTIVAL_ON_RE = new RegExp(`(${FESTIVALS})\\s*(?:节)?\\s*(?:那天|当天|那晚|那天晚上|那会儿)`, 'u');
/** 三号那天下午: a day of the month said of something seen (not 3号楼, not 5号来修). */
const DAY_OF_MONTH_RE = new RegExp(`(?<![0-9零〇一二两三四五六七八九十#＃第])([0-9]{1,2}|[一二三四五六七八九十]{1,3})号\\s*(?:那天|那日|当天)\\s*(${PART_RE})?`, 'u');
/** 上礼拜天, 这周一, 星期三: a weekday said of something seen, the latest one that has come. */
const PAST_WEEKDAY_RE = /(上上|上|这|本)?个?(?:周|星期|礼拜)([一二三四五六日天1-7])/u;
const FESTIVAL_SINCE_RE = new RegExp(`(${FESTIVALS})\\s*(?:以来|至今|到现在|之后|以后|过后)`, 'u');
const EVENING_FESTIVALS = /^(?:除夕|大年三十|元宵|元宵节|正月十五)$/u;
/** 除夕到初六, 小年到除夕: from one festival to the next. */
const FESTIVAL_SPAN_RE = new RegExp(`(${FESTIVALS})\\s*(?:节)?\\s*(?:到|至|-|~|～)\\s*(${FESTIVALS})`, 'u');
/** 整个腊月 / 正月里: a month of the lunar calendar. */
const LUNAR_MONTH_RE = /(腊月|正月)/u;
/** 清明前后那几天: the day before to the day after. */
const FESTIVAL_AROUND_RE = new RegExp(`(${FESTIVALS})\\s*(?:节)?\\s*前后`, 'u');
/** 除夕到初六 / 国庆以来 / 腊月里: a period named by the festivals (maskRanges sees only the calendar's words). */
export const namesFestivalPeriod = (text: string): boolean => FESTIVAL_SPAN_RE.test(text) || FESTIVAL_SINCE_RE.test(text) || FESTIVAL_AROUND_RE.test(text);

/** 3月上旬, 上个月下半月, 这个月月底: part of the month just named. */
const MONTH_PART_RE = /^\s*(?:的)?\s*(上旬|中旬|下旬|上半月|下半月|月初|月中|月底|月末)/u;
const DAYS_OF_MONTH_RE = new RegExp(`^\\s*的?\\s*(${Z}{1,3})\\s*[号日]\\s*(?:到|至|-|~|～)\\s*(${Z}{1,3})\\s*[号日]`, 'u');
/** 截至昨天, 截止到今天: the period cut at that day (right after it or later in the message). */
const CUT_AT_RE = /(?:截至|截止到?)\s*(昨天|昨日|今天|今日|前天|现在|目前)/u;
/** The day a cut falls on, from today: 截至昨天 -1, 截至前天 -2, 截至今天 / 目前 0. */
const cutOffset = (word: string): number => (word.startsWith('昨') ? -1 : word.startsWith('前') ? -2 : 0);

const RANGE_RE_G = new RegExp(RANGE_RE.source, 'gu');
/** Every Chinese character a period expression can be made of (a cheap prefilter for callers). */
export const RANGE_CHARS = [...new Set((RANGE_RE.source + FESTIVAL_SINCE_RE.source).match(/\p{Script=Han}/gu) ?? [])].join('');

/** The text with every period expression (本周, 上个月, 11月20号到25号 …) blanked; `found` says whether there was one. */
export function maskRanges(text: string): { masked: string; found: boolean } {
  let found = false;
  const masked = text.replace(RANGE_RE_G, (s) => {
    if (s === '') return s;
    found = true;
    return '　'.repeat(s.length);
  });
  return { masked, found };
}

/** 上旬 1-10, 中旬 11-20, 下旬 21 to the end; 上半月 1-15, 下半月 16 to the end; 月初/月底 the first/last ten days. */
function monthPart(month: DateRange, part: string): DateRange {
  const ym = month.from.slice(0, 8);
  const end = month.to.slice(8);
  const [a, b] = part === '上旬' || part === '月初' ? ['01', '10'] : part === '中旬' || part === '月中' ? ['11', '20'] : part === '上半月' ? ['01', '15'] : part === '下半月' ? ['16', end] : ['21', end];
  return { from: ym + a, to: ym + b };
}

function monthRange(y: number, m: number): DateRange {
  return range(Date.UTC(y, m - 1, 1), Date.UTC(y, m, 0));
}

/** The period a stats or tickets query asks about; null when it names none. */
export function findRange(text: string, ref: Ref): DateRange | null {
  // 这个礼拜 嗯 不对 这个月 七月份的数: the period said after taking one back
  const after = afterLastCorrection(text);
  if (after > 0) {
    const r = periodIn(text.slice(after), ref);
    if (r) return r;
  }
  return periodIn(text, ref);
}

function periodIn(text: string, ref: Ref): DateRange | null {
  // 前两个月咱们社区一共处理了多少件: that many whole months before this one
  const before = /前\s*([两二三四五六2-6])\s*个\s*月(?!前|之前|以前)/u.exec(text);
  if (before) {
    const n = zhToInt(before[1]);
    return range(Date.UTC(ref.y, ref.m - 1 - n, 1), Date.UTC(ref.y, ref.m - 1, 0));
  }
  // 截至今天 今年一共报了多少 / 今年以来: the year so far
  // (今年截至昨天: cut at yesterday)
  if (/今年/u.test(text) && /截至|截止|以来|到现在|到今天|至今|到目前/u.test(text)) {
    const cut = CUT_AT_RE.exec(text);
    return range(Date.UTC(ref.y, 0, 1), dayStart(ref, cut ? cutOffset(cut[1]) : 0));
  }
  // 十一放假那七天 / 国庆这几天 / 国庆假期: the National Day holiday, 1-7 October, the latest one begun
  if (/(?:国庆|十一)\s*(?:放假|假期|长假|七天|那七天|这几天|那几天|期间|黄金周)/u.test(text)) {
    const from = latestFestival('国庆', ref);
    return range(from, from + 6 * DAY);
  }
  // 上个月和这个月到现在 各网格的办结率: both months as one stretch (with 比 they are compared, and the first is asked)
  const both = /上个?月\s*(?:和|跟|加上|与)\s*(?:这|本)个?月\s*(到现在|到今天|至今|到目前)?/u.exec(text);
  if (both && !/比/u.test(text)) return range(Date.UTC(ref.y, ref.m - 2, 1), both[1] ? dayStart(ref) : Date.UTC(ref.y, ref.m, 0));
  const f = FESTIVAL_SINCE_RE.exec(text);
  if (f) {
    return range(latestFestival(f[1], ref), dayStart(ref));
  }
  // 从月初到今天 / 月初以来: this month so far
  if (/月初\s*(?:到|至|以来)\s*(?:今天|现在|目前|今儿)?/u.test(text)) return range(Date.UTC(ref.y, ref.m - 1, 1), dayStart(ref));
  const span = FESTIVAL_SPAN_RE.exec(text);
  if (span) {
    const from = latestFestival(span[1], ref);
    let to = festivalDay(span[2], new Date(from).getUTCFullYear());
    if (to < from) to = festivalDay(span[2], new Date(from).getUTCFullYear() + 1);
    return range(from, to);
  }
  const lm = LUNAR_MONTH_RE.exec(text);
  if (lm) {
    // the latest one that has begun: 腊月 ends the day before 春节, 正月 begins with it
    const start = (y: number) => (lm[1] === '腊月' ? festivalDay('春节', y) - 29 * DAY : festivalDay('春节', y));
    let y = ref.y;
    if (start(y) > dayStart(ref)) y--;
    const from = lm[1] === '腊月' ? monthStartBefore(festivalDay('春节', y) - DAY) : festivalDay('春节', y);
    const to = lm[1] === '腊月' ? festivalDay('春节', y) - DAY : monthStartBefore(festivalDay('春节', y) + 31 * DAY) - DAY;
    return range(from, to);
  }
  const around = FESTIVAL_AROUND_RE.exec(text);
  if (around) {
    const day = latestFestival(around[1], ref, DAY);
    return range(day - DAY, day + DAY);
  }
  const m = RANGE_RE.exec(text);
  if (!m) return null;
  let first = rangeOf(m, ref);
  if (!first) return null;
  let after = text.slice(m.index + m[0].length);
  const part = MONTH_PART_RE.exec(after);
  if (part && first.from.slice(8) === '01' && first.to.slice(0, 7) === first.from.slice(0, 7)) {
    first = monthPart(first, part[1]);
    after = after.slice(part[0].length);
  }
  // 这个月1号到15号: days of the month just named
  const days = first.from.slice(8) === '01' && first.to.slice(0, 7) === first.from.slice(0, 7) ? DAYS_OF_MONTH_RE.exec(after) : null;
  if (days) {
    const d1 = num(days[1]), d2 = num(days[2]);
    const ym = first.from.slice(0, 8);
    if (d1 >= 1 && d2 >= d1 && d2 <= Number(first.to.slice(8))) return { from: ym + String(d1).padStart(2, '0'), to: ym + String(d2).padStart(2, '0') };
  }
  // (…今天先给我出一个 截止到今天的: said anywhere after the period)
  const cut = CUT_AT_RE.exec(after);
  if (cut) {
    const end = wallDate(dayStart(ref, cutOffset(cut[1])));
    if (end >= first.from) return { from: first.from, to: end < first.to ? end : first.to };
  }
  // 12月份以来, 上周一至今: up to today
  if (/^\s*(?:以来|至今|到现在|到目前|到今天)/u.test(after)) {
    const today = wallDate(dayStart(ref));
    if (first.from <= today) return { from: first.from, to: today };
  }
  // 12月1号到昨天, 上周五到今天, 11月到现在: the first period's start to the second one's end
  const tail = /^\s*(?:到|至|-|~|～|—|一直到)\s*/u.exec(after);
  if (tail) {
    const rest = after.slice(tail[0].length);
    if (/^(?:现在|目前|今天为止|至今|当前|眼下)/u.test(rest)) return { from: first.from, to: wallDate(dayStart(ref)) };
    const m2 = RANGE_RE.exec(rest);
    if (m2 && m2.index === 0) {
      const second = rangeOf(m2, ref);
      if (second && second.to >= first.from) return { from: first.from, to: second.to };
    }
  }
  return first;
}

function rangeOf(m: RegExpExecArray, ref: Ref): DateRange | null {
  const g = m.slice(1);
  const today = dayStart(ref);
  const monday = dayStart(ref, -ref.dow);
  // 1-4: Chinese date range
  if (g[1] !== undefined && g[3] !== undefined) {
    const m1 = g[0] ? num(g[0]) : ref.m, d1 = num(g[1]);
    const m2 = g[2] ? num(g[2]) : m1, d2 = num(g[3]);
    let y1 = ref.y;
    if (Date.UTC(y1, m1 - 1, d1) > today) y1--;
    const y2 = m2 < m1 ? y1 + 1 : y1;
    return range(Date.UTC(y1, m1 - 1, d1), Date.UTC(y2, m2 - 1, d2));
  }
  // 5-8: dotted range
  if (g[4] !== undefined) {
    const m1 = Number(g[4]), d1 = Number(g[5]), m2 = g[6] ? Number(g[6]) : m1, d2 = Number(g[7]);
    if (m1 >= 1 && m1 <= 12 && d1 >= 1 && d1 <= 31) {
      let y1 = ref.y;
      if (Date.UTC(y1, m1 - 1, d1) > today) y1--;
      return range(Date.UTC(y1, m1 - 1, d1), Date.UTC(m2 < m1 ? y1 + 1 : y1, m2 - 1, d2));
    }
  }
  // 9-11: month or day
  if (g[9] !== undefined) {
    const mon = num(g[9]);
    if (mon >= 1 && mon <= 12) {
      let y = g[8] ? Number(g[8]) : ref.y;
      if (!g[8] && mon > ref.m) y--;
      if (g[10] !== undefined) { const d = num(g[10]); return range(Date.UTC(y, mon - 1, d), Date.UTC(y, mon - 1, d)); }
      return monthRange(y, mon);
    }
  }
  // 12-15: weeks
  if (g[11] !== undefined) {
    let off = 0;
    for (const [re, o] of WEEK_WORDS) if (re.test(g[11])) { off = o; break; }
    const mon = monday + off * 7 * DAY;
    if (g[12]) return range(mon + 5 * DAY, mon + 6 * DAY);
    if (g[13] !== undefined) return range(mon + WEEKDAY[g[13]] * DAY, mon + WEEKDAY[g[14] ?? g[13]] * DAY);
    return range(mon, mon + 6 * DAY);
  }
  if (g[15] !== undefined) return range(monday + 5 * DAY, monday + 6 * DAY);
  if (g[16] !== undefined) {
    const w = g[16];
    const off = w.startsWith('上上') ? -2 : w.startsWith('上') ? -1 : w.startsWith('下') ? 1 : 0;
    const d = new Date(Date.UTC(ref.y, ref.m - 1 + off, 1));
    return monthRange(d.getUTCFullYear(), d.getUTCMonth() + 1);
  }
  if (g[19] !== undefined) {
    const n = g[17] === undefined ? 1 : g[17] === '半' ? 0.5 : num(g[17]);
    if (!Number.isFinite(n) || n <= 0) return null;
    const unit = g[19];
    if (unit === '天' || unit === '日') return range(today - (Math.ceil(n) - 1) * DAY, today);
    if (unit === '月') {
      if (n === 0.5) return range(today - 14 * DAY, today);
      return range(Date.UTC(ref.y, ref.m - 1 - n, ref.d + 1), today);
    }
    // 这两周 counts whole weeks (from last week's Monday); 最近两周 the last fourteen days
    if (m[0].startsWith('这')) return range(monday - (Math.round(n) - 1) * 7 * DAY, today);
    return range(today - (Math.round(n * 7) - 1) * DAY, today);
  }
  if (g[20] !== undefined) {
    const w = g[20];
    const off = w.startsWith('大前') ? -3 : w.startsWith('前') ? -2 : w.startsWith('昨') ? -1 : 0;
    return range(today + off * DAY, today + off * DAY);
  }
  const yearOf = (w: string | undefined) => (w === '去年' ? ref.y - 1 : w === '前年' ? ref.y - 2 : ref.y);
  // 21-24: half years and numbered quarters; with no year named, the latest one that has begun
  if (g[22] !== undefined || g[24] !== undefined) {
    const [w, first, months] = g[22] !== undefined ? [g[21], g[22] === '上半年' ? 0 : 6, 6] : [g[23], (num(g[24]) - 1) * 3, 3];
    let y = yearOf(w);
    if (!w && Date.UTC(y, first, 1) > today) y--;
    return range(Date.UTC(y, first, 1), Date.UTC(y, first + months, 0));
  }
  if (g[25] !== undefined) {
    const y = yearOf(g[25]);
    return range(Date.UTC(y, 0, 1), Date.UTC(y, 11, 31));
  }
  if (g[26] !== undefined) {
    let q = Math.floor((ref.m - 1) / 3);
    let y = ref.y;
    if (g[26].startsWith('上')) { q--; if (q < 0) { q = 3; y--; } }
    return range(Date.UTC(y, q * 3, 1), Date.UTC(y, q * 3 + 3, 0));
  }
  return null;
}
