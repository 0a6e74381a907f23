import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations/index.js';

export type Db = Database.Database;

export class DbVersionFromFutureError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`database schema version ${found} is newer than this code knows (${known}); refusing to touch it`);
  }
}

/** Opens (creating if needed) the bot's SQLite file, with the pragmas a single-writer server wants, and migrates it. */
export function openDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode is durable against a process crash (kill -9), which is the failure we promise to survive.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db, upTo = MIGRATIONS.length): void {
  for (let i = 1; i < MIGRATIONS.length; i++) {
    if (MIGRATIONS[i].version <= MIGRATIONS[i - 1].version) throw new Error(`migration ${MIGRATIONS[i].name} is out of order`);
  }
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS.length ? MIGRATIONS[MIGRATIONS.length - 1].version : 0;
  if (current > latest) throw new DbVersionFromFutureError(current, latest);
  const pending = MIGRATIONS.slice(0, upTo).filter((m) => m.version > current);
  if (!pending.length) return;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}
