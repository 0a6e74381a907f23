// npm run roster -- import FILE.csv|FILE.xlsx [--out data/roster.yaml] [--base FILE] [--street 街道名] [--dry-run]
// npm run roster -- check [FILE]
// import reads the sheet a community keeps and writes roster.yaml (atomically, so the running bot never reads half a
// file) only when the result validates; rows it could not use are listed by row number either way.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importRoster, readSheet } from '../src/roster/import.js';
import { loadRoster, RosterError } from '../src/roster/index.js';
import type { Roster } from '../src/roster/types.js';

const USAGE = 'usage: npm run roster -- import FILE.csv|FILE.xlsx [--out FILE] [--base FILE] [--street 街道名] [--dry-run]\n' +
  '       npm run roster -- check [FILE]';
const say = (s: string) => process.stderr.write(`${s}\n`);

const { values, positionals } = parseArgs({
  options: { out: { type: 'string' }, base: { type: 'string' }, street: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  allowPositionals: true,
});
const defaultFile = process.env.ROSTER_FILE?.trim() || 'data/roster.yaml';

if (positionals[0] === 'check') {
  const file = positionals[1] ?? defaultFile;
  try {
    const r = loadRoster(file);
    say(`名册正常：${file}，${r.communities.length}个社区、${r.grids.length}个网格、${r.people.length}人`);
  } catch (e) {
    if (!(e instanceof RosterError)) throw e;
    say(e.message);
    process.exit(1);
  }
} else if (positionals[0] === 'import' && positionals[1]) {
  const out = values.out ?? defaultFile;
  const baseFile = values.base ?? (existsSync(out) ? out : undefined);
  let base: Roster | null = null;
  if (baseFile) {
    try { base = loadRoster(baseFile); } catch (e) {
      if (!(e instanceof RosterError)) throw e;
      say(`注意：原名册 ${baseFile} 有问题，不沿用它的编号和群：\n${e.message}`);
    }
  }
  let table: string[][];
  try { table = await readSheet(positionals[1]); } catch (e) { say(`读不了 ${positionals[1]}：${(e as Error).message}`); process.exit(2); }
  const res = importRoster(table, { base, street: values.street });
  say(`读到 ${res.counts.people} 人、${res.counts.grids} 个网格、${res.counts.communities} 个社区`);
  if (res.unusedHeaders.length) say(`没有用到的列：${res.unusedHeaders.join('、')}`);
  for (const p of res.problems) say(`- ${p.message}`);
  if (values['dry-run']) process.stdout.write(res.yaml);
  else if (res.ok) {
    const tmp = `${out}.tmp-${process.pid}`;
    writeFileSync(tmp, res.yaml);
    renameSync(tmp, out);
    say(`已写入 ${out}${base ? '（沿用了原名册的社区编号、工作群和小区别名）' : ''}`);
  }
  if (!res.ok) { say(`名册没有写入：请先改好上面的问题。${values['dry-run'] ? '' : '（加 --dry-run 可以看生成的内容）'}`); process.exit(1); }
} else {
  say(USAGE);
  process.exit(2);
}
