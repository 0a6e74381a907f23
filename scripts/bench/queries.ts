// The three reads people wait for on a year-old, million-ticket database: the secretary's 本周统计, the open-ticket
// list (还有哪些没处理) and the evening summary. Each is timed as the bot runs it, and every statement it prepares is
// shown with its EXPLAIN QUERY PLAN, so a full scan of tickets or records is caught by name.
import type { Db } from '../../src/store/db.js';
import type { Roster } from '../../src/roster/types.js';
import { figures, openTickets } from '../../src/store/stats.js';
import { dayBounds } from '../../src/jobs/periods.js';
import { dailySummary } from '../../src/jobs/replies.zh.js';
import { volunteerNames } from '../../src/jobs/run.js';
import { deskPeriod } from '../../src/desk/period.js';
import { formatFigures, ticketLine } from '../../src/desk/format.js';
import { MAX_LIST_LINES } from '../../src/commands/stats.js';
import { shanghaiDate, toShanghaiIso } from '../../src/time.js';

export interface QueryResult {
  name: string;
  /** Median of the runs, ms. */
  ms: number;
  plans: { sql: string; plan: string[] }[];
  /** Plan lines that read a whole tickets/records table. */
  fullScans: string[];
}

type Runner = () => unknown;

/** Records each statement the store prepares on `db`, with the parameters of its first run, to explain it later. */
function capture(db: Db): { seen: Map<string, unknown[]>; stop(): void } {
  const seen = new Map<string, unknown[]>();
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const s = prepare(sql);
    for (const m of ['get', 'all', 'run', 'iterate'] as const) {
      const f = (s as unknown as Record<string, (...a: unknown[]) => unknown>)[m].bind(s);
      (s as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => { if (!seen.has(sql)) seen.set(sql, a); return f(...a); };
    }
    return s;
  };
  return { seen, stop: () => { (db as { prepare: unknown }).prepare = prepare; } };
}

const FULL_SCAN = /^SCAN (t|r|tickets|records)\b(?! USING (COVERING )?INDEX)/;

function measure(db: Db, name: string, run: Runner, times = 7): QueryResult {
  // The first run prepares the statements (the bot's stmt() cache keeps them); its plans are the ones shown.
  const cap = capture(db);
  run();
  cap.stop();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const plans = [...cap.seen].map(([sql, args]) => ({
    sql: sql.replace(/\s+/g, ' ').trim(),
    plan: (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(args as [])) as { detail: string }[]).map((r) => r.detail),
  }));
  const fullScans = plans.flatMap((p) => p.plan.filter((l) => FULL_SCAN.test(l.trim())).map((l) => `${l} ← ${p.sql.slice(0, 90)}`));
  return { name, ms: ms[ms.length >> 1], plans, fullScans };
}

export function runQueries(db: Db, roster: Roster, now: Date): QueryResult[] {
  const community = roster.communities[0];
  const nowIso = toShanghaiIso(now);
  // 本周统计 asked by the community's secretary: the week so far, whole community, by grid.
  const week = deskPeriod(null, now);
  const stats = measure(db, 'stats', () => {
    const f = figures(db, { community: community.id }, week.period);
    return formatFigures(roster, f, { label: community.name, periodLabel: week.label, byGrid: true });
  });
  // 还有哪些没处理: the 20 oldest open tickets of the community, the total, and how many are overdue.
  const open = measure(db, 'open', () => {
    const list = openTickets(db, { community: community.id }, { limit: MAX_LIST_LINES });
    const overdue = openTickets(db, { community: community.id }, { overdueAt: nowIso, limit: 0 }).total;
    return [list.total, overdue, ...list.rows.map((t) => ticketLine(roster, t, nowIso))];
  });
  // The evening summary, as the daily job computes and words it.
  const day = shanghaiDate(now);
  const daily = measure(db, 'daily', () => {
    const f = figures(db, { community: community.id }, { ...dayBounds(day), asOf: nowIso });
    return dailySummary(community.name, day, f, volunteerNames(roster, f.topVolunteers, 3));
  });
  return [stats, open, daily];
}
