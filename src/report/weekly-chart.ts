// The Monday report's picture: last week by category and by grid, and last week against the week before, day by day.
// Drawn on the server with @napi-rs/canvas (prebuilt from npm, no system libraries) and posted as a group robot image.
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { CATEGORY_ZH, categoryZh } from '../domain/categories.js';
import { gridShortName } from '../desk/permissions.js';
import { pct } from '../desk/format.js';
import type { Roster } from '../roster/types.js';
import type { Db } from '../store/db.js';
import { dailyCounts, figures, type Figures, type Period } from '../store/stats.js';
import { addDays } from '../time.js';
import { CHART_FONT, ensureChartFont } from './fonts.js';

/** Group robot images: at most 2 MB raw (wecom-protocol §3). */
export const CHART_MAX_BYTES = 2 * 1024 * 1024;

const W = 1000;
const PAD = 40;
const COLORS = { created: '#3b82f6', resolved: '#10b981', open: '#f59e0b', previous: '#cbd5e1', text: '#1f2937', muted: '#6b7280', grid: '#e5e7eb', bg: '#ffffff' };
const DAYS = ['一', '二', '三', '四', '五', '六', '日'];

const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

const weekPeriod = (monday: string): Period => {
  const to = `${addDays(monday, 7)}T00:00:00+08:00`;
  return { from: `${monday}T00:00:00+08:00`, to, asOf: to };
};

export interface WeeklyChartData {
  community: string;
  from: string;
  to: string;
  last: Figures;
  previous: Figures;
  days: { label: string; last: number; previous: number }[];
  grids: { name: string; created: number; resolved: number; open: number }[];
}

/** The numbers the chart shows; `mondayDate` is the Monday the report goes out, the chart covers the 7 days before it. */
export function weeklyChartData(db: Db, roster: Roster, communityId: string, mondayDate: string): WeeklyChartData {
  const c = roster.community(communityId);
  if (!c) throw new Error(`unknown community ${communityId}`);
  const lastMon = addDays(mondayDate, -7), prevMon = addDays(mondayDate, -14);
  const scope = { community: c.id };
  const last = figures(db, scope, weekPeriod(lastMon));
  const previous = figures(db, scope, weekPeriod(prevMon));
  const lastDays = new Map(dailyCounts(db, scope, weekPeriod(lastMon)).map((d) => [d.day, d.created]));
  const prevDays = new Map(dailyCounts(db, scope, weekPeriod(prevMon)).map((d) => [d.day, d.created]));
  const days = DAYS.map((label, i) => ({ label: `周${label}`, last: lastDays.get(addDays(lastMon, i)) ?? 0, previous: prevDays.get(addDays(prevMon, i)) ?? 0 }));
  // Every grid of the community is shown, quiet ones too: an empty bar is news for a secretary.
  const byGrid = new Map(last.byGrid.map((g) => [g.grid, g]));
  const grids = roster.grids.filter((g) => g.community === c.id).map((g) => {
    const f = byGrid.get(g.id);
    return { name: gridShortName(roster, g), created: f?.created ?? 0, resolved: f?.createdResolved ?? 0, open: f?.stillOpen ?? 0 };
  });
  const unassigned = byGrid.get(null);
  if (unassigned) grids.push({ name: '未分派', created: unassigned.created, resolved: unassigned.createdResolved, open: unassigned.stillOpen });
  return { community: c.name, from: lastMon, to: addDays(lastMon, 6), last, previous, days, grids };
}

/** An axis top of 4 whole, round steps, so the tick labels are counts people say: 0 5 10 15 20. */
function niceMax(n: number): number {
  const raw = Math.max(1, Math.ceil(n / 4));
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return step * 4;
}

function font(g: SKRSContext2D, px: number, bold = false) {
  g.font = `${bold ? 'bold ' : ''}${px}px "${CHART_FONT}"`;
}

function text(g: SKRSContext2D, s: string, x: number, y: number, o: { px?: number; bold?: boolean; color?: string; align?: CanvasTextAlign } = {}) {
  font(g, o.px ?? 18, o.bold);
  g.fillStyle = o.color ?? COLORS.text;
  g.textAlign = o.align ?? 'left';
  g.textBaseline = 'middle';
  g.fillText(s, x, y);
}

function legend(g: SKRSContext2D, items: [string, string][], x: number, y: number) {
  for (const [label, color] of items) {
    g.fillStyle = color;
    g.fillRect(x, y - 8, 16, 16);
    text(g, label, x + 22, y, { px: 16, color: COLORS.muted });
    font(g, 16);
    x += 22 + g.measureText(label).width + 24;
  }
}

/** Vertical grouped bars with a value over each bar. */
function groupedBars(g: SKRSContext2D, top: number, height: number, labels: string[], series: { color: string; values: number[] }[]) {
  const left = PAD + 40, right = W - PAD, bottom = top + height - 36;
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  g.strokeStyle = COLORS.grid;
  g.lineWidth = 1;
  for (let i = 0; i <= 4; i++) {
    const y = bottom - ((bottom - top) * i) / 4;
    g.beginPath(); g.moveTo(left, y); g.lineTo(right, y); g.stroke();
    text(g, String((max * i) / 4), left - 8, y, { px: 14, color: COLORS.muted, align: 'right' });
  }
  const slot = (right - left) / Math.max(1, labels.length);
  const bw = Math.min(40, (slot * 0.8) / series.length);
  labels.forEach((label, i) => {
    const cx = left + slot * i + slot / 2;
    series.forEach((s, j) => {
      const v = s.values[i];
      const x = cx - (bw * series.length) / 2 + j * bw;
      const h = ((bottom - top) * v) / max;
      g.fillStyle = s.color;
      g.fillRect(x + 2, bottom - h, bw - 4, h);
      if (v) text(g, String(v), x + bw / 2, bottom - h - 10, { px: 13, color: COLORS.muted, align: 'center' });
    });
    text(g, label, cx, bottom + 18, { px: 16, align: 'center' });
  });
}

function drawChart(d: WeeklyChartData): Buffer {
  const cats = d.last.byCategory.length ? d.last.byCategory : [];
  const rowH = 34;
  const catH = Math.max(1, cats.length) * rowH + 70;
  const gridH = 340, dayH = 330, headH = 150;
  const H = headH + catH + gridH + dayH + 30;
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  g.fillStyle = COLORS.bg;
  g.fillRect(0, 0, W, H);

  // Header: the week and its key figures against the week before.
  text(g, `${d.community} 周报  ${md(d.from)}-${md(d.to)}`, PAD, 42, { px: 30, bold: true });
  const delta = (a: number, b: number) => (a === b ? '持平' : a > b ? `+${a - b}` : `${a - b}`);
  const l = d.last, p = d.previous;
  const kpis: [string, string, string][] = [
    ['新报', `${l.created}件`, `前一周${p.created}，${delta(l.created, p.created)}`],
    ['办结', `${l.createdResolved}件`, `前一周${p.createdResolved}`],
    ['结案率', pct(l.closeRate) ?? '—', `前一周${pct(p.closeRate) ?? '—'}`],
    ['按期结案率', pct(l.onTimeRate) ?? '—', `前一周${pct(p.onTimeRate) ?? '—'}`],
  ];
  kpis.forEach(([k, v, sub], i) => {
    const x = PAD + i * ((W - 2 * PAD) / 4);
    text(g, k, x, 84, { px: 16, color: COLORS.muted });
    text(g, v, x, 112, { px: 26, bold: true });
    text(g, sub, x, 138, { px: 14, color: COLORS.muted });
  });

  // By category: horizontal bars, largest first.
  let y = headH + 20;
  text(g, '上周新报问题 · 按类别', PAD, y, { px: 20, bold: true });
  y += 34;
  if (!cats.length) text(g, '上周没有新报问题', PAD, y + 10, { px: 18, color: COLORS.muted });
  const catMax = Math.max(1, ...cats.map((c) => c.n));
  const barLeft = PAD + 110, barRight = W - PAD - 50;
  for (const c of cats) {
    text(g, categoryZh(c.category), barLeft - 10, y + rowH / 2 - 4, { px: 17, align: 'right' });
    const w = ((barRight - barLeft) * c.n) / catMax;
    g.fillStyle = COLORS.created;
    g.fillRect(barLeft, y + 4, Math.max(2, w), rowH - 16);
    text(g, `${c.n}`, barLeft + w + 8, y + rowH / 2 - 4, { px: 16, color: COLORS.muted });
    y += rowH;
  }

  // By grid: reported, resolved, still open.
  y = headH + catH + 10;
  text(g, '上周各网格', PAD, y, { px: 20, bold: true });
  legend(g, [['新报', COLORS.created], ['已办结', COLORS.resolved], ['未办结', COLORS.open]], W - PAD - 330, y);
  groupedBars(g, y + 30, gridH - 50, d.grids.map((x) => x.name), [
    { color: COLORS.created, values: d.grids.map((x) => x.created) },
    { color: COLORS.resolved, values: d.grids.map((x) => x.resolved) },
    { color: COLORS.open, values: d.grids.map((x) => x.open) },
  ]);

  // Day by day, against the week before.
  y = headH + catH + gridH + 10;
  text(g, '每日新报 · 与前一周对比', PAD, y, { px: 20, bold: true });
  legend(g, [[`${md(d.from)}起`, COLORS.created], [`前一周`, COLORS.previous]], W - PAD - 260, y);
  groupedBars(g, y + 30, dayH - 50, d.days.map((x) => x.label), [
    { color: COLORS.previous, values: d.days.map((x) => x.previous) },
    { color: COLORS.created, values: d.days.map((x) => x.last) },
  ]);

  return canvas.toBuffer('image/png');
}

/**
 * The PNG for the Monday report of one community. `mondayDate` (YYYY-MM-DD, Shanghai) is the Monday the report goes out;
 * the chart shows the week before it, against the week before that.
 */
export async function renderWeeklyChart(db: Db, roster: Roster, communityId: string, mondayDate: string): Promise<Buffer> {
  ensureChartFont();
  const png = drawChart(weeklyChartData(db, roster, communityId, mondayDate));
  if (png.length > CHART_MAX_BYTES) throw new Error(`weekly chart is ${png.length} bytes, over the group robot's 2 MB`);
  return png;
}

/** Every category label the chart may draw: used by the test that the font covers them. */
export const CHART_LABELS = Object.values(CATEGORY_ZH);
