import { describe, expect, it } from 'vitest';
import type { Interpretation } from '../../src/parse/types.js';
import { adjust } from '../../src/points/ledger.js';
import { balanceOf, getRedemption, listEntries, stockMoved } from '../../src/store/points.js';
import { balancesByHand } from './sums.js';
import { reportOf, world, type World } from './world.js';

const AT = '2026-11-28T09:00:00+08:00';
const give = (w: World, userid: string, points: number, at = '2026-11-01T08:00:00+08:00') =>
  adjust(w.db, { userid, community: w.roster.communityOfPerson(userid)!.id, points, reason: '测试发放', by: 'admin', at });
const mine = { intent: 'query_points' as const, points: { ranking: false } };
const rank = { intent: 'query_points' as const, points: { ranking: true } };
const ask = (item: string | null, quantity = 1, unit: string | null = null): Partial<Interpretation> & { intent: 'redeem' } =>
  ({ intent: 'redeem', redeem: { action: 'request', item, quantity, unit, redemption: null } });
const confirm = (n: number | null) => ({ intent: 'redeem' as const, redeem: { action: 'confirm' as const, item: null, quantity: 1, unit: null, redemption: n } });
const cancel = (n: number | null) => ({ intent: 'redeem' as const, redeem: { action: 'cancel' as const, item: null, quantity: 1, unit: null, redemption: n } });

describe('我的积分', () => {
  it('本月分类积分和累计可用分', () => {
    const w = world();
    give(w, 'chenjianguo', 100, '2026-10-15T08:00:00+08:00');
    w.act('chenjianguo', reportOf('5'), { at: '2026-11-02T08:00:00+08:00' });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: '2026-11-02T10:00:00+08:00' });
    w.act('chenjianguo', { intent: 'mediation' }, { at: '2026-11-03T10:00:00+08:00' });
    expect(w.act('chenjianguo', mine, { at: AT })).toEqual(['陈建国 本月积分 10 分（社区环境 5、社区治理 5），累计可用 110 分。']);
  });

  it('还没有积分时也说清楚', () => {
    const w = world();
    expect(w.act('houguifang', mine)).toEqual(['侯桂芳 本月积分 0 分，累计可用 0 分。']);
  });
});

describe('积分排行', () => {
  function busy(): World {
    const w = world();
    const at = '2026-11-05T08:00:00+08:00';
    give(w, 'chenjianguo', 30, at);
    give(w, 'houguifang', 50, at);
    give(w, 'liudeshan', 10, at);
    give(w, 'tianshulan', 99, at); // 幸福社区, not in 富饶's list
    give(w, 'mayuzhen', 500, '2026-10-05T08:00:00+08:00'); // last month
    return w;
  }

  it('书记看到本社区本月前十名', () => {
    const w = busy();
    expect(w.act('zhaoshuming', rank, { at: AT })).toEqual(['富饶社区 本月积分前3名：\n1. 侯桂芳 50分\n2. 陈建国 30分\n3. 刘德山 10分']);
  });

  it('志愿者只看到自己的名次', () => {
    const w = busy();
    expect(w.act('chenjianguo', rank, { at: AT })).toEqual(['您本月在富饶社区排第 2 名（共 3 人），30 分。']);
    expect(w.act('gaozhiqiang', rank, { at: AT })).toEqual(['您本月还没有积分，继续加油！']);
  });

  it('最多列十名', () => {
    const w = world();
    for (let i = 0; i < 12; i++) adjust(w.db, { userid: `v${i}`, community: 'furao', points: 10 + i, reason: 'x', by: 'admin', at: AT });
    const [text] = w.act('admin', rank, { at: AT });
    expect(text.split('\n')).toHaveLength(11);
  });
});

describe('兑换', () => {
  it('兑换 大米 2袋：先登记待确认，不扣分不减库存；书记确认后才扣', () => {
    const w = world();
    give(w, 'chenjianguo', 120);
    const r = w.replies('chenjianguo', ask('大米', 2, '袋'), { at: AT });
    expect(r[0].text).toBe('已申请兑换 大米 ×2（40分），编号 R1，等社区确认。');
    expect(r[0].mention).toEqual(['zhaoshuming']);
    expect(balanceOf(w.db, 'chenjianguo')).toBe(120);
    expect(stockMoved(w.db, 'furao', '大米')).toBe(0);

    const c = w.replies('zhaoshuming', confirm(1), { at: AT });
    expect(c[0].text).toBe('R1 已确认：陈建国 兑换 大米 ×2，扣 40 分，剩 80 分。');
    expect(c[0].mention).toEqual(['chenjianguo']);
    expect(stockMoved(w.db, 'furao', '大米')).toBe(-2);
    const debit = listEntries(w.db).at(-1)!;
    expect(debit).toMatchObject({ kind: 'debit', points: -40, source: 'redemption', source_id: 'R1', actor: 'zhaoshuming', manual: 0, category: null });
    expect(getRedemption(w.db, 1)).toMatchObject({ status: 'confirmed', decided_by: 'zhaoshuming' });
    expect(w.act('zhaoshuming', confirm(1))).toEqual(['R1 已经确认过了。']);
  });

  it('书记取消：不扣分；志愿者可以撤回自己的申请', () => {
    const w = world();
    give(w, 'chenjianguo', 100);
    w.act('chenjianguo', ask('食用油'), { at: AT });
    expect(w.act('zhaoshuming', cancel(1))).toEqual(['R1 已取消：陈建国 兑换 食用油 ×1，没有扣分。']);
    w.act('chenjianguo', ask('毛巾', 2), { at: AT });
    expect(w.act('chenjianguo', cancel(null))).toEqual(['R2 已取消：陈建国 兑换 毛巾 ×2，没有扣分。']);
    expect(balanceOf(w.db, 'chenjianguo')).toBe(100);
  });

  it('只有本社区书记或管理员能确认', () => {
    const w = world();
    give(w, 'chenjianguo', 100);
    w.act('chenjianguo', ask('大米'), { at: AT });
    expect(w.act('chenjianguo', confirm(1))).toEqual(['兑换要由社区书记确认或取消。']);
    expect(w.act('houguifang', cancel(1))).toEqual(['兑换要由社区书记确认或取消。']);
    expect(w.act('liuyan', confirm(1))).toEqual(['兑换要由社区书记确认或取消。']);
    expect(w.act('admin', confirm(1))[0]).toMatch(/^R1 已确认/);
  });

  it('积分不够、库存不够、目录里没有：一句话说明', () => {
    const w = world();
    give(w, 'chenjianguo', 25);
    expect(w.act('chenjianguo', ask('大米', 2, '袋'))).toEqual(['积分不够：大米 ×2 要 40 分，您现在有 25 分。']);
    expect(w.act('chenjianguo', ask('保温杯'))).toEqual(['没找到"保温杯"，可以兑换的有：大米(20分)、食用油(30分)、洗衣液(15分)、毛巾(5分)、挂面(4分)、鸡蛋(10分)']);
    give(w, 'chenjianguo', 2000);
    expect(w.act('chenjianguo', ask('鸡蛋', 41, '盒'))).toEqual(['鸡蛋只剩 40 盒了，少要一些吧。']);
  });

  it('说不清的申请问一句：没说换什么、单位对不上、数量不合理', () => {
    const w = world();
    give(w, 'chenjianguo', 100);
    expect(w.act('chenjianguo', ask(null))[0]).toMatch(/^想兑换什么？可以兑换的有：大米\(20分\)/);
    expect(w.act('chenjianguo', ask('大米', 2, '斤'))).toEqual(['大米按袋兑换，每袋 20 分，要几袋？']);
    expect(w.act('chenjianguo', ask('大米', 0))).toEqual(['大米按袋兑换，每袋 20 分，要几袋？']);
    expect(w.act('chenjianguo', ask('大米', 2, '个'))[0]).toMatch(/^已申请兑换 大米 ×2/);
  });

  it('确认时没带编号：书记看到待确认清单', () => {
    const w = world();
    give(w, 'chenjianguo', 100);
    w.act('chenjianguo', ask('大米'), { at: AT });
    w.act('chenjianguo', ask('毛巾', 3), { at: AT });
    expect(w.act('zhaoshuming', confirm(null))).toEqual(['请带上编号，例如「确认兑换 R1」。等确认的有：\nR1 陈建国 大米 ×1（20分）\nR2 陈建国 毛巾 ×3（15分）']);
    expect(w.act('zhaoshuming', confirm(9))).toEqual(['没有找到兑换 R9，请核对编号。']);
  });

  it('等确认的申请占着积分：两笔加起来超过余额，第二笔当场不收', () => {
    const w = world();
    give(w, 'chenjianguo', 40);
    w.act('chenjianguo', ask('食用油'), { at: AT });
    expect(w.act('chenjianguo', ask('大米'), { at: AT })).toEqual(['积分不够：大米 ×1 要 20 分，您现在有 40 分（其中 30 分已申请兑换、等确认）。']);
  });

  it('两笔确认加起来超过余额：后确认的一笔不扣分，余额不会变负', () => {
    const w = world();
    w.act('chenjianguo', reportOf('5'), { at: '2026-11-25T08:00:00+08:00' });
    w.act('shixiaohong', { intent: 'resolve', ticket: 1 }, { at: '2026-11-25T09:00:00+08:00' });
    give(w, 'chenjianguo', 45); // 50
    w.act('chenjianguo', ask('食用油'), { at: AT }); // 30
    w.act('chenjianguo', ask('大米'), { at: AT }); // 20: together exactly 50
    w.act('chenjianguo', { intent: 'reopen', ticket: 1 }, { at: AT }); // -5 → 45
    expect(w.act('zhaoshuming', confirm(1))[0]).toMatch(/^R1 已确认/);
    expect(w.act('zhaoshuming', confirm(2))).toEqual(['R2 不能确认：陈建国 积分不够（要 20 分，现有 15 分）。可以回复「取消兑换 R2」。']);
    expect(balanceOf(w.db, 'chenjianguo')).toBe(15);
    expect(getRedemption(w.db, 2)!.status).toBe('pending');
  });

  it('两人抢最后的库存：先确认的拿到，后确认的不减库存', () => {
    const w = world();
    give(w, 'chenjianguo', 2000);
    give(w, 'houguifang', 2000);
    w.act('chenjianguo', ask('鸡蛋', 30), { at: AT });
    w.act('houguifang', ask('鸡蛋', 20), { at: AT });
    expect(w.act('zhaoshuming', confirm(2))[0]).toMatch(/^R2 已确认/);
    expect(w.act('zhaoshuming', confirm(1))).toEqual(['R1 不能确认：鸡蛋只剩 20 件。可以回复「取消兑换 R1」。']);
    expect(stockMoved(w.db, 'furao', '鸡蛋')).toBe(-20);
    expect(balanceOf(w.db, 'chenjianguo')).toBe(2000);
  });

  it('机器人说的余额和从流水重新算的一致', () => {
    const w = world();
    give(w, 'chenjianguo', 70);
    w.act('chenjianguo', { intent: 'patrol' }, { at: AT });
    w.act('chenjianguo', ask('大米', 2, '袋'), { at: AT });
    w.act('zhaoshuming', confirm(1), { at: AT });
    const byHand = balancesByHand(w.db);
    expect(byHand.get('chenjianguo')).toBe(32);
    const [text] = w.act('chenjianguo', mine, { at: AT });
    expect(text).toContain(`累计可用 ${byHand.get('chenjianguo')} 分`);
  });
});
