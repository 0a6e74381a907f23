// npm run --silent job -- NAME [--at ISO]      (CONTRACT §5)
// Runs one scheduled job once, as the scheduler would at --at (default now), against DATA_DIR's database and the
// real group robots from the same env as the bot, sends what it queued before exiting, and prints one JSON line.
// The same job for the same period twice sends nothing the second time (job_runs).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { weeklyChart } from '../src/jobs/chart.js';
import { deliver } from '../src/jobs/deliver.js';
import { isJobName, JOBS } from '../src/jobs/schedule.js';
import { createLogger } from '../src/log.js';
import { dbFile } from '../src/paths.js';
import { loadRoster, RosterError } from '../src/roster/index.js';
import { openDb } from '../src/store/db.js';
import { createWecomClient } from '../src/wecom/client.js';

process.env.TZ ||= 'Asia/Shanghai';

const USAGE = 'usage: npm run --silent job -- reminders|daily|weekly [--at 2026-11-28T18:00:00+08:00]';

function fail(msg: string, code = 2): never {
  process.stderr.write(`job: ${msg}\n`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ options: { at: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (parsed.values.help) { process.stdout.write(`${USAGE}\n`); process.exit(0); }
const [name, ...extra] = parsed.positionals;
if (!name) fail(`which job?\n${USAGE}`);
if (!isJobName(name)) fail(`unknown job "${name}": use reminders, daily or weekly\n${USAGE}`);
if (extra.length) fail(`unexpected argument "${extra[0]}"\n${USAGE}`);

/** ISO date-time; without an offset it is Shanghai time. */
function parseAt(s: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  const d = m ? new Date(`${m[1]}T${m[2]}${m[3] ?? '+08:00'}`) : new Date(NaN);
  if (Number.isNaN(d.getTime())) fail(`--at must be an ISO date-time such as 2026-11-28T18:00:00+08:00, got "${s}"`);
  return d;
}
const at = parsed.values.at !== undefined ? parseAt(parsed.values.at) : new Date();

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message, 1);
  throw err;
}
if (!Object.keys(config.webhookKeys).length) {
  fail('no group robot keys (WECOM_WEBHOOK_KEYS=chatid=key,…): a job could post nowhere, so nothing was run', 1);
}
const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
let roster;
try {
  roster = loadRoster(config.rosterFile);
} catch (err) {
  if (err instanceof RosterError) fail(err.message, 1);
  throw err;
}
const file = dbFile(config.dataDir);
if (!existsSync(file)) log.warn({ file }, 'no database yet: starting an empty one (is DATA_DIR right?)');
const db = openDb(file);

try {
  const r = await JOBS[name]({ db, roster: () => roster, config, log, weeklyChart }, at);
  // Time runs on from --at, so the rows just queued (stamped --at) are due and the rate window moves.
  const offset = at.getTime() - Date.now();
  const transport = createWecomClient({ apiBase: config.apiBase, app: config.app, log, now: () => new Date(Date.now() + offset) });
  const d = await deliver({
    db, transport, config, log, now: () => new Date(Date.now() + offset),
    sleep: (ms) => new Promise((res) => setTimeout(res, Math.max(0, ms))),
  }, r.scopes.flatMap((s) => s.keys));
  process.stdout.write(JSON.stringify({
    job: r.job, at: r.at, period: r.period, ...(r.skipped ? { skipped: r.skipped } : {}),
    queued: r.queued, sent: d.sent, pending: d.pending, dead: d.dead,
    communities: r.scopes.map((s) => ({ community: s.community, status: s.status, messages: s.messages })),
  }) + '\n');
  if (d.dead || d.pending) {
    fail(`${d.dead} message(s) could not be delivered and ${d.pending} are left for the bot's outbox; see the log above`, 1);
  }
} finally {
  db.close();
}
