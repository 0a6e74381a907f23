// Writes data/lexicon/readings.txt: the toneless readings of every character of the basic CJK block, from pinyin-pro
// (all readings of a 多音字). The sound-alike matching of compound names (src/parse/sound.ts) reads this list instead
// of keeping pinyin-pro's dictionaries (~28 MB of memory) in the bot. Rerun after upgrading pinyin-pro:
// npx tsx scripts/tools/readings.ts
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pinyin } from 'pinyin-pro';

const lines: string[] = [];
for (let c = 0x4e00; c <= 0x9fff; c++) {
  const ch = String.fromCharCode(c);
  const r = [...new Set(pinyin(ch, { toneType: 'none', type: 'array', multiple: true }).filter((x) => /^[a-zü]+$/u.test(x)))];
  if (r.length) lines.push(`${ch}${r.join(' ')}`);
}
const file = join(resolve(import.meta.dirname, '../..'), 'data/lexicon/readings.txt');
writeFileSync(file, lines.join('\n') + '\n');
process.stdout.write(`${lines.length} characters → ${file}\n`);
