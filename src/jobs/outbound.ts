// Turns a job's messages into outbox rows for a group robot, within WeCom's limits: text (the only kind that @-s
// people for real, via mentioned_list) split at 2048 UTF-8 bytes, markdown at 4096, images as base64 + md5.
import { createHash } from 'node:crypto';
import type { NewOutbound } from '../store/outbox.js';
import { LIMITS, splitUtf8 } from '../wecom/client.js';

export type GroupPost =
  | { kind: 'text'; chat: string; text: string; mention: string[] }
  | { kind: 'markdown'; chat: string; text: string }
  | { kind: 'image'; chat: string; image: Buffer };

/** Rows for one run, each with dedupe key `job:scope:period:n`. */
export function groupRows(posts: GroupPost[], keyPrefix: string): NewOutbound[] {
  const rows: NewOutbound[] = [];
  const add = (chat: string, payload: unknown) => rows.push({ channel: 'webhook', target: chat, payload, dedupeKey: `${keyPrefix}:${rows.length}`, origin: null });
  for (const p of posts) {
    if (p.kind === 'image') {
      add(p.chat, { msgtype: 'image', image: { base64: p.image.toString('base64'), md5: createHash('md5').update(p.image).digest('hex') } });
    } else if (p.kind === 'markdown') {
      for (const part of splitUtf8(p.text, LIMITS.markdown)) add(p.chat, { msgtype: 'markdown', markdown: { content: part } });
    } else {
      // The @ goes with the first piece: people are called once, the rest of a long list follows.
      splitUtf8(p.text, LIMITS.text).forEach((part, i) => add(p.chat, { msgtype: 'text', text: { content: part, mentioned_list: i === 0 ? p.mention : [] } }));
    }
  }
  return rows;
}
