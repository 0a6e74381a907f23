// Outbound calls to WeCom. Every call against WECOM_API_BASE (config.apiBase); urls that came inside a callback
// (response_url, bot media) are used as given [CONTRACT §4].
//   gettoken        https://developer.work.weixin.qq.com/document/path/91039   wecom-protocol.md §4.1
//   message/send    https://developer.work.weixin.qq.com/document/path/90236   §4.2
//   media/get       https://developer.work.weixin.qq.com/document/path/90254   §4.4
//   webhook/send    https://developer.work.weixin.qq.com/document/path/99110   §3
//   response_url    https://developer.work.weixin.qq.com/document/path/101138  §2.8
//   bot media       https://developer.work.weixin.qq.com/document/path/100719  §2.5
//   error codes     https://developer.work.weixin.qq.com/document/path/90313   §4.7
//
// Secrets (access_token, corpsecret, webhook key, response_code) never reach a log line or an error message:
// errors carry the path only, and any echo of a secret in errmsg is replaced by "***".

import type { Logger } from 'pino';
import type { AppCredentials } from '../config.js';
import { WecomCryptoError, decryptMedia } from './crypto.js';
import { fetchCall, nodeHttpCall, type Answer, type Exchange } from './http.js';

/** errcode values we mint ourselves for failures that never reached a WeCom answer. */
export const LOCAL_ERRCODE = {
  /** network error, timeout, connection reset */
  network: -2,
  /** HTTP status other than 2xx */
  http: -3,
  /** 2xx but not the JSON WeCom promises */
  badResponse: -4,
  /** bot media did not decrypt with the configured key */
  mediaDecrypt: -5,
} as const;

export class WecomApiError extends Error {
  readonly retryable: boolean;
  readonly permanent: boolean;
  readonly hint: string;
  constructor(readonly path: string, readonly errcode: number, readonly errmsg: string, override?: Partial<Classification>) {
    const c = { ...classify(errcode), ...override };
    super(`WeCom ${path} failed: ${errcode} ${errmsg}${c.hint ? ` (${c.hint})` : ''}`);
    this.name = 'WecomApiError';
    this.retryable = c.retryable;
    this.permanent = c.permanent;
    this.hint = c.hint;
  }
}

interface Classification {
  retryable: boolean;
  permanent: boolean;
  hint: string;
}

const RETRYABLE: Record<number, string> = {
  [-1]: 'WeCom busy; retry shortly',
  [-2]: 'network error talking to WeCom; retry',
  45009: 'API frequency limit (group robot: 20 msgs/min); back off at least a minute',
  45033: 'API concurrency limit; send one at a time',
  40014: 'access_token invalid even after a refetch; retry later',
  42001: 'access_token expired even after a refetch; retry later',
};

const PERMANENT: Record<number, string> = {
  60020: "this server's egress IP is not in the app's 企业可信IP list: add it in the admin console (应用管理 → 企业可信IP)",
  93000: 'webhook key invalid or the group robot was removed; WECOM_WEBHOOK_KEYS must hold the key only, not the whole URL',
  81013: 'all recipients invalid (userid not in the app visibility scope, or left the company)',
  40058: 'a field is too long (text 2048 bytes, markdown 4096 bytes); split the content',
  45002: 'content size out of limit; split the content',
  40007: 'invalid media_id (media ids expire after 3 days); re-upload or ignore',
  40001: 'invalid secret: check WECOM_APP_SECRET',
  40013: 'invalid CorpID: check WECOM_CORP_ID',
  41001: 'access_token missing',
  40029: 'response_url code invalid or already used (usable once, within 1 hour)',
  [-5]: 'bot media did not decrypt: wrong WECOM_BOT_AES_KEY, or the url expired (5 minutes)',
};

/** Neither retryable nor permanent: the caller's usual back-off decides. */
const OTHER: Record<number, string> = {
  [-4]: 'WeCom answered something that is not its JSON (a proxy or captive portal in the way?)',
};

function classify(errcode: number): Classification {
  if (errcode in RETRYABLE) return { retryable: true, permanent: false, hint: RETRYABLE[errcode] };
  if (errcode in PERMANENT) return { retryable: false, permanent: true, hint: PERMANENT[errcode] };
  return { retryable: false, permanent: false, hint: OTHER[errcode] ?? '' };
}

function httpError(path: string, status: number): WecomApiError {
  // 5xx / 429 are the far side's trouble: retry. Other 4xx will not get better.
  const retry = status >= 500 || status === 429;
  return new WecomApiError(path, LOCAL_ERRCODE.http, `HTTP ${status}`, {
    retryable: retry, permanent: !retry, hint: retry ? 'WeCom returned a server error; retry' : `unexpected HTTP ${status}`,
  });
}

export interface WecomClientOptions {
  apiBase: string;
  app: AppCredentials | null;
  /** Used for every call when given (tests); otherwise node:http(s) over a small keep-alive pool. */
  fetch?: typeof fetch;
  log: Logger;
  now?: () => Date;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Largest media accepted from media/get or a bot url (default 20 MB). */
  maxMediaBytes?: number;
}

export interface MediaFile {
  bytes: Buffer;
  contentType: string;
  filename: string | null;
}

type Json = Record<string, unknown>;

export interface WecomClient {
  /** Group robot: POST /cgi-bin/webhook/send?key=KEY with the body as given (text / markdown / image / news). */
  sendWebhook(key: string, body: object): Promise<Json>;
  /** App DM: POST /cgi-bin/message/send; `agentid` is filled in from the config. */
  sendAppMessage(body: object): Promise<Json>;
  /** AI bot response_url (once, within 1 h): POST to the url as given. */
  postResponseUrl(url: string, body: object): Promise<Json>;
  /** App media: GET /cgi-bin/media/get (an HTTP 200 JSON body is an error, not the file). */
  getMedia(mediaId: string): Promise<MediaFile>;
  /** AI bot media url (valid 5 minutes): download and AES-decrypt with the bot's EncodingAESKey. */
  downloadBotMedia(url: string, aesKey: string): Promise<Buffer>;
  /** The cached access token (fetched when missing or near expiry). Exposed for diagnostics and tests. */
  accessToken(): Promise<string>;
}

/** Token errors that mean "drop the cached token, fetch a new one, retry once" [§4.1, §9.13]. */
const TOKEN_ERRCODES = new Set([40014, 42001, 40001]);
const TOKEN_EARLY_S = 300;

/** Strips the query (which may hold access_token, key, response_code) from a URL for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
  return plain ? (plain[1] ?? plain[2]).trim() : null;
}

export function createWecomClient(opts: WecomClientOptions): WecomClient {
  const call = opts.fetch ? fetchCall(opts.fetch) : nodeHttpCall();
  const now = opts.now ?? (() => new Date());
  const base = opts.apiBase.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxMedia = opts.maxMediaBytes ?? 20 * 1024 * 1024;
  const log = opts.log;

  const secrets = new Set<string>();
  if (opts.app) secrets.add(opts.app.secret);
  const scrub = (text: string) => {
    let out = text;
    for (const s of secrets) if (s) out = out.split(s).join('***');
    return out;
  };
  const fail = (path: string, errcode: number, errmsg: string, override?: Partial<Classification>) =>
    new WecomApiError(path, errcode, scrub(String(errmsg)), override);
  const permanent = (hint: string): Partial<Classification> => ({ permanent: true, retryable: false, hint });

  async function request(url: string, path: string, init: Exchange): Promise<Answer> {
    try {
      return await call(url, init, timeoutMs);
    } catch (err) {
      const reason = (err as Error)?.name === 'TimeoutError' ? 'timeout' : 'network error';
      log.warn({ path, errcode: LOCAL_ERRCODE.network, reason }, 'wecom request failed');
      throw fail(path, LOCAL_ERRCODE.network, reason);
    }
  }

  async function readJson(res: Answer, path: string): Promise<Json> {
    if (!res.ok) {
      res.discard();
      throw httpError(path, res.status);
    }
    let doc: unknown;
    try {
      doc = JSON.parse(await res.text());
    } catch {
      throw fail(path, LOCAL_ERRCODE.badResponse, 'response is not JSON');
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw fail(path, LOCAL_ERRCODE.badResponse, 'response is not a JSON object');
    return doc as Json;
  }

  /** Throws WecomApiError unless errcode is 0 (a missing errcode counts as success, as on some media answers). */
  function check(doc: Json, path: string): Json {
    const code = doc.errcode === undefined ? 0 : Number(doc.errcode);
    if (!Number.isFinite(code)) throw fail(path, LOCAL_ERRCODE.badResponse, 'errcode is not a number');
    if (code !== 0) {
      const err = fail(path, code, typeof doc.errmsg === 'string' ? doc.errmsg : '');
      log.warn({ path, errcode: code, retryable: err.retryable, permanent: err.permanent }, 'wecom api error');
      throw err;
    }
    return doc;
  }

  async function postJson(url: string, path: string, body: object): Promise<Json> {
    const res = await request(url, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
    return check(await readJson(res, path), path);
  }

  // ---- access token: cached, single-flight, dropped on token errors ----
  let cached: { token: string; expiresAt: number } | null = null;
  let inflight: Promise<string> | null = null;

  function needApp(path: string): AppCredentials {
    if (!opts.app) throw fail(path, LOCAL_ERRCODE.badResponse, 'no self-built app configured', permanent('set WECOM_CORP_ID, WECOM_APP_TOKEN, WECOM_APP_AES_KEY, WECOM_APP_SECRET, WECOM_APP_AGENT_ID'));
    return opts.app;
  }

  async function fetchToken(): Promise<string> {
    const path = '/cgi-bin/gettoken';
    const app = needApp(path);
    const url = `${base}${path}?corpid=${encodeURIComponent(app.corpId)}&corpsecret=${encodeURIComponent(app.secret)}`;
    const doc = check(await readJson(await request(url, path, { method: 'GET' }), path), path);
    const token = doc.access_token;
    const ttl = Number(doc.expires_in ?? 7200);
    if (typeof token !== 'string' || token === '') throw fail(path, LOCAL_ERRCODE.badResponse, 'no access_token in answer');
    if (cached) secrets.delete(cached.token);
    secrets.add(token);
    const life = Number.isFinite(ttl) && ttl > 0 ? (ttl > 2 * TOKEN_EARLY_S ? ttl - TOKEN_EARLY_S : ttl / 2) : 3600;
    cached = { token, expiresAt: now().getTime() + life * 1000 };
    log.info({ path, expiresIn: ttl }, 'wecom access token fetched');
    return token;
  }

  function accessToken(): Promise<string> {
    if (cached && now().getTime() < cached.expiresAt) return Promise.resolve(cached.token);
    if (!inflight) {
      inflight = fetchToken().finally(() => {
        inflight = null;
      });
    }
    return inflight;
  }

  function dropToken(token: string) {
    if (cached?.token === token) cached = null;
  }

  /** A call that needs access_token: on 40014/42001/40001 drop the token, refetch once, retry once, never loop. */
  async function withToken<T>(path: string, call: (token: string) => Promise<T>): Promise<T> {
    const token = await accessToken();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof WecomApiError) || !TOKEN_ERRCODES.has(err.errcode)) throw err;
      log.info({ path, errcode: err.errcode }, 'wecom token rejected; refetching once');
      dropToken(token);
      return call(await accessToken());
    }
  }

  return {
    accessToken,

    async sendWebhook(key, body) {
      const path = '/cgi-bin/webhook/send';
      secrets.add(key);
      return postJson(`${base}${path}?key=${encodeURIComponent(key)}`, path, body);
    },

    async sendAppMessage(body) {
      const path = '/cgi-bin/message/send';
      const app = needApp(path);
      const payload = { ...body, agentid: Number(app.agentId) };
      return withToken(path, (token) => postJson(`${base}${path}?access_token=${encodeURIComponent(token)}`, path, payload));
    },

    async postResponseUrl(url, body) {
      if (!/^https?:\/\//i.test(url)) throw fail('response_url', LOCAL_ERRCODE.badResponse, 'response_url is not http(s)', permanent('bad response_url'));
      return postJson(url, redactUrl(url), body);
    },

    async getMedia(mediaId) {
      const path = '/cgi-bin/media/get';
      return withToken(path, async (token) => {
        const url = `${base}${path}?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`;
        const res = await request(url, path, { method: 'GET' });
        if (!res.ok) {
          res.discard();
          throw httpError(path, res.status);
        }
        const contentType = res.header('content-type') ?? 'application/octet-stream';
        // An error comes back as HTTP 200 with a JSON body [§4.4, §9.19]: judge by Content-Type, not status.
        if (/^(application\/json|text\/plain)/i.test(contentType)) {
          check(await readJson(res, path), path);
          throw fail(path, LOCAL_ERRCODE.badResponse, 'JSON answer where media was expected');
        }
        const bytes = await readCapped(res, path);
        return { bytes, contentType, filename: filenameFrom(res.header('content-disposition')) };
      });
    },

    async downloadBotMedia(url, aesKey) {
      const path = redactUrl(url);
      if (!/^https?:\/\//i.test(url)) throw fail('bot media', LOCAL_ERRCODE.badResponse, 'media url is not http(s)', permanent('bad media url'));
      const res = await request(url, path, { method: 'GET' });
      if (!res.ok) {
        res.discard();
        throw httpError(path, res.status);
      }
      const enc = await readCapped(res, path);
      try {
        return decryptMedia(aesKey, enc);
      } catch (err) {
        if (err instanceof WecomCryptoError) throw fail(path, LOCAL_ERRCODE.mediaDecrypt, `media decrypt failed: ${err.code}`);
        throw err;
      }
    },
  };

  async function readCapped(res: Answer, path: string): Promise<Buffer> {
    const declared = Number(res.header('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxMedia) {
      res.discard();
      throw fail(path, LOCAL_ERRCODE.badResponse, `media larger than ${maxMedia} bytes`, permanent('media too large'));
    }
    const buf = await res.bytes(maxMedia);
    if (buf === null) throw fail(path, LOCAL_ERRCODE.badResponse, `media larger than ${maxMedia} bytes`, permanent('media too large'));
    return buf;
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** WeCom's size limits, in UTF-8 bytes [§9.16]. */
export const LIMITS = { text: 2048, markdown: 4096, stream: 20480, responseMarkdown: 20480 } as const;

/**
 * Splits text into pieces of at most `maxBytes` UTF-8 bytes each, never inside a character (surrogate pairs kept
 * whole), preferring to break at the last line break that fits (the break itself is dropped). '' → [].
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4) throw new RangeError('maxBytes must be an integer ≥ 4');
  const out: string[] = [];
  const chars = Array.from(text); // code points
  let start = 0;
  while (start < chars.length) {
    let bytes = 0;
    let end = start;
    let lastBreak = -1;
    while (end < chars.length) {
      const b = Buffer.byteLength(chars[end], 'utf8');
      if (bytes + b > maxBytes) break;
      if (chars[end] === '\n') lastBreak = end;
      bytes += b;
      end++;
    }
    if (end >= chars.length) {
      out.push(chars.slice(start).join(''));
      break;
    }
    // Prefer the last line break that fits, unless it would leave a tiny first piece.
    if (lastBreak > start && lastBreak - start >= (end - start) / 4) {
      out.push(chars.slice(start, lastBreak).join(''));
      start = lastBreak + 1;
    } else {
      out.push(chars.slice(start, end).join(''));
      start = end;
    }
  }
  return out;
}
