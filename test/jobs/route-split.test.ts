// Long answers are split on UTF-8 byte limits before they reach WeCom (text 2048, response_url markdown 20480).
import { describe, expect, it } from 'vitest';
import { routeReplies, type Origin } from '../../src/outbox/route.js';
import { jobDeps } from './helpers.js';

const origin = (o: Partial<Origin> = {}): Origin => ({ msgid: 'm1', source: 'bot', chattype: 'group', chat: 'wrkchat-furao', from: 'chenjianguo', responseUrl: 'http://x/r', ...o });

describe('按字节拆分长消息', () => {
  it('群机器人文本超过 2048 字节拆成几条，@ 只在第一条，去重键依次加 :2 :3', () => {
    const d = jobDeps();
    const text = Array.from({ length: 120 }, (_, i) => `#${i} 楼道堆物 · 青一小区5号楼3单元`).join('\n');
    const { out } = routeReplies({ config: d.config, roster: d.roster() }, origin(), [{ text, mention: ['shixiaohong'] }]);
    expect(out.length).toBeGreaterThan(1);
    const payloads = out.map((o) => o.payload as { text: { content: string; mentioned_list: string[] } });
    for (const p of payloads) expect(Buffer.byteLength(p.text.content)).toBeLessThanOrEqual(2048);
    expect(payloads.map((p) => p.text.mentioned_list)).toEqual([['shixiaohong'], ...payloads.slice(1).map(() => [])]);
    expect(payloads.map((p) => p.text.content).join('\n')).toBe(text);
    expect(out.map((o) => o.dedupeKey)).toEqual(['m1#0', ...out.slice(1).map((_, i) => `m1#0:${i + 2}`)]);
  });

  it('没有群机器人时走 response_url：只能发一次，超过 20480 字节的部分截掉并记下', () => {
    const d = jobDeps({ WECOM_WEBHOOK_KEYS: 'wrkchat-xingfu=key-xingfu' });
    const { out, dropped } = routeReplies({ config: d.config, roster: d.roster() }, origin(), [{ text: '好'.repeat(8000) }]);
    expect(out).toHaveLength(1);
    expect(Buffer.byteLength((out[0].payload as { markdown: { content: string } }).markdown.content)).toBeLessThanOrEqual(20480);
    expect(dropped).toEqual([expect.stringContaining('20480')]);
  });

  it('短消息照旧一条', () => {
    const d = jobDeps();
    const { out } = routeReplies({ config: d.config, roster: d.roster() }, origin(), [{ text: '已登记 #1', mention: ['shixiaohong'] }]);
    expect(out).toEqual([expect.objectContaining({ dedupeKey: 'm1#0', payload: { msgtype: 'text', text: { content: '已登记 #1', mentioned_list: ['shixiaohong'] } } })]);
  });
});
