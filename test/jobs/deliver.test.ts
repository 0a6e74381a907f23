// `npm run job` sends its own rows before exiting: leased so a running bot cannot post them too, paced at 20 a
// minute per group, waiting out a 45009, giving up on a removed robot.
import { describe, expect, it } from 'vitest';
import { deliver } from '../../src/jobs/deliver.js';
import { runReminders } from '../../src/jobs/reminders.js';
import { createLogger } from '../../src/log.js';
import { allOutbound, dueOutbound, enqueue } from '../../src/store/outbox.js';
import { WecomApiError } from '../../src/wecom/client.js';
import { jobDeps, ticket } from './helpers.js';

function fakeClock(start: string) {
  let t = Date.parse(start);
  const slept: number[] = [];
  return { now: () => new Date(t), sleep: async (ms: number) => { slept.push(ms); t += ms; }, slept, tick: (ms: number) => { t += ms; } };
}

describe('手动跑 job 时自己把消息发出去', () => {
  it('发送前先“占住”这一行：同时在跑的机器人看不到它，不会重复发', async () => {
    const d = jobDeps();
    ticket(d.db, { created_at: '2026-11-25T08:00:00' });
    const r = await runReminders(d, new Date('2026-11-28T09:00:00+08:00'));
    const c = fakeClock('2026-11-28T09:00:00+08:00');
    let seenByBot = -1;
    const transport = {
      sendWebhook: async (key: string) => { seenByBot = dueOutbound(d.db, '2026-11-28T09:01:00+08:00').length; expect(key).toBe('key-furao'); return {}; },
      sendAppMessage: async () => ({}), postResponseUrl: async () => ({}),
    };
    const out = await deliver({ ...d, transport, now: c.now, sleep: c.sleep }, r.scopes.flatMap((s) => s.keys));
    expect(out).toEqual({ sent: 1, pending: 0, dead: 0 });
    expect(seenByBot).toBe(0);
    expect(allOutbound(d.db)[0].status).toBe('sent');
  });

  it('一个群一分钟超过 20 条就等；45009 等一分钟再试；群机器人被移除就放弃并说明', async () => {
    const d = jobDeps({ WECOM_WEBHOOK_KEYS: 'wrkchat-furao=key-furao,wrkchat-xingfu=key-gone' });
    const keys: string[] = [];
    for (let i = 0; i < 22; i++) {
      enqueue(d.db, { channel: 'webhook', target: 'wrkchat-furao', payload: { msgtype: 'text', text: { content: `${i}` } }, dedupeKey: `x:${i}` }, '2026-11-28T09:00:00+08:00');
      keys.push(`x:${i}`);
    }
    enqueue(d.db, { channel: 'webhook', target: 'wrkchat-xingfu', payload: { msgtype: 'text', text: { content: 'x' } }, dedupeKey: 'y:0' }, '2026-11-28T09:00:00+08:00');
    keys.push('y:0');
    const c = fakeClock('2026-11-28T09:00:00+08:00');
    let calls = 0;
    const transport = {
      sendWebhook: async (key: string) => {
        calls++;
        if (key === 'key-gone') throw new WecomApiError('/cgi-bin/webhook/send', 93000, 'invalid webhook url');
        if (calls === 22) throw new WecomApiError('/cgi-bin/webhook/send', 45009, 'api freq out of limit');
        c.tick(100);
        return {};
      },
      sendAppMessage: async () => ({}), postResponseUrl: async () => ({}),
    };
    const out = await deliver({ ...d, log: createLogger('silent'), transport, now: c.now, sleep: c.sleep }, keys);
    expect(out).toEqual({ sent: 22, pending: 0, dead: 1 });
    expect(c.slept).toEqual([58_100, 60_000]); // 第 21 条等一分钟窗口；第 22 条遇 45009 等一分钟
    expect(allOutbound(d.db).find((r) => r.target === 'wrkchat-xingfu')!.status).toBe('dead');
  });
});
