// npm run report -- weekly --out FILE.png [--community ID] [--monday YYYY-MM-DD]
// Draws the Monday report's chart from the bot's database, as the weekly job posts it. --monday is the Monday the
// report goes out (default: this week's Monday), so the chart shows the week before it.
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dbFile } from '../src/paths.js';
import { renderWeeklyChart } from '../src/report/weekly-chart.js';
import { loadRoster, RosterError } from '../src/roster/index.js';
import { openDb } from '../src/store/db.js';
import { mondayOf, shanghaiDate } from '../src/time.js';

function fail(msg: string): never {
  process.stderr.write(`report: ${msg}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  options: { out: { type: 'string' }, community: { type: 'string' }, monday: { type: 'string' } },
  allowPositionals: true,
});
if (positionals[0] !== 'weekly') fail('usage: npm run report -- weekly --out FILE.png [--community ID] [--monday YYYY-MM-DD]');
if (!values.out) fail('weekly needs --out FILE.png');
const monday = values.monday ?? mondayOf(shanghaiDate(new Date()));
if (!/^\d{4}-\d{2}-\d{2}$/.test(monday) || mondayOf(monday) !== monday) fail(`--monday ${monday} is not a Monday (YYYY-MM-DD)`);

const dataDir = process.env.DATA_DIR?.trim() || 'data';
const rosterFile = process.env.ROSTER_FILE?.trim() || 'data/roster.yaml';
let roster;
try { roster = loadRoster(rosterFile); } catch (e) { fail(e instanceof RosterError ? e.message : String(e)); }
const community = values.community ?? roster.communities[0]?.id;
if (!community || !roster.community(community)) fail(`unknown community ${community ?? ''} (one of ${roster.communities.map((c) => c.id).join(', ')})`);
if (!existsSync(dbFile(dataDir))) fail(`no database at ${dbFile(dataDir)} (set DATA_DIR, or run the bot first)`);
const db = openDb(dbFile(dataDir));
const png = await renderWeeklyChart(db, roster, community, monday);
db.close();
writeFileSync(values.out, png);
const others = roster.communities.filter((c) => c.id !== community).map((c) => c.id);
process.stderr.write(`report: ${roster.community(community)!.name} week before ${monday} → ${values.out} (${png.length} bytes)` +
  `${!values.community && others.length ? `; other communities: --community ${others.join('|')}` : ''}\n`);
