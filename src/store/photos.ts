import type { Db } from './db.js';
import { stmt } from './stmt.js';

export interface PhotoRow {
  id: number;
  sha256: string;
  path: string;
  bytes: number;
  msgid: string;
  sender: string;
  chat: string | null;
  ticket_id: number | null;
  record_id: number | null;
  stage: 'before' | 'after';
  created_at: string;
}

export function insertPhoto(db: Db, p: Omit<PhotoRow, 'id' | 'ticket_id' | 'record_id' | 'stage'>): number | null {
  const r = stmt(db, `INSERT INTO photos (sha256, path, bytes, msgid, sender, chat, created_at) VALUES (@sha256, @path, @bytes, @msgid, @sender, @chat, @created_at)
    ON CONFLICT (msgid, sha256) DO NOTHING`).run(p);
  return r.changes ? Number(r.lastInsertRowid) : null;
}

export function photosOfMsg(db: Db, msgid: string): PhotoRow[] {
  return stmt<[string], PhotoRow>(db, `SELECT * FROM photos WHERE msgid = ? ORDER BY id`).all(msgid);
}

/** Pictures a person sent that belong to nothing yet, newest first: the photo half of a report sent in two messages. */
export function loosePhotos(db: Db, sender: string, chat: string | null, sinceIso: string): PhotoRow[] {
  return stmt<[string, string | null, string], PhotoRow>(db,
    `SELECT * FROM photos WHERE sender = ? AND chat IS ? AND created_at >= ? AND ticket_id IS NULL AND record_id IS NULL ORDER BY id DESC`)
    .all(sender, chat, sinceIso);
}

export function attachPhotos(db: Db, ids: number[], to: { ticket?: number; record?: number }, stage: 'before' | 'after'): void {
  const s = stmt(db, `UPDATE photos SET ticket_id = ?, record_id = ?, stage = ? WHERE id = ?`);
  for (const id of ids) s.run(to.ticket ?? null, to.record ?? null, stage, id);
}
