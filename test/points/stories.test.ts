// The 红色积分超市 as people use it in the group: real signed callbacks, the real understanding, the real database.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { balanceOf, listEntries } from '../../src/store/points.js';
import { balancesByHand } from './sums.js';

let h: Harness | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

const last = (hh: Harness) => hh.group().at(-1)?.text ?? '';
/** What the bot answered the last message with, wherever it went (group robot or the AI bot's response_url). */
function answer(hh: Harness): string {
  const r = hh.responses().at(-1)?.body as { text?: { content?: string }; markdown?: { content?: string } } | undefined;
  return r?.text?.content ?? r?.markdown?.content ?? last(hh);
}

describe('积分故事', () => {
  it('报问题 → 网格员办结 → 陈建国查到积分；重开 → 撤回', async () => {
    h = await startHarness({ now: '2026-11-28T08:00:00+08:00' });
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱，消防通道都堵了');
    expect(balanceOf(h.bot.db, 'chenjianguo')).toBe(0);
    h.clock.set('2026-11-28T10:00:00+08:00');
    await h.say('shixiaohong', '#1 已处理');
    expect(balanceOf(h.bot.db, 'chenjianguo')).toBe(5);
    await h.say('chenjianguo', '我的积分');
    expect(answer(h)).toBe('陈建国 本月积分 5 分（社区环境 5），累计可用 5 分。');
    h.clock.set('2026-11-29T09:00:00+08:00');
    await h.say('chenjianguo', '#1 还没处理，纸箱又堆上了');
    expect(balanceOf(h.bot.db, 'chenjianguo')).toBe(0);
    expect(listEntries(h.bot.db).map((e) => e.kind)).toEqual(['credit', 'reversal']);
  });

  it('重复反映：第一位全分，后来的一半', async () => {
    h = await startHarness({ now: '2026-11-28T08:00:00+08:00' });
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    await h.say('houguifang', '青一小区5号楼3单元楼道里好多纸箱');
    h.clock.set('2026-11-28T10:00:00+08:00');
    await h.say('shixiaohong', '#1 已处理');
    expect([balanceOf(h.bot.db, 'chenjianguo'), balanceOf(h.bot.db, 'houguifang')]).toEqual([5, 2]);
  });

  it('同一条办结消息重发（同一个 msgid），积分只记一次', async () => {
    h = await startHarness({ now: '2026-11-28T08:00:00+08:00' });
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    h.clock.set('2026-11-28T10:00:00+08:00');
    const first = await h.say('shixiaohong', '#1 已处理', { msgid: 'resolve-1' });
    const again = await h.say('shixiaohong', '#1 已处理', { msgid: 'resolve-1' });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(listEntries(h.bot.db)).toHaveLength(1);
    expect(balanceOf(h.bot.db, 'chenjianguo')).toBe(5);
  });

  it('一天巡查打卡两次，只记一次分', async () => {
    h = await startHarness({ now: '2026-11-28T08:00:00+08:00' });
    await h.say('chenjianguo', '巡查打卡 青一小区1到6号楼正常');
    h.clock.set('2026-11-28T16:00:00+08:00');
    await h.say('chenjianguo', '巡查打卡 青一小区7到12号楼正常');
    expect(listEntries(h.bot.db).map((e) => [e.rule, e.points])).toEqual([['patrol', 2]]);
  });

  it('随手做到每日上限后不再加分', async () => {
    h = await startHarness({ now: '2026-11-28T08:00:00+08:00' });
    for (let i = 1; i <= 6; i++) {
      h.clock.set(`2026-11-28T0${i + 1}:00:00+08:00`);
      await h.say('chenjianguo', `随手做：把青一小区${i}号楼门口的垃圾捡了`);
    }
    expect(balanceOf(h.bot.db, 'chenjianguo')).toBe(15);
  });

  it('兑换 大米 2袋 → R1 等确认 → 书记确认兑换 R1 → 扣分；余额与流水重算一致', async () => {
    h = await startHarness({ now: '2026-11-28T08:00:00+08:00' });
    h.bot.db.prepare(`INSERT INTO points_entries (at, work_day, userid, community, category, points, kind, reason, source, source_id, actor, manual)
      VALUES ('2026-11-01T08:00:00+08:00', '2026-11-01', 'chenjianguo', 'furao', 'general', 120, 'adjustment', '期初积分', 'admin', 'opening', 'admin', 1)`).run();
    await h.say('chenjianguo', '兑换 大米 2袋');
    expect(answer(h)).toBe('已申请兑换 大米 ×2（40分），编号 R1，等社区确认。');
    expect(balanceOf(h.bot.db, 'chenjianguo')).toBe(120);
    await h.say('zhaoshuming', '确认兑换 R1');
    expect(answer(h)).toBe('R1 已确认：陈建国 兑换 大米 ×2，扣 40 分，剩 80 分。');
    await h.say('chenjianguo', '兑换 保温杯');
    expect(answer(h)).toMatch(/^没找到"保温杯"，可以兑换的有：大米\(20分\)、食用油\(30分\)/);
    await h.say('chenjianguo', '我的积分');
    expect(answer(h)).toContain(`累计可用 ${balancesByHand(h.bot.db).get('chenjianguo')} 分`);
  });

  it('积分排行：书记看前十，志愿者只看自己', async () => {
    h = await startHarness({ now: '2026-11-28T08:00:00+08:00' });
    await h.say('chenjianguo', '巡查打卡 青一小区1到6号楼正常');
    await h.say('houguifang', '走访了青一小区3号楼独居老人王奶奶');
    await h.say('zhaoshuming', '积分排行');
    expect(answer(h)).toBe('富饶社区 本月积分前2名：\n1. 侯桂芳 3分\n2. 陈建国 2分');
    await h.say('chenjianguo', '积分排名');
    expect(answer(h)).toBe('您本月在富饶社区排第 2 名（共 2 人），2 分。');
  });
});
