// npm run --silent ledger -- --format jsonl|csv|xlsx [--out FILE] [--community ID] [--events [TICKET]]
// CONTRACT §3: with --format jsonl, stdout holds one JSON line per ticket and work record, and nothing else.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { openDb } from '../src/store/db.js';
import { ledgerRows } from '../src/store/ledger.js';
import { eventsOf } from '../src/store/tickets.js';
import { stmt } from '../src/store/stmt.js';
import { LEDGER_HEADERS, ledgerTableRow, toCsv } from '../src/export/ledger-table.js';
import { writeXlsx } from '../src/export/xlsx.js';
import { pointsSheet } from '../src/points/export.js';
import { loadRoster } from '../src/roster/index.js';
import type { Roster } from '../src/roster/types.js';
import { dbFile } from '../src/paths.js';
import { STATUS_ZH } from '../src/domain/categories.js';

const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'jsonl' },
    out: { type: 'string' },
    community: { type: 'string' },
    events: { type: 'boolean', default: false },
    ticket: { type: 'string' },
  },
  allowPositionals: true,
});

function fail(msg: string): never {
  process.stderr.write(`ledger: ${msg}\n`);
  process.exit(2);
}

const dataDir = process.env.DATA_DIR?.trim() || 'data';
const file = dbFile(dataDir);
// No database yet means nothing has been recorded: an empty 台账 (said on stderr), not an error.
if (!existsSync(file)) process.stderr.write(`ledger: no database at ${file} yet (set DATA_DIR, or run the bot first); the 台账 is empty\n`);
const db = openDb(existsSync(file) ? file : ':memory:');
let roster: Roster | null = null;
try { roster = loadRoster(process.env.ROSTER_FILE?.trim() || 'data/roster.yaml'); } catch { roster = null; }
const name = (u: string | null) => (u ? roster?.person(u)?.name ?? u : '');

if (values.events || values.ticket) {
  // A ticket's history: who changed what, when, from which message.
  const ids = values.ticket ? [Number(values.ticket.replace(/^#/, ''))]
    : stmt<[], { id: number }>(db, 'SELECT id FROM tickets ORDER BY id').all().map((r) => r.id);
  for (const id of ids) {
    if (!Number.isInteger(id)) fail(`not a ticket number: ${values.ticket}`);
    const evs = eventsOf(db, id);
    if (!evs.length && values.ticket) fail(`no ticket #${id}`);
    if (values.format === 'jsonl') for (const e of evs) process.stdout.write(JSON.stringify(e) + '\n');
    else {
      process.stdout.write(`#${id}\n`);
      for (const e of evs) {
        const move = e.from_status !== e.to_status && e.to_status ? ` ${e.from_status ? STATUS_ZH[e.from_status] : ''}→${STATUS_ZH[e.to_status] ?? e.to_status}` : '';
        process.stdout.write(`  ${e.at.slice(0, 16).replace('T', ' ')} ${name(e.actor)} ${e.action}${move}${e.note ? `  「${e.note}」` : ''}${e.msgid ? `  [${e.msgid}]` : ''}\n`);
      }
    }
  }
  process.exit(0);
}

const rows = [...ledgerRows(db, { community: values.community })];
switch (values.format) {
  case 'jsonl':
    for (const r of rows) process.stdout.write(JSON.stringify(r) + '\n');
    break;
  case 'csv': {
    const csv = toCsv(LEDGER_HEADERS, rows.map((r, i) => ledgerTableRow(r, i, roster)));
    if (values.out) (await import('node:fs')).writeFileSync(values.out, csv);
    else process.stdout.write(csv);
    break;
  }
  case 'xlsx':
    if (!values.out) fail('--format xlsx needs --out FILE.xlsx');
    await writeXlsx(values.out, [
      { name: '台账', headers: LEDGER_HEADERS, rows: rows.map((r, i) => ledgerTableRow(r, i, roster)) },
      pointsSheet(db, roster, { community: values.community }),
    ]);
    process.stderr.write(`ledger: ${rows.length} rows written to ${values.out}\n`);
    break;
  default:
    fail(`unknown --format ${values.format} (jsonl, csv or xlsx)`);
}
db.close();
