// Koa routes for WeCom's two callback flavours. Translation only: request → verified InboundMessage → deps.accept.
//   AI bot (智能机器人), JSON envelope, receive id ""       GET|POST /wecom/bot   wecom-protocol.md §2.2, doc 101033
//   Self-built app (自建应用), XML envelope, receive id CorpID GET|POST /wecom/app   §1.2–§1.5, doc 90238
//
// Order on POST (§9.2–§9.6): raw body (≤1 MB, Content-Type ignored) → query params → envelope shape → signature in
// constant time BEFORE any decrypt → decrypt → receive id → payload shape → accept (durable: resolves once committed) → 200.
// Status map: 400 malformed, 401 no signature, 403 wrong signature / receive id, 404 flavour not configured,
// 413 body too large, 500 accept threw (non-200 makes WeCom retry, 3 tries in total [§1.8]).
//
// Never logged: bodies, tokens, keys, signatures, echostr, plaintext. Logged: route, msgid, from, chat, status.

import Router from '@koa/router';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import getRawBody from 'raw-body';
import type { Config } from '../config.js';
import type { InboundMessage } from '../inbox/types.js';
import { WecomCryptoError, decryptMessage, encryptMessage, signature, verifySignature } from './crypto.js';
import { InboundError, parseAppCallback, parseBotCallback, parseWecomXml, type AppInbound, type BotInbound } from './inbound.js';

export type WecomEvent =
  | ({ source: 'bot' } & Extract<BotInbound, { kind: 'event' }>)
  | ({ source: 'app' } & Extract<AppInbound, { kind: 'event' }>);

export interface WecomRouterDeps {
  config: Config;
  /** Commits the message durably and says whether it was new; throwing (or rejecting) → 500 so WeCom retries. */
  accept(msg: InboundMessage): 'new' | 'duplicate' | Promise<'new' | 'duplicate'>;
  onEvent?(e: WecomEvent): void;
  log: Logger;
  now?: () => Date;
  /** Body size cap in bytes (default 1 MB). */
  bodyLimit?: number;
}

type Flavour = 'bot' | 'app';

interface Creds {
  token: string;
  aesKey: string;
  receiveId: string;
}

/** Thrown inside a handler to end it with a status; `reason` is for the log only (never secret material). */
class Reject extends Error {
  constructor(readonly status: number, readonly reason: string) {
    super(reason);
  }
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * The encrypted passive reply of an AI bot [§2.2, doc 101033]: `{encrypt, msgsignature, timestamp, nonce}`, nonce
 * taken from the callback URL, receive id "". Returns the JSON text of the HTTP response body.
 */
export function encryptBotReply(
  reply: object,
  o: { token: string; aesKey: string; nonce: string; timestamp: number },
): string {
  const encrypt = encryptMessage(o.aesKey, JSON.stringify(reply), '');
  const ts = String(o.timestamp);
  return JSON.stringify({ encrypt, msgsignature: signature(o.token, ts, o.nonce, encrypt), timestamp: o.timestamp, nonce: o.nonce });
}

function credsFor(config: Config, flavour: Flavour): Creds | null {
  if (flavour === 'bot') return config.bot ? { token: config.bot.token, aesKey: config.bot.aesKey, receiveId: '' } : null;
  return config.app ? { token: config.app.token, aesKey: config.app.aesKey, receiveId: config.app.corpId } : null;
}

/** One query parameter, present exactly once. */
function param(ctx: Context, name: string): string | undefined {
  const v = ctx.query[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function signatureParams(ctx: Context): { sig: string; timestamp: string; nonce: string } {
  const sig = param(ctx, 'msg_signature');
  const timestamp = param(ctx, 'timestamp');
  const nonce = param(ctx, 'nonce');
  if (!timestamp || !nonce) throw new Reject(400, 'missing timestamp/nonce');
  if (!sig) throw new Reject(401, 'missing msg_signature');
  return { sig, timestamp, nonce };
}

function decrypt(creds: Creds, encrypt: string): string {
  try {
    return decryptMessage(creds.aesKey, encrypt, creds.receiveId);
  } catch (err) {
    if (err instanceof WecomCryptoError) {
      throw err.code === 'receive_id_mismatch' ? new Reject(403, 'receive id mismatch') : new Reject(400, `decrypt failed: ${err.code}`);
    }
    throw err;
  }
}

async function readBody(ctx: Context, limit: number): Promise<string> {
  try {
    // Content-Type is not trusted or needed: WeCom's is undocumented (§1.3, §8), and we parse by flavour.
    return await getRawBody(ctx.req, { limit, encoding: 'utf8' });
  } catch (err) {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large' || e.status === 413) {
      // Let the rest of the upload drain so the client can read our 413 instead of a reset.
      ctx.req.resume();
      throw new Reject(413, 'body too large');
    }
    throw new Reject(400, 'body unreadable');
  }
}

/** The `encrypt` string of an envelope, before anything is verified. */
function envelopeEncrypt(flavour: Flavour, raw: string): string {
  if (flavour === 'bot') {
    let doc: unknown;
    try {
      doc = JSON.parse(raw);
    } catch {
      throw new Reject(400, 'envelope is not JSON');
    }
    const enc = typeof doc === 'object' && doc !== null && Object.prototype.hasOwnProperty.call(doc, 'encrypt')
      ? (doc as Record<string, unknown>).encrypt
      : undefined;
    if (typeof enc !== 'string' || enc === '') throw new Reject(400, 'envelope has no encrypt');
    return enc;
  }
  let x: Record<string, unknown>;
  try {
    x = parseWecomXml(raw);
  } catch {
    throw new Reject(400, 'envelope is not WeCom XML');
  }
  const enc = Object.prototype.hasOwnProperty.call(x, 'Encrypt') ? x.Encrypt : undefined;
  if (typeof enc !== 'string' || enc === '') throw new Reject(400, 'envelope has no Encrypt');
  return enc;
}

export function createWecomRouter(deps: WecomRouterDeps): Router {
  const router = new Router();
  const now = deps.now ?? (() => new Date());
  const limit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;

  const finish = (ctx: Context, flavour: Flavour, err: unknown) => {
    if (err instanceof Reject) {
      ctx.status = err.status;
      ctx.body = '';
      deps.log.warn({ route: flavour, status: err.status, reason: err.reason }, 'wecom callback rejected');
      return;
    }
    throw err;
  };

  // URL verification [§1.2, §2.2]: answer the decrypted echostr, as plain text, nothing else, within 1 s.
  const verify = (flavour: Flavour) => async (ctx: Context) => {
    const creds = credsFor(deps.config, flavour);
    if (!creds) {
      ctx.status = 404;
      return;
    }
    try {
      const { sig, timestamp, nonce } = signatureParams(ctx);
      const echoParam = param(ctx, 'echostr');
      if (!echoParam) throw new Reject(400, 'missing echostr');
      // A raw '+' in base64 arrives as a space after URL decoding (§1.2, §9.6); base64 has no spaces, so undo it.
      const echostr = echoParam.replace(/ /g, '+');
      // GET answers 401 for any bad signature (the brief's choice for verification); POST distinguishes 401/403.
      if (!verifySignature({ token: creds.token, timestamp, nonce, encrypt: echostr, signature: sig })) {
        throw new Reject(401, 'signature mismatch');
      }
      const plain = decrypt(creds, echostr);
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = plain;
      deps.log.info({ route: flavour, status: 200 }, 'wecom url verified');
    } catch (err) {
      finish(ctx, flavour, err);
    }
  };

  const receive = (flavour: Flavour) => async (ctx: Context) => {
    const creds = credsFor(deps.config, flavour);
    if (!creds) {
      ctx.status = 404;
      return;
    }
    try {
      const raw = await readBody(ctx, limit);
      const { sig, timestamp, nonce } = signatureParams(ctx);
      const encrypt = envelopeEncrypt(flavour, raw);
      if (!verifySignature({ token: creds.token, timestamp, nonce, encrypt, signature: sig })) {
        throw new Reject(403, 'signature mismatch');
      }
      const plain = decrypt(creds, encrypt);

      let parsed: BotInbound | AppInbound;
      try {
        parsed = flavour === 'bot' ? parseBotCallback(plain, deps.config.botName, now()) : parseAppCallback(plain);
      } catch (err) {
        if (err instanceof InboundError) throw new Reject(400, err.message);
        throw err;
      }

      if (parsed.kind === 'stream_poll') {
        // We never open a stream (see below), so any poll is answered "finished, nothing to show" [§2.3, §2.7].
        ctx.status = 200;
        ctx.type = 'text/plain';
        ctx.body = encryptBotReply(
          { msgtype: 'stream', stream: { id: parsed.streamId, finish: true, content: '' } },
          { token: creds.token, aesKey: creds.aesKey, nonce, timestamp: Math.floor(now().getTime() / 1000) },
        );
        deps.log.info({ route: flavour, msgid: parsed.msgid, status: 200, kind: 'stream_poll' }, 'wecom stream poll');
        return;
      }

      if (parsed.kind === 'event') {
        const event: WecomEvent = flavour === 'bot'
          ? { source: 'bot', ...(parsed as Extract<BotInbound, { kind: 'event' }>) }
          : { source: 'app', ...(parsed as Extract<AppInbound, { kind: 'event' }>) };
        try {
          deps.onEvent?.(event);
        } catch (err) {
          deps.log.error({ route: flavour, msgid: parsed.msgid, err }, 'wecom event handler failed');
        }
        ctx.status = 200;
        ctx.body = '';
        deps.log.info({ route: flavour, msgid: parsed.msgid, from: parsed.from, status: 200, kind: 'event' }, 'wecom event');
        return;
      }

      const msg = parsed.message;
      let outcome: 'new' | 'duplicate';
      try {
        outcome = await deps.accept(msg);
      } catch (err) {
        ctx.status = 500;
        ctx.body = '';
        deps.log.error({ route: flavour, msgid: msg.msgid, from: msg.from, chat: msg.chat, status: 500, err }, 'wecom accept failed; WeCom will retry');
        return;
      }
      // Ack with an empty 200 in both flavours; the answer goes out later and separately:
      //  - AI bot: "you may also reply with an empty body" [§2.2, doc 101033]; we answer through response_url
      //    (once, within 1 h) or the group robot webhook, so no stream is opened and no poll follows.
      //  - App: "return HTTP 200 with an empty body, then reply asynchronously via message/send" [§1.8, doc 90238].
      //    (Peers send "success"; WeCom's doc names the empty body, so we do that.)
      ctx.status = 200;
      ctx.body = '';
      // A new message gets its info line once handled ('handled', with what it became); one line per callback at info
      // cost ~5 % of the answering path in a flood. A retry is worth seeing: WeCom thought we were late.
      deps.log[outcome === 'new' ? 'debug' : 'info']({ route: flavour, msgid: msg.msgid, from: msg.from, chat: msg.chat, status: 200, outcome }, 'wecom message');
    } catch (err) {
      finish(ctx, flavour, err);
    }
  };

  router.get('/wecom/bot', verify('bot'));
  router.post('/wecom/bot', receive('bot'));
  router.get('/wecom/app', verify('app'));
  router.post('/wecom/app', receive('app'));
  return router;
}
