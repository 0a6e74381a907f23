// The figures a secretary reports upward, checked against numbers worked out by hand from test/desk/fixture.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { deskPeriod } from '../../src/desk/period.js';
import { formatFigures, formatOwn, splitForWecom } from '../../src/desk/format.js';
import { loadRoster } from '../../src/roster/index.js';
import { figures, openTickets } from '../../src/store/stats.js';
import { fixtureDb, NOW, type FixtureDb } from './fixture.js';

const roster = loadRoster(resolve(import.meta.dirname, '../../data/roster.yaml'));
const week = deskPeriod({ from: '2026-11-23', to: '2026-11-29' }, new Date(NOW));
let fx: FixtureDb;
beforeAll(() => { fx = fixtureDb(); });
afterAll(() => fx.close());

describe('富饶社区本周的数字（手算核对）', () => {
  it('新报、办结、未办结、超期、结案率、按期结案率、用时中位数', () => {
    const f = figures(fx.db, { community: 'furao' }, week.period);
    expect(f).toMatchObject({
      created: 8, createdResolved: 3, createdOnTime: 2, stillOpen: 4, stillOpenOverdue: 1,
      resolved: 4, openNow: 5, overdue: 2, reopened: 1, medianHours: 30,
    });
    expect(f.closeRate).toBeCloseTo(3 / 8);
    expect(f.onTimeRate).toBeCloseTo(2 / 3);
  });

  it('按类别：楼道堆物3件在前，其余各1件按类别排', () => {
    const f = figures(fx.db, { community: 'furao' }, week.period);
    expect(f.byCategory).toEqual([
      { category: 'clutter', n: 3 }, { category: 'dispute', n: 1 }, { category: 'ebike', n: 1 },
      { category: 'facility', n: 1 }, { category: 'other', n: 1 }, { category: 'sanitation', n: 1 },
    ]);
  });

  it('按网格：未分派的单独一栏，不会把全社区算进去', () => {
    const f = figures(fx.db, { community: 'furao' }, week.period);
    const g = Object.fromEntries(f.byGrid.map((x) => [x.grid ?? '未分派', x]));
    expect(Object.keys(g)).toEqual(['未分派', 'furao-1', 'furao-2', 'furao-3']);
    expect(g['未分派']).toMatchObject({ created: 1, createdResolved: 0, stillOpen: 1, openNow: 1 });
    expect(g['furao-1']).toMatchObject({ created: 3, createdResolved: 2, stillOpen: 0, openNow: 0 });
    expect(g['furao-2']).toMatchObject({ created: 2, createdResolved: 0, stillOpen: 2, stillOpenOverdue: 1, overdue: 1 });
    expect(g['furao-3']).toMatchObject({ created: 2, createdResolved: 1, stillOpen: 1, openNow: 2, overdue: 1 });
  });

  it('管家工作和最积极的管家，只算本周、只算本社区', () => {
    const f = figures(fx.db, { community: 'furao' }, week.period);
    expect(f.work).toEqual({ reports: 8, self_handled: 1, patrol: 2, visit: 1, mediation: 1 });
    expect(f.topVolunteers.slice(0, 3)).toEqual([
      { userid: 'chenjianguo', n: 5 }, { userid: 'houguifang', n: 3 }, { userid: 'gaozhiqiang', n: 2 },
    ]);
  });

  it('按网格、按小区、按本人缩小范围', () => {
    expect(figures(fx.db, { community: 'furao', grid: 'furao-2' }, week.period)).toMatchObject({ created: 2, stillOpen: 2, openNow: 2, overdue: 1 });
    expect(figures(fx.db, { community: 'furao', grids: ['furao-1', 'furao-2'] }, week.period)).toMatchObject({ created: 5, createdResolved: 2 });
    expect(figures(fx.db, { community: 'furao', compound: '青一小区' }, week.period)).toMatchObject({ created: 5, createdResolved: 2, stillOpen: 2 });
    const own = figures(fx.db, { community: 'furao', person: 'chenjianguo' }, week.period);
    expect(own).toMatchObject({ created: 2, createdResolved: 1, openNow: 1 });
    expect(own.work).toEqual({ reports: 2, self_handled: 1, patrol: 2, visit: 0, mediation: 0 });
  });

  it('全街道（管理员）包括幸福社区', () => {
    expect(figures(fx.db, {}, week.period).created).toBe(9);
  });

  it('上周和11月份', () => {
    const last = deskPeriod({ from: '2026-11-16', to: '2026-11-22' }, new Date(NOW));
    expect(last.label).toBe('11月16日-11月22日（上周）');
    expect(figures(fx.db, { community: 'furao' }, last.period)).toMatchObject({ created: 1, createdResolved: 1, resolved: 0 });
    const nov = deskPeriod({ from: '2026-11-01', to: '2026-11-30' }, new Date(NOW));
    expect(nov.label).toBe('11月（本月）');
    expect(figures(fx.db, { community: 'furao' }, nov.period).created).toBe(10);
  });
});

describe('未办结清单', () => {
  it('等得最久的在前，超期的可以单独列', () => {
    const all = openTickets(fx.db, { community: 'furao' }, { limit: 20 });
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.id)).toEqual([fx.ids.T7, fx.ids.T3, fx.ids.T4, fx.ids.T9, fx.ids.T11]);
    const late = openTickets(fx.db, { community: 'furao' }, { overdueAt: NOW, limit: 20 });
    expect(late.rows.map((r) => r.id)).toEqual([fx.ids.T7, fx.ids.T3]);
    expect(openTickets(fx.db, { community: 'furao' }, { limit: 2 })).toMatchObject({ total: 5 });
    expect(openTickets(fx.db, { community: 'furao' }, { limit: 2 }).rows).toHaveLength(2);
  });
});

describe('回复的文字', () => {
  it('先说范围和时段，再说数字', () => {
    const f = figures(fx.db, { community: 'furao' }, week.period);
    const text = formatFigures(roster, f, { label: '富饶社区', periodLabel: week.label, byGrid: true });
    expect(text.split('\n')).toEqual([
      '富饶社区 11月23日-11月29日（本周）：',
      '新报8件，已办结3件，未办结4件（超期1件）',
      '结案率38%，按期结案率67%，办结用时中位数30小时',
      '期间共办结4件（含之前报的），重新打开1件',
      '类别：楼道堆物3、矛盾纠纷1、电动车1、设施损坏1、其他1、环境卫生1',
      '各网格：第一网格 新报3/办结2；第二网格 新报2/办结0/未办结2（超期1）；第三网格 新报2/办结1/未办结1；未分派 新报1/办结0/未办结1',
      '管家工作：上报8、随手做1、巡查2、走访1、调解1',
      '最积极：陈建国5、侯桂芳3、高志强2',
      '目前共有未办结5件，其中超期2件',
    ]);
  });

  it('志愿者本人的情况', () => {
    const f = figures(fx.db, { community: 'furao', person: 'chenjianguo' }, week.period);
    expect(formatOwn(f, { label: '陈建国本人', periodLabel: week.label, note: false })).toBe(
      '陈建国本人 11月23日-11月29日（本周）：\n上报问题2件（已办结1件），随手做1次，巡查2次，走访0次，调解0次\n您反映的问题还有1件在处理中');
  });

  it('超过2048字节就按行拆成几条', () => {
    const long = Array.from({ length: 80 }, (_, i) => `#${i} 楼道堆物 · 青一小区5号楼3单元 · 3天 · 石晓红`).join('\n');
    const parts = splitForWecom(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(2048);
    expect(parts.join('\n')).toBe(long);
  });
});
