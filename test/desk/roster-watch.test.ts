// A changed roster is taken without a restart; a broken one is refused with its faults logged, and the old one stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.js';
import { watchRoster } from '../../src/roster/watch.js';
import type { Roster } from '../../src/roster/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const DEMO = resolve(import.meta.dirname, '../../data/roster.yaml');
const demo = readFileSync(DEMO, 'utf8');
const NEWCOMER = `  - { userid: wuxiaomei, name: 吴晓梅, role: volunteer, grid: furao-2 }\n`;

async function until(cond: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l)); cb(); } });
  return { log: createLogger('info', stream), lines };
}

describe('名册热更新', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'roster-watch-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('改好的名册马上生效；坏的名册被拒绝，错误写进日志，旧名册照用', async () => {
    const file = join(dir, 'roster.yaml');
    copyFileSync(DEMO, file);
    const { log, lines } = memoryLog();
    let current: Roster | null = null;
    const w = watchRoster({ file, log, onChange: (r) => { current = r; }, debounceMs: 50, pollMs: 200 });
    try {
      writeFileSync(file, demo + NEWCOMER);
      await until(() => current?.person('wuxiaomei') !== undefined);
      const good = current!;

      writeFileSync(file, demo.replace('worker: wanglei', 'worker: nobody') + NEWCOMER);
      await until(() => lines.some((l) => l.level === 50));
      expect(current).toBe(good);
      const refused = lines.find((l) => l.level === 50)!;
      expect(refused.faults).toEqual([expect.objectContaining({ message: 'grid furao-2: worker "nobody" is not in people' })]);
      expect(String(refused.msg)).toContain('the one in force stays');
    } finally {
      w.stop();
    }
  });
});

describe('运行中的机器人换名册不用重启', () => {
  let h: Harness;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'roster-hot-'));
    file = join(dir, 'roster.yaml');
    copyFileSync(DEMO, file);
    h = await startHarness({ roster: file, now: '2026-11-28T08:00:00+08:00' });
  });
  afterAll(async () => { await h.close(); rmSync(dir, { recursive: true, force: true }); });

  it('新来的志愿者加进名册后就能用；名册写坏了，机器人还照旧', async () => {
    expect(h.bot.roster().person('wuxiaomei')).toBeUndefined();
    writeFileSync(file, demo + NEWCOMER);
    await until(() => h.bot.roster().person('wuxiaomei') !== undefined);
    await h.say('wuxiaomei', '我这个月上报了几件');
    expect(h.group('wrkchat-furao').at(-1)?.text).toContain('吴晓梅本人 11月（本月）');

    const before = h.bot.roster();
    writeFileSync(file, 'street: [\n');
    await new Promise((r) => setTimeout(r, 2500));
    expect(h.bot.roster()).toBe(before);
    await h.say('zhaoshuming', '本周问题统计');
    expect(h.group('wrkchat-furao').at(-1)?.text).toContain('富饶社区 11月23日-11月29日（本周）');
  });
});
