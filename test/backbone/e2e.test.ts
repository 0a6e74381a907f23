// The backbone as WeCom would drive it: signed, encrypted callbacks into the real server on loopback, a real SQLite
// file, and the fake WeCom recording what the bot sends back.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertIfNew } from '../../src/store/inbox.js';
import { openDb } from '../../src/store/db.js';
import { dbFile } from '../../src/paths.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { botCallback } from '../helpers/wecom-fake.js';
import { makePng } from '../helpers/png.js';

let h: Harness;
beforeEach(async () => { h = await startHarness({ now: '2026-11-30T08:00:00+08:00' }); });
afterEach(async () => { await h.close(); });

const count = (table: string) => (h.bot.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('报问题：从回调到工单到群里@网格员', () => {
  it('志愿者带照片报楼道堆物：开单、绑定网格员、群里真@、照片按sha256存下', async () => {
    const photo = makePng();
    const r = await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱 消防通道都堵了', { images: [photo] });
    expect(r.status).toBe(200);

    const [t] = h.ledger();
    expect(t).toMatchObject({
      id: 1, kind: 'ticket', category: 'clutter', status: 'open', community: 'furao', grid: 'furao-1', assignee: 'shixiaohong',
      reporter: 'chenjianguo', location: { compound: '青一小区', building: '5', unit: '3' }, photos: 1, source_msgids: [r.msgid],
    });
    expect(h.group('wrkchat-furao')).toEqual([
      { chat: 'wrkchat-furao', kind: 'text', text: '已登记 #1 楼道堆物 · 青一小区5号楼3单元', mentions: ['shixiaohong'] },
    ]);
    const sha = createHash('sha256').update(photo).digest('hex');
    const stored = readdirSync(join(h.dataDir, 'media'));
    expect(stored).toEqual([`${sha}.png`]);
    expect(readFileSync(join(h.dataDir, 'media', stored[0])).equals(photo)).toBe(true);
  });

  it('网格员说「#1 已处理」：工单办结，反映人被@', async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    h.clock.set('2026-11-30T10:00:00+08:00');
    await h.say('shixiaohong', '#1 已处理 纸箱都清走了');
    const [t] = h.ledger();
    expect(t.status).toBe('resolved');
    expect(t.resolved_at).toBe('2026-11-30T10:00:00+08:00');
    const last = h.group().at(-1)!;
    expect(last.text).toContain('#1 已办结');
    expect(last.mentions).toEqual(['chenjianguo']);
  });

  it('企业微信重发同一条回调：照样200，什么也不多出来', async () => {
    const plain = {
      msgid: 'retry-1', aibotid: 'b', chatid: 'wrkchat-furao', chattype: 'group', from: { userid: 'chenjianguo' },
      response_url: h.off.fake.responseUrl(), msgtype: 'text', text: { content: '@小巷管家 青一小区3号楼门口垃圾堆成山了' },
    };
    const req = botCallback(plain, { token: h.off.keys.botToken, aesKey: h.off.keys.botAesKey });
    expect((await h.post('/wecom/bot', req.query, req.body)).status).toBe(200);
    await h.bot.settle();
    expect((await h.post('/wecom/bot', req.query, req.body)).status).toBe(200);
    expect((await h.post('/wecom/bot', req.query, req.body)).status).toBe(200);
    await h.bot.settle();
    expect(count('inbox')).toBe(1);
    expect(h.ledger()).toHaveLength(1);
    expect(h.group()).toHaveLength(1);
  });

  it('伪造的签名：拒绝，什么也不存', async () => {
    const req = botCallback({ msgid: 'forged', chattype: 'single', from: { userid: 'chenjianguo' }, msgtype: 'text', text: { content: '青一小区3号楼垃圾' } },
      { token: 'not-the-token', aesKey: h.off.keys.botAesKey });
    const r = await h.post('/wecom/bot', req.query, req.body);
    expect(r.status).toBe(403);
    expect(count('inbox')).toBe(0);
  });

  it('不是企业微信发来的东西：400；超过1MB：413；都不存', async () => {
    expect((await h.post('/wecom/bot', 'msg_signature=a&timestamp=1&nonce=2', 'not json')).status).toBe(400);
    const big = JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024 + 10) });
    expect((await h.post('/wecom/bot', 'msg_signature=a&timestamp=1&nonce=2', big)).status).toBe(413);
    expect(count('inbox')).toBe(0);
    // …and the server keeps serving the next good one.
    await h.say('chenjianguo', '青一小区3号楼门口垃圾堆成山了');
    expect(h.ledger()).toHaveLength(1);
  });

  it('名册里没有的人：消息存下，不开单，不回话', async () => {
    await h.say('stranger', '青一小区3号楼门口垃圾堆成山了', { chat: 'wrkchat-furao' });
    expect(count('inbox')).toBe(1);
    expect(h.ledger()).toHaveLength(0);
    expect(h.group()).toHaveLength(0);
  });

  it('200之后崩了：重启时把没处理的消息按顺序处理完', async () => {
    await h.restart(() => {
      // What a kill -9 between the commit and the handling leaves behind.
      const db = openDb(dbFile(h.dataDir));
      const base = { source: 'bot' as const, chattype: 'group' as const, chat: 'wrkchat-furao', msgtype: 'text', quote: null, images: [], responseUrl: null };
      insertIfNew(db, { ...base, msgid: 'c1', from: 'liudeshan', time: '2026-11-30T08:01:00+08:00', text: '青一小区15号楼电梯坏了 困了个人' }, '2026-11-30T08:01:00+08:00');
      insertIfNew(db, { ...base, msgid: 'c2', from: 'wanglei', time: '2026-11-30T08:02:00+08:00', text: '#1 已处理' }, '2026-11-30T08:02:00+08:00');
      db.close();
    });
    const [t] = h.ledger();
    expect(t).toMatchObject({ id: 1, grid: 'furao-2', assignee: 'wanglei', status: 'resolved', source_msgids: ['c1', 'c2'] });
  });

  it('自建应用单聊：XML回调，回复走 message/send 发给本人', async () => {
    const r = await h.appSay('houguifang', { text: '青一小区8号楼楼道灯坏了 晚上黑' });
    expect(r.status).toBe(200);
    const [t] = h.ledger();
    expect(t).toMatchObject({ category: 'facility', grid: 'furao-1', assignee: 'shixiaohong', reporter: 'houguifang', source_msgids: [r.msgid] });
    expect(h.dms()).toContainEqual({ to: 'houguifang', text: expect.stringContaining('已登记 #1') });
  });

  it('台账命令行：jsonl 每行一个工单，字段按约定', async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    const r = spawnSync('npx', ['tsx', 'scripts/ledger.ts', '--format', 'jsonl'], { encoding: 'utf8', env: { ...process.env, DATA_DIR: h.dataDir, ROSTER_FILE: 'data/roster.yaml' } });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    for (const k of ['id', 'kind', 'intent', 'category', 'status', 'community', 'grid', 'assignee', 'reporter', 'location', 'text', 'photos', 'created_at', 'resolved_at', 'source_msgids']) {
      expect(lines[0]).toHaveProperty(k);
    }
    expect(existsSync(join(h.dataDir, 'bot.sqlite'))).toBe(true);
  });
});
