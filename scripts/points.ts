// npm run points -- adjust USERID +10 --reason "…" --by admin [--category general]
//                   balance USERID
//                   entries [--user U] [--community C] [--month YYYY-MM] [--format text|jsonl]
//                   stock [COMMUNITY] · restock COMMUNITY ITEM +20 --by admin [--reason "…"]
//                   confirm R12 --by USERID · cancel R12 --by USERID
// The admin side of the 红色积分超市. Every change is a new entry with who and why; nothing is edited in place.
import { existsSync } from 'node:fs';
import { openDb } from '../src/store/db.js';
import { dbFile } from '../src/paths.js';
import { loadRoster } from '../src/roster/index.js';
import type { Roster } from '../src/roster/types.js';
import { balanceOf, earnedByCategory, insertStockMove, listEntries } from '../src/store/points.js';
import { adjust, cancelRedemption, confirmRedemption, stockOf } from '../src/points/ledger.js';
import { catalogue, findItem, shelfOf } from '../src/points/rules.js';
import { POINT_CATEGORIES, pointCategoryZh, type PointCategory } from '../src/points/categories.js';
import { monthBounds } from '../src/points/month.js';
import { toShanghaiIso } from '../src/time.js';

function fail(msg: string): never {
  process.stderr.write(`points: ${msg}\n`);
  process.exit(2);
}

// A small parser of our own: "-5" must be a number, not an unknown flag.
const positional: string[] = [];
const flags: Record<string, string> = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (/^--[a-z]/.test(a)) {
    const [k, v] = a.slice(2).split('=', 2);
    flags[k] = v ?? argv[++i] ?? fail(`--${k} needs a value`);
  } else positional.push(a);
}
const [cmd, ...args] = positional;

const dataDir = process.env.DATA_DIR?.trim() || 'data';
const file = dbFile(dataDir);
if (!existsSync(file) && cmd !== 'adjust') fail(`no database at ${file} (set DATA_DIR, or run the bot first)`);
let roster: Roster | null = null;
try { roster = loadRoster(process.env.ROSTER_FILE?.trim() || 'data/roster.yaml'); } catch (err) { process.stderr.write(`points: roster not loaded (${(err as Error).message.split('\n')[0]})\n`); }
const db = openDb(file);
const now = toShanghaiIso(flags.at ? new Date(flags.at) : new Date());
const name = (u: string) => roster?.person(u)?.name ?? u;
const by = () => flags.by?.trim() || fail('say who does this: --by USERID');
const redemptionId = (s: string | undefined) => {
  const m = /^R?(\d+)$/i.exec(s ?? '');
  return m ? Number(m[1]) : fail(`not a redemption number: ${s ?? '(none)'} (e.g. R12)`);
};
const communityOf = (u: string) => flags.community ?? roster?.communityOfPerson(u)?.id ?? fail(`no community for ${u}: pass --community ID`);

switch (cmd) {
  case 'adjust': {
    const [user, amount] = args;
    if (!user || !amount || !/^[+-]?\d+$/.test(amount)) fail('usage: adjust USERID +10 --reason "…" --by USERID');
    if (roster && !roster.person(user)) fail(`${user} is not in the roster`);
    const category = (flags.category ?? 'general') as PointCategory;
    if (!POINT_CATEGORIES.includes(category)) fail(`--category must be one of ${POINT_CATEGORIES.join(', ')}`);
    const reason = flags.reason?.trim() || fail('an adjustment needs --reason "…"');
    adjust(db, { userid: user, community: communityOf(user), points: Number(amount), reason, by: by(), at: now, category });
    process.stdout.write(`${name(user)} ${Number(amount) > 0 ? '+' : ''}${Number(amount)} 分（${reason}），现在 ${balanceOf(db, user)} 分\n`);
    break;
  }
  case 'balance': {
    const [user] = args;
    if (!user) fail('usage: balance USERID');
    const month = flags.month ?? now.slice(0, 7);
    const { from, to } = monthBounds(month);
    const parts = earnedByCategory(db, user, from, to).filter((p) => p.points);
    process.stdout.write(`${name(user)} 累计可用 ${balanceOf(db, user)} 分；${month} 获得 ${parts.reduce((s, p) => s + p.points, 0)} 分`
      + `${parts.length ? `（${parts.map((p) => `${pointCategoryZh(p.category) || '其他'} ${p.points}`).join('、')}）` : ''}\n`);
    break;
  }
  case 'entries': {
    const range = flags.month ? monthBounds(flags.month) : undefined;
    const rows = listEntries(db, { userid: flags.user, community: flags.community, fromIso: range?.from, toIso: range?.to });
    for (const e of rows) {
      if ((flags.format ?? 'text') === 'jsonl') process.stdout.write(JSON.stringify(e) + '\n');
      else process.stdout.write(`${e.id}\t${e.at.slice(0, 16).replace('T', ' ')}\t${name(e.userid)}\t${e.points > 0 ? '+' : ''}${e.points}\t${e.kind}\t${pointCategoryZh(e.category)}\t${e.reason}\t${e.source}:${e.source_id}\t${e.manual ? '人工' : '系统'}·${name(e.actor)}\n`);
    }
    break;
  }
  case 'stock': {
    const cat = catalogue();
    const communities = args[0] ? [args[0]] : roster?.communities.map((c) => c.id) ?? [];
    for (const c of communities) for (const it of shelfOf(cat, c)) process.stdout.write(`${c}\t${it.item}\t${stockOf(db, c, it)}${it.unit ?? ''}\t${it.points}分\n`);
    break;
  }
  case 'restock': {
    const [community, asked, amount] = args;
    if (!community || !asked || !amount || !/^[+-]?\d+$/.test(amount)) fail('usage: restock COMMUNITY ITEM +20 --by USERID');
    const item = findItem(shelfOf(catalogue(), community), asked) ?? fail(`"${asked}" is not on ${community}'s shelf`);
    insertStockMove(db, { at: now, community, item: item.item, delta: Number(amount), reason: flags.reason?.trim() || '补货', source: 'admin', source_id: `${now}/${by()}/${Math.random().toString(36).slice(2, 10)}`, actor: by() });
    process.stdout.write(`${community} ${item.item} 现有 ${stockOf(db, community, item)}${item.unit ?? ''}\n`);
    break;
  }
  case 'confirm':
  case 'cancel': {
    const id = redemptionId(args[0]);
    const out = cmd === 'confirm' ? confirmRedemption(db, catalogue(), id, by(), now) : cancelRedemption(db, id, by(), now);
    process.stdout.write(JSON.stringify({ id: `R${id}`, outcome: out.kind, ...('balance' in out ? { balance: out.balance } : {}) }) + '\n');
    if (out.kind !== 'confirmed' && out.kind !== 'cancelled') { db.close(); process.exit(1); }
    break;
  }
  default:
    fail('commands: adjust USERID ±N --reason … --by …, balance USERID, entries [--user|--community|--month|--format jsonl], stock [COMMUNITY], restock COMMUNITY ITEM ±N --by …, confirm|cancel R12 --by …');
}
db.close();
