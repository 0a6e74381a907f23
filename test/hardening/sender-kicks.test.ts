// Each handled message that queues a reply kicks the sender. While the sender is busy (a backlog being worked off),
// those kicks must not pile up: one follow-up run is booked, and a kick costs nothing more.
import { createHook } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { createOutboxSender } from '../../src/outbox/sender.js';
import { allOutbound, enqueue } from '../../src/store/outbox.js';
import { jobDeps } from '../jobs/helpers.js';

describe('发送忙的时候，每条新回复都来“催”一下，不能越积越多', () => {
  it('一万次催促只订一次后续，内存里不多留一个 Promise；消息照样一条不落发出去', async () => {
    const d = jobDeps();
    const at = '2026-11-28T09:00:00+08:00';
    const reply = (i: number) => enqueue(d.db, { channel: 'response_url', target: `http://wecom.test/response?code=${i}`, payload: { msgtype: 'text', text: { content: `已登记 #${i}` } }, dedupeKey: `r:${i}` }, at);
    reply(0);
    let release!: () => void;
    const firstSendHeld = new Promise<void>((r) => { release = r; });
    const posted: string[] = [];
    const transport = {
      sendWebhook: async () => ({}), sendAppMessage: async () => ({}),
      postResponseUrl: async (url: string) => { if (!posted.length) await firstSendHeld; posted.push(url); return {}; },
    };
    const sender = createOutboxSender({ db: d.db, transport, config: d.config, log: d.log, clock: () => new Date(at) });
    sender.kick(); // the first send now hangs: the run is busy
    sender.kick(); // books the follow-up

    let promises = 0;
    const hook = createHook({ init(_id, type) { if (type === 'PROMISE') promises++; } }).enable();
    for (let i = 1; i <= 10_000; i++) { reply(i); sender.kick(); }
    hook.disable();
    expect(promises).toBeLessThan(10);

    release();
    await new Promise((r) => setTimeout(r, 0));
    await sender.idle();
    await sender.drain();
    expect(posted).toHaveLength(10_001);
    expect(allOutbound(d.db).every((r) => r.status === 'sent')).toBe(true);
  });
});
