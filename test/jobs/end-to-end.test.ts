// The whole bot (real server, real SQLite file, fake WeCom) with a movable clock: people report in the group, time
// passes, and the jobs run as the scheduler, a restart or an operator would run them.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/store/outbox.js';
import { jobRuns } from '../../src/store/job-runs.js';
import { startHarness, DEMO_ROSTER, type Harness } from '../helpers/harness.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
let h: Harness;
afterEach(async () => { await h?.close(); });

const hours = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3600_000;

async function aDayOfReports(): Promise<void> {
  h.clock.set('2026-11-28T08:10:00+08:00');
  await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱，消防通道都堵了');
  h.clock.set('2026-11-28T08:30:00+08:00');
  await h.say('houguifang', '青一小区7号楼门口有人给电动车飞线充电');
  h.clock.set('2026-11-28T09:00:00+08:00');
  await h.say('liudeshan', '青一小区15号楼路灯坏了');
  await h.say('houguifang', '今天在青一小区巡查了一圈');
}

describe('时限：按类别定，留言里写的优先，上报不改时限', () => {
  it('安全和电动车 24 小时，堆物和卫生 48 小时，设施 72 小时；“明天前”按留言算', async () => {
    h = await startHarness({ now: '2026-11-28T10:00:00+08:00' });
    await h.say('chenjianguo', '青一小区3号楼楼道里煤气味很重，安全隐患');
    await h.say('chenjianguo', '青一小区7号楼门口有人给电动车飞线充电');
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱，消防通道都堵了');
    await h.say('houguifang', '青一小区9号楼门口垃圾好几天没人清了');
    await h.say('liudeshan', '青一小区15号楼路灯坏了');
    await h.say('liudeshan', '青一小区20号楼单元门坏了，明天前修好');
    const t = h.ledger().filter((r) => r.kind === 'ticket');
    expect(t.map((r) => [r.category, hours(r.created_at, r.due_at!)])).toEqual([
      ['safety', 24], ['ebike', 24], ['clutter', 48], ['sanitation', 48], ['facility', 72], ['facility', hours('2026-11-28T10:00:00+08:00', '2026-11-29T23:59:00+08:00')],
    ]);
    // 明天前 = by the end of tomorrow, not the category's 72 hours.
    expect(t[5].due_at).toBe('2026-11-29T23:59:00+08:00');
  });

  it('工单转给城管后仍按原时限追，超期照样提醒', async () => {
    h = await startHarness({ now: '2026-11-26T08:00:00+08:00' });
    await h.say('chenjianguo', '青一小区7号楼门口有人给电动车飞线充电');
    const before = h.ledger()[0].due_at;
    h.clock.set('2026-11-26T10:00:00+08:00');
    await h.say('shixiaohong', '#1 已经转给城管了');
    const t = h.ledger()[0];
    expect(t.status).toBe('escalated');
    expect(t.due_at).toBe(before);
    h.clock.set('2026-11-28T09:00:00+08:00');
    await h.bot.schedules.run('reminders');
    await h.bot.settle();
    const r = h.group().filter((g) => g.text.startsWith('超期提醒'));
    expect(r).toHaveLength(1);
    expect(r[0].text).toContain('#1 电动车');
    // 24 小时时限，已过 49 小时：书记也被 @
    expect(r[0].mentions).toEqual(['shixiaohong', 'zhaoshuming']);
  });
});

describe('超期提醒经群机器人发出', () => {
  it('09:00 每个网格员一条，@ 本人；同一时段重启后不再发', async () => {
    h = await startHarness({ now: '2026-11-26T08:00:00+08:00' });
    await aDayOfReports(); // 11-28 的报告还没到期
    h.clock.set('2026-11-25T08:00:00+08:00');
    await h.say('chenjianguo', '青一小区2号楼楼道堆了旧沙发');
    await h.say('houguifang', '青一小区11号楼门口垃圾没人清');
    await h.say('mayuzhen', '青一小区16号楼楼道堆满杂物');
    h.clock.set('2026-11-28T09:00:00+08:00');
    const before = h.group().length;
    await h.bot.schedules.run('reminders');
    await h.bot.settle();
    const sent = h.group().slice(before);
    expect(sent.map((g) => g.mentions)).toEqual([['shixiaohong'], ['wanglei']]);
    expect(sent[0].text).toMatch(/2件工单已过办结时限[\s\S]*#4 楼道堆物 · 青一小区2号楼 · 超期25小时[\s\S]*#5 环境卫生 · 青一小区11号楼 · 超期25小时/);
    await h.restart();
    await h.bot.schedules.run('reminders');
    await h.bot.settle();
    expect(h.group().length).toBe(before + 2);
  });
});

describe('恰好一次', () => {
  it('18:00 的小结，重启后、再跑一次、运维手动跑 job 都不会重发', async () => {
    h = await startHarness({ now: '2026-11-28T07:30:00+08:00' });
    await aDayOfReports();
    h.clock.set('2026-11-28T18:00:00+08:00');
    await h.bot.schedules.run('daily');
    await h.bot.settle();
    const summaries = () => h.group().filter((g) => g.text.includes('小结'));
    expect(summaries()).toHaveLength(1);
    await h.restart(); // 启动时补跑：这一天已经发过
    h.clock.set('2026-11-28T18:30:00+08:00');
    await h.bot.schedules.run('daily');
    await h.bot.settle();
    const env = {
      ...process.env, DATA_DIR: h.dataDir, ROSTER_FILE: DEMO_ROSTER, WECOM_API_BASE: h.config.apiBase, LOG_LEVEL: 'silent',
      WECOM_WEBHOOK_KEYS: Object.entries(h.config.webhookKeys).map(([c, k]) => `${c}=${k}`).join(','),
    };
    const cli = await run('npx', ['tsx', 'scripts/job.ts', 'daily', '--at', '2026-11-28T19:00:00+08:00'], { cwd: ROOT, env });
    const out = JSON.parse(cli.stdout.trim());
    expect(out).toMatchObject({ job: 'daily', period: '2026-11-28', queued: 0, sent: 0 });
    expect(out.communities).toEqual([{ community: 'furao', status: 'already', messages: 0 }, { community: 'xingfu', status: 'already', messages: 0 }]);
    expect(summaries()).toHaveLength(1);
    expect(jobRuns(h.bot.db).filter((j) => j.job === 'daily')).toHaveLength(2);
  });

  it('运维手动跑 job：真的发到群里，打印一行 JSON；同一期再跑什么也不发；名字或时间写错就报错退出', async () => {
    h = await startHarness({ now: '2026-11-28T07:30:00+08:00' });
    await aDayOfReports();
    const env = {
      ...process.env, DATA_DIR: h.dataDir, ROSTER_FILE: DEMO_ROSTER, WECOM_API_BASE: h.config.apiBase, LOG_LEVEL: 'silent',
      WECOM_WEBHOOK_KEYS: Object.entries(h.config.webhookKeys).map(([c, k]) => `${c}=${k}`).join(','),
    };
    const job = (...args: string[]) => run('npx', ['tsx', 'scripts/job.ts', ...args], { cwd: ROOT, env });
    const first = await job('daily', '--at', '2026-11-28T18:00:00+08:00');
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(first.stdout)).toMatchObject({ job: 'daily', period: '2026-11-28', queued: 1, sent: 1, pending: 0, dead: 0 });
    const posted = h.group().filter((g) => g.text.includes('小结'));
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ chat: 'wrkchat-furao', kind: 'markdown' });
    expect(posted[0].text).toContain('新报3件');

    const again = await job('daily', '--at', '2026-11-28T18:05:00+08:00');
    expect(JSON.parse(again.stdout)).toMatchObject({ queued: 0, sent: 0 });
    // 正在运行的机器人自己的 18:00 也不再发
    h.clock.set('2026-11-28T18:10:00+08:00');
    await h.bot.schedules.run('daily');
    await h.bot.settle();
    expect(h.group().filter((g) => g.text.includes('小结'))).toHaveLength(1);

    await expect(job('dialy')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown job "dialy"') });
    await expect(job('daily', '--at', 'yesterday')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--at must be an ISO date-time') });
  });
});

describe('补跑', () => {
  it('18:00 时机器人没在跑：当晚回来补发一次；过了半夜回来不再补昨天的', async () => {
    h = await startHarness({ now: '2026-11-28T07:30:00+08:00' });
    await aDayOfReports();
    await h.bot.close();
    h.clock.set('2026-11-28T19:40:00+08:00');
    await h.restart();
    const summaries = () => h.group().filter((g) => g.text.includes('小结'));
    expect(summaries()).toHaveLength(1);
    expect(summaries()[0].text).toContain('富饶社区 11月28日 小结');
    await h.restart();
    expect(summaries()).toHaveLength(1);

    const d2 = '2026-11-29T08:00:00+08:00';
    h.clock.set(d2);
    await h.say('chenjianguo', '青一小区6号楼楼道堆满纸箱');
    h.clock.set('2026-11-30T00:20:00+08:00'); // 11-29 的 18:00 错过了，现在已过半夜
    await h.restart();
    expect(summaries()).toHaveLength(1);
    expect(jobRuns(h.bot.db).some((j) => j.job === 'daily' && j.period === '2026-11-29')).toBe(false);
  });

  it('错过的提醒时段不补，下一个时段一起提醒', async () => {
    h = await startHarness({ now: '2026-11-25T08:00:00+08:00' });
    await h.say('chenjianguo', '青一小区2号楼楼道堆了旧沙发');
    h.clock.set('2026-11-28T13:00:00+08:00'); // 09:00 时不在线
    await h.restart();
    expect(h.group().filter((g) => g.text.startsWith('超期提醒'))).toHaveLength(0);
    h.clock.set('2026-11-28T15:00:00+08:00');
    await h.bot.schedules.run('reminders');
    await h.bot.settle();
    expect(h.group().filter((g) => g.text.startsWith('超期提醒'))).toHaveLength(1);
  });
});

describe('免打扰', () => {
  it('落在免打扰时段里的小结当时不发，时段结束时补发一次', async () => {
    h = await startHarness({ now: '2026-11-28T07:30:00+08:00', env: { QUIET_FROM: '17:00', QUIET_TO: '19:00' } });
    await aDayOfReports();
    expect(h.bot.schedules.tasks().map((t) => `${t.name} ${t.expression}`)).toContain('catch-up@19:00 0 19 * * *');
    h.clock.set('2026-11-28T18:00:00+08:00');
    const r = await h.bot.schedules.run('daily');
    await h.bot.settle();
    expect(r.skipped).toBe('quiet hours');
    expect(h.group().filter((g) => g.text.includes('小结'))).toHaveLength(0);
    h.clock.set('2026-11-28T19:00:00+08:00');
    await h.bot.schedules.catchUp();
    await h.bot.settle();
    expect(h.group().filter((g) => g.text.includes('小结'))).toHaveLength(1);
  });

  it('免打扰时段里有人 @ 机器人，照常回复', async () => {
    h = await startHarness({ now: '2026-11-28T22:30:00+08:00' });
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    expect(h.group()).toEqual([expect.objectContaining({ text: expect.stringContaining('已登记 #1') })]);
  });
});

describe('企业微信的限制', () => {
  it('一个群一分钟最多 20 条：25 条先发 20，时钟走过一分钟再发剩下的 5 条', async () => {
    h = await startHarness({ now: '2026-11-28T10:00:00+08:00' });
    for (let i = 1; i <= 25; i++) {
      enqueue(h.bot.db, { channel: 'webhook', target: 'wrkchat-furao', payload: { msgtype: 'text', text: { content: `第${i}条`, mentioned_list: [] } }, dedupeKey: `t:${i}` }, '2026-11-28T10:00:00+08:00');
    }
    await h.bot.outbox.drain();
    expect(h.group('wrkchat-furao')).toHaveLength(20);
    h.clock.advance(30_000);
    await h.bot.outbox.drain();
    expect(h.group('wrkchat-furao')).toHaveLength(20);
    h.clock.advance(31_000);
    await h.bot.outbox.drain();
    expect(h.group('wrkchat-furao').map((g) => g.text)).toEqual(Array.from({ length: 25 }, (_, i) => `第${i + 1}条`));
  });

  it('遇到 45009 频率超限就等一分钟再发，不丢也不重复', async () => {
    h = await startHarness({ now: '2026-11-28T10:00:00+08:00' });
    h.off.fake.failNext('/cgi-bin/webhook/send', 45009);
    enqueue(h.bot.db, { channel: 'webhook', target: 'wrkchat-furao', payload: { msgtype: 'text', text: { content: '通知', mentioned_list: [] } }, dedupeKey: 'n:1' }, '2026-11-28T10:00:00+08:00');
    await h.bot.outbox.drain();
    expect(h.group()).toHaveLength(0);
    h.clock.advance(59_000);
    await h.bot.outbox.drain();
    expect(h.off.fake.callsTo('/cgi-bin/webhook/send')).toHaveLength(1);
    h.clock.advance(2_000);
    await h.bot.outbox.drain();
    expect(h.group().map((g) => g.text)).toEqual(['通知']);
  });
});

describe('周报', () => {
  it('周一 09:00 在社区群发上周按网格的周报和周报图；重启后不重发', async () => {
    h = await startHarness({ now: '2026-11-28T07:30:00+08:00' });
    await aDayOfReports();
    h.clock.set('2026-11-28T11:00:00+08:00');
    await h.say('shixiaohong', '#1 已处理');
    h.clock.set('2026-11-30T09:00:00+08:00');
    await h.bot.schedules.run('weekly');
    await h.bot.settle();
    const furao = h.group('wrkchat-furao').filter((g) => g.kind !== 'text');
    expect(furao.map((g) => g.kind)).toEqual(['markdown', 'image']);
    expect(furao[0].text).toContain('### 富饶社区 上周工作周报（11月23日—11月29日）');
    expect(furao[0].text).toContain('> **富饶第一网格**（石晓红）：新报2件，办结1件，结案率50%，按期结案率100%，办结用时中位数2.8小时，重开0件');
    const img = h.off.fake.sent('webhook').map((c) => c.body as { msgtype: string; image?: { base64: string } }).find((b) => b.msgtype === 'image')!;
    expect(Buffer.from(img.image!.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(h.group('wrkchat-xingfu')).toHaveLength(0); // 幸福社区上周没有动静
    await h.restart();
    expect(h.group('wrkchat-furao').filter((g) => g.kind !== 'text')).toHaveLength(2);
  });
});

describe('小结的数字和台账一致', () => {
  it('新报、办结、未办结、超期、随手做/巡/访/调解都按台账逐条数得上', async () => {
    h = await startHarness({ now: '2026-11-26T08:00:00+08:00' });
    await h.say('chenjianguo', '青一小区2号楼楼道堆了旧沙发');
    await h.say('mayuzhen', '青一小区16号楼楼道堆满杂物');
    h.clock.set('2026-11-28T08:00:00+08:00');
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱，消防通道都堵了');
    await h.say('houguifang', '青一小区7号楼门口有人给电动车飞线充电');
    await h.say('liudeshan', '青一小区15号楼路灯坏了');
    await h.say('gaozhiqiang', '富饶小区3号楼门口垃圾没人清');
    await h.say('houguifang', '今天在青一小区巡查了一圈');
    await h.say('houguifang', '青一小区8号楼门口的垃圾我顺手清理了');
    await h.say('liudeshan', '走访了青一小区14号楼独居老人');
    h.clock.set('2026-11-28T11:00:00+08:00');
    await h.say('shixiaohong', '#3 已处理，纸箱清走了');
    await h.say('shixiaohong', '#1 已处理');
    h.clock.set('2026-11-28T18:00:00+08:00');
    await h.bot.schedules.run('daily');
    await h.bot.settle();
    const [summary] = h.group().filter((g) => g.text.includes('小结'));

    const now = '2026-11-28T18:00:00+08:00';
    const today = (s: string | null) => !!s && s >= '2026-11-28T00:00:00+08:00' && s < '2026-11-29T00:00:00+08:00';
    const rows = h.ledger().filter((r) => r.community === 'furao');
    const tickets = rows.filter((r) => r.kind === 'ticket');
    const open = tickets.filter((r) => ['open', 'in_progress', 'escalated'].includes(r.status));
    const expected = {
      新报: tickets.filter((r) => today(r.created_at)).length,
      办结: tickets.filter((r) => r.status === 'resolved' && today(r.resolved_at)).length,
      未办结: open.length,
      超期: open.filter((r) => r.due_at! < now).length,
    };
    expect(expected).toEqual({ 新报: 4, 办结: 2, 未办结: 4, 超期: 1 });
    expect(summary.text).toContain(`新报${expected.新报}件，办结${expected.办结}件，未办结${expected.未办结}件（超期${expected.超期}件）`);
    const count = (intent: string) => rows.filter((r) => r.kind === 'record' && r.intent === intent && today(r.created_at)).length;
    for (const [intent, zh] of [['self_handled', '随手做'], ['patrol', '巡查'], ['visit', '走访'], ['mediation', '调解']] as const) {
      const n = count(intent);
      if (n) expect(summary.text).toContain(`${zh}${n}次`);
      else expect(summary.text).not.toContain(zh);
    }
    expect(summary.text).toMatch(/感谢 侯桂芳、/);
  });
});
