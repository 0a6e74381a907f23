// 一阵连续写入（疫情周、暴雪天）时：日志文件不能无限长，写入也不能被检查点卡住。
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/store/checkpointer.js';
import { openDb, type Db } from '../../src/store/db.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function freshDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'xxgj-ckpt-'));
  dirs.push(dir);
  return openDb(join(dir, 'bot.sqlite'));
}

/** Frames in the log now: mxFrame of the wal-index header (https://sqlite.org/walformat.html, offset 16). */
function framesInLog(db: Db): number {
  const fd = openSync(`${db.name}-shm`, 'r');
  try {
    const b = Buffer.alloc(4);
    readSync(fd, b, 0, 4, 16);
    return b.readUInt32LE(0);
  } finally {
    closeSync(fd);
  }
}

/** Writes like the pipeline does under a backlog: one small transaction per turn of the event loop, never pausing. */
const logBytes = (db: Db) => statSync(`${db.name}-wal`).size;

async function steadyWrites(db: Db, ms: number): Promise<{ n: number; maxFrames: number; framesWritten: number; rewinds: number; fileShrank: boolean }> {
  db.exec('CREATE TABLE IF NOT EXISTS burst (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO burst (body) VALUES (?)');
  const body = '楼道堆满纸箱'.repeat(100);
  const end = Date.now() + ms;
  let n = 0;
  let maxFrames = 0;
  let framesWritten = 0;
  let rewinds = 0;
  let last = 0;
  let bytes = 0;
  let fileShrank = false;
  while (Date.now() < end) {
    db.transaction(() => { for (let k = 0; k < 4; k++) ins.run(body); })();
    n++;
    const now = framesInLog(db);
    if (now < last) rewinds++;
    framesWritten += now < last ? now : now - last;
    last = now;
    maxFrames = Math.max(maxFrames, now);
    const b = logBytes(db);
    if (b < bytes) fileShrank = true;
    bytes = b;
    await new Promise((r) => setImmediate(r));
  }
  return { n, maxFrames, framesWritten, rewinds, fileShrank };
}

describe('检查点在后台线程做', () => {
  it('写个不停时，日志到了上限就从头再来，不会一直长下去', async () => {
    const db = freshDb();
    const restartFrames = 300;
    const ckpt = startCheckpointer(db, { everyMs: 10, restartFrames });
    const { n, maxFrames, framesWritten, rewinds } = await steadyWrites(db, 2500);
    await ckpt.stop();
    // The writes never paused, far more went through the log than it may hold…
    expect(framesWritten).toBeGreaterThan(30 * restartFrames);
    // …and it was rewound again and again, never holding more than a fraction of what was written.
    expect(rewinds).toBeGreaterThanOrEqual(5);
    expect(maxFrames).toBeLessThan(framesWritten / 4);
    // Nothing was lost on the way.
    expect((db.pragma('integrity_check', { simple: true }) as string)).toBe('ok');
    db.close();
  });

  it('写的时候日志文件只增不缩；写停了，后台线程再把它缩回来', async () => {
    const db = freshDb();
    const keepLogBytes = 64 * 1024;
    const ckpt = startCheckpointer(db, { everyMs: 10, restartFrames: 300, keepLogBytes, quietMs: 200 });
    // Writes go on until the log has been rewound a few times (on a loaded machine that takes longer).
    let rewinds = 0;
    for (let i = 0; i < 10 && rewinds < 3; i++) {
      const burst = await steadyWrites(db, 1500);
      rewinds += burst.rewinds;
      // Cutting the file back takes 100-200 ms for a big log; inside one of the bot's commits that stalled every
      // callback behind it, so nothing may do it while the writes go on…
      expect(burst.fileShrank).toBe(false);
    }
    expect(rewinds).toBeGreaterThanOrEqual(3);
    expect(logBytes(db)).toBeGreaterThan(keepLogBytes);
    // …and once they stop, the worker does.
    const until = Date.now() + 10_000;
    while (logBytes(db) > keepLogBytes && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(logBytes(db)).toBeLessThanOrEqual(keepLogBytes);
    await ckpt.stop();
    expect((db.pragma('integrity_check', { simple: true }) as string)).toBe('ok');
    db.close();
  }, 40_000);

  it('一阵写完时日志比上限还长：写停了照样缩回来，不会一遍遍从头再来', async () => {
    const db = freshDb();
    const keepLogBytes = 64 * 1024;
    // A burst written while nobody checkpoints leaves a log far past the rewind threshold…
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE burst (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const ins = db.prepare('INSERT INTO burst (body) VALUES (?)');
    for (let i = 0; i < 400; i++) db.transaction(() => { for (let k = 0; k < 4; k++) ins.run('楼道堆满纸箱'.repeat(100)); })();
    expect(framesInLog(db)).toBeGreaterThan(1000);
    // …and a RESTART does not shorten it until the next write, so the worker must see the quiet, not rewind forever.
    const ckpt = startCheckpointer(db, { everyMs: 10, restartFrames: 300, keepLogBytes, quietMs: 200 });
    const until = Date.now() + 10_000;
    while (logBytes(db) > keepLogBytes && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(logBytes(db)).toBeLessThanOrEqual(keepLogBytes);
    await ckpt.stop();
    expect(db.prepare('SELECT count(*) AS n FROM burst').get()).toEqual({ n: 1600 });
    db.close();
  });

  it('机器人自己的连接不再在提交里做检查点（只留一张远高的安全网）', () => {
    const db = freshDb();
    const ckpt = startCheckpointer(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThanOrEqual(100_000);
    void ckpt.stop();
    db.close();
  });

  it('内存库没有日志，也就没有后台线程', async () => {
    const db = openDb(':memory:');
    const ckpt = startCheckpointer(db);
    await ckpt.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});
