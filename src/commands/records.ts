// 随手做, 巡, 访, 调解: work a volunteer did, kept in the 台账 and acknowledged with one line. No ticket, nobody @-ed.
import { placeZh } from '../domain/categories.js';
import { attachPhotos, loosePhotos } from '../store/photos.js';
import { getRecord, insertRecord } from '../store/records.js';
import { toShanghaiIso } from '../time.js';
import type { Handler } from './context.js';
import { zh } from './replies.zh.js';
import { PAIRING_MS } from './tickets.js';

export const record: Handler = (ctx, it) => {
  const community = ctx.community;
  if (!community) return [{ text: zh.noCommunity }];
  const loc = it.location ?? { compound: null, building: null, unit: null, room: null };
  const grid = it.grid ?? ctx.person.grid ?? null;
  const id = insertRecord(ctx.db, {
    community: community.id, chat: ctx.msg.chat, grid, author: ctx.person.userid, intent: it.intent,
    category: it.intent === 'self_handled' ? it.category ?? 'other' : it.category, compound: loc.compound, building: loc.building,
    unit: loc.unit, room: loc.room, text: it.text || ctx.msg.text, msgid: ctx.msg.msgid, created_at: ctx.nowIso,
  });
  const ids = new Set(ctx.photos.map((p) => p.id));
  for (const p of loosePhotos(ctx.db, ctx.person.userid, ctx.msg.chat, toShanghaiIso(new Date(ctx.now.getTime() - PAIRING_MS)))) ids.add(p.id);
  attachPhotos(ctx.db, [...ids], { record: id }, 'after');
  ctx.events.emit(ctx.db, { type: 'record_created', record: getRecord(ctx.db, id)!, at: ctx.nowIso });
  const place = loc.compound || loc.building ? placeZh(loc) : '';
  return [{ text: zh.recorded(it.intent, place) }];
};
