// Figures and ticket lists as compact Chinese text for a phone screen, within WeCom's 2048-byte text limit.
import { categoryZh, placeZh, SENSITIVE } from '../domain/categories.js';
import type { Roster } from '../roster/types.js';
import type { Figures, OpenTicketRow } from '../store/stats.js';
import { hoursBetween } from '../time.js';
import { gridShortName } from './permissions.js';
import { zhDesk } from './replies.zh.js';

/** WeCom group robot and app text: at most 2048 UTF-8 bytes per message. */
export const TEXT_MAX_BYTES = 2048;

export const pct = (r: number | null) => (r === null ? null : `${Math.round(r * 100)}%`);

function hoursZh(h: number | null): string | null {
  if (h === null) return null;
  if (h >= 48) return `${Math.round((h / 24) * 10) / 10}天`;
  return `${Math.round(h * 10) / 10}小时`;
}

const gridName = (roster: Roster, id: string | null) => {
  if (id === null) return zhDesk.unassigned;
  const g = roster.grid(id);
  return g ? gridShortName(roster, g) : id;
};

export interface StatsView {
  label: string;
  periodLabel: string;
  /** Show the by-grid line (a whole community or street). */
  byGrid: boolean;
}

export function formatFigures(roster: Roster, f: Figures, v: StatsView): string {
  const lines: string[] = [zhDesk.statsHead(v.label, v.periodLabel)];
  if (f.created === 0) lines.push(zhDesk.noneReported);
  else lines.push(zhDesk.ticketsLine(f.created, f.createdResolved, f.stillOpen, f.stillOpenOverdue));
  const rates = zhDesk.rates(pct(f.closeRate), pct(f.onTimeRate), hoursZh(f.medianHours));
  if (rates) lines.push(rates);
  const extra: string[] = [];
  if (f.resolved !== f.createdResolved) extra.push(zhDesk.alsoResolved(f.resolved));
  if (f.reopened) extra.push(zhDesk.reopened(f.reopened));
  if (extra.length) lines.push(extra.join('，'));
  if (f.byCategory.length) {
    const top = f.byCategory.slice(0, 6).map((c) => `${categoryZh(c.category)}${c.n}`);
    if (f.byCategory.length > 6) top.push(`其他${f.byCategory.slice(6).reduce((s, c) => s + c.n, 0)}`);
    lines.push(zhDesk.categories(top));
  }
  if (v.byGrid && f.byGrid.length) {
    // Unassigned last: it is the bucket the secretary has to act on, not a grid to compare.
    const grids = [...f.byGrid.filter((g) => g.grid !== null), ...f.byGrid.filter((g) => g.grid === null)];
    lines.push(zhDesk.grids(grids.map((g) => zhDesk.gridPart(gridName(roster, g.grid), g.created, g.createdResolved, g.stillOpen, g.stillOpenOverdue))));
  }
  lines.push(zhDesk.work(f.work));
  if (f.topVolunteers.length) {
    lines.push(zhDesk.topVolunteers(f.topVolunteers.slice(0, 3).map((t) => `${roster.person(t.userid)?.name ?? t.userid}${t.n}`)));
  }
  if (f.openNow !== f.stillOpen || f.overdue !== f.stillOpenOverdue) lines.push(zhDesk.openNow(f.openNow, f.overdue));
  return lines.join('\n');
}

/** A volunteer's own figures: what they reported and did. */
export function formatOwn(f: Figures, v: { label: string; periodLabel: string; note: boolean }): string {
  const lines = [zhDesk.statsHead(v.label, v.periodLabel), zhDesk.own(f.created, f.createdResolved, f.work)];
  if (f.openNow) lines.push(zhDesk.ownOpen(f.openNow));
  if (v.note) lines.push(zhDesk.volunteerNote);
  return lines.join('\n');
}

function age(createdIso: string, nowIso: string): string {
  const h = hoursBetween(createdIso, nowIso);
  if (h < 1) return zhDesk.ageMinutes;
  if (h < 24) return zhDesk.ageHours(Math.floor(h));
  return zhDesk.ageDays(Math.floor(h / 24));
}

/**
 * One line per open ticket: #id, category, place, age, grid worker. A sensitive ticket (quarrel, crime, hardship) shows
 * only its compound: the list may be read in a group.
 */
export function ticketLine(roster: Roster, t: OpenTicketRow, nowIso: string): string {
  const place = SENSITIVE.has(t.category) ? (t.compound ?? placeZh(t)) : placeZh(t);
  const late = t.due_at !== null && t.due_at < nowIso ? zhDesk.overdueTag : '';
  const who = t.assignee ? roster.person(t.assignee)?.name ?? t.assignee : zhDesk.unassigned;
  return `#${t.id} ${categoryZh(t.category)} · ${place} · ${age(t.created_at, nowIso)}${late} · ${who}`;
}

/** Splits at line breaks so no message passes WeCom's text limit; a single over-long line is cut by characters. */
export function splitForWecom(text: string, maxBytes = TEXT_MAX_BYTES): string[] {
  const out: string[] = [];
  let cur = '';
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  for (let line of text.split('\n')) {
    while (bytes(line) > maxBytes) {
      let cut = '';
      for (const ch of line) { if (bytes(cut + ch) > maxBytes) break; cut += ch; }
      if (cur) { out.push(cur); cur = ''; }
      out.push(cut);
      line = line.slice(cut.length);
    }
    const next = cur ? `${cur}\n${line}` : line;
    if (bytes(next) > maxBytes) { out.push(cur); cur = line; } else cur = next;
  }
  if (cur) out.push(cur);
  return out;
}
