// The figures every report is made of: the secretary's 本周统计, the evening summary, the Monday report and the
// monthly 台账 all read them from here, so the numbers agree wherever they are shown.
import type { Db } from './db.js';
import { stmt } from './stmt.js';

export interface Scope {
  community?: string | null;
  grid?: string | null;
  /** Several grids at once (a grid worker who serves more than one); ANDed with `grid` when both are given. */
  grids?: string[] | null;
  /** A compound's canonical name (青一小区). */
  compound?: string | null;
  /** Only this person's own work (a volunteer asking about themself). */
  person?: string | null;
}

export interface Period {
  /** ISO instants, [from, to) */
  from: string;
  to: string;
  /** "now" for what is open and overdue; for a past period, its end. */
  asOf: string;
}

export interface TicketFigures {
  /** Reported in the period. */
  created: number;
  /** Of those, resolved by now. */
  createdResolved: number;
  /** Of those resolved, on or before their deadline. */
  createdOnTime: number;
  /** Resolved during the period (whenever reported). */
  resolved: number;
  /** Of those reported in the period, still not resolved. */
  stillOpen: number;
  /** Of those still open, past their deadline at `asOf`. */
  stillOpenOverdue: number;
  /** Open right now (any age). */
  openNow: number;
  /** Open now and past their deadline. */
  overdue: number;
  /** Tickets reopened during the period. */
  reopened: number;
  /** Median hours from report to resolution, of those resolved during the period. */
  medianHours: number | null;
  /** 结案率 = createdResolved / created */
  closeRate: number | null;
  /** 按期结案率 = createdOnTime / createdResolved */
  onTimeRate: number | null;
}

export interface WorkFigures {
  reports: number;
  self_handled: number;
  patrol: number;
  visit: number;
  mediation: number;
}

export interface Figures extends TicketFigures {
  byCategory: { category: string; n: number }[];
  byGrid: ({ grid: string | null } & TicketFigures)[];
  work: WorkFigures;
  /** Volunteers with the most reports and records in the period. */
  topVolunteers: { userid: string; n: number }[];
}

type Params = Record<string, string | null>;

/**
 * The WHERE terms for a scope, only those that apply: a statement per shape of scope (each cached by its text), so
 * SQLite sees `t.community = ?` plainly and can use the (community, …) indexes instead of scanning for `? IS NULL OR …`.
 */
function where(alias: 't' | 'r', p: Params): string {
  const who = alias === 't' ? 'reporter' : 'author';
  const terms: string[] = [];
  if (p.community != null) terms.push(`${alias}.community = @community`);
  if (p.grid != null) terms.push(`${alias}.grid = @grid`);
  if (p.nogrid) terms.push(`${alias}.grid IS NULL`);
  if (p.grids != null) terms.push(`${alias}.grid IN (SELECT value FROM json_each(@grids))`);
  if (p.compound != null) terms.push(`${alias}.compound = @compound`);
  if (p.person != null) terms.push(`${alias}.${who} = @person`);
  return terms.length ? terms.join(' AND ') : '1';
}

/** Only the parameters a statement names: better-sqlite3 refuses named parameters the SQL does not use. */
function bind(sql: string, p: Params): Params {
  const out: Params = {};
  for (const k of Object.keys(p)) if (sql.includes(`@${k}`)) out[k] = p[k];
  return out;
}

function all<R>(db: Db, sql: string, p: Params): R[] {
  return stmt<[Params], R>(db, sql).all(bind(sql, p));
}

function one<R>(db: Db, sql: string, p: Params): R {
  return stmt<[Params], R>(db, sql).get(bind(sql, p))!;
}

export function scopeParams(scope: Scope, period: Period): Params {
  return {
    community: scope.community ?? null, grid: scope.grid ?? null, grids: scope.grids ? JSON.stringify(scope.grids) : null,
    compound: scope.compound ?? null, person: scope.person ?? null, from: period.from, to: period.to, asOf: period.asOf,
  };
}

const OPEN = `t.status IN ('open','in_progress','escalated')`;

function ticketFigures(db: Db, p: Params): TicketFigures {
  const W = where('t', p);
  const a = one<{ created: number; createdResolved: number; createdOnTime: number; stillOpen: number; stillOpenOverdue: number }>(db, `
    SELECT count(*) AS created,
           coalesce(sum(t.status = 'resolved'), 0) AS createdResolved,
           coalesce(sum(t.status = 'resolved' AND t.due_at IS NOT NULL AND t.resolved_at <= t.due_at), 0) AS createdOnTime,
           coalesce(sum(${OPEN}), 0) AS stillOpen,
           coalesce(sum(${OPEN} AND t.due_at < @asOf), 0) AS stillOpenOverdue
      FROM tickets t WHERE ${W} AND t.created_at >= @from AND t.created_at < @to`, p);
  const resolvedRows = all<{ h: number }>(db, `
    SELECT (julianday(t.resolved_at) - julianday(t.created_at)) * 24 AS h
      FROM tickets t WHERE ${W} AND t.status = 'resolved' AND t.resolved_at >= @from AND t.resolved_at < @to ORDER BY h`, p);
  const b = one<{ openNow: number; overdue: number }>(db, `
    SELECT count(*) AS openNow, coalesce(sum(t.due_at < @asOf), 0) AS overdue FROM tickets t WHERE ${W} AND ${OPEN}`, p);
  const reopened = one<{ n: number }>(db, `
    SELECT count(DISTINCT e.ticket_id) AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
     WHERE e.action = 'reopened' AND e.at >= @from AND e.at < @to AND ${W}`, p).n;
  const n = resolvedRows.length;
  const medianHours = n ? Math.round(((resolvedRows[(n - 1) >> 1].h + resolvedRows[n >> 1].h) / 2) * 10) / 10 : null;
  return {
    ...a, ...b, resolved: n, reopened, medianHours,
    closeRate: a.created ? a.createdResolved / a.created : null,
    onTimeRate: a.createdResolved ? a.createdOnTime / a.createdResolved : null,
  };
}

export function figures(db: Db, scope: Scope, period: Period): Figures {
  const p = scopeParams(scope, period);
  const W = where('t', p), WR = where('r', p);
  const base = ticketFigures(db, p);
  const byCategory = all<{ category: string; n: number }>(db, `
    SELECT t.category, count(*) AS n FROM tickets t WHERE ${W} AND t.created_at >= @from AND t.created_at < @to
     GROUP BY t.category ORDER BY n DESC, t.category`, p);
  // Two indexed lookups joined, rather than one OR that would walk every ticket of the community.
  const grids = all<{ grid: string | null }>(db, `
    SELECT t.grid FROM tickets t WHERE ${W} AND t.created_at >= @from AND t.created_at < @to
    UNION SELECT t.grid FROM tickets t WHERE ${W} AND ${OPEN} ORDER BY 1`, p);
  const byGrid = grids.map(({ grid }) => ({
    grid,
    // Unassigned tickets are a bucket of their own; a null grid must not fall back to "every grid".
    ...(grid === null ? ticketFigures(db, { ...p, grid: null, nogrid: '1' }) : ticketFigures(db, { ...p, grid })),
  }));
  const work = { reports: base.created, self_handled: 0, patrol: 0, visit: 0, mediation: 0 } as WorkFigures;
  for (const r of all<{ intent: keyof WorkFigures; n: number }>(db, `
    SELECT r.intent, count(*) AS n FROM records r WHERE ${WR} AND r.created_at >= @from AND r.created_at < @to GROUP BY r.intent`, p)) {
    if (r.intent in work) work[r.intent] = r.n;
  }
  const topVolunteers = all<{ userid: string; n: number }>(db, `
    SELECT userid, count(*) AS n FROM (
      SELECT t.reporter AS userid FROM tickets t WHERE ${W} AND t.created_at >= @from AND t.created_at < @to
      UNION ALL
      SELECT r.author AS userid FROM records r WHERE ${WR} AND r.created_at >= @from AND r.created_at < @to)
     GROUP BY userid ORDER BY n DESC, userid LIMIT 10`, p);
  return { ...base, byCategory, byGrid, work, topVolunteers };
}

export interface OpenTicketRow {
  id: number;
  category: string;
  compound: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  grid: string | null;
  assignee: string | null;
  status: string;
  created_at: string;
  due_at: string | null;
}

/**
 * Open tickets in a scope, oldest first (those waiting longest are the ones to chase), at most `limit`, with the total.
 * `overdueAt` keeps only those past their deadline then; `from`/`to` keep only those reported in [from, to).
 */
export function openTickets(db: Db, scope: Scope, o: { overdueAt?: string | null; from?: string | null; to?: string | null; limit: number }): { rows: OpenTicketRow[]; total: number } {
  const p: Params = { ...scopeParams(scope, { from: o.from ?? '', to: o.to ?? '', asOf: o.overdueAt ?? '' }) };
  let W = `${where('t', p)} AND ${OPEN}`;
  if (o.overdueAt) W += ' AND t.due_at < @asOf';
  if (o.from) W += ' AND t.created_at >= @from';
  if (o.to) W += ' AND t.created_at < @to';
  const total = one<{ n: number }>(db, `SELECT count(*) AS n FROM tickets t WHERE ${W}`, p).n;
  const rows = all<OpenTicketRow>(db, `
    SELECT t.id, t.category, t.compound, t.building, t.unit, t.room, t.grid, t.assignee, t.status, t.created_at, t.due_at
      FROM tickets t WHERE ${W} ORDER BY t.created_at, t.id LIMIT ${Math.max(0, Math.floor(o.limit))}`, p);
  return { rows, total };
}

/** For exports: when each ticket last changed and its first picture, by ticket id. */
export function ticketTrail(db: Db, community: string | null, from: string, to: string): Map<number, { updated_at: string | null; photo: string | null }> {
  const p: Params = { community, from, to };
  const W = community === null ? '1' : 't.community = @community';
  const rows = all<{ id: number; updated_at: string | null; photo: string | null }>(db, `
    SELECT t.id,
           (SELECT max(e.at) FROM ticket_events e WHERE e.ticket_id = t.id) AS updated_at,
           (SELECT p.sha256 FROM photos p WHERE p.ticket_id = t.id ORDER BY p.id LIMIT 1) AS photo
      FROM tickets t WHERE ${W} AND t.created_at >= @from AND t.created_at < @to`, p);
  return new Map(rows.map((r) => [r.id, { updated_at: r.updated_at, photo: r.photo }]));
}

/** Tickets reported and resolved per Shanghai calendar day in [from, to): the weekly chart's day-by-day bars. */
export function dailyCounts(db: Db, scope: Scope, period: Period): { day: string; created: number; resolved: number }[] {
  const p = scopeParams(scope, period);
  const W = where('t', p);
  const created = all<{ day: string; n: number }>(db, `
    SELECT substr(t.created_at, 1, 10) AS day, count(*) AS n FROM tickets t
     WHERE ${W} AND t.created_at >= @from AND t.created_at < @to GROUP BY day`, p);
  const resolved = all<{ day: string; n: number }>(db, `
    SELECT substr(t.resolved_at, 1, 10) AS day, count(*) AS n FROM tickets t
     WHERE ${W} AND t.status = 'resolved' AND t.resolved_at >= @from AND t.resolved_at < @to GROUP BY day`, p);
  const days = new Map<string, { day: string; created: number; resolved: number }>();
  const at = (day: string) => days.get(day) ?? days.set(day, { day, created: 0, resolved: 0 }).get(day)!;
  for (const r of created) at(r.day).created = r.n;
  for (const r of resolved) at(r.day).resolved = r.n;
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}
