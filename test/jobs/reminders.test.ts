import { describe, expect, it } from 'vitest';
import { runReminders } from '../../src/jobs/reminders.js';
import { jobRuns } from '../../src/store/job-runs.js';
import { jobDeps, posted, ticket } from './helpers.js';

const at = (t: string) => new Date(`${t}+08:00`);

describe('超期提醒', () => {
  it('只提醒已过时限、还没办结的工单；每个网格员在每个群里只收一条，@ 本人', async () => {
    const d = jobDeps();
    // 石晓红：两件超期（堆物 48 小时、电动车 24 小时），一件没到期，一件已办结
    const a = ticket(d.db, { created_at: '2026-11-25T10:00:00', category: 'clutter' });
    const b = ticket(d.db, { created_at: '2026-11-27T08:00:00', category: 'ebike', building: '7', unit: null });
    ticket(d.db, { created_at: '2026-11-27T08:00:00', category: 'facility' });
    ticket(d.db, { created_at: '2026-11-25T08:00:00', category: 'clutter', status: 'resolved', resolved_at: '2026-11-26T08:00:00' });
    // 王磊：一件处理中、超期
    const c = ticket(d.db, { created_at: '2026-11-26T08:00:00', category: 'sanitation', grid: 'furao-2', assignee: 'wanglei', building: '15', status: 'in_progress' });
    // 幸福社区：周静一件超期，发到幸福社区群
    const x = ticket(d.db, { created_at: '2026-11-26T08:00:00', category: 'parking', community: 'xingfu', chat: 'wrkchat-xingfu', grid: 'xingfu-1', assignee: 'zhoujing', compound: '幸福家园', building: '3' });

    const r = await runReminders(d, at('2026-11-28T09:00:00'));
    expect(r.period).toBe('2026-11-28T09:00');
    const out = posted(d.db);
    expect(out).toHaveLength(3);
    expect(out.every((p) => p.kind === 'text')).toBe(true);

    const shi = out.find((p) => p.mentions.includes('shixiaohong'))!;
    expect(shi.chat).toBe('wrkchat-furao');
    expect(shi.text).toContain('2件工单已过办结时限');
    expect(shi.text).toContain(`#${a} 楼道堆物 · 青一小区5号楼3单元 · 超期23小时`);
    expect(shi.text).toContain(`#${b} 电动车 · 青一小区7号楼 · 超期1小时`);
    expect(shi.mentions).toEqual(['shixiaohong']);

    const wang = out.find((p) => p.mentions.includes('wanglei'))!;
    expect(wang.text).toContain(`#${c} 环境卫生`);
    const zhou = out.find((p) => p.chat === 'wrkchat-xingfu')!;
    expect(zhou.mentions).toEqual(['zhoujing']);
    expect(zhou.text).toContain(`#${x} 停车秩序`);
  });

  it('超期超过一倍时限的，同一条消息里也 @ 社区书记；留言里写的时限按它自己的长度算', async () => {
    const d = jobDeps();
    // 安全隐患 24 小时时限：创建 49 小时后 → 超过两倍
    const late = ticket(d.db, { created_at: '2026-11-26T08:00:00', category: 'safety' });
    // 堆物 48 小时：创建 50 小时，只超期 2 小时
    const mild = ticket(d.db, { created_at: '2026-11-26T07:00:00', category: 'clutter' });
    // 留言说“今晚8点前”：时限 6 小时；到期后又过了 13 小时 → 督办
    const said = ticket(d.db, { created_at: '2026-11-27T14:00:00', due_at: '2026-11-27T20:00:00', category: 'facility', grid: 'furao-2', assignee: 'wanglei', building: '14' });
    // 已上报的工单保留原来的时限，照样追
    const esc = ticket(d.db, { created_at: '2026-11-26T08:00:00', category: 'ebike', grid: 'furao-3', assignee: 'sunli', compound: '富饶小区', building: '2', status: 'escalated' });

    await runReminders(d, at('2026-11-28T09:00:00'));
    const out = posted(d.db);
    const shi = out.find((p) => p.mentions[0] === 'shixiaohong')!;
    expect(shi.mentions).toEqual(['shixiaohong', 'zhaoshuming']);
    expect(shi.text).toMatch(new RegExp(`#${late} 安全隐患 .*‼`));
    expect(shi.text).not.toMatch(new RegExp(`#${mild} .*‼`));
    expect(shi.text).toContain('请赵书明督办');
    const wang = out.find((p) => p.mentions[0] === 'wanglei')!;
    expect(wang.mentions).toEqual(['wanglei', 'zhaoshuming']);
    expect(wang.text).toContain(`#${said} 设施损坏`);
    const sun = out.find((p) => p.mentions[0] === 'sunli')!;
    expect(sun.text).toContain(`#${esc} 电动车`);
    expect(sun.mentions).toContain('zhaoshuming');
  });

  it('刚超期一点的只 @ 网格员，不惊动书记', async () => {
    const d = jobDeps();
    ticket(d.db, { created_at: '2026-11-26T08:00:00', category: 'clutter' });
    await runReminders(d, at('2026-11-28T09:00:00'));
    expect(posted(d.db)[0].mentions).toEqual(['shixiaohong']);
  });

  it('矛盾纠纷等敏感工单在群里只写编号和类别，不写门牌', async () => {
    const d = jobDeps();
    const id = ticket(d.db, { created_at: '2026-11-26T08:00:00', category: 'dispute', room: '302' });
    await runReminders(d, at('2026-11-28T09:00:00'));
    const text = posted(d.db)[0].text;
    expect(text).toContain(`#${id} 矛盾纠纷 · 超期`);
    expect(text).not.toContain('青一小区');
  });

  it('没分派的超期工单 @ 书记来指定人', async () => {
    const d = jobDeps();
    ticket(d.db, { created_at: '2026-11-25T08:00:00', grid: null, assignee: null, compound: null, building: null, unit: null });
    await runReminders(d, at('2026-11-28T09:00:00'));
    const [p] = posted(d.db);
    expect(p.mentions).toEqual(['zhaoshuming']);
    expect(p.text).toContain('未分派');
  });

  it('同一时段再跑一次什么也不发；下一个时段再提醒', async () => {
    const d = jobDeps();
    ticket(d.db, { created_at: '2026-11-25T08:00:00' });
    const first = await runReminders(d, at('2026-11-28T09:00:00'));
    expect(first.queued).toBe(1);
    const again = await runReminders(d, at('2026-11-28T09:30:00'));
    expect(again.queued).toBe(0);
    expect(again.scopes.find((s) => s.community === 'furao')!.status).toBe('already');
    const afternoon = await runReminders(d, at('2026-11-28T15:00:00'));
    expect(afternoon.queued).toBe(1);
    expect(posted(d.db).map((p) => p.key)).toEqual(['reminders:furao:2026-11-28T09:00:0', 'reminders:furao:2026-11-28T15:00:0']);
    expect(jobRuns(d.db).filter((j) => j.scope === 'furao').map((j) => j.period)).toEqual(['2026-11-28T09:00', '2026-11-28T15:00']);
  });

  it('很长的清单按 2048 字节拆成几条，只在第一条 @ 人', async () => {
    const d = jobDeps();
    for (let i = 0; i < 60; i++) ticket(d.db, { created_at: '2026-11-25T08:00:00', building: String((i % 12) + 1) });
    await runReminders(d, at('2026-11-28T09:00:00'));
    const out = posted(d.db);
    expect(out.length).toBeGreaterThan(1);
    for (const p of out) expect(Buffer.byteLength(p.text, 'utf8')).toBeLessThanOrEqual(2048);
    expect(out[0].mentions).toEqual(['shixiaohong']);
    expect(out.slice(1).every((p) => p.mentions.length === 0)).toBe(true);
    expect(out.map((p) => p.text).join('\n').match(/#\d+ /g)).toHaveLength(60);
  });

  it('免打扰时段内不发，也不记作已跑', async () => {
    const d = jobDeps({ REMINDER_TIMES: '09:00,22:00' });
    ticket(d.db, { created_at: '2026-11-25T08:00:00' });
    const r = await runReminders(d, at('2026-11-28T22:00:00'));
    expect(r.skipped).toBe('quiet hours');
    expect(posted(d.db)).toHaveLength(0);
    expect(jobRuns(d.db)).toHaveLength(0);
  });

  it('群没有群机器人 key 时不记作已跑，配上 key 后还能发', async () => {
    const d = jobDeps({ WECOM_WEBHOOK_KEYS: 'wrkchat-xingfu=key-xingfu' });
    ticket(d.db, { created_at: '2026-11-25T08:00:00' });
    const r = await runReminders(d, at('2026-11-28T09:00:00'));
    expect(r.scopes.find((s) => s.community === 'furao')!.status).toBe('no_channel');
    expect(jobRuns(d.db).find((j) => j.scope === 'furao')).toBeUndefined();
  });
});
