// One HTTP exchange for the WeCom client, over node:http/https with a small keep-alive pool, or over an injected
// `fetch` (tests, proxies). Under load the bot posts ~1,000 replies a second; undici's fetch cost ~200 µs of CPU and
// a lot of garbage per call (WHATWG streams, Headers, Request/Response objects), node:http a fraction of that.
// Both give the same answers: redirects followed, a timeout over the whole exchange, bodies read in full.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface Exchange {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** The status and headers of an answer; its body is read once, in full, or discarded. */
export interface Answer {
  status: number;
  ok: boolean;
  header(name: string): string | null;
  text(): Promise<string>;
  /** The whole body, or null when it is longer than `max` bytes (reading stops there). */
  bytes(max: number): Promise<Buffer | null>;
  /** Frees the connection without reading the body. */
  discard(): void;
}

/** Rejects like fetch does: an Error named 'TimeoutError' on timeout, any other error on network trouble. */
export type HttpCall = (url: string, ex: Exchange, timeoutMs: number) => Promise<Answer>;

export function fetchCall(doFetch: typeof fetch): HttpCall {
  return async (url, ex, timeoutMs) => {
    const res = await doFetch(url, { method: ex.method, headers: ex.headers, body: ex.body, signal: AbortSignal.timeout(timeoutMs) });
    return {
      status: res.status,
      ok: res.ok,
      header: (name) => res.headers.get(name),
      text: () => res.text(),
      async bytes(max) {
        const buf = Buffer.from(await res.arrayBuffer());
        return buf.length > max ? null : buf;
      },
      discard() { void res.body?.cancel().catch(() => {}); },
    };
  };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20; // fetch's own limit

function timeoutError(ms: number): Error {
  const err = new Error(`no complete answer within ${ms} ms`);
  err.name = 'TimeoutError';
  return err;
}

/**
 * node:http(s) with keep-alive pools of a few sockets per host. Idle sockets are dropped after 4 s (or the server's
 * Keep-Alive hint, whichever is shorter), as undici does, so a server closing an idle socket rarely races a send.
 */
export function nodeHttpCall(o: { maxSockets?: number } = {}): HttpCall {
  const agentOpts = { keepAlive: true, maxSockets: o.maxSockets ?? 8, timeout: 4_000, scheduling: 'lifo' as const };
  const agents = { http: new HttpAgent(agentOpts), https: new HttpsAgent(agentOpts) };

  return (url, ex, timeoutMs) => new Promise<Answer>((resolve, reject) => {
    let current: { abort(err: Error): void } | null = null;
    let settledBody = false;
    const timer = setTimeout(() => {
      const err = timeoutError(timeoutMs);
      if (current) current.abort(err);
      else reject(err);
    }, timeoutMs);
    const done = () => { settledBody = true; clearTimeout(timer); };

    const go = (target: string, method: Exchange['method'], body: string | undefined, hops: number) => {
      let u: URL;
      try {
        u = new URL(target);
      } catch (err) {
        done();
        reject(err);
        return;
      }
      const https = u.protocol === 'https:';
      if (!https && u.protocol !== 'http:') { done(); reject(new TypeError(`unsupported protocol ${u.protocol}`)); return; }
      const headers: Record<string, string | number> = { ...ex.headers };
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      else for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-type') delete headers[k];
      const req = (https ? httpsRequest : httpRequest)(u, { method, headers, agent: https ? agents.https : agents.http }, (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (REDIRECTS.has(status) && location) {
          res.resume();
          if (hops >= MAX_REDIRECTS) { done(); reject(new TypeError('redirect count exceeded')); return; }
          let next: string;
          try {
            next = new URL(location, u).href;
          } catch (err) {
            done();
            reject(err);
            return;
          }
          // As fetch: 303, and 301/302 after a POST, turn into a GET without a body.
          const toGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
          go(next, toGet ? 'GET' : method, toGet ? undefined : body, hops + 1);
          return;
        }
        current = { abort: (err) => res.destroy(err) };
        resolve(answer(res, status, done, () => settledBody));
      });
      current = { abort: (err) => req.destroy(err) };
      req.on('error', (err) => { if (!settledBody) { done(); reject(err); } });
      req.end(body);
    };
    go(url, ex.method, ex.body, 0);
  });
}

function answer(res: IncomingMessage, status: number, done: () => void, settled: () => boolean): Answer {
  let read = false;
  // Listened to at once: a reset before anyone reads the body must not become an unhandled 'error'.
  let failed: Error | null = null;
  res.on('error', (err) => { failed ??= err; });
  const once = () => {
    if (read) throw new TypeError('body already read');
    read = true;
  };
  const collect = (max: number) => new Promise<Buffer | null>((resolve, reject) => {
    if (failed || res.destroyed) { done(); reject(failed ?? new Error('connection closed before the answer was complete')); return; }
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        done();
        res.destroy();
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    res.on('end', () => {
      done();
      try {
        resolve(decode(res.headers['content-encoding'], Buffer.concat(chunks, size)));
      } catch (err) {
        reject(err);
      }
    });
    res.on('error', (err) => { done(); reject(err); });
    res.on('close', () => { if (!settled()) { done(); reject(new Error('connection closed before the answer was complete')); } });
  });
  return {
    status,
    ok: status >= 200 && status <= 299,
    header(name) {
      const v = res.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
    async text() {
      once();
      const buf = (await collect(Infinity))!;
      // fetch's text() decodes UTF-8 and drops a byte-order mark.
      const s = buf.toString('utf8');
      return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
    },
    bytes(max) {
      once();
      return collect(max);
    },
    discard() {
      if (read) return;
      read = true;
      done();
      const declared = Number(res.headers['content-length']);
      // A short body is drained so the socket can be reused; anything else is cut off.
      if (Number.isFinite(declared) && declared <= 65_536) res.resume();
      else res.destroy();
    },
  };
}

/** We never ask for compression, but undici would decode it if a server sent it anyway, so this does too. */
function decode(encoding: string | undefined, buf: Buffer): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case undefined: case '': case 'identity': return buf;
    case 'gzip': case 'x-gzip': return gunzipSync(buf);
    case 'deflate': return inflateSync(buf);
    case 'br': return brotliDecompressSync(buf);
    default: return buf;
  }
}
