// Every Chinese text the scheduled jobs post: the overdue reminder, the evening summary, the Monday report.
import type { Figures, TicketFigures, WorkFigures } from '../store/stats.js';

/** 11月28日 */
export const dayZh = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** 超期5小时 / 超期3天 */
export function overdueZh(ms: number): string {
  const h = Math.floor(ms / 3600_000);
  if (h < 1) return '超期不到1小时';
  return h < 48 ? `超期${h}小时` : `超期${Math.floor(h / 24)}天`;
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

export interface ReminderLine {
  id: number;
  category: string;
  /** null for sensitive categories: their details stay out of the group. */
  place: string | null;
  overdueMs: number;
  /** Overdue by more than its own deadline again (twice the time allowed). */
  doubly: boolean;
}

export const reminders = {
  /** One message per grid worker per group. */
  forWorker: (worker: string, lines: ReminderLine[], secretaries: string[]) => [
    `超期提醒（${worker}）：${lines.length}件工单已过办结时限，请尽快处理，办完回复“#编号 已处理”`,
    ...lines.map(line),
    ...(lines.some((l) => l.doubly) ? [`标“‼”的已超时限一倍以上，请${secretaries.join('、') || '社区书记'}督办。`] : []),
  ].join('\n'),
  /** Overdue tickets nobody was assigned: the secretary decides who takes them. */
  unassigned: (lines: ReminderLine[]) => [
    `超期提醒：${lines.length}件工单未分派且已过办结时限，请书记指定网格员`,
    ...lines.map(line),
  ].join('\n'),
};

function line(l: ReminderLine): string {
  return [`#${l.id} ${l.category}`, l.place, overdueZh(l.overdueMs)].filter(Boolean).join(' · ') + (l.doubly ? ' ‼' : '');
}

function workZh(w: WorkFigures): string {
  const parts = [['随手做', w.self_handled], ['巡查', w.patrol], ['走访', w.visit], ['调解', w.mediation]] as const;
  return parts.filter(([, n]) => n > 0).map(([k, n]) => `${k}${n}次`).join('、');
}

function thanks(names: string[]): string {
  if (!names.length) return '';
  return `感谢 ${names.join('、')}${names.length > 1 ? ' 等' : ' '}管家！`;
}

/** 富饶社区 11月28日 小结：新报5件，办结3件，未办结7件（超期2件）；随手做4次、巡查6次。感谢 陈建国、侯桂芳 等管家！ */
export function dailySummary(community: string, date: string, f: Figures, volunteers: string[]): string {
  const work = workZh(f.work);
  const tickets = `新报${f.created}件，办结${f.resolved}件，未办结${f.openNow}件${f.overdue ? `（超期${f.overdue}件）` : ''}`;
  return `**${community} ${dayZh(date)} 小结**：${tickets}${work ? `；${work}` : ''}。${thanks(volunteers)}`;
}

function gridFigures(f: TicketFigures): string {
  return `新报${f.created}件，办结${f.resolved}件，结案率${pct(f.closeRate)}，按期结案率${pct(f.onTimeRate)}，`
    + `办结用时中位数${f.medianHours === null ? '—' : `${f.medianHours}小时`}，重开${f.reopened}件`;
}

export interface WeeklyGrid {
  name: string;
  worker: string | null;
  figures: TicketFigures | null;
}

/** Last week by grid; markdown (headers, bold, quotes), which the group robot renders and which @-s nobody. */
export function weeklyReport(community: string, monday: string, sunday: string, f: Figures, grids: WeeklyGrid[], volunteers: string[]): string {
  const work = workZh(f.work);
  return [
    `### ${community} 上周工作周报（${dayZh(monday)}—${dayZh(sunday)}）`,
    `**全社区**：${gridFigures(f)}；目前未办结${f.openNow}件${f.overdue ? `（超期${f.overdue}件）` : ''}`,
    ...grids.map((g) => `> **${g.name}**${g.worker ? `（${g.worker}）` : ''}：${g.figures ? gridFigures(g.figures) : '上周无工单'}`),
    ...(work ? [`志愿服务：${work}`] : []),
    ...(volunteers.length ? [thanks(volunteers)] : []),
  ].join('\n');
}

export const UNGRIDDED = '未分网格';
