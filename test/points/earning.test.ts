import { describe, expect, it } from 'vitest';
import { emptyBalances, entriesOf } from './sums.js';
import { reportOf, world } from './world.js';
import { loadPointsRules } from '../../src/points/rules.js';
import { balanceOf, listEntries } from '../../src/store/points.js';
import { getTicket } from '../../src/store/tickets.js';
import { reverseCycle } from '../../src/points/ledger.js';

const DAY = '2026-11-28';
const t = (hhmm: string, day = DAY) => `${day}T${hhmm}:00+08:00`;

describe('只有核实过的工作才得分', () => {
  it('反映问题时不加分，网格员办结后反映人得分（楼道堆物记在社区环境）', () => {
    const w = world();
    w.act('chenjianguo', reportOf('5'), { at: t('08:00') });
    expect(balanceOf(w.db, 'chenjianguo')).toBe(0);
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('10:00') });
    const [e] = listEntries(w.db);
    expect(e).toMatchObject({
      userid: 'chenjianguo', community: 'furao', category: 'environment', points: 5, kind: 'credit', source: 'ticket', source_id: '1',
      cycle: 0, actor: 'system', manual: 0, rule: 'report',
    });
    expect(e.reason).toContain('#1');
    expect(balanceOf(w.db, 'chenjianguo')).toBe(5);
  });

  it('设施损坏的问题记在社区建设，由数据文件决定', () => {
    const w = world();
    w.act('chenjianguo', reportOf('6', 'facility', '路灯坏了'), { at: t('08:00') });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('10:00') });
    expect(listEntries(w.db)[0].category).toBe('construction');
  });

  it('网格员自己报的问题、书记办结的问题：网格员不是志愿者，不得分', () => {
    const w = world();
    w.act('shixiaohong', reportOf('5'), { at: t('08:00') });
    w.act('zhaoshuming', { intent: 'resolve', ticket: 1 }, { at: t('10:00') });
    expect(listEntries(w.db)).toEqual([]);
  });

  it('7天内重开：记一条冲正，余额回到0；再次办结再得分，再重开再冲正', () => {
    const w = world();
    w.act('chenjianguo', reportOf('5'), { at: t('08:00') });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('10:00') });
    w.act('chenjianguo', { intent: 'reopen', ticket: 1 }, { at: t('09:00', '2026-12-02') });
    let es = listEntries(w.db);
    expect(es.map((e) => [e.kind, e.points, e.cycle])).toEqual([['credit', 5, 0], ['reversal', -5, 0]]);
    expect(es[1].reverses).toBe(es[0].id);
    expect(es[1].work_day).toBe(DAY);
    expect(balanceOf(w.db, 'chenjianguo')).toBe(0);

    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('10:00', '2026-12-02') });
    expect(balanceOf(w.db, 'chenjianguo')).toBe(5);
    w.act('chenjianguo', { intent: 'reopen', ticket: 1 }, { at: t('11:00', '2026-12-03') });
    es = listEntries(w.db);
    expect(es.map((e) => [e.kind, e.points, e.cycle])).toEqual([['credit', 5, 0], ['reversal', -5, 0], ['credit', 5, 1], ['reversal', -5, 1]]);
    expect(balanceOf(w.db, 'chenjianguo')).toBe(0);
  });

  it('办结超过7天后的冲正不撤回积分', () => {
    const w = world();
    w.act('chenjianguo', reportOf('5'), { at: t('08:00') });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('10:00') });
    const n = reverseCycle(w.db, loadPointsRules(), { source: 'ticket', sourceId: '1', cycle: 0, at: t('10:01', '2026-12-05'), reason: 'x' });
    expect(n).toBe(0);
    expect(balanceOf(w.db, 'chenjianguo')).toBe(5);
  });

  it('重复反映合并：第一位得全分，后来的每人得一半（向下取整），同一人反映两次不多得', () => {
    const w = world();
    w.act('chenjianguo', reportOf('5'), { at: t('08:00') });
    expect(w.act('houguifang', reportOf('5'), { at: t('08:10') })[0]).toContain('已合并到 #1');
    w.act('liudeshan', reportOf('5'), { at: t('08:20') });
    w.act('houguifang', reportOf('5'), { at: t('08:30') });
    w.act('chenjianguo', reportOf('5'), { at: t('08:40') });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('10:00') });
    const by = Object.fromEntries(listEntries(w.db).map((e) => [e.userid, [e.points, e.rule]]));
    expect(by).toEqual({ chenjianguo: [5, 'report'], houguifang: [2, 'report_merged'], liudeshan: [2, 'report_merged'] });
    w.act('chenjianguo', { intent: 'reopen', ticket: 1 }, { at: t('12:00') });
    expect(entriesOf(w.db).filter((e) => e.kind === 'reversal').map((e) => [e.userid, e.points])).toEqual([
      ['chenjianguo', -5], ['houguifang', -2], ['liudeshan', -2],
    ]);
    expect(emptyBalances(w.db)).toBe(true);
  });

  it('合并分成比例可以在数据文件里改', () => {
    const rules = { ...loadPointsRules(), merge_share: 0.8 };
    const w = world({ rules });
    w.act('chenjianguo', reportOf('5'), { at: t('08:00') });
    w.act('houguifang', reportOf('5'), { at: t('08:10') });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('10:00') });
    expect(balanceOf(w.db, 'houguifang')).toBe(4);
  });
});

describe('同一件事只记一次', () => {
  it('同一个办结事件送到两次（回调重试、重放），只记一条', () => {
    const w = world();
    w.act('chenjianguo', reportOf('5'), { at: t('08:00') });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('10:00') });
    const ticket = getTicket(w.db, 1)!;
    w.db.transaction(() => w.events.emit(w.db, { type: 'ticket_resolved', ticket, by: 'shixiaohong', msgid: 'again', at: t('10:05') }))();
    expect(listEntries(w.db)).toHaveLength(1);
  });

  it('同一条工作记录的事件送到两次，只记一条', () => {
    const w = world();
    w.act('chenjianguo', { intent: 'visit', text: '走访独居老人' }, { at: t('09:00') });
    const rec = w.db.prepare('SELECT * FROM records').get() as never;
    w.db.transaction(() => w.events.emit(w.db, { type: 'record_created', record: rec, at: t('09:00') }))();
    expect(listEntries(w.db)).toHaveLength(1);
  });

  it('处理消息出错时，积分和工单一起回滚', () => {
    const w = world();
    w.act('chenjianguo', reportOf('5'), { at: t('08:00') });
    w.events.subscribe((_db, e) => { if (e.type === 'ticket_resolved') throw new Error('boom'); });
    expect(() => w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('10:00') })).toThrow('boom');
    expect(getTicket(w.db, 1)!.status).toBe('open');
    expect(listEntries(w.db)).toEqual([]);
  });
});

describe('每日上限', () => {
  it('巡查打卡一天只记一次，第二天又能记', () => {
    const w = world();
    w.act('chenjianguo', { intent: 'patrol', text: '巡查打卡' }, { at: t('08:00') });
    w.act('chenjianguo', { intent: 'patrol', text: '巡查打卡' }, { at: t('16:00') });
    w.act('chenjianguo', { intent: 'patrol', text: '巡查打卡' }, { at: t('00:10', '2026-11-29') });
    expect(listEntries(w.db).map((e) => [e.work_day, e.points, e.category])).toEqual([[DAY, 2, 'general'], ['2026-11-29', 2, 'general']]);
  });

  it('随手做每天最多15分：第6次不再加分，记录照样保存', () => {
    const w = world();
    for (let i = 0; i < 6; i++) w.act('chenjianguo', { intent: 'self_handled', category: 'sanitation', text: `捡垃圾${i}` }, { at: t(`0${i + 1}:00`) });
    expect(listEntries(w.db).map((e) => e.points)).toEqual([3, 3, 3, 3, 3]);
    expect((w.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n).toBe(6);
  });

  it('上限不是整数倍时，最后一次只记到上限为止，并在事由里写明', () => {
    const base = loadPointsRules();
    const w = world({ rules: { ...base, work: { ...base.work, visit: { points: 3, category: 'culture', daily_cap: 7 } } } });
    for (let i = 0; i < 4; i++) w.act('chenjianguo', { intent: 'visit', text: '走访' }, { at: t(`0${i + 1}:00`) });
    const es = listEntries(w.db);
    expect(es.map((e) => e.points)).toEqual([3, 3, 1]);
    expect(es[2].reason).toContain('已达每日上限');
  });

  it('全天总上限（40分）管住各类工作加起来', () => {
    const w = world();
    const at = (i: number) => t(`${String(6 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`);
    let i = 0;
    w.act('chenjianguo', { intent: 'patrol' }, { at: at(i++) }); // 2
    for (let k = 0; k < 5; k++) w.act('chenjianguo', { intent: 'self_handled', category: 'sanitation' }, { at: at(i++) }); // 15
    for (let k = 0; k < 3; k++) w.act('chenjianguo', { intent: 'visit' }, { at: at(i++) }); // 9
    for (let k = 0; k < 2; k++) w.act('chenjianguo', { intent: 'mediation' }, { at: at(i++) }); // 10 → 36
    for (let k = 0; k < 4; k++) w.act('chenjianguo', reportOf(String(k + 1), 'sanitation', `垃圾${k}`), { at: at(i++) });
    for (let k = 1; k <= 4; k++) w.act('shixiaohong', { intent: 'resolve', ticket: k }, { at: at(i++) });
    expect(balanceOf(w.db, 'chenjianguo')).toBe(40);
    expect(listEntries(w.db).filter((e) => e.rule === 'report').map((e) => e.points)).toEqual([4]);
  });

  it('被冲正的积分把当天的额度还回来', () => {
    const base = loadPointsRules();
    const w = world({ rules: { ...base, work: { ...base.work, report: { ...base.work.report!, daily_cap: 5 } } } });
    w.act('chenjianguo', reportOf('1', 'sanitation', 'a'), { at: t('08:00') });
    w.act('chenjianguo', reportOf('2', 'sanitation', 'b'), { at: t('08:01') });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('09:00') });
    w.act('shixiaohong', { intent: 'resolve', ticket: 2 }, { at: t('09:01') });
    expect(balanceOf(w.db, 'chenjianguo')).toBe(5);
    w.act('chenjianguo', { intent: 'reopen', ticket: 1 }, { at: t('10:00') });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: t('11:00') });
    expect(balanceOf(w.db, 'chenjianguo')).toBe(5);
  });
});

describe('账本只增不改', () => {
  it('积分流水不能修改或删除，只能追加', () => {
    const w = world();
    w.act('chenjianguo', { intent: 'patrol' }, { at: t('08:00') });
    expect(() => w.db.prepare('UPDATE points_entries SET points = 100').run()).toThrow(/append-only/);
    expect(() => w.db.prepare('DELETE FROM points_entries').run()).toThrow(/append-only/);
    expect(balanceOf(w.db, 'chenjianguo')).toBe(2);
  });
});
