// The callback URL is public. Whatever arrives — forged, broken, huge, slow, or crafted — gets the right status, stores
// nothing it should not, and the very next good message from a volunteer is still answered and turned into a ticket.
// Everything goes through the real bot on loopback (harness), exactly as WeCom's requests would.
import { createCipheriv, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROSTER, startHarness, type Harness } from '../helpers/harness.js';
import { appCallback, botCallback, fakeEncrypt, fakeSign } from '../helpers/wecom-fake.js';

let h: Harness;
beforeAll(async () => { h = await startHarness({ now: '2026-11-30T09:00:00+08:00' }); });
afterAll(async () => { await h.close(); });

const n = (sql: string) => (h.bot.db.prepare(sql).get() as { n: number }).n;
const inbox = () => n('SELECT count(*) AS n FROM inbox');
const secrets = () => [h.off.keys.botToken, h.off.keys.botAesKey, h.off.keys.appToken, h.off.keys.appAesKey, h.off.keys.secret, ...Object.values(h.off.webhookKeyOf)];

/** A callback signed with the bot's real token over whatever `encrypt` is: only what is inside is wrong. */
function signedBot(encrypt: string, envelope?: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(randomBytes(4).readUInt32BE());
  const msg_signature = fakeSign(h.off.keys.botToken, timestamp, nonce, encrypt);
  return { query: new URLSearchParams({ msg_signature, timestamp, nonce }).toString(), body: envelope ?? JSON.stringify({ encrypt }) };
}

/** AES-256-CBC as WeCom does it, but with the padding and plaintext bytes chosen by the test. */
function rawEncrypt(aesKey: string, msg: Buffer, o: { pad?: (n: number) => Buffer } = {}): string {
  const key = Buffer.from(aesKey + '=', 'base64');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const body = Buffer.concat([randomBytes(16), len, msg]);
  const padLen = 32 - (body.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([body, o.pad ? o.pad(padLen) : Buffer.alloc(padLen, padLen)])), c.final()]).toString('base64');
}

const message = (text: string, extra = '') =>
  `{${extra}"msgid":"m${randomBytes(6).toString('hex')}","aibotid":"aibot-test","chattype":"group","chatid":"wrkchat-furao",` +
  `"from":{"userid":"chenjianguo"},"msgtype":"text","text":{"content":${JSON.stringify(`@小巷管家 ${text}`)}}}`;

async function refused(status: number | number[], path: string, query: string, body: string) {
  const before = { inbox: inbox(), tickets: n('SELECT count(*) AS n FROM tickets') };
  const r = await h.post(path, query, body);
  expect([status].flat()).toContain(r.status);
  for (const s of secrets()) expect(r.body).not.toContain(s);
  expect(inbox()).toBe(before.inbox);
  expect(n('SELECT count(*) AS n FROM tickets')).toBe(before.tickets);
}

let building = 0;
/** The next ordinary report still gets its 200, its ticket and its answer in the group. */
async function stillServing() {
  const before = { inbox: inbox(), tickets: n('SELECT count(*) AS n FROM tickets') };
  const r = await h.say('chenjianguo', `青一小区${(building++ % 12) + 1}号楼${['门口垃圾堆成山了', '楼道灯坏了', '下水道堵了'][building % 3]}`);
  expect(r.status).toBe(200);
  expect(inbox()).toBe(before.inbox + 1);
  expect(n(`SELECT count(*) AS n FROM ticket_sources WHERE msgid = '${r.msgid}'`)).toBe(1);
  expect(h.group('wrkchat-furao').at(-1)?.text).toMatch(/^已(登记|合并|记录)|#\d+/);
}

describe('伪造和损坏的回调：拒收，不存，下一条照常', () => {
  it('没有签名 → 401；签名是假的 → 403', async () => {
    const good = botCallback(JSON.parse(message('青一小区1号楼门口垃圾堆成山了')), { token: h.off.keys.botToken, aesKey: h.off.keys.botAesKey });
    await refused(401, '/wecom/bot', `timestamp=${good.timestamp}&nonce=${good.nonce}`, good.body);
    await refused(403, '/wecom/bot', good.query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'0'.repeat(40)}`), good.body);
    const otherToken = botCallback(JSON.parse(message('青一小区1号楼门口垃圾堆成山了')), { token: 'not-our-token', aesKey: h.off.keys.botAesKey });
    await refused(403, '/wecom/bot', otherToken.query, otherToken.body);
    await stillServing();
  });

  it('签名对但用别的密钥加密 → 4xx', async () => {
    const wrongKey = randomBytes(32).toString('base64').slice(0, 43);
    const s = signedBot(fakeEncrypt(wrongKey, message('青一小区2号楼楼道灯坏了'), ''));
    await refused([400, 403], '/wecom/bot', s.query, s.body);
    await stillServing();
  });

  it('密文被截断、不是 base64、填充不对、解出来不是 UTF-8 → 400', async () => {
    const whole = fakeEncrypt(h.off.keys.botAesKey, message('青一小区3号楼下水道堵了'), '');
    for (const encrypt of [
      whole.slice(0, 40), // cut mid-block
      whole.slice(0, whole.length - 44), // whole blocks, but the message length now points past the end
      '!!!这不是base64***', // not base64 at all
      rawEncrypt(h.off.keys.botAesKey, Buffer.from(message('x')), { pad: (k) => Buffer.alloc(k, 0) }), // pad byte 0
      rawEncrypt(h.off.keys.botAesKey, Buffer.from(message('x')), { pad: (k) => Buffer.alloc(k, 33) }), // pad byte > 32
      rawEncrypt(h.off.keys.botAesKey, Buffer.concat([Buffer.from(message('青一').slice(0, -4)), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('"}}')])),
    ]) {
      const s = signedBot(encrypt);
      await refused(400, '/wecom/bot', s.query, s.body);
    }
    // The envelope itself in broken bytes.
    const bytes = Buffer.concat([Buffer.from('{"encrypt":"'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('"}')]);
    const before = inbox();
    const r = await fetch(`${h.bot.url}/wecom/bot?${signedBot('x').query}`, { method: 'POST', body: bytes });
    expect([400, 403]).toContain(r.status);
    expect(inbox()).toBe(before);
    await stillServing();
  });

  it('XML 带实体：不展开，不外连，拒收', async () => {
    const corp = h.off.keys.corpId;
    const xxe = `${h.off.fake.base}/xxe-probe`;
    const envelopes = [
      `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "${xxe}">]><xml><ToUserName>&x;</ToUserName><Encrypt><![CDATA[abc]]></Encrypt></xml>`,
      `<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><xml><Encrypt>&d;&d;&d;&d;</Encrypt></xml>`,
    ];
    for (const body of envelopes) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      await refused(400, '/wecom/app', `msg_signature=${fakeSign(h.off.keys.appToken, timestamp, '1', 'abc')}&timestamp=${timestamp}&nonce=1`, body);
    }
    // Inside a properly signed and encrypted callback, too.
    const inner = `<!DOCTYPE xml [<!ENTITY x SYSTEM "${xxe}">]><xml><ToUserName><![CDATA[${corp}]]></ToUserName><FromUserName><![CDATA[houguifang]]></FromUserName>` +
      `<CreateTime>1764464400</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>&x;</Content><MsgId>77</MsgId><AgentID>1000002</AgentID></xml>`;
    const req = appCallback(inner, { token: h.off.keys.appToken, aesKey: h.off.keys.appAesKey, corpId: corp });
    await refused(400, '/wecom/app', req.query, req.body);
    expect(h.off.fake.callsTo('/xxe-probe')).toHaveLength(0);
    await stillServing();
  });

  it('JSON 里的 __proto__ / constructor：只当普通字段，原型不被污染', async () => {
    const text = '青一小区4号楼门口垃圾堆成山了';
    const plain = message(text, '"__proto__":{"polluted":"yes","msgtype":"event"},"constructor":{"prototype":{"polluted2":"yes"}},');
    const s = signedBot(fakeEncrypt(h.off.keys.botAesKey, plain, ''));
    const r = await h.post('/wecom/bot', s.query, s.body);
    expect(r.status).toBe(200);
    await h.bot.settle();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
    const row = h.bot.db.prepare('SELECT msgtype, text, status FROM inbox ORDER BY seq DESC LIMIT 1').get() as { msgtype: string; text: string; status: string };
    expect(row).toEqual({ msgtype: 'text', text, status: 'done' });
    // An envelope whose only "encrypt" sits on __proto__ has none.
    await refused(400, '/wecom/bot', signedBot('abc').query, '{"__proto__":{"encrypt":"abc"}}');
    await stillServing();
  });

  it('10 MB 的请求体 → 413，不存', async () => {
    const s = signedBot('abc', JSON.stringify({ encrypt: 'A'.repeat(10 * 1024 * 1024) }));
    await refused(413, '/wecom/bot', s.query, s.body);
    await stillServing();
  });
});

describe('慢客户端：头和体都有时限，到点断开', () => {
  it('配置的时限真会生效：头发一半、体发一半的连接都被 408 断开，别人照常', async () => {
    const server = h.bot.server;
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(15_000);
    // Same check, shorter limits: Node looks at these on every connection check (each second, set in src/main.ts).
    server.headersTimeout = 300;
    server.requestTimeout = 600;
    try {
      const { port } = new URL(h.bot.url);
      const slow = (first: string) => new Promise<string>((resolve) => {
        let got = '';
        const sock = connect(Number(port), '127.0.0.1', () => sock.write(first));
        sock.on('data', (d) => { got += d; });
        sock.on('error', () => {});
        sock.on('close', () => resolve(got));
      });
      const q = signedBot('abc').query;
      const [headers, body] = await Promise.all([
        slow(`POST /wecom/bot?${q} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`),
        slow(`POST /wecom/bot?${q} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"encrypt":"`),
        stillServing(),
      ]);
      expect(headers).toMatch(/^HTTP\/1\.1 408/);
      expect(body).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      server.headersTimeout = 10_000;
      server.requestTimeout = 15_000;
    }
    await stillServing();
  });
});

describe('内容刁钻但合法：照收照办', () => {
  it('像 SQL 的话原样存下，表都在', async () => {
    const text = "青一小区5号楼 Robert'); DROP TABLE tickets;-- 门口垃圾堆成山了 ' OR '1'='1";
    const r = await h.say('houguifang', text);
    expect(r.status).toBe(200);
    const t = h.bot.db.prepare('SELECT t.text FROM tickets t JOIN ticket_sources s ON s.ticket_id = t.id WHERE s.msgid = ?').get(r.msgid) as { text: string } | undefined;
    expect(t?.text).toContain("DROP TABLE tickets;--");
    expect(n('SELECT count(*) AS n FROM sqlite_master WHERE name = \'tickets\'')).toBe(1);
    await stillServing();
  });

  it('两万字的消息：收下全文，回话每条不超过 2048 字节', async () => {
    const text = `青一小区6号楼楼道堆满纸箱，${'说来话长'.repeat(5000)}`.slice(0, 20_000);
    expect(text).toHaveLength(20_000);
    const before = h.group().length;
    const r = await h.say('liudeshan', text);
    expect(r.status).toBe(200);
    const row = h.bot.db.prepare('SELECT text, status FROM inbox WHERE msgid = ?').get(r.msgid) as { text: string; status: string };
    expect(row.text).toBe(text);
    expect(row.status).toBe('done');
    const said = h.group().slice(before);
    expect(said.length).toBeGreaterThan(0);
    for (const l of said) expect(Buffer.byteLength(l.text)).toBeLessThanOrEqual(2048);
    await stillServing();
  });
});

describe('生僻字和表情：人名、地名都不走样', () => {
  it('𡘙园小区的事报给 𠮷祥🌸，回话里名字地名完整', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgj-rare-'));
    const roster = join(dir, 'roster.yaml');
    writeFileSync(roster, readFileSync(DEMO_ROSTER, 'utf8')
      .replace('      - name: 富饶小区', '      - name: 𡘙园小区\n        aliases: [𡘙园]\n        buildings: 1-6\n      - name: 富饶小区')
      .replace('grids:\n', 'grids:\n  - id: furao-4\n    name: 𡘙园网格🌸\n    community: furao\n    worker: jixiang\n    areas:\n      - { compound: 𡘙园小区 }\n')
      .replace('people:\n', 'people:\n  - { userid: popo, name: 🌸𠀀婆婆, role: volunteer, grid: furao-4 }\n  - { userid: jixiang, name: 𠮷祥🌸, role: grid_worker }\n'));
    const r2 = await startHarness({ roster, now: '2026-11-30T09:00:00+08:00' });
    try {
      // One to one with the AI bot: the answer goes back through response_url, naming the worker.
      const r = await r2.say('popo', '𡘙园小区3号楼门口垃圾堆成山了🙏🏻', { chat: null });
      expect(r.status).toBe(200);
      const [t] = r2.ledger();
      expect(t).toMatchObject({ reporter: 'popo', assignee: 'jixiang', grid: 'furao-4' });
      expect(JSON.stringify(t)).toContain('𡘙园小区');
      const answer = (r2.responses().at(-1)?.body as { markdown?: { content: string } }).markdown?.content ?? '';
      expect(answer).toContain('𡘙园小区3号楼');
      expect(answer).toContain('𠮷祥🌸');
      expect(answer).not.toContain('\uFFFD');
      const stored = r2.bot.db.prepare('SELECT text FROM inbox WHERE msgid = ?').get(r.msgid) as { text: string };
      expect(stored.text).toBe('𡘙园小区3号楼门口垃圾堆成山了🙏🏻');
    } finally {
      await r2.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
