// The 台账 the street office asks for, read back the way they will read it: the xlsx in Excel, the JSON by a platform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { writeMonthlyXlsx } from '../../src/export/monthly.js';
import { open311Requests } from '../../src/export/open311.js';
import { loadRoster } from '../../src/roster/index.js';
import { fixtureDb, NOW, type FixtureDb } from './fixture.js';

const ROOT = resolve(import.meta.dirname, '../..');
const roster = loadRoster(join(ROOT, 'data/roster.yaml'));
let fx: FixtureDb;
beforeAll(() => { fx = fixtureDb(); });
afterAll(() => fx.close());

async function readBook(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name)!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return rows;
  };
  return { names: wb.worksheets.map((w) => w.name), sheet };
}

describe('月度台账 xlsx', () => {
  it('三张表：工单、工作记录、统计，数字和聊天里的一致', async () => {
    const file = join(fx.dir, 'furao-2026-11.xlsx');
    const n = await writeMonthlyXlsx(file, fx.db, roster, 'furao', '2026-11', new Date(NOW));
    expect(n).toEqual({ tickets: 10, records: 6 });
    const book = await readBook(file);
    expect(book.names).toEqual(['工单', '工作记录', '统计']);

    const tickets = book.sheet('工单');
    expect(tickets[0].slice(0, 4)).toEqual(['序号', '编号', '类别', '日期']);
    expect(tickets).toHaveLength(11);
    expect(tickets.flat().join('')).not.toContain('T8'); // 幸福社区的工单不在富饶的台账里
    const t1 = tickets.find((r) => r[1] === `#${fx.ids.T1}`)!;
    expect(t1).toContain('陈建国');
    expect(t1).toContain('青一小区5号楼');
    expect(t1).toContain(12); // 用时12小时

    const records = book.sheet('工作记录');
    expect(records[0]).toEqual(['序号', '编号', '类型', '日期', '管家', '网格', '位置', '内容', '照片数', '消息编号']);
    expect(records.slice(1).map((r) => r[2])).toEqual(['随手做', '巡查', '巡查', '走访', '调解', '巡查']);

    const stats = book.sheet('统计');
    expect(stats[0]).toEqual(['富饶社区 2026-11', '全社区', '第一网格', '第二网格', '第三网格']);
    const row = (label: string) => stats.find((r) => r[0] === label)!.slice(1);
    expect(row('新报（件）')).toEqual([10, 4, 2, 3]);
    expect(row('其中已办结')).toEqual([4, 3, 0, 1]);
    expect(row('巡查')).toEqual([3, 3, 0, 0]);
    expect(row('类别：楼道堆物')).toEqual([4, 3, 1, 0]);
  });

  it('月份写错就说清楚', async () => {
    await expect(writeMonthlyXlsx(join(fx.dir, 'x.xlsx'), fx.db, roster, 'furao', '2026-13')).rejects.toThrow('YYYY-MM');
  });
});

describe('Open311 GeoReport v2 JSON', () => {
  it('每件工单一条，字段齐全，状态只分open/closed', () => {
    const reqs = open311Requests(fx.db, roster, { community: 'furao' });
    expect(reqs).toHaveLength(10);
    const byId = Object.fromEntries(reqs.map((r) => [r.service_request_id, r]));
    const t1 = byId[String(fx.ids.T1)];
    expect(t1).toMatchObject({
      status: 'closed', service_code: 'clutter', service_name: '楼道堆物', description: 'T1 的描述',
      agency_responsible: '富饶第一网格', requested_datetime: '2026-11-23T09:00:00+08:00',
      updated_datetime: '2026-11-23T21:00:00+08:00', expected_datetime: '2026-11-24T09:00:00+08:00',
      address: '富强路街道富饶社区青一小区5号楼', media_url: null,
    });
    expect(byId[String(fx.ids.T3)]).toMatchObject({ status: 'open', updated_datetime: '2026-11-27T09:00:00+08:00' });
    expect(byId[String(fx.ids.T10)]).toMatchObject({ status: 'closed', status_notes: '已取消' });
    expect(byId[String(fx.ids.T9)]).toMatchObject({ agency_responsible: null, address: '富强路街道富饶社区' });
    for (const r of reqs) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['service_request_id', 'status', 'service_code', 'description', 'agency_responsible',
        'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'media_url']));
      expect(r.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    }
  });

  it('npm run export 写出两种文件', async () => {
    const dir = join(fx.dir, 'cli');
    mkdirSync(dir, { recursive: true });
    fx.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(fx.file, join(dir, 'bot.sqlite'));
    const run = (args: string[]) => execFileSync('npx', ['tsx', 'scripts/export.ts', ...args], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dir, ROSTER_FILE: join(ROOT, 'data/roster.yaml') }, stdio: 'pipe',
    });
    run(['open311', '--out', join(dir, 'all.json'), '--from', '2026-11-23', '--to', '2026-11-29']);
    const all = JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8')) as { service_request_id: string }[];
    expect(all).toHaveLength(9); // 本周8件 + 幸福社区1件
    run(['monthly', '--community', 'furao', '--month', '2026-11', '--out', join(dir, 'm.xlsx')]);
    expect((await readBook(join(dir, 'm.xlsx'))).names).toEqual(['工单', '工作记录', '统计']);
  });
});
