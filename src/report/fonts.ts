// The chart's Chinese font comes from npm (@fontsource/noto-sans-sc), never from the machine: a server or CI box has
// no CJK fonts, and a chart of tofu boxes is worse than none.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

export const CHART_FONT = 'Noto Sans SC';

let registered = false;

/** Registers the simplified-Chinese and Latin subsets, regular and bold, once per process. */
export function ensureChartFont(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
  for (const subset of ['chinese-simplified', 'latin']) {
    for (const weight of [400, 700]) {
      const file = join(dir, `noto-sans-sc-${subset}-${weight}-normal.woff2`);
      if (!GlobalFonts.registerFromPath(file, CHART_FONT)) throw new Error(`could not load chart font ${file}`);
    }
  }
  registered = true;
}
