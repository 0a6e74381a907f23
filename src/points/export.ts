// The points sheet of the 台账: month-end balances per volunteer and category, then every entry that made them.
import type { Sheet } from '../export/xlsx.js';
import type { Roster } from '../roster/types.js';
import type { Db } from '../store/db.js';
import { listEntries, type PointsEntry } from '../store/points.js';
import { POINT_CATEGORIES, POINT_CATEGORY_ZH, pointCategoryZh } from './categories.js';
import { monthBounds } from './month.js';

const KIND_ZH: Record<string, string> = { credit: '获得', debit: '兑换扣分', reversal: '撤回', adjustment: '人工调整' };
const SOURCE_ZH: Record<string, string> = { ticket: '工单', record: '工作记录', redemption: '兑换', admin: '管理员' };

export const POINTS_BALANCE_HEADERS = ['月份', '姓名', '社区', ...POINT_CATEGORIES.map((c) => POINT_CATEGORY_ZH[c]), '本月获得', '本月兑换', '月末余额'] as const;
export const POINTS_ENTRY_HEADERS = ['序号', '时间', '姓名', '社区', '类别', '积分', '类型', '事由', '来源', '来源编号', '经办', '系统/人工'] as const;

/**
 * One sheet: per month and person, the points earned in each category, spent, and the balance at the month's end;
 * below it, the entries themselves. `month` (YYYY-MM) limits it to one month (balances still count everything before).
 */
export function pointsSheet(db: Db, roster: Roster | null, o: { community?: string; month?: string } = {}): Sheet {
  const name = (u: string) => (u === 'system' ? '系统' : roster?.person(u)?.name ?? u);
  const communityName = (c: string) => roster?.community(c)?.name ?? c;
  const to = o.month ? monthBounds(o.month).to : undefined;
  const all = listEntries(db, { community: o.community, toIso: to });
  const shown = o.month ? all.filter((e) => e.at >= monthBounds(o.month!).from) : all;

  // Month-end balances: walk every entry in order, closing each month for everyone who had entries by then.
  const months = [...new Set(all.map((e) => e.at.slice(0, 7)))].sort();
  const balances: (string | number)[][] = [];
  const running = new Map<string, number>();
  const byMonth = new Map<string, PointsEntry[]>();
  for (const e of all) {
    const m = e.at.slice(0, 7);
    if (!byMonth.has(m)) byMonth.set(m, []);
    byMonth.get(m)!.push(e);
  }
  for (const m of months) {
    const es = byMonth.get(m) ?? [];
    const people = new Map<string, { community: string; cats: Map<string, number>; earned: number; spent: number }>();
    for (const e of es) {
      const key = e.userid;
      let p = people.get(key);
      if (!p) people.set(key, (p = { community: e.community, cats: new Map(), earned: 0, spent: 0 }));
      if (e.kind === 'debit') p.spent += -e.points;
      else {
        p.earned += e.points;
        if (e.category) p.cats.set(e.category, (p.cats.get(e.category) ?? 0) + e.points);
      }
      running.set(key, (running.get(key) ?? 0) + e.points);
    }
    if (o.month && m !== o.month) continue;
    // Everyone with a balance carried into the month appears, even without entries in it.
    const who = [...running.keys()].filter((u) => people.has(u) || running.get(u) !== 0)
      .map((u) => ({ u, community: people.get(u)?.community ?? all.find((e) => e.userid === u)!.community }))
      .sort((a, b) => a.community.localeCompare(b.community) || name(a.u).localeCompare(name(b.u), 'zh-CN'));
    for (const { u, community } of who) {
      const p = people.get(u);
      balances.push([m, name(u), communityName(community), ...POINT_CATEGORIES.map((c) => p?.cats.get(c) ?? 0), p?.earned ?? 0, p?.spent ?? 0, running.get(u) ?? 0]);
    }
  }

  const entries = shown.map((e, i) => [
    i + 1, `${e.at.slice(0, 10)} ${e.at.slice(11, 16)}`, name(e.userid), communityName(e.community), pointCategoryZh(e.category),
    e.points, KIND_ZH[e.kind] ?? e.kind, e.reason, SOURCE_ZH[e.source] ?? e.source, e.source === 'ticket' ? `#${e.source_id}` : e.source_id,
    name(e.actor), e.manual ? '人工' : '系统',
  ]);

  return {
    name: '积分',
    headers: POINTS_BALANCE_HEADERS,
    rows: [...balances, [], ['积分明细'], [...POINTS_ENTRY_HEADERS], ...entries],
  };
}
