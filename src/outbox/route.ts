import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import type { Roster } from '../roster/types.js';
import type { NewOutbound } from '../store/outbox.js';
import type { Reply } from './reply.js';
import { LIMITS, splitUtf8 } from '../wecom/client.js';

/** Long text as several messages within WeCom's byte limits; the first keeps the reply's key, the rest get :2, :3 … */
const pieces = (text: string, max: number, key: string | undefined) =>
  splitUtf8(text, max).map((part, i) => ({ part, key: key && i ? `${key}:${i + 1}` : key }));

/** Where a message came from, as far as answering it is concerned. */
export interface Origin {
  msgid: string;
  source: 'bot' | 'app';
  chattype: 'group' | 'single';
  chat: string | null;
  from: string;
  responseUrl: string | null;
}

export interface RouteDeps {
  config: Config;
  roster: Roster;
}

/**
 * Turns replies into outbox rows. Group robot text is the only channel that @-s people for real, so a group gets its
 * answer there when the group has a robot key; otherwise the AI bot's response_url (once per message: all answers to
 * one message are joined into one markdown). App users are answered one to one with message/send.
 */
export function routeReplies(deps: RouteDeps, origin: Origin | null, replies: Reply[]): { out: NewOutbound[]; dropped: string[] } {
  const out: NewOutbound[] = [];
  const dropped: string[] = [];
  const viaResponseUrl: string[] = [];
  const name = (u: string) => deps.roster.person(u)?.name ?? u;

  const toChat = (chat: string, r: Reply, key: string | undefined): boolean => {
    if (!deps.config.webhookKeys[chat]) return false;
    if (r.image) {
      const md5 = createHash('md5').update(r.image).digest('hex');
      out.push({ channel: 'webhook', target: chat, payload: { msgtype: 'image', image: { base64: r.image.toString('base64'), md5 } }, dedupeKey: key ? `${key}:img` : null, origin: origin?.msgid ?? null });
      if (!r.text) return true;
    }
    // People are @-ed once, with the first piece.
    for (const [i, p] of pieces(r.text, LIMITS.text, key).entries()) {
      out.push({ channel: 'webhook', target: chat, payload: { msgtype: 'text', text: { content: p.part, mentioned_list: i ? [] : r.mention ?? [] } }, dedupeKey: p.key ?? null, origin: origin?.msgid ?? null });
    }
    return true;
  };
  const toUser = (user: string, r: Reply, key: string | undefined): boolean => {
    if (!deps.config.app) return false;
    for (const p of pieces(r.text, LIMITS.text, key)) {
      out.push({ channel: 'app', target: user, payload: { msgtype: 'text', text: { content: p.part } }, dedupeKey: p.key ?? null, origin: origin?.msgid ?? null });
    }
    return true;
  };

  replies.forEach((r, i) => {
    const key = r.dedupeKey ?? (origin ? `${origin.msgid}#${i}` : undefined);
    if (r.to && 'user' in r.to) {
      if (!toUser(r.to.user, r, key)) dropped.push(`no app to reach ${r.to.user} one to one`);
      return;
    }
    const chat = r.to && 'chat' in r.to ? r.to.chat : origin?.chat ?? null;
    if (chat && toChat(chat, r, key)) return;
    if (origin && (!r.to || ('chat' in r.to && r.to.chat === origin.chat))) {
      if (origin.source === 'app') {
        if (!toUser(origin.from, r, key)) dropped.push('app answer without app credentials');
        return;
      }
      if (origin.responseUrl) {
        const mentions = (r.mention ?? []).map((u) => `@${name(u)}`).join(' ');
        viaResponseUrl.push(mentions ? `${r.text} ${mentions}` : r.text);
        return;
      }
    }
    dropped.push(`no channel to ${chat ?? 'nowhere'}`);
  });

  if (viaResponseUrl.length && origin?.responseUrl) {
    // A response_url takes one post: what does not fit in its 20480 bytes is cut, and said so.
    const [first, ...rest] = splitUtf8(viaResponseUrl.join('\n\n'), LIMITS.responseMarkdown);
    if (rest.length) dropped.push(`answer cut to ${LIMITS.responseMarkdown} bytes for the response_url`);
    out.push({ channel: 'response_url', target: origin.responseUrl, payload: { msgtype: 'markdown', markdown: { content: first ?? '' } }, dedupeKey: `${origin.msgid}#response`, origin: origin.msgid });
  }
  return { out, dropped };
}
