// npm run export -- monthly --community ID --month 2026-11 --out F.xlsx
// npm run export -- open311 --out F.json [--community ID] [--from 2026-11-01] [--to 2026-11-30] [--media-base URL]
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeMonthlyXlsx } from '../src/export/monthly.js';
import { open311Requests } from '../src/export/open311.js';
import { dbFile } from '../src/paths.js';
import { loadRoster, RosterError } from '../src/roster/index.js';
import type { Roster } from '../src/roster/types.js';
import { openDb } from '../src/store/db.js';
import { addDays } from '../src/time.js';

const USAGE = 'usage: npm run export -- monthly --community ID --month YYYY-MM --out F.xlsx\n' +
  '       npm run export -- open311 --out F.json [--community ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--media-base URL]';

function fail(msg: string): never {
  process.stderr.write(`export: ${msg}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  options: {
    out: { type: 'string' }, community: { type: 'string' }, month: { type: 'string' },
    from: { type: 'string' }, to: { type: 'string' }, 'media-base': { type: 'string' },
  },
  allowPositionals: true,
});
const what = positionals[0];
if (what !== 'monthly' && what !== 'open311') fail(USAGE);
if (!values.out) fail(`${what} needs --out FILE`);
const dataDir = process.env.DATA_DIR?.trim() || 'data';
let roster: Roster;
try { roster = loadRoster(process.env.ROSTER_FILE?.trim() || 'data/roster.yaml'); } catch (e) { fail(e instanceof RosterError ? e.message : String(e)); }
if (values.community && !roster.community(values.community)) fail(`unknown community ${values.community} (one of ${roster.communities.map((c) => c.id).join(', ')})`);
if (!existsSync(dbFile(dataDir))) fail(`no database at ${dbFile(dataDir)} (set DATA_DIR, or run the bot first)`);
const db = openDb(dbFile(dataDir));
const day = (s: string | undefined, name: string) => {
  if (s && !/^\d{4}-\d{2}-\d{2}$/.test(s)) fail(`--${name} must be YYYY-MM-DD`);
  return s;
};

if (what === 'monthly') {
  if (!values.community) fail('monthly needs --community ID');
  if (!values.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) fail('monthly needs --month YYYY-MM');
  const n = await writeMonthlyXlsx(values.out, db, roster, values.community, values.month);
  process.stderr.write(`export: ${roster.community(values.community)!.name} ${values.month}: ${n.tickets} tickets, ${n.records} records → ${values.out}\n`);
} else {
  const from = day(values.from, 'from'), to = day(values.to, 'to');
  const reqs = open311Requests(db, roster, {
    community: values.community, mediaBase: values['media-base'],
    from: from ? `${from}T00:00:00+08:00` : undefined, to: to ? `${addDays(to, 1)}T00:00:00+08:00` : undefined,
  });
  writeFileSync(values.out, JSON.stringify(reqs, null, 2) + '\n');
  process.stderr.write(`export: ${reqs.length} service requests → ${values.out}\n`);
}
db.close();
