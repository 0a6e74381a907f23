// The monthly 台账 a community hands the street office: every ticket, every work record, and the month's figures by
// grid, in one xlsx. The figures come from the same `figures()` as the chat replies, so the numbers agree.
import { categoryZh, CATEGORY_ZH, placeZh, RECORD_ZH } from '../domain/categories.js';
import { gridShortName } from '../desk/permissions.js';
import type { Roster } from '../roster/types.js';
import type { Db } from '../store/db.js';
import { ledgerRows } from '../store/ledger.js';
import { figures, type Figures } from '../store/stats.js';
import { toShanghaiIso } from '../time.js';
import { LEDGER_HEADERS, ledgerTableRow } from './ledger-table.js';
import { writeXlsx, type Sheet } from './xlsx.js';

export const RECORD_HEADERS = ['序号', '编号', '类型', '日期', '管家', '网格', '位置', '内容', '照片数', '消息编号'] as const;

export interface MonthSpan { from: string; to: string; asOf: string }

/** [first day, first day of next month) of 'YYYY-MM', with what is open counted as of now or the month's end. */
export function monthSpan(month: string, now: Date): MonthSpan {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`month must be YYYY-MM, not "${month}"`);
  const y = Number(m[1]), mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  const from = `${month}-01T00:00:00+08:00`, to = `${next}-01T00:00:00+08:00`;
  const nowIso = toShanghaiIso(now);
  return { from, to, asOf: nowIso < to ? nowIso : to };
}

const rate = (r: number | null) => (r === null ? '' : Math.round(r * 1000) / 10);

function figureRows(cols: Figures[]): (string | number)[][] {
  const row = (label: string, get: (f: Figures) => string | number) => [label, ...cols.map(get)];
  const rows = [
    row('新报（件）', (f) => f.created),
    row('其中已办结', (f) => f.createdResolved),
    row('其中按期办结', (f) => f.createdOnTime),
    row('其中未办结', (f) => f.stillOpen),
    row('其中超期未办结', (f) => f.stillOpenOverdue),
    row('结案率(%)', (f) => rate(f.closeRate)),
    row('按期结案率(%)', (f) => rate(f.onTimeRate)),
    row('本月办结（含往月报的）', (f) => f.resolved),
    row('办结用时中位数(小时)', (f) => f.medianHours ?? ''),
    row('重新打开', (f) => f.reopened),
    row('月末未办结（全部）', (f) => f.openNow),
    row('月末超期（全部）', (f) => f.overdue),
  ];
  for (const c of Object.keys(CATEGORY_ZH)) {
    if (cols.some((f) => f.byCategory.some((x) => x.category === c))) {
      rows.push(row(`类别：${categoryZh(c)}`, (f) => f.byCategory.find((x) => x.category === c)?.n ?? 0));
    }
  }
  rows.push(
    row('管家上报', (f) => f.work.reports),
    row('随手做', (f) => f.work.self_handled),
    row('巡查', (f) => f.work.patrol),
    row('走访', (f) => f.work.visit),
    row('调解', (f) => f.work.mediation),
  );
  return rows;
}

/** The three sheets of one community's month: 工单, 工作记录, 统计. */
export function monthlySheets(db: Db, roster: Roster, communityId: string, month: string, now: Date): Sheet[] {
  const c = roster.community(communityId);
  if (!c) throw new Error(`unknown community ${communityId}`);
  const span = monthSpan(month, now);
  const rows = [...ledgerRows(db, { community: c.id, from: span.from, to: span.to })];
  const tickets = rows.filter((r) => r.kind === 'ticket');
  const records = rows.filter((r) => r.kind === 'record');
  const name = (u: string | null) => (u ? roster.person(u)?.name ?? u : '');
  const grids = roster.grids.filter((g) => g.community === c.id);
  const total = figures(db, { community: c.id }, span);
  const perGrid = grids.map((g) => figures(db, { community: c.id, grid: g.id }, span));
  return [
    { name: '工单', headers: LEDGER_HEADERS, rows: tickets.map((r, i) => ledgerTableRow(r, i, roster)) },
    {
      name: '工作记录', headers: RECORD_HEADERS,
      rows: records.map((r, i) => [
        i + 1, String(r.id), RECORD_ZH[r.intent as keyof typeof RECORD_ZH] ?? r.intent, `${r.created_at.slice(0, 10)} ${r.created_at.slice(11, 16)}`,
        name(r.reporter), r.grid ? (roster.grid(r.grid) ? gridShortName(roster, roster.grid(r.grid)!) : r.grid) : '',
        placeZh(r.location), r.text, r.photos, r.source_msgids.join(' '),
      ]),
    },
    { name: '统计', headers: [`${c.name} ${month}`, '全社区', ...grids.map((g) => gridShortName(roster, g))], rows: figureRows([total, ...perGrid]) },
  ];
}

export async function writeMonthlyXlsx(file: string, db: Db, roster: Roster, communityId: string, month: string, now = new Date()): Promise<{ tickets: number; records: number }> {
  const sheets = monthlySheets(db, roster, communityId, month, now);
  await writeXlsx(file, sheets);
  return { tickets: sheets[0].rows.length, records: sheets[1].rows.length };
}
