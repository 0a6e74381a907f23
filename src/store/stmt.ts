import type { Db } from './db.js';
import type Database from 'better-sqlite3';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per database handle: the hot paths never re-parse SQL. */
export function stmt<P extends unknown[] | {} = unknown[], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s as unknown as Database.Statement<P, R>;
}
