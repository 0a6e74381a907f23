// Traditional characters (樓道堆滿了, 電梯壞了) written as simplified, so the rest of the understanding reads one script.
// Some phones and some elders (Hong Kong, Taiwan, Cantonese input) write 繁體. opencc-js does the conversion, but its
// dictionaries cost ~15 MB of memory and most messages never need them: data/lexicon/traditional.txt (written by
// scripts/tools/traditional-chars.ts from opencc itself) lists the characters the conversion changes, and opencc is
// loaded the first time a message has one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DEFAULT_LEXICON_DIR } from './lexicon.js';

let traditional: Uint8Array | null = null;
let toSimplified: ((s: string) => string) | null = null;

function table(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const ch of readFileSync(join(DEFAULT_LEXICON_DIR, 'traditional.txt'), 'utf8')) {
    const c = ch.charCodeAt(0);
    if (c >= 0x4e00) t[c] = 1;
  }
  return t;
}

function converter(): (s: string) => string {
  // the UMD build, loaded synchronously: interpret() is a plain function
  const OpenCC = createRequire(import.meta.url)('opencc-js') as typeof import('opencc-js');
  return OpenCC.Converter({ from: 'hk', to: 'cn' });
}

export function simplify(text: string): string {
  traditional ??= table();
  for (let i = 0; i < text.length; i++) {
    if (traditional[text.charCodeAt(i)]) return (toSimplified ??= converter())(text);
  }
  return text;
}
