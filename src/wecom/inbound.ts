// Decrypted callback payloads → InboundMessage. WeCom's field names end here.
// AI bot JSON: wecom-protocol.md §2.3 (message types), §2.6 (events) — doc 100719, doc 101027.
// Self-built app XML: §1.6 — doc 90239 (messages), doc 90240 (events).
//
// Both parsers only READ known fields from what JSON.parse / XMLParser returned; nothing is spread or merged, so
// keys such as "__proto__" or "constructor" in a payload are inert. Anything that is not WeCom's shape throws
// InboundError, which the route turns into 400.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { InboundImage, InboundMessage } from '../inbox/types.js';

export class InboundError extends Error {
  constructor(message: string) {
    super(`wecom inbound: ${message}`);
    this.name = 'InboundError';
  }
}

export type BotInbound =
  | { kind: 'message'; message: InboundMessage }
  /** Stream refresh poll: WeCom asks for the current state of a stream we opened [§2.3, §2.7]. */
  | { kind: 'stream_poll'; streamId: string; msgid: string }
  | { kind: 'event'; eventtype: string; msgid: string; from: string; chat: string | null; responseUrl: string | null };

export type AppInbound =
  | { kind: 'message'; message: InboundMessage }
  /** `msgid` is a widened dedupe key (WeCom events have no MsgId) [§1.8, §9.3]. */
  | { kind: 'event'; event: string; msgid: string; from: string; time: string };

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** ISO 8601 with a fixed +08:00 offset (Asia/Shanghai has no DST), e.g. 2026-11-28T08:12:00+08:00. */
export function isoShanghai(date: Date): string {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid date');
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

// ---------------------------------------------------------------------------------------------------------------
// small readers over untrusted values

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property only (never the prototype chain). */
function field(o: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function reqStr(o: Obj, key: string, where: string): string {
  const v = field(o, key);
  if (typeof v !== 'string' || v === '') throw new InboundError(`${where}${key} must be a non-empty string`);
  return v;
}

function optStr(o: Obj, key: string, where: string): string | null {
  const v = field(o, key);
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new InboundError(`${where}${key} must be a string`);
  return v;
}

function optObj(o: Obj, key: string, where: string): Obj | null {
  const v = field(o, key);
  if (v === undefined || v === null) return null;
  if (!isObj(v)) throw new InboundError(`${where}${key} must be an object`);
  return v;
}

function reqObj(o: Obj, key: string, where: string): Obj {
  const v = optObj(o, key, where);
  if (!v) throw new InboundError(`${where}${key} is missing`);
  return v;
}

// ---------------------------------------------------------------------------------------------------------------
// @-mentions

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes the bot's own @-mention. WeCom keeps the mention in `text.content` ("@RobotA hello robot" [§2.3]).
 * `@<botName>` is removed wherever it stands; if it is absent (bot renamed in the console, display name differs),
 * a leading `@<anything> ` in a group message is taken as the bot's mention — WeCom only delivers group messages
 * that @ the bot. Other people's mentions are kept.
 */
export function stripBotMention(text: string, botName: string, group: boolean): string {
  let out = text;
  let found = false;
  if (botName) {
    // No word boundary is required: "@小巷管家5号楼…" typed without a space is still us.
    const re = new RegExp(`@${escapeRe(botName)}`, 'gu');
    out = out.replace(re, () => {
      found = true;
      return '';
    });
  }
  if (!found && group) out = out.replace(/^\s*@\S+\s+/u, '');
  return out.replace(/[ \t\u2005\u3000]{2,}/gu, ' ').trim().replace(/^[,，:：]\s*/u, '');
}

// ---------------------------------------------------------------------------------------------------------------
// AI bot (智能机器人), JSON

/** Placeholder texts for quoted non-text content, as WeCom's own client shows them. */
const QUOTE_PLACEHOLDER: Record<string, string> = { image: '[图片]', file: '[文件]', video: '[视频]', voice: '[语音]' };

interface Content {
  text: string;
  images: InboundImage[];
  files: { url: string }[];
}

/** Reads one bot message body of type `msgtype` from `o` (the message, a quote, or a mixed item). */
function botContent(o: Obj, msgtype: string, where: string, mention: (t: string) => string): Content {
  const out: Content = { text: '', images: [], files: [] };
  switch (msgtype) {
    case 'text': {
      const t = reqObj(o, 'text', where);
      out.text = mention(optStr(t, 'content', `${where}text.`) ?? '');
      break;
    }
    case 'image': {
      const url = reqStr(reqObj(o, 'image', where), 'url', `${where}image.`);
      out.images.push({ url });
      break;
    }
    case 'voice': {
      // voice.content is WeCom's speech-to-text transcript; no audio is delivered [§2.3].
      out.text = mention(optStr(reqObj(o, 'voice', where), 'content', `${where}voice.`) ?? '');
      break;
    }
    case 'file':
    case 'video': {
      const url = reqStr(reqObj(o, msgtype, where), 'url', `${where}${msgtype}.`);
      out.files.push({ url });
      break;
    }
    case 'mixed': {
      const items = field(reqObj(o, 'mixed', where), 'msg_item');
      if (!Array.isArray(items)) throw new InboundError(`${where}mixed.msg_item must be an array`);
      const texts: string[] = [];
      items.forEach((item, i) => {
        const w = `${where}mixed.msg_item[${i}].`;
        if (!isObj(item)) throw new InboundError(`${w} must be an object`);
        const t = reqStr(item, 'msgtype', w);
        if (t === 'mixed') throw new InboundError(`${w}msgtype mixed cannot nest`);
        const c = botContent(item, t, w, mention);
        if (c.text) texts.push(c.text);
        out.images.push(...c.images);
        out.files.push(...c.files);
      });
      out.text = texts.join('\n');
      break;
    }
    default:
      // Unknown or future types (e.g. a new card type) are kept with no text; the bot ignores what it can't read.
      break;
  }
  return out;
}

/**
 * Parses a decrypted AI-bot callback. `now` supplies the time: WeCom gives none for bot messages [§2.3].
 */
export function parseBotCallback(json: string, botName: string, now: Date = new Date()): BotInbound {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new InboundError('body is not JSON');
  }
  if (!isObj(doc)) throw new InboundError('body is not a JSON object');

  const msgid = reqStr(doc, 'msgid', '');
  const msgtype = reqStr(doc, 'msgtype', '');
  const from = reqStr(reqObj(doc, 'from', ''), 'userid', 'from.');
  const chatid = optStr(doc, 'chatid', '');
  const chattypeRaw = optStr(doc, 'chattype', '');
  if (chattypeRaw !== null && chattypeRaw !== 'single' && chattypeRaw !== 'group') {
    throw new InboundError('chattype must be "single" or "group"');
  }
  const chattype: 'single' | 'group' = chattypeRaw ?? (chatid ? 'group' : 'single');
  if (chattype === 'group' && !chatid) throw new InboundError('a group message needs chatid');
  const chat = chattype === 'group' ? chatid : null;
  const responseUrl = optStr(doc, 'response_url', '');

  if (msgtype === 'stream') {
    const streamId = reqStr(reqObj(doc, 'stream', ''), 'id', 'stream.');
    return { kind: 'stream_poll', streamId, msgid };
  }
  if (msgtype === 'event') {
    const eventtype = reqStr(reqObj(doc, 'event', ''), 'eventtype', 'event.');
    return { kind: 'event', eventtype, msgid, from, chat, responseUrl };
  }

  const mention = (t: string) => stripBotMention(t, botName, chattype === 'group');
  const body = botContent(doc, msgtype, '', mention);

  let quote: { text: string } | null = null;
  const q = optObj(doc, 'quote', '');
  if (q) {
    const qt = reqStr(q, 'msgtype', 'quote.');
    // The quoted message is someone's earlier text: keep its mentions as they were.
    const qc = botContent(q, qt, 'quote.', (t) => t.trim());
    quote = { text: qc.text || QUOTE_PLACEHOLDER[qt] || '' };
  }

  const message: InboundMessage = {
    msgid,
    source: 'bot',
    chattype,
    chat,
    from,
    time: isoShanghai(now),
    msgtype,
    text: body.text,
    quote,
    images: body.images,
    responseUrl,
    location: null,
  };
  if (body.files.length) message.files = body.files;
  return { kind: 'message', message };
}

// ---------------------------------------------------------------------------------------------------------------
// Self-built app (自建应用), XML

const xmlParser = new XMLParser({
  // MsgId is 64-bit and userids may have leading zeros: every value stays a string [§9.8, dependency-facts §7].
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // DOCTYPE is refused before parsing (below), so no custom entity can exist; only XML's five predefined
  // entities (&lt; &amp; …) are decoded. No HTML entities.
  processEntities: true,
  htmlEntities: false,
});

/**
 * Parses an XML document from WeCom safely: no DOCTYPE/ENTITY at all (no entity expansion, no XXE), well-formed,
 * root `<xml>`. Used for both the outer envelope and the decrypted message.
 */
export function parseWecomXml(xml: string): Obj {
  if (typeof xml !== 'string' || xml.length === 0) throw new InboundError('empty XML');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new InboundError('XML with DOCTYPE/ENTITY is refused');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new InboundError(`malformed XML (${valid.err.code} at line ${valid.err.line})`);
  let doc: unknown;
  try {
    doc = xmlParser.parse(xml);
  } catch {
    throw new InboundError('malformed XML');
  }
  const root = isObj(doc) ? field(doc, 'xml') : undefined;
  if (!isObj(root)) throw new InboundError('XML root must be <xml> with children');
  return root;
}

function createTimeIso(sec: string): string {
  if (!/^\d{1,12}$/.test(sec)) throw new InboundError('CreateTime must be integer seconds');
  return isoShanghai(new Date(Number(sec) * 1000));
}

function num(s: string | null, what: string): number {
  const n = Number(s);
  if (s === null || s.trim() === '' || !Number.isFinite(n)) throw new InboundError(`${what} must be a number`);
  return n;
}

/** Parses a decrypted self-built-app callback (plaintext XML). */
export function parseAppCallback(xml: string): AppInbound {
  const x = parseWecomXml(xml);
  const from = reqStr(x, 'FromUserName', '');
  const msgtype = reqStr(x, 'MsgType', '');
  const createTime = reqStr(x, 'CreateTime', '');
  const time = createTimeIso(createTime);

  if (msgtype === 'event') {
    const event = reqStr(x, 'Event', '');
    // Events have no MsgId; FromUserName+CreateTime collides for distinct same-second events (WxJava#1745), so the
    // key also carries whatever distinguishes them [§1.8, §9.3].
    const parts = [from, createTime, event, optStr(x, 'EventKey', '') ?? ''];
    for (const k of ['ChangeType', 'UserID', 'ExternalUserID', 'JobId', 'TaskId']) {
      const v = optStr(x, k, '');
      if (v) parts.push(`${k}=${v}`);
    }
    return { kind: 'event', event, msgid: `event:${parts.join('|')}`, from, time };
  }

  const msgid = reqStr(x, 'MsgId', '');
  if (!/^\d{1,20}$/.test(msgid)) throw new InboundError('MsgId must be a decimal integer');

  const message: InboundMessage = {
    msgid,
    source: 'app',
    chattype: 'single', // a self-built app only receives 1:1 messages [§1.7]
    chat: null,
    from,
    time,
    msgtype,
    text: '',
    quote: null,
    images: [],
    responseUrl: null,
    location: null,
  };
  switch (msgtype) {
    case 'text':
      message.text = (optStr(x, 'Content', '') ?? '').trim();
      break;
    case 'image':
      message.images.push({ mediaId: reqStr(x, 'MediaId', '') });
      break;
    case 'voice':
      // Recognition is not in doc 90239 but peers read it (UNCONFIRMED, §1.6); without it there is no text.
      message.text = (optStr(x, 'Recognition', '') ?? '').trim();
      break;
    case 'location': {
      const label = optStr(x, 'Label', '') ?? '';
      message.location = { lat: num(optStr(x, 'Location_X', ''), 'Location_X'), lng: num(optStr(x, 'Location_Y', ''), 'Location_Y'), label };
      message.text = label;
      break;
    }
    case 'file':
    case 'video': {
      const mediaId = optStr(x, 'MediaId', '');
      if (mediaId) message.files = [{ mediaId }];
      break;
    }
    case 'link':
      message.text = [optStr(x, 'Title', ''), optStr(x, 'Url', '')].filter(Boolean).join('\n');
      break;
    default:
      break;
  }
  return { kind: 'message', message };
}
