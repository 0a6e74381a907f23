// Traditional characters (樓道堆滿了, 電梯壞了) written as simplified, so the rest of the understanding reads one script.
// Some phones and some elders (Hong Kong, Taiwan, Cantonese input) write 繁體. opencc-js does the conversion; it costs
// ~6 µs a message, so it runs only on a message that has a character the conversion changes, which a table of the
// basic CJK block (built once, ~20 ms) says in one look per character.
import * as OpenCC from 'opencc-js';

let toSimplified: ((s: string) => string) | null = null;
let traditional: Uint8Array | null = null;

function prepare(): void {
  const convert = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const table = new Uint8Array(0x10000);
  for (let c = 0x4e00; c <= 0x9fff; c++) {
    const ch = String.fromCharCode(c);
    if (convert(ch) !== ch) table[c] = 1;
  }
  toSimplified = convert;
  traditional = table;
}

export function simplify(text: string): string {
  if (!traditional) prepare();
  for (let i = 0; i < text.length; i++) if (traditional![text.charCodeAt(i)]) return toSimplified!(text);
  return text;
}
