import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadRoster, parseRoster, RosterError, expandBuildings, normalizeBuilding } from '../../src/roster/index.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const DEMO = here('../../data/roster.yaml');
const STREET2 = here('../fixtures/rosters/street2.yaml');
const BROKEN = here('../fixtures/rosters/broken.yaml');

function faultsOf(text: string) {
  try { parseRoster(text, 'x.yaml'); } catch (e) { if (e instanceof RosterError) return e.faults; throw e; }
  throw new Error('expected a RosterError');
}

describe('演示名册', () => {
  const r = loadRoster(DEMO);
  it('加载并建立索引', () => {
    expect(r.street).toBe('富强路街道');
    expect(r.communities.map((c) => c.id)).toEqual(['furao', 'xingfu']);
    expect(r.compound('青一')?.name).toBe('青一小区');
    expect(r.compound('青一小区')?.buildings).toHaveLength(24);
    expect(r.gridFor('青一小区', '5')?.id).toBe('furao-1');
    expect(r.gridFor('青一', '13')?.worker).toBe('wanglei');
    expect(r.gridFor('富饶小区')?.id).toBe('furao-3');
    expect(r.gridFor('幸福家园')).toBeUndefined(); // two grids
    expect(r.gridFor('幸福家园', '16')?.id).toBe('xingfu-2');
    expect(r.communityOfChat('wrkchat-xingfu')?.id).toBe('xingfu');
    expect(r.person('chenjianguo')?.grid).toBe('furao-1');
    expect(r.gridsOfWorker('sunli').map((g) => g.id)).toEqual(['furao-3']);
    expect(r.communityOfPerson('shixiaohong')?.id).toBe('furao');
    expect(r.communityOfPerson('chenjianguo')?.id).toBe('furao');
    expect(r.communityOfPerson('liuyan')?.id).toBe('xingfu');
    expect(r.communityOfPerson('admin')).toBeUndefined();
  });
});

describe('另一条街道的名册（8号院、A座）', () => {
  const r = loadRoster(STREET2);
  it('字母楼栋与整院网格', () => {
    expect(r.compound('八号院')?.name).toBe('8号院');
    expect(r.compound('8号院')?.buildings).toEqual(['A', 'B', 'C', 'D']);
    expect(r.gridFor('8号院', 'C')?.id).toBe('chunhui-1');
    expect(r.gridFor('8号院')?.id).toBe('chunhui-1');
    expect(r.gridFor('春晖花园', '11')?.worker).toBe('zhaolei');
    expect(r.compound('新河苑')?.buildings).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '15']);
    expect(r.gridFor('纺宿', '3')?.id).toBe('xinhe-1');
    expect(r.communityOfChat('wrkchat-xinhe-2')?.id).toBe('xinhe');
    expect(r.communities).toHaveLength(2);
  });
});

describe('楼栋写法', () => {
  it.each([
    ['1-24', 24], ['1-12,15,A座', 14], ['A-D', 4], ['A座-D座', 4], ['5', 1], ['1号楼-3号楼', 3], ['1~3、5', 4],
  ])('%s 展开为 %i 栋', (spec, n) => expect(expandBuildings(spec)).toHaveLength(n));
  it.each([
    ['A座', 'A'], ['b栋', 'B'], ['12号楼', '12'], ['十二栋', '12'], ['二十一号楼', '21'], ['5#', '5'], ['５', '5'], ['8号院', null], ['甲', '甲'], ['乙栋', '乙'], ['AB', null],
  ])('%s → %s', (raw, want) => expect(normalizeBuilding(raw)).toBe(want));
  it.each(['1-', '24-1', 'A-3', '8号院', '1-x', 'D-A'])('坏写法 %s 报错', (spec) => expect(() => expandBuildings(spec)).toThrow());
});

describe('名册校验：每个问题都带行号', () => {
  it('坏名册列出所有问题及其准确行号', () => {
    let err: unknown;
    try { loadRoster(BROKEN); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(RosterError);
    const faults = (err as RosterError).faults.map((f) => [f.line, f.message] as const);
    const at = (line: number, re: RegExp) => expect(faults.some(([l, m]) => l === line && re.test(m)), `line ${line} ${re}`).toBe(true);
    at(3, /community id "Bad Id" must match/);
    at(6, /secretary "nobody" is not in people/);
    at(11, /"甲小区" is claimed twice/);
    at(12, /bad building range "1-x"/);
    at(15, /chat "chat-1" belongs to two communities/);
    at(29, /worker "v1" has role volunteer/);
    at(31, /buildings 11, 12 not in compound 甲小区/);
    at(31, /buildings 5, 6 of 甲小区 claimed by two grids: g1 \(line 25\) and g2/);
    at(32, /grid id "g1" appears twice/);
    at(40, /unknown community "nowhere"/);
    at(41, /worker "ghost" is not in people/);
    at(43, /unknown compound "丁小区"/);
    at(46, /unknown grid "g9"/);
    at(47, /userid "w1" appears twice/);
    at(48, /unknown role "captain"/);
    at(49, /missing or empty "name"/);
    expect(faults).toHaveLength(16);
    expect((err as Error).message).toContain('broken.yaml:47: userid "w1" appears twice');
  });

  it('YAML 语法错误带行号', () => {
    const f = faultsOf('street: s\ncommunities:\n  - id: a\n    name: [unclosed\ngrids: []\n');
    expect(f[0].line).toBeGreaterThanOrEqual(4);
    expect(f[0].message).toMatch(/YAML syntax error/);
  });

  it('整院归一个网格时，别的网格不能再认领其中的楼', () => {
    const text = [
      'street: s',
      'communities:',
      '  - { id: c, name: C, chats: [k], compounds: [ { name: 院, buildings: 1-5 } ] }',
      'grids:',
      '  - { id: g1, name: G1, community: c, worker: w, areas: [ { compound: 院 } ] }',
      '  - { id: g2, name: G2, community: c, worker: w, areas: [ { compound: 院, buildings: 2 } ] }',
      'people:',
      '  - { userid: w, name: W, role: grid_worker }',
    ].join('\n');
    const f = faultsOf(text);
    expect(f).toHaveLength(1);
    expect(f[0].line).toBe(6);
    expect(f[0].message).toMatch(/g1 \(line 5\) claims the whole compound/);
  });

  it('缺少必填项与空名册', () => {
    const f = faultsOf('communities: []\ngrids: []\npeople: []\n');
    expect(f.map((x) => x.message).join('\n')).toMatch(/missing or empty "street"/);
    expect(f.some((x) => /"communities" is empty/.test(x.message) && x.line === 1)).toBe(true);
  });

  it('网格的小区必须属于本社区', () => {
    const text = [
      'street: s',
      'communities:',
      '  - { id: a, name: A, chats: [ka], compounds: [ { name: 甲, buildings: 1-3 } ] }',
      '  - { id: b, name: B, chats: [kb], compounds: [ { name: 乙, buildings: 1-3 } ] }',
      'grids:',
      '  - { id: g, name: G, community: a, worker: w, areas: [ { compound: 乙 } ] }',
      'people:',
      '  - { userid: w, name: W, role: grid_worker }',
    ].join('\n');
    const f = faultsOf(text);
    expect(f).toEqual([{ line: 6, message: 'grid g: compound "乙" belongs to community b, not a' }]);
  });
});
