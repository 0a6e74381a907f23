import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { adjust, confirmRedemption } from '../../src/points/ledger.js';
import { catalogue } from '../../src/points/rules.js';
import { openDb, type Db } from '../../src/store/db.js';
import { balanceOf, insertRedemption, listEntries, stockMoved } from '../../src/store/points.js';
import { tempDbFile } from './world.js';

const AT = '2026-11-28T09:00:00+08:00';

/** Pending redemptions as they stand when points have since been taken back: each fine alone, too many together. */
function pending(db: Db, userid: string, item: string, quantity: number, points: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => insertRedemption(db, { userid, community: 'furao', item, unit: null, quantity, points, msgid: `${userid}-${item}-${i}`, created_at: AT }));
}

function race(file: string, lists: number[][]): Promise<Record<number, string>[]> {
  const barrier = new SharedArrayBuffer(8);
  const flag = new Int32Array(barrier);
  const workers = lists.map((ids) => new Worker(new URL('./confirm-worker.mjs', import.meta.url), {
    workerData: { file, ids, by: 'zhaoshuming', barrier }
  }));
  const done = workers.map((w) => new Promise<Record<number, string>>((res, rej) => { w.once('message', res); w.once('error', rej); }));
  // Release both at once, when both are ready.
  const go = setInterval(() => { if (Atomics.load(flag, 1) === lists.length) { clearInterval(go); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); } }, 5);
  return Promise.all(done).finally(() => clearInterval(go));
}

describe('同时确认兑换（两个数据库连接）', () => {
  it('一个连接确认后，另一个连接确认时看得到扣分，不会透支', () => {
    const file = tempDbFile();
    const a = openDb(file);
    const b = openDb(file);
    adjust(a, { userid: 'chenjianguo', community: 'furao', points: 60, reason: '发放', by: 'admin', at: AT });
    const [r1, r2] = pending(a, 'chenjianguo', '大米', 2, 40, 2);
    expect(confirmRedemption(a, catalogue(), r1, 'zhaoshuming', AT).kind).toBe('confirmed');
    expect(confirmRedemption(b, catalogue(), r2, 'zhaoshuming', AT)).toMatchObject({ kind: 'short_points', balance: 20 });
    expect(confirmRedemption(b, catalogue(), r1, 'zhaoshuming', AT).kind).toBe('decided');
    expect(balanceOf(b, 'chenjianguo')).toBe(20);
    a.close(); b.close();
  });

  it('两个线程各自的连接同时确认同一批兑换：每笔最多确认一次，余额不为负，库存不为负', async () => {
    const file = tempDbFile();
    const db = openDb(file);
    adjust(db, { userid: 'chenjianguo', community: 'furao', points: 100, reason: '发放', by: 'admin', at: AT });
    const rice = pending(db, 'chenjianguo', '大米', 1, 20, 10); // 200 points asked, 100 there
    const eggIds: number[] = [];
    for (const u of ['houguifang', 'liudeshan', 'mayuzhen', 'gaozhiqiang']) {
      adjust(db, { userid: u, community: 'furao', points: 1000, reason: '发放', by: 'admin', at: AT });
      eggIds.push(...pending(db, u, '鸡蛋', 10, 100, 2)); // 80 boxes asked, 40 on the shelf
    }
    const all = [...rice, ...eggIds];
    const [x, y] = await race(file, [all, [...all].reverse()]);
    const confirmedBy = all.map((id) => [x[id], y[id]].filter((k) => k === 'confirmed').length);
    expect(Math.max(...confirmedBy)).toBe(1);
    expect(confirmedBy.filter((n) => n === 1)).toHaveLength(5 + 4);
    expect(balanceOf(db, 'chenjianguo')).toBe(0);
    expect(stockMoved(db, 'furao', '鸡蛋')).toBe(-40);
    expect(listEntries(db).filter((e) => e.kind === 'debit')).toHaveLength(9);
    db.close();
  });
});
