import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { adjust } from '../../src/points/ledger.js';
import { pointsSheet, POINTS_ENTRY_HEADERS } from '../../src/points/export.js';
import { openDb } from '../../src/store/db.js';
import { balanceOf, listEntries } from '../../src/store/points.js';
import { reportOf, tempDbFile, world } from './world.js';

describe('台账里的积分表', () => {
  function twoMonths() {
    const w = world();
    w.act('chenjianguo', reportOf('5'), { at: '2026-10-30T08:00:00+08:00' });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: '2026-10-30T10:00:00+08:00' });
    w.act('chenjianguo', { intent: 'visit' }, { at: '2026-11-02T10:00:00+08:00' });
    w.act('houguifang', { intent: 'patrol' }, { at: '2026-11-02T10:00:00+08:00' });
    adjust(w.db, { userid: 'chenjianguo', community: 'furao', points: 50, reason: '春节慰问补录', by: 'zhaoshuming', at: '2026-11-03T10:00:00+08:00', category: 'culture' });
    w.act('chenjianguo', { intent: 'redeem', redeem: { action: 'request', item: '大米', quantity: 1, unit: '袋', redemption: null } }, { at: '2026-11-04T10:00:00+08:00' });
    w.act('zhaoshuming', { intent: 'redeem', redeem: { action: 'confirm', item: null, quantity: 1, unit: null, redemption: 1 } }, { at: '2026-11-04T11:00:00+08:00' });
    return w;
  }

  it('每月每人各类积分、本月兑换和月末余额，下面是逐条流水', () => {
    const w = twoMonths();
    const s = pointsSheet(w.db, w.roster);
    expect(s.name).toBe('积分');
    expect(s.headers).toEqual(['月份', '姓名', '社区', '综合管理', '社区治理', '社区环境', '社区文化', '社区建设', '本月获得', '本月兑换', '月末余额']);
    const blank = s.rows.findIndex((r) => r.length === 0);
    expect(s.rows.slice(0, blank)).toEqual([
      ['2026-10', '陈建国', '富饶社区', 0, 0, 5, 0, 0, 5, 0, 5],
      ['2026-11', '陈建国', '富饶社区', 0, 0, 0, 53, 0, 53, 20, 38],
      ['2026-11', '侯桂芳', '富饶社区', 2, 0, 0, 0, 0, 2, 0, 2],
    ]);
    expect(s.rows[blank + 2]).toEqual([...POINTS_ENTRY_HEADERS]);
    const entries = s.rows.slice(blank + 3);
    expect(entries).toHaveLength(listEntries(w.db).length);
    expect(entries.find((r) => r[7] === '春节慰问补录')).toEqual([4, '2026-11-03 10:00', '陈建国', '富饶社区', '社区文化', 50, '人工调整', '春节慰问补录', '管理员', expect.any(String), '赵书明', '人工']);
    expect(entries.find((r) => r[6] === '兑换扣分')!.slice(5, 12)).toEqual([-20, '兑换扣分', '兑换 大米 ×1（R1）', '兑换', 'R1', '赵书明', '系统']);
    expect(entries[0].slice(8, 12)).toEqual(['工单', '#1', '系统', '系统']);
  });

  it('只看一个月：余额仍算上以前的积分', () => {
    const w = twoMonths();
    const s = pointsSheet(w.db, w.roster, { month: '2026-11' });
    const blank = s.rows.findIndex((r) => r.length === 0);
    expect(s.rows.slice(0, blank).map((r) => [r[1], r.at(-1)])).toEqual([['陈建国', 38], ['侯桂芳', 2]]);
    expect(s.rows.slice(blank + 3).every((r) => String(r[1]).startsWith('2026-11'))).toBe(true);
  });
});

const ROOT = join(dirname(new URL(import.meta.url).pathname), '../..');
const tsx = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });

describe('管理员命令行 npm run points', () => {
  it('调整积分记一条人工流水；查余额；列流水；没有原因或经办人不收', () => {
    const file = tempDbFile();
    openDb(file).close();
    const env = { DATA_DIR: dirname(file) };
    const add = tsx(['scripts/points.ts', 'adjust', 'chenjianguo', '+10', '--reason', '补录11月走访', '--by', 'admin'], env);
    expect(add.status).toBe(0);
    expect(add.stdout).toContain('陈建国 +10 分（补录11月走访），现在 10 分');
    expect(tsx(['scripts/points.ts', 'adjust', 'chenjianguo', '-3', '--reason', '重复登记', '--by', 'zhaoshuming'], env).status).toBe(0);
    expect(tsx(['scripts/points.ts', 'adjust', 'chenjianguo', '5', '--by', 'admin'], env).status).toBe(2);
    expect(tsx(['scripts/points.ts', 'adjust', 'chenjianguo', '5', '--reason', 'x'], env).status).toBe(2);
    expect(tsx(['scripts/points.ts', 'balance', 'chenjianguo'], env).stdout).toMatch(/^陈建国 累计可用 7 分/);
    const lines = tsx(['scripts/points.ts', 'entries', '--format', 'jsonl'], env).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => [e.points, e.kind, e.manual, e.actor, e.source])).toEqual([[10, 'adjustment', 1, 'admin', 'admin'], [-3, 'adjustment', 1, 'zhaoshuming', 'admin']]);
    const db = openDb(file);
    expect(balanceOf(db, 'chenjianguo')).toBe(7);
    db.close();
  });

  it('台账 xlsx 带上积分表', async () => {
    const file = tempDbFile();
    const db = openDb(file);
    adjust(db, { userid: 'chenjianguo', community: 'furao', points: 10, reason: '期初', by: 'admin', at: '2026-11-01T08:00:00+08:00' });
    db.close();
    const out = join(dirname(file), 'ledger.xlsx');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ledger.ts', '--format', 'xlsx', '--out', out], { cwd: ROOT, env: { ...process.env, DATA_DIR: dirname(file) }, stdio: 'pipe' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('积分')!;
    expect(ws.getRow(2).values).toEqual([undefined, '2026-11', '陈建国', '富饶社区', 10, 0, 0, 0, 0, 10, 0, 10]);
  });
});
