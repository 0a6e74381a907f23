// The 台账 as a street office reads it: Chinese headers, names instead of userids, hours to close.
import { categoryZh, placeZh, RECORD_ZH, STATUS_ZH } from '../domain/categories.js';
import type { Roster } from '../roster/types.js';
import type { LedgerRow } from '../store/ledger.js';
import { hoursBetween } from '../time.js';

export const LEDGER_HEADERS = [
  '序号', '编号', '类别', '日期', '反映人', '问题类型', '位置', '问题描述', '责任网格员', '网格', '状态', '办结时间', '用时(小时)', '照片数', '反映人数', '重开次数', '消息编号',
] as const;

const day = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '');

export function ledgerTableRow(r: LedgerRow, i: number, roster: Roster | null): (string | number)[] {
  const name = (u: string | null) => (u ? roster?.person(u)?.name ?? u : '');
  const kind = r.kind === 'ticket' ? '工单' : `记录·${RECORD_ZH[r.intent as keyof typeof RECORD_ZH] ?? r.intent}`;
  const hours = r.kind === 'ticket' && r.resolved_at ? Math.round(hoursBetween(r.created_at, r.resolved_at) * 10) / 10 : '';
  return [
    i + 1, r.kind === 'ticket' ? `#${r.id}` : String(r.id), kind, day(r.created_at), name(r.reporter),
    r.category ? categoryZh(r.category) : '', placeZh(r.location), r.text, name(r.assignee), r.grid ? roster?.grid(r.grid)?.name ?? r.grid : '',
    r.kind === 'ticket' ? STATUS_ZH[r.status] ?? r.status : '已完成', day(r.resolved_at), hours, r.photos,
    r.report_count ?? '', r.reopen_count ?? '', r.source_msgids.join(' '),
  ];
}

/** RFC 4180 quoting; a leading = + - @ is defused so Excel never runs a resident's text as a formula. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(headers: readonly string[], rows: (string | number)[][]): string {
  // The BOM makes Excel open UTF-8 as UTF-8, so Chinese shows instead of mojibake.
  return '\uFEFF' + [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
