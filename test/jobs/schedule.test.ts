// node-cron wired to the jobs, under fake timers: the tasks fire at Shanghai times, and nothing else reads the clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSchedules, type Schedules } from '../../src/jobs/schedule.js';
import { runDaily } from '../../src/jobs/daily.js';
import { openDb } from '../../src/store/db.js';
import { jobRuns } from '../../src/store/job-runs.js';
import { jobDeps, posted, ticket } from './helpers.js';

let s: Schedules | undefined;
afterEach(() => { s?.stop(); s = undefined; vi.useRealTimers(); });

describe('定时任务', () => {
  it('按上海时间 09:00、15:00 提醒，18:00 小结，周一 09:00 周报；每次跑完叫发件箱发送', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-28T08:59:58+08:00') }); // 周六
    const d = jobDeps();
    ticket(d.db, { created_at: '2026-11-25T08:00:00' });
    const kicks: string[] = [];
    s = startSchedules({ ...d, clock: () => new Date(), onOutbound: () => kicks.push(new Date().toISOString()) }, { catchUpOnStart: false });
    expect(s.tasks().map((t) => t.name)).toEqual(['reminders@09:00', 'reminders@15:00', 'daily@18:00', 'weekly@1 09:00', 'catch-up@07:00']);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(posted(d.db)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    await s.idle();
    expect(posted(d.db).map((p) => p.key)).toEqual(['reminders:furao:2026-11-28T09:00:0']);

    await vi.advanceTimersByTimeAsync(6 * 3600_000); // 15:00
    await s.idle();
    await vi.advanceTimersByTimeAsync(3 * 3600_000); // 18:00
    await s.idle();
    expect(posted(d.db).map((p) => p.key)).toEqual([
      'reminders:furao:2026-11-28T09:00:0', 'reminders:furao:2026-11-28T15:00:0', 'daily:furao:2026-11-28:0',
    ]);
    expect(kicks).toEqual(['2026-11-28T01:00:00.000Z', '2026-11-28T07:00:00.000Z', '2026-11-28T10:00:00.000Z']);

    // 到周一 09:00：周日两次提醒、周日小结，然后周报
    await vi.advanceTimersByTimeAsync(39 * 3600_000 + 1_000);
    await s.idle();
    const keys = posted(d.db).map((p) => p.key);
    expect(keys).toContain('weekly:furao:2026-11-23:0');
    // 周日 07:00 的补跑把上上周（11-16 那周，没有动静）记作已跑、没发；周一 09:00 发上周的
    expect(jobRuns(d.db).filter((j) => j.job === 'weekly').map((j) => `${j.period} ${j.note}`)).toEqual([
      '2026-11-16 nothing to post', '2026-11-16 nothing to post', '2026-11-23 queued 1', '2026-11-23 nothing to post',
    ]);
    expect(keys.filter((k) => k!.startsWith('weekly'))).toEqual(['weekly:furao:2026-11-23:0']);
  });

  it('启动时补上错过的小结；停掉后不再触发', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-28T19:30:00+08:00') });
    const d = jobDeps();
    ticket(d.db, { created_at: '2026-11-28T08:00:00' });
    s = startSchedules({ ...d, clock: () => new Date() });
    await s.idle();
    expect(posted(d.db).map((p) => p.key)).toEqual(['daily:furao:2026-11-28:0']);
    s.stop();
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(posted(d.db)).toHaveLength(1);
  });

  it('两个进程同时跑同一期：只有一个发', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgj-jobs-'));
    try {
      const a = jobDeps();
      const one = { ...a, db: openDb(join(dir, 'bot.sqlite')) };
      const two = { ...a, db: openDb(join(dir, 'bot.sqlite')) };
      ticket(one.db, { created_at: '2026-11-28T08:00:00' });
      const at = new Date('2026-11-28T18:00:00+08:00');
      const [r1, r2] = await Promise.all([runDaily(one, at), runDaily(two, at)]);
      expect([r1.queued, r2.queued].sort()).toEqual([0, 1]);
      expect(posted(one.db)).toHaveLength(1);
      one.db.close();
      two.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
