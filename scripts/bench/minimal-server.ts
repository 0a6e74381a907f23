// The minimum any correct AI-bot callback server must do, as the bench's floor: koa, the raw body, the signature in
// constant time, AES-256-CBC decrypt (32-byte PKCS#7), one durable SQLite insert (WAL, synchronous=NORMAL), 200.
import Koa from 'koa';
import getRawBody from 'raw-body';
import Database from 'better-sqlite3';
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

const token = process.env.BOT_TOKEN!;
const key = Buffer.from(process.env.BOT_AES_KEY! + '=', 'base64');
const db = new Database(process.env.DB_FILE!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE IF NOT EXISTS inbox (msgid TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT');
const insert = db.prepare('INSERT INTO inbox (msgid, body) VALUES (?, ?) ON CONFLICT DO NOTHING');
const app = new Koa();
app.use(async (ctx) => {
  const raw = await getRawBody(ctx.req, { limit: 1 << 20, encoding: 'utf8' });
  const { msg_signature: sig, timestamp, nonce } = ctx.query as Record<string, string>;
  let enc: string;
  try { enc = String(JSON.parse(raw).encrypt); } catch { ctx.status = 400; return; } // the bench's readiness probe, a GET
  const mine = createHash('sha1').update([token, timestamp, nonce, enc].sort().join('')).digest();
  const theirs = Buffer.from(String(sig), 'hex');
  if (theirs.length !== mine.length || !timingSafeEqual(mine, theirs)) { ctx.status = 403; return; }
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const p = Buffer.concat([d.update(enc, 'base64'), d.final()]);
  const pad = p[p.length - 1];
  if (pad < 1 || pad > 32) { ctx.status = 400; return; }
  const plain = p.subarray(20, 20 + p.readUInt32BE(16)).toString('utf8');
  insert.run(String(JSON.parse(plain).msgid), plain);
  ctx.body = '';
  ctx.status = 200;
});
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
