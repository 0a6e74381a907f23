// A community's own sheet becomes roster.yaml; rows that cannot be used are named by their row, the rest goes in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { importRoster, parseCsv, readSheet } from '../../src/roster/import.js';
import { loadRoster, parseRoster } from '../../src/roster/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SHEET = join(ROOT, 'test/fixtures/sheets/furao-roster.csv');
const base = loadRoster(join(ROOT, 'data/roster.yaml'));
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'roster-import-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('从表格导入名册', () => {
  it('富饶社区的CSV：坏行逐行说明并跳过，其余生成能用的名册', async () => {
    const res = importRoster(await readSheet(SHEET), { base });
    expect(res.ok).toBe(true);
    expect(res.problems.map((p) => p.message)).toEqual([
      '第10行（马玉珍）：没有企业微信账号，已跳过',
      '第11行（高志强）：不认识的角色「保洁员」（志愿者、网格员、书记、管理员），已跳过',
      '第12行（李秀英）：企业微信账号「chenjianguo」和第7行重复，已跳过',
      '第13行（张伟）：网格「第五网格」表里没有网格员，已跳过',
      '第14行：没有姓名，已跳过',
      '第15行（王芳）：企业微信账号「wang fang」只能有字母、数字和 _ - . @，已跳过',
      '表里没有幸福社区，沿用原名册里的幸福社区',
    ]);
    expect(res.unusedHeaders).toEqual(['序号', '手机号']);
    const r = parseRoster(res.yaml);
    // ids, chats and aliases come from the roster in force; the sheet's 第一网格 is the roster's 富饶第一网格
    expect(r.community('furao')!.chats).toEqual(['wrkchat-furao']);
    expect(r.person('chenjianguo')).toMatchObject({ name: '陈建国', role: 'volunteer', grid: 'furao-1' });
    expect(r.person('zhaoshuming')).toMatchObject({ role: 'secretary', community: 'furao' });
    expect(r.gridFor('青一小区', '15')?.id).toBe('furao-2');
    expect(r.gridFor('富饶小区', '9')?.worker).toBe('sunli');
    expect(r.person('gaozhiqiang')).toBeUndefined();
    expect(r.person('tianshulan')?.grid).toBe('xingfu-1'); // 幸福社区 kept as it was
  });

  it('xlsx：没有原名册也能生成，新社区和网格自动编号', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '企业微信账号', '角色', '社区', '网格', '小区', '楼栋']);
    ws.addRow(['周静', 'zhoujing', '网格员', '幸福社区', '幸福第一网格', '幸福家园', '1-15']);
    ws.addRow(['何平', 'heping', '网格员', '幸福社区', '幸福第二网格', '幸福家园', '16~30号楼']);
    ws.addRow(['田淑兰', 'tianshulan', '志愿者', '幸福社区', '幸福第一网格', '幸福家园', '3']);
    ws.addRow(['刘燕', 'liuyan', '书记', '幸福社区', '', '', '']);
    ws.addRow(['坏楼栋', 'badb', '网格员', '幸福社区', '幸福第三网格', '幸福家园', '十一到五']);
    ws.addRow(['管理员', 'admin', '管理员', '', '', '', '']);
    const file = join(dir, 'xingfu.xlsx');
    await wb.xlsx.writeFile(file);
    const res = importRoster(await readSheet(file), { street: '富强路街道' });
    expect(res.problems[0].message).toMatch(/^第6行（坏楼栋）：楼栋「十一到五」看不懂/);
    expect(res.problems.at(-1)!.message).toBe('新社区「幸福社区」编号为 c1，可在 roster.yaml 里改成拼音，并填上工作群的 chats');
    expect(res.ok).toBe(true);
    const r = parseRoster(res.yaml);
    expect(r.grids.map((g) => [g.id, g.name])).toEqual([['c1-1', '幸福第一网格'], ['c1-2', '幸福第二网格']]);
    expect(r.compound('幸福家园')!.buildings).toHaveLength(30);
    expect(r.person('admin')?.role).toBe('admin');
  });

  it('Excel另存的CSV是GB18030编码，也认得', async () => {
    const gbk = Buffer.from('d0d5c3fb2cc6f3d2b5cea2d0c5d5cbbac52cbdc7c9ab0a', 'hex'); // 姓名,企业微信账号,角色\n
    const file = join(dir, 'gbk.csv');
    writeFileSync(file, gbk);
    expect((await readSheet(file))[0]).toEqual(['姓名', '企业微信账号', '角色']);
  });

  it('CSV的引号和换行', () => {
    expect(parseCsv('a,"b,1","c ""x"""\r\n"多\n行",2,3\n')).toEqual([['a', 'b,1', 'c "x"'], ['多\n行', '2', '3']]);
  });

  it('找不到表头就直说', () => {
    const res = importRoster([['随便'], ['什么']]);
    expect(res.ok).toBe(false);
    expect(res.problems[0].message).toContain('没找到表头');
  });

  it('npm run roster -- import 写出名册，check 通过；坏名册 check 报错', () => {
    const out = join(dir, 'roster.yaml');
    copyFileSync(join(ROOT, 'data/roster.yaml'), out);
    const run = (args: string[]) => spawnSync('npx', ['tsx', 'scripts/roster.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ROSTER_FILE: out } });
    const imp = run(['import', SHEET]);
    expect(imp.status).toBe(0);
    expect(imp.stderr).toContain('第10行（马玉珍）：没有企业微信账号');
    expect(imp.stderr).toContain(`已写入 ${out}`);
    expect(loadRoster(out).person('gaozhiqiang')).toBeUndefined();
    expect(run(['check']).stderr).toContain('名册正常');
    writeFileSync(out, readFileSync(out, 'utf8').replace('worker: wanglei', 'worker: nobody'));
    const bad = run(['check']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('worker "nobody" is not in people');
  });
});
