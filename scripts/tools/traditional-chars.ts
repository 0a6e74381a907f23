// Writes data/lexicon/traditional.txt: every character of the basic CJK block that opencc-js (hk → cn) changes. The
// understanding reads that list to know, without loading opencc's dictionaries (~15 MB of memory), whether a message
// needs converting at all. Rerun after upgrading opencc-js: npx tsx scripts/tools/traditional-chars.ts
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as OpenCC from 'opencc-js';

const convert = OpenCC.Converter({ from: 'hk', to: 'cn' });
let chars = '';
for (let c = 0x4e00; c <= 0x9fff; c++) {
  const ch = String.fromCharCode(c);
  if (convert(ch) !== ch) chars += ch;
}
const file = join(resolve(import.meta.dirname, '../..'), 'data/lexicon/traditional.txt');
writeFileSync(file, chars.replace(/(.{80})/gu, '$1\n') + '\n');
process.stdout.write(`${chars.length} characters → ${file}\n`);
