import { recentWorkOf } from '../store/inbox.js';
import { attachPhotos } from '../store/photos.js';
import { toShanghaiIso } from '../time.js';
import type { Handler } from './context.js';
import { zh } from './replies.zh.js';
import { PAIRING_MS } from './tickets.js';

export const help: Handler = () => [{ text: zh.help }];

export const noise: Handler = () => [];

/**
 * A picture on its own. If the same person just reported something here, it is that report's photo; otherwise it
 * waits (unattached) for the words that usually follow within minutes, and the bot stays quiet.
 */
export const attachment: Handler = (ctx) => {
  if (!ctx.photos.length) return [];
  const since = toShanghaiIso(new Date(ctx.now.getTime() - PAIRING_MS));
  const recent = recentWorkOf(ctx.db, ctx.person.userid, ctx.msg.chat, since).find((r) => r.ticket_id || r.record_id);
  if (!recent) return [];
  const ids = ctx.photos.map((p) => p.id);
  if (recent.ticket_id) {
    // A picture after 已处理 is the after-photo; after a report or a reopen, it shows the problem.
    attachPhotos(ctx.db, ids, { ticket: recent.ticket_id }, recent.role === 'resolve' ? 'after' : 'before');
    return [{ text: zh.photoAdded(recent.ticket_id) }];
  }
  attachPhotos(ctx.db, ids, { record: recent.record_id! }, 'after');
  return [];
};
