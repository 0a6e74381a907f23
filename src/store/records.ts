import type { Db } from './db.js';
import { stmt } from './stmt.js';

export interface RecordRow {
  id: number;
  community: string;
  chat: string | null;
  grid: string | null;
  author: string;
  intent: string;
  category: string | null;
  compound: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  text: string;
  msgid: string;
  created_at: string;
}

export function insertRecord(db: Db, r: Omit<RecordRow, 'id'>): number {
  const res = stmt(db, `INSERT INTO records (community, chat, grid, author, intent, category, compound, building, unit, room, text, msgid, created_at)
    VALUES (@community, @chat, @grid, @author, @intent, @category, @compound, @building, @unit, @room, @text, @msgid, @created_at)`).run(r);
  return Number(res.lastInsertRowid);
}

export function getRecord(db: Db, id: number): RecordRow | undefined {
  return stmt<[number], RecordRow>(db, `SELECT * FROM records WHERE id = ?`).get(id);
}
