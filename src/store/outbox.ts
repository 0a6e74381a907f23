import type { Db } from './db.js';
import { stmt } from './stmt.js';

export type Channel = 'webhook' | 'app' | 'response_url';

export interface OutboxRow {
  id: number;
  channel: Channel;
  target: string;
  payload: string;
  dedupe_key: string | null;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  next_at: string;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
  origin: string | null;
}

export interface NewOutbound {
  channel: Channel;
  /** chatid (webhook: the key is looked up at send time, never stored), userid (app), or the response_url. */
  target: string;
  payload: unknown;
  /** Same key twice → stored once: a retried job or message cannot post twice. */
  dedupeKey?: string | null;
  origin?: string | null;
}

export function enqueue(db: Db, m: NewOutbound, at: string): boolean {
  return stmt(db, `INSERT INTO outbox (channel, target, payload, dedupe_key, next_at, created_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (dedupe_key) DO NOTHING`).run(m.channel, m.target, JSON.stringify(m.payload), m.dedupeKey ?? null, at, at, m.origin ?? null).changes === 1;
}

export function dueOutbound(db: Db, nowIso: string, limit = 50): OutboxRow[] {
  return stmt<[string, number], OutboxRow>(db, `SELECT * FROM outbox WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT ?`).all(nowIso, limit);
}

export function nextDueAt(db: Db): string | undefined {
  return stmt<[], { next_at: string }>(db, `SELECT min(next_at) AS next_at FROM outbox WHERE status = 'pending'`).get()?.next_at ?? undefined;
}

export function markSent(db: Db, id: number, at: string): void {
  stmt(db, `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`).run(at, id);
}

export function markRetry(db: Db, id: number, nextAt: string, error: string): void {
  stmt(db, `UPDATE outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE id = ?`).run(nextAt, error.slice(0, 300), id);
  holdDestination(db, id, nextAt);
}

export function markDead(db: Db, id: number, error: string): void {
  stmt(db, `UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ?`).run(error.slice(0, 300), id);
}

export function allOutbound(db: Db): OutboxRow[] {
  return stmt<[], OutboxRow>(db, `SELECT * FROM outbox ORDER BY id`).all();
}

/** Not an attempt: the destination is rate-limited or paused, so the row (and everything after it there) waits. */
export function defer(db: Db, id: number, nextAt: string): void {
  stmt(db, `UPDATE outbox SET next_at = ? WHERE id = ?`).run(nextAt, id);
  holdDestination(db, id, nextAt);
}

/** Later rows for the same destination wait at least as long as this one: order within a group is kept. */
function holdDestination(db: Db, id: number, nextAt: string): void {
  stmt(db, `UPDATE outbox SET next_at = ? WHERE status = 'pending' AND next_at < ? AND id > ?
              AND (channel, target) = (SELECT channel, target FROM outbox WHERE id = ?)`).run(nextAt, nextAt, id, id);
}
