// The Monday chart: a real PNG, under the group robot's 2 MB, drawn with the npm font (never a system one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GlobalFonts, loadImage } from '@napi-rs/canvas';
import { CHART_MAX_BYTES, renderWeeklyChart, weeklyChartData } from '../../src/report/weekly-chart.js';
import { loadRoster } from '../../src/roster/index.js';
import { fixtureDb, type FixtureDb } from './fixture.js';

const ROOT = resolve(import.meta.dirname, '../..');
const roster = loadRoster(join(ROOT, 'data/roster.yaml'));
let fx: FixtureDb;
beforeAll(() => { fx = fixtureDb(); });
afterAll(() => fx.close());

function pngSize(b: Buffer): { width: number; height: number } {
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('周一报表的图', () => {
  it('画成PNG，能解码，不超过2MB', async () => {
    const png = await renderWeeklyChart(fx.db, roster, 'furao', '2026-11-30');
    expect(png.length).toBeLessThan(CHART_MAX_BYTES);
    const size = pngSize(png);
    expect(size.width).toBe(1000);
    const img = await loadImage(png);
    expect([img.width, img.height]).toEqual([size.width, size.height]);
  });

  it('中文字体来自npm包，而不是系统字体', async () => {
    await renderWeeklyChart(fx.db, roster, 'furao', '2026-11-30');
    expect(GlobalFonts.families.some((f) => f.family === 'Noto Sans SC')).toBe(true);
  });

  it('图上的数字：上周按类别、各网格（含没事的网格），逐日与前一周对比', () => {
    const d = weeklyChartData(fx.db, roster, 'furao', '2026-11-30');
    expect([d.from, d.to]).toEqual(['2026-11-23', '2026-11-29']);
    expect(d.last.created).toBe(8);
    expect(d.previous.created).toBe(1);
    expect(d.grids).toEqual([
      { name: '第一网格', created: 3, resolved: 2, open: 0 },
      { name: '第二网格', created: 2, resolved: 0, open: 2 },
      { name: '第三网格', created: 2, resolved: 1, open: 1 },
      { name: '未分派', created: 1, resolved: 0, open: 1 },
    ]);
    expect(d.days.map((x) => x.last)).toEqual([1, 1, 2, 1, 1, 2, 0]);
    expect(d.days.map((x) => x.previous)).toEqual([1, 0, 0, 0, 0, 0, 0]);
  });

  it('一周什么都没有也画得出来', async () => {
    const png = await renderWeeklyChart(fx.db, roster, 'xingfu', '2026-06-01');
    expect(pngSize(png).height).toBeGreaterThan(500);
  });

  it('npm run report -- weekly --out 写出同一张图', () => {
    const dir = join(fx.dir, 'data');
    mkdirSync(dir, { recursive: true });
    fx.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(fx.file, join(dir, 'bot.sqlite'));
    const out = join(fx.dir, 'weekly.png');
    execFileSync('npx', ['tsx', 'scripts/report.ts', 'weekly', '--out', out, '--community', 'furao', '--monday', '2026-11-30'], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dir, ROSTER_FILE: join(ROOT, 'data/roster.yaml') }, stdio: 'pipe',
    });
    expect(pngSize(readFileSync(out)).width).toBe(1000);
  });
});
