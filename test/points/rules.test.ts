import { describe, expect, it } from 'vitest';
import { catalogue, creditFor, findItem, loadCatalogue, loadPointsRules, pointsRules, shelfOf } from '../../src/points/rules.js';
import { POINT_CATEGORIES, POINT_CATEGORY_ZH } from '../../src/points/categories.js';
import { openDb } from '../../src/store/db.js';

describe('积分规则文件', () => {
  it('随仓库的规则能读：五类积分、每种工作的分值和类别', () => {
    const r = pointsRules();
    expect(Object.values(POINT_CATEGORY_ZH)).toEqual(['综合管理', '社区治理', '社区环境', '社区文化', '社区建设']);
    expect(r.earners).toEqual(['volunteer']);
    expect(r.reopen_window_days).toBe(7);
    expect(r.work.patrol).toMatchObject({ points: 2, category: 'general', max_per_day: 1 });
    for (const k of ['report', 'self_handled', 'patrol', 'visit', 'mediation'] as const) expect(POINT_CATEGORIES).toContain(r.work[k]!.category);
  });

  it('问题类别决定积分类别，没写的用默认类别；也可以单独定分值', () => {
    const r = loadPointsRules('x.yaml', `
work:
  report: { points: 5, category: governance, by_problem: { sanitation: environment, facility: { category: construction, points: 8 } } }
`);
    expect(creditFor(r, 'report', 'sanitation')).toEqual({ points: 5, category: 'environment' });
    expect(creditFor(r, 'report', 'facility')).toEqual({ points: 8, category: 'construction' });
    expect(creditFor(r, 'report', 'parking')).toEqual({ points: 5, category: 'governance' });
    expect(creditFor(r, 'visit', null)).toBeNull();
  });

  it('写错的规则文件在启动时就报错，指出文件和字段', () => {
    expect(() => loadPointsRules('points.yaml', 'work: { report: { points: 5, category: 环境 } }')).toThrow(/points\.yaml: work\.report\.category/);
    expect(() => loadPointsRules('points.yaml', 'work: { walk: { points: 5, category: general } }')).toThrow(/points\.yaml/);
    expect(() => loadPointsRules('points.yaml', 'work: { visit: { points: -1, category: general } }')).toThrow(/work\.visit\.points/);
    expect(() => loadPointsRules('points.yaml', 'merge_share: 2\nwork: {}')).toThrow(/merge_share/);
  });
});

describe('兑换目录', () => {
  it('默认目录各社区共用，社区可以有自己的目录', () => {
    const cat = catalogue();
    expect(shelfOf(cat, 'furao').map((i) => i.item)).toContain('大米');
    expect(shelfOf(cat, 'furao').map((i) => i.item)).not.toContain('保温杯');
    expect(shelfOf(cat, 'xingfu').map((i) => i.item)).toContain('保温杯');
    expect(shelfOf(cat, 'xingfu').find((i) => i.item === '大米')!.points).toBe(18);
  });

  it('按名称、别名或包含的名称找到商品；说不清的不猜', () => {
    const shelf = shelfOf(catalogue(), 'furao');
    expect(findItem(shelf, '大米')!.item).toBe('大米');
    expect(findItem(shelf, '米')!.item).toBe('大米');
    expect(findItem(shelf, '花生油')!.item).toBe('食用油');
    expect(findItem(shelf, '东北大米')!.item).toBe('大米');
    expect(findItem(shelf, '保温杯')).toBeUndefined();
    expect(findItem(shelf, '')).toBeUndefined();
  });

  it('同一个名字指两样商品的目录不接受', () => {
    expect(() => loadCatalogue('c.yaml', `default:\n  - { item: 大米, points: 20, stock: 1, aliases: [米] }\n  - { item: 小米, points: 20, stock: 1, aliases: [米] }`)).toThrow(/"米" names two items/);
    expect(() => loadCatalogue('c.yaml', `default:\n  - { item: 大米, points: 0, stock: 1 }`)).toThrow(/default\.0\.points/);
  });
});

describe('数据库迁移', () => {
  it('0020 建好积分流水、兑换和库存三张表', () => {
    const db = openDb(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(20);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['points_entries', 'redemptions', 'stock_moves']));
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT coalesce(sum(points), 0) FROM points_entries WHERE userid = ? AND rule = ? AND work_day = ? AND kind IN ('credit','reversal')`).all('a', 'b', 'c') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/points_cap/);
  });
});
