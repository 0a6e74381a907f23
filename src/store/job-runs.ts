// The job_runs ledger: one row per (job, community, period) ever run. The row and the messages of that run are
// written in one transaction, so a crash leaves either both or neither, and a second runner (a restart, a manual
// `npm run job`, another process) hits the primary key and sends nothing.
import type { Db } from './db.js';
import { stmt } from './stmt.js';

export type JobName = 'reminders' | 'daily' | 'weekly';

export function hasRun(db: Db, job: JobName, scope: string, period: string): boolean {
  return !!stmt<[string, string, string], { n: number }>(db, `SELECT 1 AS n FROM job_runs WHERE job = ? AND scope = ? AND period = ?`).get(job, scope, period);
}

/** Claims a run; false when it was already claimed. Call inside the transaction that enqueues its messages. */
export function claimRun(db: Db, job: JobName, scope: string, period: string, at: string, note: string): boolean {
  return stmt(db, `INSERT INTO job_runs (job, scope, period, ran_at, note) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
    .run(job, scope, period, at, note).changes === 1;
}

export interface JobRunRow {
  job: string;
  scope: string;
  period: string;
  ran_at: string;
  note: string | null;
}

export function jobRuns(db: Db): JobRunRow[] {
  return stmt<[], JobRunRow>(db, `SELECT * FROM job_runs ORDER BY ran_at, job, scope`).all();
}

export interface KeyedOutbound {
  id: number;
  channel: string;
  target: string;
  payload: string;
  status: string;
  attempts: number;
}

/** The outbox rows a run queued, by their dedupe keys, in queue order. */
export function outboxByKeys(db: Db, keys: string[]): KeyedOutbound[] {
  const q = stmt<[string], KeyedOutbound>(db, `SELECT id, channel, target, payload, status, attempts FROM outbox WHERE dedupe_key = ?`);
  return keys.map((k) => q.get(k)).filter((r): r is KeyedOutbound => !!r).sort((a, b) => a.id - b.id);
}
