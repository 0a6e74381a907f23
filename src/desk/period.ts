// The period a question is about, and how the reply names it, so a wrong reading of "上周" shows at a glance.
import type { DateRange } from '../parse/types.js';
import type { Period } from '../store/stats.js';
import { addDays, mondayOf, shanghaiDate, toShanghaiIso } from '../time.js';

export interface DeskPeriod {
  range: DateRange;
  period: Period;
  /** 11月23日-11月29日（本周） */
  label: string;
}

const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

function lastDayOfMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** 本周 / 上周 / 本月 / 上月 / 今天 / 昨天 when the range is exactly one of them. */
function relativeName(r: DateRange, today: string): string | null {
  const mon = mondayOf(today);
  if (r.from === today && r.to === today) return '今天';
  const y = addDays(today, -1);
  if (r.from === y && r.to === y) return '昨天';
  if (r.from === mon && (r.to === addDays(mon, 6) || r.to === today)) return '本周';
  if (r.from === addDays(mon, -7) && r.to === addDays(mon, -1)) return '上周';
  const ym = today.slice(0, 7);
  if (r.from === `${ym}-01` && (r.to === lastDayOfMonth(ym) || r.to === today)) return '本月';
  const prev = addDays(`${ym}-01`, -1).slice(0, 7);
  if (r.from === `${prev}-01` && r.to === lastDayOfMonth(prev)) return '上月';
  return null;
}

export function rangeLabel(r: DateRange, today: string): string {
  const wholeMonth = r.from.endsWith('-01') && r.to === lastDayOfMonth(r.from.slice(0, 7));
  const year = r.from.slice(0, 4) !== today.slice(0, 4) ? `${r.from.slice(0, 4)}年` : '';
  const toYear = r.to.slice(0, 4) !== r.from.slice(0, 4) ? `${r.to.slice(0, 4)}年` : '';
  const span = wholeMonth ? `${year}${Number(r.from.slice(5, 7))}月`
    : r.from === r.to ? `${year}${md(r.from)}` : `${year}${md(r.from)}-${toYear}${md(r.to)}`;
  const rel = relativeName(r, today);
  return rel && rel !== span ? `${span}（${rel}）` : span;
}

/**
 * The range asked for, or this week when none was said. Figures about what is open and overdue are as of now, or as of
 * the period's end when it is over.
 */
export function deskPeriod(range: DateRange | null, now: Date): DeskPeriod {
  const today = shanghaiDate(now);
  const r = range ?? { from: mondayOf(today), to: today };
  const from = `${r.from}T00:00:00+08:00`;
  const to = `${addDays(r.to, 1)}T00:00:00+08:00`;
  const nowIso = toShanghaiIso(now);
  return { range: r, period: { from, to, asOf: nowIso < to ? nowIso : to }, label: rangeLabel(r, today) };
}
