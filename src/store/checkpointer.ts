// WAL checkpoints copy the log back into the database file and fsync it: tens of milliseconds on a busy disk. Left
// to SQLite's autocheckpoint they run inside whichever commit crosses the threshold, on the event loop, stalling
// every callback waiting behind it. A worker thread with its own connection does them instead, every second;
// PASSIVE never blocks the bot's writes. The bot's own autocheckpoint stays on, far higher, as a safety net.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, everyMs = 1000): Checkpointer {
  if (db.memory) return { stop: async () => {} };
  db.pragma('wal_autocheckpoint = 20000');
  const worker = new Worker(WORKER, { eval: true, workerData: { file: db.name, everyMs, driver: fileURLToPath(import.meta.resolve('better-sqlite3')) } });
  worker.unref();
  const exited = new Promise<void>((res) => worker.once('exit', () => res()));
  let stopping: Promise<void> | null = null;
  return {
    // Idempotent: closing a bot twice must not wait for an exit that already happened.
    stop: () => (stopping ??= (() => {
      worker.postMessage('stop');
      setTimeout(() => void worker.terminate(), 2000).unref();
      return exited;
    })()),
  };
}
