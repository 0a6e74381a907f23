// WAL checkpoints copy the log back into the database file and fsync it: tens of milliseconds on this kind of disk.
// Left to SQLite's autocheckpoint they run inside whichever commit crosses the threshold, on the event loop, stalling
// every callback waiting behind it (measured: a 25-50 ms commit about once a second under a burst). So a worker thread
// with its own connection does them instead, often and small; PASSIVE never blocks the bot's writes.
//
// Under a steady burst a PASSIVE checkpoint never quite catches up (the bot writes while it copies), and SQLite only
// rewinds the log when a write starts with the log fully copied, so the log would grow without end. When it passes
// RESTART_FRAMES the worker does one RESTART checkpoint: it waits for the bot's current write, holds the next for the
// copy of the last few frames and an fsync (10-20 ms measured), and the log starts over. At the bench's flood (~20,000
// frames a second) that is one pause every ~5 s; at 25,000 frames it was one a second, and they showed in the p99.
//
// Shrinking the file is the worker's too, and only once writes have stopped. With journal_size_limit set on the bot's
// own connection, the first commit after each rewind truncated the ~400 MB log inside that commit, on the event loop:
// 110-230 ms stalls every ~5 s of a flood (measured), the whole of the bench's p99 over 50 ms at 80 % of peak. So the
// log keeps its high-water size while a burst lasts and is cut back by a TRUNCATE checkpoint after QUIET_MS without a
// write; at any real pace it rewinds between messages and never gets near. The bot's own autocheckpoint stays on,
// far above all this, as the safety net should the worker ever stop.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';

/** Pages (4 KiB): the worker rewinds the log past this many frames (~400 MB)… */
export const RESTART_FRAMES = 100_000;
/** …the bot's own connection only past this many (~800 MB), should the worker be gone. */
const SAFETY_NET_PAGES = 200_000;
/** After a burst the log file is cut back once it is larger than this, not left at its high-water mark… */
const KEEP_LOG_BYTES = 64 * 1024 * 1024;
/** …after this long without a write. */
const QUIET_MS = 1000;
/** How long one RESTART keeps trying for a moment between the bot's writes. */
const RESTART_TRY_MS = 200;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const logBytes = () => { try { return statSync(workerData.file + '-wal').size; } catch { return 0; } };
let lastLog = -1;
let quietSince = Date.now();
const checkpoint = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (!r) return;
    // The log's frame count only moves when the bot writes (a RESTART leaves it until the next write): unchanged
    // means quiet. Quiet is checked first: a log left long by a burst stays long until someone writes, and
    // rewinding it again and again would never get to cutting the file back.
    const now = Date.now();
    if (r.log !== lastLog) { lastLog = r.log; quietSince = now; }
    if (now - quietSince >= workerData.quietMs) {
      if (r.checkpointed === r.log && logBytes() > workerData.keepLogBytes) { db.pragma('wal_checkpoint(TRUNCATE)'); lastLog = -1; }
      return;
    }
    if (r.log > workerData.restartFrames) restart();
  } catch {}
};
// A RESTART needs a moment with no write going on. Under a flood those moments are a few microseconds between the
// bot's commits, and SQLite's busy handler sleeps 25-100 ms between its tries, so it missed them for a whole second
// at a time (the log grew by tens of thousands of frames). Trying without a busy handler every millisecond for up to
// RESTART_TRY_MS catches one.
const pause = new Int32Array(new SharedArrayBuffer(4));
const restart = () => {
  db.pragma('busy_timeout = 0');
  try {
    const until = Date.now() + workerData.restartTryMs;
    for (;;) {
      const [r] = db.pragma('wal_checkpoint(RESTART)');
      if (!r || !r.busy || Date.now() >= until) return;
      Atomics.wait(pause, 0, 0, 1);
    }
  } finally {
    db.pragma('busy_timeout = 1000');
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, o: { everyMs?: number; restartFrames?: number; keepLogBytes?: number; quietMs?: number } = {}): Checkpointer {
  if (db.memory) return { stop: async () => {} };
  const { everyMs = 100, restartFrames = RESTART_FRAMES, keepLogBytes = KEEP_LOG_BYTES, quietMs = QUIET_MS } = o;
  db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  // Never shrink the log inside one of the bot's commits (see the top of this file).
  db.pragma('journal_size_limit = -1');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file: db.name, everyMs, restartFrames, keepLogBytes, quietMs, restartTryMs: RESTART_TRY_MS, driver: fileURLToPath(import.meta.resolve('better-sqlite3')) },
  });
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
