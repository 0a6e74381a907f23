import { Writable } from 'node:stream';
import Koa from 'koa';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { InboundMessage } from '../../src/inbox/types.js';
import { createWecomRouter, type WecomEvent } from '../../src/wecom/callback.js';
import { serve, type Served } from '../helpers/ports.js';
import { appCallback, botCallback, echoVerify, fakeEncrypt, fakeSign, makeTestKeys, openBotReply } from '../helpers/wecom-fake.js';

const keys = makeTestKeys();
const NOW = new Date('2026-11-28T00:12:00Z');

function configWith(env: Record<string, string>): Config {
  return loadConfig({ PORT: '0', ...env });
}
const fullConfig = configWith({
  WECOM_BOT_TOKEN: keys.botToken, WECOM_BOT_AES_KEY: keys.botAesKey,
  WECOM_CORP_ID: keys.corpId, WECOM_APP_TOKEN: keys.appToken, WECOM_APP_AES_KEY: keys.appAesKey,
  WECOM_APP_SECRET: keys.secret, WECOM_APP_AGENT_ID: keys.agentId,
});

interface Harness {
  served: Served;
  accepted: InboundMessage[];
  events: WecomEvent[];
  logs: string[];
  mode: { throwOnAccept: boolean };
}

async function start(config: Config): Promise<Harness> {
  const accepted: InboundMessage[] = [];
  const events: WecomEvent[] = [];
  const logs: string[] = [];
  const mode = { throwOnAccept: false };
  const seen = new Set<string>();
  const log = pino({ level: 'debug' }, new Writable({ write(chunk, _enc, cb) { logs.push(String(chunk)); cb(); } }));
  const app = new Koa();
  const router = createWecomRouter({
    config,
    log,
    now: () => NOW,
    accept(msg) {
      if (mode.throwOnAccept) throw new Error('disk full');
      accepted.push(msg);
      if (seen.has(msg.msgid)) return 'duplicate';
      seen.add(msg.msgid);
      return 'new';
    },
    onEvent: (e) => events.push(e),
  });
  app.use(router.routes()).use(router.allowedMethods());
  return { served: await serve(app), accepted, events, logs, mode };
}

const botPlain = (over: object = {}) => ({
  msgid: 'CAIQ16HMjQYY', aibotid: 'aib1', chatid: 'wrkchat-furao', chattype: 'group', from: { userid: 'chen' },
  response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC', msgtype: 'text',
  text: { content: '@小巷管家 青一小区5号楼3单元楼道堆满纸箱' }, ...over,
});
const appXml = (msgid = '4561255354251345929') =>
  `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><FromUserName><![CDATA[0254571]]></FromUserName><CreateTime>1795824720</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[三号楼路灯不亮]]></Content><MsgId>${msgid}</MsgId><AgentID>1000002</AgentID></xml>`;

const botOpts = { token: keys.botToken, aesKey: keys.botAesKey };
const appOpts = { token: keys.appToken, aesKey: keys.appAesKey, corpId: keys.corpId };

describe('WeCom callback routes', () => {
  let h: Harness;
  beforeAll(async () => { h = await start(fullConfig); });
  afterAll(async () => { await h.served.close(); });
  beforeEach(() => { h.accepted.length = 0; h.events.length = 0; h.mode.throwOnAccept = false; });

  const post = (path: string, query: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${h.served.base}${path}?${query}`, { method: 'POST', body, headers });

  describe('GET URL verification', () => {
    it('bot: answers the decrypted echostr only, as text/plain without newline', async () => {
      const v = echoVerify({ token: keys.botToken, aesKey: keys.botAesKey, receiveId: '' });
      const res = await fetch(`${h.served.base}/wecom/bot?${v.query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe(v.echo);
    });

    it('app: receive id = CorpID', async () => {
      const v = echoVerify({ token: keys.appToken, aesKey: keys.appAesKey, receiveId: keys.corpId, echo: '1288432023552776189' });
      const res = await fetch(`${h.served.base}/wecom/app?${v.query}`);
      expect([res.status, await res.text()]).toEqual([200, '1288432023552776189']);
    });

    it('tolerates raw "+" in echostr that arrived as spaces', async () => {
      let v = echoVerify({ token: keys.appToken, aesKey: keys.appAesKey, receiveId: keys.corpId });
      while (!v.echostr.includes('+')) v = echoVerify({ token: keys.appToken, aesKey: keys.appAesKey, receiveId: keys.corpId });
      const q = `msg_signature=${v.signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${v.echostr}`; // not encoded
      const res = await fetch(`${h.served.base}/wecom/app?${q}`);
      expect([res.status, await res.text()]).toEqual([200, v.echo]);
    });

    it('bad signature → 401, missing signature → 401, missing params → 400, wrong receive id → 403', async () => {
      const v = echoVerify({ token: keys.appToken, aesKey: keys.appAesKey, receiveId: keys.corpId });
      const q = new URLSearchParams(v.query);
      q.set('msg_signature', fakeSign('other', v.timestamp, v.nonce, v.echostr));
      expect((await fetch(`${h.served.base}/wecom/app?${q}`)).status).toBe(401);
      q.delete('msg_signature');
      expect((await fetch(`${h.served.base}/wecom/app?${q}`)).status).toBe(401);
      expect((await fetch(`${h.served.base}/wecom/app?msg_signature=${v.signature}&timestamp=${v.timestamp}`)).status).toBe(400);
      const w = echoVerify({ token: keys.appToken, aesKey: keys.appAesKey, receiveId: 'wwSomeoneElse' });
      expect((await fetch(`${h.served.base}/wecom/app?${w.query}`)).status).toBe(403);
      const b = echoVerify({ token: keys.botToken, aesKey: keys.botAesKey, receiveId: keys.corpId }); // bot must be ""
      expect((await fetch(`${h.served.base}/wecom/bot?${b.query}`)).status).toBe(403);
    });
  });

  describe('POST /wecom/bot', () => {
    it('good callback → accept called once with the InboundMessage, empty 200', async () => {
      const req = botCallback(botPlain(), botOpts);
      const res = await post('/wecom/bot', req.query, req.body, { 'content-type': 'application/octet-stream' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      expect(h.accepted).toEqual([{
        msgid: 'CAIQ16HMjQYY', source: 'bot', chattype: 'group', chat: 'wrkchat-furao', from: 'chen',
        time: '2026-11-28T08:12:00+08:00', msgtype: 'text', text: '青一小区5号楼3单元楼道堆满纸箱', quote: null, images: [],
        responseUrl: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC', location: null,
      }]);
    });

    it('WeCom retrying the same msgid → duplicate, still 200', async () => {
      const plain = botPlain({ msgid: 'retry-1' });
      const a = botCallback(plain, botOpts);
      const b = botCallback(plain, botOpts); // a retry is re-signed with a new nonce
      expect((await post('/wecom/bot', a.query, a.body)).status).toBe(200);
      expect((await post('/wecom/bot', b.query, b.body)).status).toBe(200);
      expect((await post('/wecom/bot', a.query, a.body)).status).toBe(200);
      expect(h.accepted.map((m) => m.msgid)).toEqual(['retry-1', 'retry-1', 'retry-1']);
      expect(h.logs.filter((l) => l.includes('"msgid":"retry-1"') && l.includes('"outcome":"duplicate"'))).toHaveLength(2);
    });

    it('forged signature → 403, nothing accepted', async () => {
      const req = botCallback(botPlain(), botOpts);
      const q = new URLSearchParams(req.query);
      q.set('msg_signature', fakeSign('not-the-token', req.timestamp, req.nonce, req.encrypt));
      expect((await post('/wecom/bot', q.toString(), req.body)).status).toBe(403);
      // valid signature over a different ciphertext
      const other = botCallback(botPlain({ msgid: 'x' }), botOpts);
      expect((await post('/wecom/bot', req.query, other.body)).status).toBe(403);
      expect(h.accepted).toHaveLength(0);
    });

    it('missing signature → 401; missing timestamp/nonce → 400', async () => {
      const req = botCallback(botPlain(), botOpts);
      const q = new URLSearchParams(req.query);
      q.delete('msg_signature');
      expect((await post('/wecom/bot', q.toString(), req.body)).status).toBe(401);
      const q2 = new URLSearchParams(req.query);
      q2.delete('nonce');
      expect((await post('/wecom/bot', q2.toString(), req.body)).status).toBe(400);
      expect(h.accepted).toHaveLength(0);
    });

    it('1.1 MB body → 413', async () => {
      const req = botCallback(botPlain(), botOpts);
      const res = await post('/wecom/bot', req.query, 'x'.repeat(1_100_000));
      expect(res.status).toBe(413);
      expect(h.accepted).toHaveLength(0);
    });

    it('garbage ciphertext with a valid signature → 400', async () => {
      const encrypt = Buffer.from('not really encrypted, 48 bytes long.............').toString('base64');
      const ts = '1795824720', nonce = '123';
      const q = new URLSearchParams({ msg_signature: fakeSign(keys.botToken, ts, nonce, encrypt), timestamp: ts, nonce });
      expect((await post('/wecom/bot', q.toString(), JSON.stringify({ encrypt }))).status).toBe(400);
      expect((await post('/wecom/bot', q.toString(), 'not json')).status).toBe(400);
      expect((await post('/wecom/bot', q.toString(), '{"Encrypt":"x"}')).status).toBe(400);
    });

    it('wrong receive id (CorpID instead of "") → 403', async () => {
      const req = botCallback(botPlain(), { ...botOpts, receiveId: keys.corpId });
      expect((await post('/wecom/bot', req.query, req.body)).status).toBe(403);
      expect(h.accepted).toHaveLength(0);
    });

    it('decrypted payload not WeCom shape → 400', async () => {
      const req = botCallback({ hello: 'world' }, botOpts);
      expect((await post('/wecom/bot', req.query, req.body)).status).toBe(400);
    });

    it('accept throwing → 500 so WeCom retries', async () => {
      h.mode.throwOnAccept = true;
      const req = botCallback(botPlain({ msgid: 'boom' }), botOpts);
      expect((await post('/wecom/bot', req.query, req.body)).status).toBe(500);
    });

    it('stream refresh poll → encrypted finished stream, signed, nonce from the URL', async () => {
      const req = botCallback({ msgid: 'p1', aibotid: 'a', chattype: 'single', from: { userid: 'chen' }, msgtype: 'stream', stream: { id: 'st-9' } }, botOpts);
      const res = await post('/wecom/bot', req.query, req.body);
      expect(res.status).toBe(200);
      const reply = openBotReply(await res.text(), botOpts);
      expect(reply.signatureOk).toBe(true);
      expect(reply.nonce).toBe(req.nonce);
      expect(reply.receiveId).toBe('');
      expect(reply.plain).toEqual({ msgtype: 'stream', stream: { id: 'st-9', finish: true, content: '' } });
      expect(h.accepted).toHaveLength(0);
    });

    it('events → 200 and onEvent', async () => {
      const req = botCallback({ msgid: 'e1', create_time: 1795824720, aibotid: 'a', from: { userid: 'chen' }, msgtype: 'event', event: { eventtype: 'enter_chat' } }, botOpts);
      expect((await post('/wecom/bot', req.query, req.body)).status).toBe(200);
      expect(h.events).toEqual([{ source: 'bot', kind: 'event', eventtype: 'enter_chat', msgid: 'e1', from: 'chen', chat: null, responseUrl: null }]);
      expect(h.accepted).toHaveLength(0);
    });
  });

  describe('POST /wecom/app', () => {
    it('good XML callback → accept once; retry → duplicate; both 200 with empty body', async () => {
      const req = appCallback(appXml(), appOpts);
      const r1 = await post('/wecom/app', req.query, req.body, { 'content-type': 'text/xml' });
      expect([r1.status, await r1.text()]).toEqual([200, '']);
      const r2 = await post('/wecom/app', req.query, req.body);
      expect(r2.status).toBe(200);
      expect(h.accepted).toHaveLength(2);
      expect(h.accepted[0]).toMatchObject({ msgid: '4561255354251345929', source: 'app', chattype: 'single', chat: null, from: '0254571', time: '2026-11-28T08:12:00+08:00', text: '三号楼路灯不亮' });
    });

    it('forged signature → 403; wrong CorpID → 403; garbage → 400; entity bomb envelope → 400', async () => {
      const req = appCallback(appXml('77'), appOpts);
      const q = new URLSearchParams(req.query);
      q.set('msg_signature', '0'.repeat(40));
      expect((await post('/wecom/app', q.toString(), req.body)).status).toBe(403);
      const wrong = appCallback(appXml('78'), { ...appOpts, receiveId: 'wwOther' });
      expect((await post('/wecom/app', wrong.query, wrong.body)).status).toBe(403);
      expect((await post('/wecom/app', req.query, '<xml><Encrypt>')).status).toBe(400);
      const bomb = `<!DOCTYPE x [<!ENTITY a "${'A'.repeat(100)}">]><xml><Encrypt>&a;</Encrypt></xml>`;
      expect((await post('/wecom/app', req.query, bomb)).status).toBe(400);
      const encrypt = fakeEncrypt(keys.appAesKey, 'this is not xml', keys.corpId);
      const q2 = new URLSearchParams({ msg_signature: fakeSign(keys.appToken, '1', '2', encrypt), timestamp: '1', nonce: '2' });
      expect((await post('/wecom/app', q2.toString(), `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`)).status).toBe(400);
      expect(h.accepted).toHaveLength(0);
    });

    it('app events → 200 + onEvent, not accepted', async () => {
      const xml = `<xml><ToUserName>${keys.corpId}</ToUserName><FromUserName>chen</FromUserName><CreateTime>1795824720</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event><EventKey></EventKey><AgentID>1000002</AgentID></xml>`;
      const req = appCallback(xml, appOpts);
      expect((await post('/wecom/app', req.query, req.body)).status).toBe(200);
      expect(h.events).toMatchObject([{ source: 'app', kind: 'event', event: 'enter_agent', from: 'chen' }]);
      expect(h.accepted).toHaveLength(0);
    });
  });

  it('never logs bodies, tokens, keys, signatures or echostr', async () => {
    const v = echoVerify({ token: keys.botToken, aesKey: keys.botAesKey, receiveId: '' });
    await fetch(`${h.served.base}/wecom/bot?${v.query}`);
    const req = botCallback(botPlain({ msgid: 'logcheck' }), botOpts);
    await post('/wecom/bot', req.query, req.body);
    const bad = new URLSearchParams(req.query);
    bad.set('msg_signature', 'f'.repeat(40));
    await post('/wecom/bot', bad.toString(), req.body);
    const all = h.logs.join('\n');
    for (const secret of [keys.botToken, keys.botAesKey, keys.appToken, keys.appAesKey, req.signature, req.encrypt, v.echostr, v.echo, '楼道堆满纸箱']) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('"msgid":"logcheck"');
  });
});

describe('unconfigured flavours', () => {
  it('bot null → /wecom/bot 404; app null → /wecom/app 404', async () => {
    const onlyBot = await start(configWith({ WECOM_BOT_TOKEN: keys.botToken, WECOM_BOT_AES_KEY: keys.botAesKey }));
    const onlyApp = await start(configWith({
      WECOM_CORP_ID: keys.corpId, WECOM_APP_TOKEN: keys.appToken, WECOM_APP_AES_KEY: keys.appAesKey,
      WECOM_APP_SECRET: keys.secret, WECOM_APP_AGENT_ID: keys.agentId,
    }));
    try {
      const a = appCallback(appXml(), appOpts);
      expect((await fetch(`${onlyBot.served.base}/wecom/app?${a.query}`, { method: 'POST', body: a.body })).status).toBe(404);
      expect((await fetch(`${onlyBot.served.base}/wecom/app?x=1`)).status).toBe(404);
      const b = botCallback(botPlain(), botOpts);
      expect((await fetch(`${onlyApp.served.base}/wecom/bot?${b.query}`, { method: 'POST', body: b.body })).status).toBe(404);
      expect((await fetch(`${onlyApp.served.base}/wecom/app?${a.query}`, { method: 'POST', body: a.body })).status).toBe(200);
    } finally {
      await onlyBot.served.close();
      await onlyApp.served.close();
    }
  });
});
