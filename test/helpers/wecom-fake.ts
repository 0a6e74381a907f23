// The project's only WeCom fake: a real HTTP server on 127.0.0.1 speaking WeCom's wire format, plus builders for
// signed+encrypted callbacks. Callbacks are signed and encrypted with @wecom/crypto (WeCom's published package), and
// the rest is written directly on node:crypto: nothing here imports src/wecom/crypto.ts, so tests of our code are not
// checked by our code.
// Wire formats: /work/shared/wecom-protocol.md §1.2–1.5, §2.2, §2.5, §2.8, §3, §4.1, §4.2, §4.4.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { encrypt as wecomEncrypt, getSignature as wecomSignature } from '@wecom/crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------------------------------------------
// independent crypto

function keyOf(aesKey: string): Buffer {
  const k = Buffer.from(aesKey + '=', 'base64');
  if (k.length !== 32) throw new Error('fake: aesKey must be a 43-char EncodingAESKey');
  return k;
}

function cbc(encrypt: boolean, aesKey: string, data: Buffer): Buffer {
  const k = keyOf(aesKey);
  const c = encrypt ? createCipheriv('aes-256-cbc', k, k.subarray(0, 16)) : createDecipheriv('aes-256-cbc', k, k.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

function pkcs7(data: Buffer): Buffer {
  const n = 32 - (data.length % 32);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

export function fakeSign(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return wecomSignature(token, timestamp, nonce, encrypt);
}

export function fakeEncrypt(aesKey: string, plain: string, receiveId: string): string {
  return wecomEncrypt(aesKey, plain, receiveId);
}

export function fakeDecrypt(aesKey: string, b64: string): { message: string; receiveId: string } {
  const p = cbc(false, aesKey, Buffer.from(b64, 'base64'));
  const body = p.subarray(0, p.length - p[p.length - 1]);
  const len = body.readUInt32BE(16);
  return { message: body.subarray(20, 20 + len).toString('utf8'), receiveId: body.subarray(20 + len).toString('utf8') };
}

export function fakeEncryptMedia(aesKey: string, bytes: Buffer): Buffer {
  return cbc(true, aesKey, pkcs7(bytes));
}

// ---------------------------------------------------------------------------------------------------------------
// keys and callback builders

export interface TestKeys {
  corpId: string;
  agentId: string;
  secret: string;
  botToken: string;
  botAesKey: string;
  appToken: string;
  appAesKey: string;
  webhookKey: string;
}

const alnum = (n: number) => randomBytes(n * 2).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, n);

export function makeTestKeys(): TestKeys {
  return {
    corpId: 'ww' + randomBytes(8).toString('hex'),
    agentId: '1000002',
    secret: alnum(43),
    botToken: alnum(32),
    botAesKey: randomBytes(32).toString('base64').slice(0, 43),
    appToken: alnum(32),
    appAesKey: randomBytes(32).toString('base64').slice(0, 43),
    webhookKey: randomBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
  };
}

export interface SignedRequest {
  /** Query string without "?" (properly percent-encoded, as WeCom sends it). */
  query: string;
  body: string;
  timestamp: string;
  nonce: string;
  signature: string;
  encrypt: string;
}

function sign(token: string, encrypt: string, timestamp: string, nonce: string) {
  return fakeSign(token, timestamp, nonce, encrypt);
}

const defaultTs = () => String(Math.floor(Date.now() / 1000));
const defaultNonce = () => String(randomBytes(4).readUInt32BE());

/** AI bot POST: body `{"encrypt":"…"}`, receive id "" [§2.2]. */
export function botCallback(
  plain: object | string,
  o: { token: string; aesKey: string; timestamp?: string; nonce?: string; receiveId?: string },
): SignedRequest {
  const timestamp = o.timestamp ?? defaultTs();
  const nonce = o.nonce ?? defaultNonce();
  const encrypt = fakeEncrypt(o.aesKey, typeof plain === 'string' ? plain : JSON.stringify(plain), o.receiveId ?? '');
  const signature = sign(o.token, encrypt, timestamp, nonce);
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString();
  return { query, body: JSON.stringify({ encrypt }), timestamp, nonce, signature, encrypt };
}

/** Self-built app POST: XML envelope with ToUserName/AgentID/Encrypt, receive id = CorpID [§1.3]. */
export function appCallback(
  plainXml: string,
  o: { token: string; aesKey: string; corpId: string; agentId?: string; timestamp?: string; nonce?: string; receiveId?: string },
): SignedRequest {
  const timestamp = o.timestamp ?? defaultTs();
  const nonce = o.nonce ?? defaultNonce();
  const encrypt = fakeEncrypt(o.aesKey, plainXml, o.receiveId ?? o.corpId);
  const signature = sign(o.token, encrypt, timestamp, nonce);
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString();
  const body = `<xml><ToUserName><![CDATA[${o.corpId}]]></ToUserName><AgentID><![CDATA[${o.agentId ?? '1000002'}]]></AgentID><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  return { query, body, timestamp, nonce, signature, encrypt };
}

/** URL verification GET [§1.2]: returns the query and the plaintext the server must echo. */
export function echoVerify(o: { token: string; aesKey: string; receiveId: string; echo?: string; timestamp?: string; nonce?: string }) {
  const echo = o.echo ?? String(randomBytes(8).readBigUInt64BE());
  const timestamp = o.timestamp ?? defaultTs();
  const nonce = o.nonce ?? defaultNonce();
  const echostr = fakeEncrypt(o.aesKey, echo, o.receiveId);
  const signature = sign(o.token, echostr, timestamp, nonce);
  return { query: new URLSearchParams({ msg_signature: signature, timestamp, nonce, echostr }).toString(), echo, echostr, signature, timestamp, nonce };
}

/** Checks and opens a passive AI-bot reply `{encrypt, msgsignature, timestamp, nonce}` [§2.2]. */
export function openBotReply(body: string, o: { token: string; aesKey: string }): { plain: unknown; nonce: string; signatureOk: boolean; receiveId: string } {
  const env = JSON.parse(body) as { encrypt: string; msgsignature: string; timestamp: number | string; nonce: string };
  const signatureOk = fakeSign(o.token, String(env.timestamp), env.nonce, env.encrypt) === env.msgsignature;
  const { message, receiveId } = fakeDecrypt(o.aesKey, env.encrypt);
  return { plain: JSON.parse(message), nonce: env.nonce, signatureOk, receiveId };
}

// ---------------------------------------------------------------------------------------------------------------
// the fake server

export interface FakeCall {
  method: string;
  path: string;
  /** Query as received, secrets NOT redacted (tests check them). */
  query: Record<string, string>;
  /** Parsed JSON body when it was JSON, else the raw text ('' for none). */
  body: unknown;
  /** The JSON the fake answered with (undefined for binary answers and drops). */
  answer?: unknown;
}

export interface FakeMedia {
  bytes: Buffer;
  contentType?: string;
  filename?: string;
}

export interface FakeWecomOptions {
  corpId: string;
  secret: string;
  /** Webhook keys the fake accepts; any other key → 93000. */
  webhookKeys?: string[];
  /** The AI bot's EncodingAESKey: bot media is served encrypted with it. */
  botAesKey?: string;
  /** expires_in handed out with tokens (default 7200). */
  tokenTtl?: number;
}

export interface FakeWecom {
  base: string;
  calls: FakeCall[];
  /** Bodies of successful sends: 'webhook' (+ key), 'app' (message/send), 'response' (response_url). */
  sent(kind: 'webhook' | 'app' | 'response'): FakeCall[];
  /** Calls whose path is exactly `path`. */
  callsTo(path: string): FakeCall[];
  /** Every issued token now answers 42001 (expired). */
  expireTokens(): void;
  /** Every issued token now answers 40014 (invalid). */
  invalidateTokens(): void;
  /** The next `times` calls to `path` answer `{errcode, errmsg}` (HTTP 200). */
  failNext(path: string, errcode: number, times?: number, errmsg?: string): void;
  /** The next `times` calls to `path` get their socket destroyed (network drop). */
  dropNext(path: string, times?: number): void;
  /** Forgets all pending failNext/dropNext/httpErrorNext faults. */
  clearFaults(): void;
  /** The next `times` calls to `path` answer with this HTTP status and text body. */
  httpErrorNext(path: string, status: number, times?: number): void;
  addMedia(mediaId: string, media: FakeMedia): void;
  /** Registers a picture for the AI bot; returns a url that serves it AES-encrypted (like WeCom's COS links). */
  addBotMedia(bytes: Buffer, o?: { contentType?: string; filename?: string; aesKey?: string }): string;
  /** A fresh single-use response_url. */
  responseUrl(): string;
  tokensIssued(): number;
  close(): Promise<void>;
}

const ok = { errcode: 0, errmsg: 'ok' };

export async function startFakeWecom(opts: FakeWecomOptions): Promise<FakeWecom> {
  const calls: FakeCall[] = [];
  const tokens = new Map<string, 'ok' | 'expired' | 'invalid'>();
  const faults = new Map<string, { errcode: number; errmsg: string; times: number }[]>();
  const drops = new Map<string, number>();
  const httpErrors = new Map<string, { status: number; times: number }[]>();
  const media = new Map<string, FakeMedia>();
  const botMedia = new Map<string, { enc: Buffer; contentType: string; filename?: string }>();
  const responseCodes = new Map<string, 'fresh' | 'used'>();
  const webhookKeys = new Set(opts.webhookKeys ?? []);
  let tokenSeq = 0;
  let mediaSeq = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function json(res: ServerResponse, call: FakeCall, answer: unknown) {
    call.answer = answer;
    res.setHeader('content-type', 'application/json; charset=UTF-8');
    res.end(JSON.stringify(answer));
  }

  function tokenCheck(q: Record<string, string>): object | null {
    const state = tokens.get(q.access_token ?? '');
    if (!q.access_token) return { errcode: 41001, errmsg: 'access_token missing' };
    if (state === 'expired') return { errcode: 42001, errmsg: 'access_token expired' };
    if (state !== 'ok') return { errcode: 40014, errmsg: 'invalid access_token' };
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      if (raw) body = JSON.parse(raw);
    } catch {
      /* keep text */
    }
    const call: FakeCall = { method: req.method ?? 'GET', path, query, body };
    calls.push(call);

    const drop = drops.get(path) ?? 0;
    if (drop > 0) {
      drops.set(path, drop - 1);
      req.socket.destroy();
      return;
    }
    const he = httpErrors.get(path)?.[0];
    if (he) {
      if (--he.times <= 0) httpErrors.get(path)!.shift();
      res.statusCode = he.status;
      res.end('<html>bad gateway</html>');
      return;
    }
    const f = faults.get(path)?.[0];
    if (f) {
      if (--f.times <= 0) faults.get(path)!.shift();
      return json(res, call, { errcode: f.errcode, errmsg: f.errmsg });
    }

    switch (path) {
      case '/cgi-bin/gettoken': {
        if (query.corpid !== opts.corpId) return json(res, call, { errcode: 40013, errmsg: 'invalid corpid' });
        if (query.corpsecret !== opts.secret) return json(res, call, { errcode: 40001, errmsg: 'invalid credential' });
        const token = `tok${++tokenSeq}_${randomBytes(6).toString('hex')}`;
        tokens.set(token, 'ok');
        return json(res, call, { ...ok, access_token: token, expires_in: opts.tokenTtl ?? 7200 });
      }
      case '/cgi-bin/message/send': {
        const bad = tokenCheck(query);
        if (bad) return json(res, call, bad);
        const b = body as Record<string, unknown>;
        if (typeof b !== 'object' || !b || !b.msgtype || b.agentid === undefined) return json(res, call, { errcode: 40008, errmsg: 'invalid message type' });
        return json(res, call, { ...ok, invaliduser: '', msgid: `msg${calls.length}` });
      }
      case '/cgi-bin/webhook/send': {
        if (!query.key || !webhookKeys.has(query.key)) return json(res, call, { errcode: 93000, errmsg: 'invalid webhook url' });
        return json(res, call, ok);
      }
      case '/cgi-bin/media/get': {
        const bad = tokenCheck(query);
        if (bad) return json(res, call, bad);
        const m = media.get(query.media_id ?? '');
        if (!m) return json(res, call, { errcode: 40007, errmsg: 'invalid media_id' }); // HTTP 200 + JSON [§4.4]
        res.setHeader('content-type', m.contentType ?? 'image/jpeg');
        if (m.filename) res.setHeader('content-disposition', `attachment; filename="${m.filename}"`);
        res.end(m.bytes);
        return;
      }
      case '/_fake/response_url': {
        // Not WeCom's: hands a fresh response_url to a separate process (`npm run say`) playing the user's side.
        const code = randomBytes(12).toString('hex');
        responseCodes.set(code, 'fresh');
        res.setHeader('content-type', 'text/plain');
        res.end(`${base}/cgi-bin/aibot/response?response_code=${code}`);
        return;
      }
      case '/cgi-bin/aibot/response': {
        const code = query.response_code ?? '';
        const state = responseCodes.get(code);
        // The real code for a reused/expired response_url is not documented; 40029 stands in for it here.
        if (state !== 'fresh') return json(res, call, { errcode: 40029, errmsg: 'invalid response_code' });
        responseCodes.set(code, 'used');
        return json(res, call, ok);
      }
      default: {
        const m = /^\/botmedia\/([\w-]+)$/.exec(path);
        const bm = m ? botMedia.get(m[1]) : undefined;
        if (bm) {
          res.setHeader('content-type', bm.contentType);
          if (bm.filename) res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(bm.filename)}`);
          res.end(bm.enc);
          return;
        }
        res.statusCode = 404;
        res.end('not found');
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const success = (c: FakeCall) => (c.answer as { errcode?: number } | undefined)?.errcode === 0;

  return {
    base,
    calls,
    sent(kind) {
      const path = { webhook: '/cgi-bin/webhook/send', app: '/cgi-bin/message/send', response: '/cgi-bin/aibot/response' }[kind];
      return calls.filter((c) => c.path === path && success(c));
    },
    callsTo: (path) => calls.filter((c) => c.path === path),
    expireTokens() {
      for (const k of tokens.keys()) tokens.set(k, 'expired');
    },
    invalidateTokens() {
      for (const k of tokens.keys()) tokens.set(k, 'invalid');
    },
    failNext(path, errcode, times = 1, errmsg = `fake error ${errcode}`) {
      const list = faults.get(path) ?? [];
      list.push({ errcode, errmsg, times });
      faults.set(path, list);
    },
    clearFaults() {
      faults.clear();
      drops.clear();
      httpErrors.clear();
    },
    dropNext(path, times = 1) {
      drops.set(path, (drops.get(path) ?? 0) + times);
    },
    httpErrorNext(path, status, times = 1) {
      const list = httpErrors.get(path) ?? [];
      list.push({ status, times });
      httpErrors.set(path, list);
    },
    addMedia(mediaId, m) {
      media.set(mediaId, m);
    },
    addBotMedia(bytes, o = {}) {
      const key = o.aesKey ?? opts.botAesKey;
      if (!key) throw new Error('fake: addBotMedia needs botAesKey');
      const id = `m${++mediaSeq}-${randomBytes(4).toString('hex')}`;
      botMedia.set(id, { enc: fakeEncryptMedia(key, bytes), contentType: o.contentType ?? 'application/octet-stream', filename: o.filename });
      return `${base}/botmedia/${id}?sign=q-sign-time%3D300`;
    },
    responseUrl() {
      const code = randomBytes(12).toString('hex');
      responseCodes.set(code, 'fresh');
      return `${base}/cgi-bin/aibot/response?response_code=${code}`;
    },
    tokensIssued: () => tokenSeq,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
