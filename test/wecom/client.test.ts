import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppCredentials } from '../../src/config.js';
import { LIMITS, WecomApiError, createWecomClient, splitUtf8, type WecomClient } from '../../src/wecom/client.js';
import { fakeEncryptMedia, makeTestKeys, startFakeWecom, type FakeWecom } from '../helpers/wecom-fake.js';

const keys = makeTestKeys();
const app: AppCredentials = { corpId: keys.corpId, token: keys.appToken, aesKey: keys.appAesKey, secret: keys.secret, agentId: keys.agentId };

async function caught(p: Promise<unknown>): Promise<WecomApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WecomApiError) return e;
    throw e;
  }
  throw new Error('expected a WecomApiError');
}

describe('WeCom client against the fake', () => {
  let fake: FakeWecom;
  let logs: string[];
  let clock: number;
  let client: WecomClient;
  const make = (o: Partial<Parameters<typeof createWecomClient>[0]> = {}) =>
    createWecomClient({
      apiBase: fake.base, app,
      log: pino({ level: 'debug' }, new Writable({ write(c, _e, cb) { logs.push(String(c)); cb(); } })),
      now: () => new Date(clock),
      ...o,
    });

  beforeAll(async () => { fake = await startFakeWecom({ corpId: keys.corpId, secret: keys.secret, webhookKeys: [keys.webhookKey], botAesKey: keys.botAesKey }); });
  afterAll(async () => { await fake.close(); });
  beforeEach(() => { fake.clearFaults(); fake.calls.length = 0; logs = []; clock = Date.parse('2026-11-28T00:00:00Z'); client = make(); });

  it('sendAppMessage fills agentid and caches the token until expires_in − 300 s', async () => {
    const issued = fake.tokensIssued();
    await client.sendAppMessage({ touser: 'chen', msgtype: 'text', text: { content: '你好' } });
    await client.sendAppMessage({ touser: 'shi', msgtype: 'text', text: { content: '你好' } });
    expect(fake.tokensIssued() - issued).toBe(1);
    const sent = fake.sent('app');
    expect(sent.map((c) => c.body)).toEqual([
      { touser: 'chen', msgtype: 'text', text: { content: '你好' }, agentid: 1000002 },
      { touser: 'shi', msgtype: 'text', text: { content: '你好' }, agentid: 1000002 },
    ]);
    expect(fake.callsTo('/cgi-bin/gettoken')[0].query).toEqual({ corpid: keys.corpId, corpsecret: keys.secret });
    clock += (7200 - 301) * 1000;
    await client.sendAppMessage({ touser: 'chen', msgtype: 'text', text: { content: 'x' } });
    expect(fake.tokensIssued() - issued).toBe(1);
    clock += 2000;
    await client.sendAppMessage({ touser: 'chen', msgtype: 'text', text: { content: 'x' } });
    expect(fake.tokensIssued() - issued).toBe(2);
  });

  it('concurrent first calls share one token fetch (single flight)', async () => {
    const issued = fake.tokensIssued();
    await Promise.all(Array.from({ length: 5 }, (_, i) => client.sendAppMessage({ touser: `u${i}`, msgtype: 'text', text: { content: 'x' } })));
    expect(fake.tokensIssued() - issued).toBe(1);
    expect(fake.sent('app')).toHaveLength(5);
  });

  it('42001 → drop token, refetch once, retry once', async () => {
    await client.sendAppMessage({ touser: 'chen', msgtype: 'text', text: { content: '1' } });
    const issued = fake.tokensIssued();
    fake.expireTokens();
    await client.sendAppMessage({ touser: 'chen', msgtype: 'text', text: { content: '2' } });
    expect(fake.tokensIssued() - issued).toBe(1);
    const sends = fake.callsTo('/cgi-bin/message/send');
    expect(sends.map((c) => (c.answer as { errcode: number }).errcode)).toEqual([0, 42001, 0]);
  });

  it('token errors twice in a row → one refetch, one retry, then the error (no loop)', async () => {
    await client.accessToken();
    fake.failNext('/cgi-bin/message/send', 40014, 5);
    const err = await caught(client.sendAppMessage({ touser: 'chen', msgtype: 'text', text: { content: 'x' } }));
    expect(err.errcode).toBe(40014);
    expect(fake.callsTo('/cgi-bin/message/send')).toHaveLength(2);
    expect(fake.callsTo('/cgi-bin/gettoken')).toHaveLength(2);
  });

  it('bad secret from gettoken → permanent with hint, secret never in the message', async () => {
    const bad = make({ app: { ...app, secret: 'WRONGsecretWRONGsecret' } });
    const err = await caught(bad.sendAppMessage({ touser: 'chen', msgtype: 'text', text: { content: 'x' } }));
    expect([err.errcode, err.permanent, err.retryable]).toEqual([40001, true, false]);
    expect(err.hint).toMatch(/WECOM_APP_SECRET/);
    expect(err.message).not.toContain('WRONGsecret');
    expect(fake.callsTo('/cgi-bin/gettoken')).toHaveLength(1);
  });

  it('45009 → retryable; -1 → retryable; 60020 → permanent with trusted-IP hint', async () => {
    fake.failNext('/cgi-bin/webhook/send', 45009);
    const e1 = await caught(client.sendWebhook(keys.webhookKey, { msgtype: 'text', text: { content: 'x' } }));
    expect([e1.errcode, e1.retryable, e1.permanent]).toEqual([45009, true, false]);
    fake.failNext('/cgi-bin/webhook/send', -1);
    expect((await caught(client.sendWebhook(keys.webhookKey, { msgtype: 'text', text: { content: 'x' } }))).retryable).toBe(true);
    fake.failNext('/cgi-bin/message/send', 60020, 1, 'not allow to access from your ip, from ip: 1.2.3.4');
    const e3 = await caught(client.sendAppMessage({ touser: 'a', msgtype: 'text', text: { content: 'x' } }));
    expect([e3.errcode, e3.permanent]).toEqual([60020, true]);
    expect(e3.hint).toMatch(/企业可信IP/);
  });

  it('webhook: sends to /cgi-bin/webhook/send?key=KEY; unknown key → 93000 permanent with hint, key not leaked', async () => {
    const body = { msgtype: 'markdown', markdown: { content: '**今日** 3 件' } };
    await client.sendWebhook(keys.webhookKey, body);
    expect(fake.sent('webhook').map((c) => [c.query.key, c.body])).toEqual([[keys.webhookKey, body]]);
    const err = await caught(client.sendWebhook('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-secret', body));
    expect([err.errcode, err.permanent]).toEqual([93000, true]);
    expect(err.hint).toMatch(/key only/);
    expect(err.message).not.toContain('abc-secret');
    expect(err.path).toBe('/cgi-bin/webhook/send');
    expect(logs.join('')).not.toContain('abc-secret');
    expect(logs.join('')).not.toContain(keys.webhookKey);
  });

  it('network drop → errcode -2 retryable; HTTP 502 → retryable; HTTP 404 → permanent', async () => {
    fake.dropNext('/cgi-bin/webhook/send');
    const e1 = await caught(client.sendWebhook(keys.webhookKey, { msgtype: 'text', text: { content: 'x' } }));
    expect([e1.errcode, e1.retryable]).toEqual([-2, true]);
    fake.httpErrorNext('/cgi-bin/webhook/send', 502);
    const e2 = await caught(client.sendWebhook(keys.webhookKey, { msgtype: 'text', text: { content: 'x' } }));
    expect([e2.errcode, e2.retryable]).toEqual([-3, true]);
    const e3 = await caught(client.postResponseUrl(`${fake.base}/nowhere?response_code=zzz`, { msgtype: 'markdown', markdown: { content: 'x' } }));
    expect([e3.errcode, e3.permanent]).toEqual([-3, true]);
    expect(e3.message).not.toContain('zzz');
    const e4 = await caught(make({ apiBase: 'http://127.0.0.1:1' }).sendWebhook(keys.webhookKey, { msgtype: 'text', text: { content: 'x' } }));
    expect([e4.errcode, e4.retryable]).toEqual([-2, true]);
  });

  it('response_url is used as given and only once', async () => {
    const url = fake.responseUrl();
    await client.postResponseUrl(url, { msgtype: 'markdown', markdown: { content: '已登记 #12' } });
    expect(fake.sent('response')).toHaveLength(1);
    const again = await caught(client.postResponseUrl(url, { msgtype: 'markdown', markdown: { content: 'x' } }));
    expect(again.permanent).toBe(true);
  });

  it('media/get: bytes with type and filename; HTTP 200 JSON error detected as 40007', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    fake.addMedia('MID_1', { bytes: jpeg, contentType: 'image/jpeg', filename: 'photo.jpg' });
    const m = await client.getMedia('MID_1');
    expect(m.bytes.equals(jpeg)).toBe(true);
    expect([m.contentType, m.filename]).toEqual(['image/jpeg', 'photo.jpg']);
    const err = await caught(client.getMedia('MID_unknown'));
    expect([err.errcode, err.permanent]).toEqual([40007, true]);
  });

  it('media/get with an expired token refetches once', async () => {
    fake.addMedia('MID_2', { bytes: Buffer.from('abc'), contentType: 'image/png' });
    await client.accessToken();
    fake.expireTokens();
    expect((await client.getMedia('MID_2')).bytes.toString()).toBe('abc');
    expect(fake.callsTo('/cgi-bin/gettoken')).toHaveLength(2);
  });

  it('bot media: downloads the url as given and decrypts with the bot key; wrong key → -5 permanent', async () => {
    const picture = Buffer.alloc(1000, 9);
    const url = fake.addBotMedia(picture, { contentType: 'image/jpeg', filename: '照片.jpg' });
    expect((await client.downloadBotMedia(url, keys.botAesKey)).equals(picture)).toBe(true);
    const err = await caught(client.downloadBotMedia(url, keys.appAesKey));
    expect([err.errcode, err.permanent]).toEqual([-5, true]);
    expect(err.message).not.toContain('q-sign');
  });

  it('no app configured → permanent error, no request', async () => {
    const none = make({ app: null });
    const err = await caught(none.sendAppMessage({ touser: 'a', msgtype: 'text', text: { content: 'x' } }));
    expect(err.permanent).toBe(true);
    expect(fake.calls).toHaveLength(0);
  });

  it('logs never contain the token or secret', async () => {
    fake.failNext('/cgi-bin/message/send', 45009);
    await caught(client.sendAppMessage({ touser: 'a', msgtype: 'text', text: { content: 'x' } }));
    const token = await client.accessToken();
    const all = logs.join('');
    expect(all).not.toContain(token);
    expect(all).not.toContain(keys.secret);
    expect(all).toContain('45009');
  });
});

describe('WeCom client over the wire (node:http, keep-alive; or an injected fetch)', () => {
  // A plain server whose answers each test decides, to see what reaches the wire and what the client makes of it.
  let server: Server;
  let base: string;
  let handle: (req: IncomingMessage, body: string, res: ServerResponse) => void;
  let connections: number;
  let logs: string[];
  const quiet = () => pino({ level: 'debug' }, new Writable({ write(c, _e, cb) { logs.push(String(c)); cb(); } }));
  const make = (o: Partial<Parameters<typeof createWecomClient>[0]> = {}) => createWecomClient({ apiBase: base, app, log: quiet(), ...o });
  const json = (res: ServerResponse, doc: unknown) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(doc)); };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    server.on('connection', () => { connections++; });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });
  beforeEach(() => { connections = 0; logs = []; handle = (_q, _b, res) => json(res, { errcode: 0, errmsg: 'ok' }); });

  it('posts JSON with a content-length and reuses one keep-alive connection for sends one after another', async () => {
    const seen: { method?: string; type?: string; length?: string; body: string }[] = [];
    handle = (req, body, res) => { seen.push({ method: req.method, type: req.headers['content-type'], length: req.headers['content-length'], body }); json(res, { errcode: 0, errmsg: 'ok' }); };
    const client = make();
    for (let i = 0; i < 5; i++) await client.postResponseUrl(`${base}/cgi-bin/aibot/response?response_code=c${i}`, { msgtype: 'markdown', markdown: { content: `已登记 #${i}` } });
    expect(seen).toHaveLength(5);
    expect(seen[0]).toEqual({ method: 'POST', type: 'application/json; charset=utf-8', length: String(Buffer.byteLength(seen[0].body)), body: JSON.stringify({ msgtype: 'markdown', markdown: { content: '已登记 #0' } }) });
    expect(connections).toBe(1);
  });

  it('no whole answer within the timeout → -2 "timeout", retryable, both before the headers and inside the body', async () => {
    handle = () => { /* never answers */ };
    const e1 = await caught(make({ timeoutMs: 150 }).postResponseUrl(`${base}/r?response_code=secretcode`, { msgtype: 'text' }));
    expect([e1.errcode, e1.retryable, e1.errmsg]).toEqual([-2, true, 'timeout']);
    expect(e1.message).not.toContain('secretcode');
    handle = (_q, _b, res) => { res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '100' }); res.write(Buffer.alloc(10)); };
    await expect(make({ timeoutMs: 150 }).downloadBotMedia(`${base}/m`, keys.botAesKey)).rejects.toThrow(/no complete answer within 150 ms/);
  });

  it('an answer that is not JSON → -4; a JSON array → -4; HTTP 503 → -3 retryable; the connection survives', async () => {
    const client = make();
    handle = (_q, _b, res) => { res.setHeader('content-type', 'text/html'); res.end('<html>portal</html>'); };
    expect((await caught(client.postResponseUrl(`${base}/r`, {}))).errcode).toBe(-4);
    handle = (_q, _b, res) => json(res, [1]);
    expect((await caught(client.postResponseUrl(`${base}/r`, {}))).errmsg).toBe('response is not a JSON object');
    handle = (_q, _b, res) => { res.statusCode = 503; res.end('busy'.repeat(1000)); };
    const e = await caught(client.postResponseUrl(`${base}/r`, {}));
    expect([e.errcode, e.retryable]).toEqual([-3, true]);
    handle = (_q, _b, res) => json(res, { errcode: 0 });
    await new Promise((r) => setTimeout(r, 20)); // the error body drains in the background
    await client.postResponseUrl(`${base}/r`, {});
    expect(connections).toBe(1);
  });

  it('redirects are followed as fetch does: 307 keeps the POST and its body, 302 after a POST becomes a GET', async () => {
    const seen: string[] = [];
    handle = (req, body, res) => {
      seen.push(`${req.method} ${req.url} ${body}`);
      if (req.url === '/a') { res.writeHead(307, { location: '/b' }); res.end(); } else if (req.url === '/c') { res.writeHead(302, { location: `${base}/d` }); res.end(); } else json(res, { errcode: 0, errmsg: req.url });
    };
    expect(await make().postResponseUrl(`${base}/a`, { n: 1 })).toEqual({ errcode: 0, errmsg: '/b' });
    expect(await make().postResponseUrl(`${base}/c`, { n: 2 })).toEqual({ errcode: 0, errmsg: '/d' });
    expect(seen).toEqual(['POST /a {"n":1}', 'POST /b {"n":1}', 'POST /c {"n":2}', 'GET /d ']);
  });

  it('bot media larger than the cap → permanent, whether the length is declared or not; a gzip answer is decoded', async () => {
    const picture = Buffer.alloc(5000, 7);
    const enc = fakeEncryptMedia(keys.botAesKey, picture);
    handle = (_q, _b, res) => { res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(enc.length) }); res.end(enc); };
    expect((await make().downloadBotMedia(`${base}/m`, keys.botAesKey)).equals(picture)).toBe(true);
    const declared = await caught(make({ maxMediaBytes: 1000 }).downloadBotMedia(`${base}/m`, keys.botAesKey));
    expect([declared.errcode, declared.permanent, declared.hint]).toEqual([-4, true, 'media too large']);
    handle = (_q, _b, res) => { res.writeHead(200, { 'content-type': 'application/octet-stream' }); res.write(enc.subarray(0, 3000)); setTimeout(() => res.end(enc.subarray(3000)), 20); };
    const streamed = await caught(make({ maxMediaBytes: 1000 }).downloadBotMedia(`${base}/m`, keys.botAesKey));
    expect([streamed.errcode, streamed.permanent]).toEqual([-4, true]);
    handle = (_q, _b, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }); res.end(gzipSync('{"errcode":0,"errmsg":"压缩"}')); };
    expect(await make().postResponseUrl(`${base}/r`, {})).toEqual({ errcode: 0, errmsg: '压缩' });
  });

  it('a dropped connection → -2 network error, and the next call works', async () => {
    let drop = true;
    handle = (req, _b, res) => { if (drop) { drop = false; req.socket.destroy(); } else json(res, { errcode: 0 }); };
    const client = make();
    const e = await caught(client.postResponseUrl(`${base}/r`, {}));
    expect([e.errcode, e.retryable, e.errmsg]).toEqual([-2, true, 'network error']);
    expect(await client.postResponseUrl(`${base}/r`, {})).toEqual({ errcode: 0 });
  });

  it('an injected fetch is used for every call (token, send, media) instead of node:http', async () => {
    const urls: string[] = [];
    const spy: typeof fetch = (input, init) => { urls.push(String(input).replace(/\?.*/, '')); return fetch(input, init); };
    handle = (req, _b, res) => {
      if (req.url!.startsWith('/cgi-bin/gettoken')) json(res, { errcode: 0, access_token: 'TOKEN', expires_in: 7200 });
      else if (req.url!.startsWith('/cgi-bin/media/get')) { res.writeHead(200, { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="a.png"' }); res.end('png'); } else json(res, { errcode: 0 });
    };
    const client = make({ fetch: spy });
    await client.sendAppMessage({ touser: 'a', msgtype: 'text', text: { content: 'x' } });
    const m = await client.getMedia('MID');
    expect([m.bytes.toString(), m.contentType, m.filename]).toEqual(['png', 'image/png', 'a.png']);
    expect(urls).toEqual([`${base}/cgi-bin/gettoken`, `${base}/cgi-bin/message/send`, `${base}/cgi-bin/media/get`]);
    handle = () => { /* never answers */ };
    const e = await caught(make({ fetch: spy, timeoutMs: 100 }).postResponseUrl(`${base}/r`, {}));
    expect([e.errcode, e.errmsg]).toEqual([-2, 'timeout']);
  });
});

describe('splitUtf8', () => {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

  it('short text is one piece; empty is none', () => {
    expect(splitUtf8('你好', LIMITS.text)).toEqual(['你好']);
    expect(splitUtf8('', LIMITS.text)).toEqual([]);
  });

  it('2048-byte text limit: Chinese (3 bytes each) never split mid-character', () => {
    const text = '网格员'.repeat(1000); // 9000 bytes
    const parts = splitUtf8(text, LIMITS.text);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(bytes(p)).toBeLessThanOrEqual(2048);
    expect(parts[0].length).toBe(682); // 2046 bytes: a 683rd char would need 2049
  });

  it('4096-byte markdown: prefers line breaks', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `- #${i} 青一小区${i}号楼 楼道堆物 待处理`);
    const text = lines.join('\n');
    const parts = splitUtf8(text, LIMITS.markdown);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(bytes(p)).toBeLessThanOrEqual(4096);
      expect(p.startsWith('- #')).toBe(true);
      expect(p.endsWith('待处理')).toBe(true);
    }
    expect(parts.join('\n')).toBe(text);
  });

  it('emoji (4-byte, surrogate pairs) and mixed widths stay whole', () => {
    const text = 'a😀中'.repeat(500);
    for (const max of [4, 5, 7, 2048]) {
      const parts = splitUtf8(text, max);
      expect(parts.join('')).toBe(text);
      for (const p of parts) {
        expect(bytes(p)).toBeLessThanOrEqual(max);
        expect(p).not.toMatch(/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/);
      }
    }
  });

  it('a single huge line falls back to byte boundaries', () => {
    const parts = splitUtf8('x'.repeat(5000), 2048);
    expect(parts.map((p) => p.length)).toEqual([2048, 2048, 904]);
  });
});
