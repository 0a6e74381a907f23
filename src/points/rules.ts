// The points rules and the shelves, read from data files a community edits, validated with zod so a typo stops the
// bot at start with the file and the field named, instead of quietly paying the wrong points.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { POINT_CATEGORIES, type PointCategory } from './categories.js';

const Category = z.enum(POINT_CATEGORIES);
const Points = z.number().int().positive();
const ProblemRule = z.union([Category, z.object({ category: Category, points: Points.optional() }).strict()]);

const WorkRule = z.object({
  points: Points,
  category: Category,
  daily_cap: z.number().int().positive().optional(),
  max_per_day: z.number().int().positive().optional(),
  by_problem: z.record(z.string(), ProblemRule).optional(),
}).strict();

export const WORK_KINDS = ['report', 'self_handled', 'patrol', 'visit', 'mediation'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

const RulesFile = z.object({
  earners: z.array(z.enum(['volunteer', 'grid_worker', 'secretary', 'admin'])).min(1).default(['volunteer']),
  reopen_window_days: z.number().positive().default(7),
  merge_share: z.number().min(0).max(1).default(0.5),
  daily_cap_total: z.number().int().min(0).default(0),
  work: z.object(Object.fromEntries(WORK_KINDS.map((k) => [k, WorkRule.optional()])) as Record<WorkKind, z.ZodOptional<typeof WorkRule>>).strict(),
}).strict();
export type PointsRules = z.infer<typeof RulesFile>;
export type WorkRuleT = z.infer<typeof WorkRule>;

const Item = z.object({
  item: z.string().min(1),
  unit: z.string().min(1).nullable().default(null),
  points: Points,
  stock: z.number().int().min(0),
  aliases: z.array(z.string().min(1)).default([]),
}).strict();
const CatalogueFile = z.object({
  default: z.array(Item),
  communities: z.record(z.string(), z.array(Item)).default({}),
}).strict();
export type CatalogueItem = z.infer<typeof Item>;
export type Catalogue = z.infer<typeof CatalogueFile>;

export const DEFAULT_POINTS_FILE = fileURLToPath(new URL('../../data/rules/points.yaml', import.meta.url));
export const DEFAULT_CATALOGUE_FILE = fileURLToPath(new URL('../../data/rules/catalogue.yaml', import.meta.url));

function load<T>(schema: z.ZodType<T>, file: string, text?: string): T {
  const parsed = schema.safeParse(parse(text ?? readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const loadPointsRules = (file = DEFAULT_POINTS_FILE, text?: string): PointsRules => load(RulesFile, file, text);

export function loadCatalogue(file = DEFAULT_CATALOGUE_FILE, text?: string): Catalogue {
  const cat = load(CatalogueFile, file, text);
  for (const [where, items] of [['default', cat.default], ...Object.entries(cat.communities)] as [string, CatalogueItem[]][]) {
    const seen = new Set<string>();
    for (const it of items) for (const n of [it.item, ...it.aliases]) {
      if (seen.has(n)) throw new Error(`${file}: ${where}: "${n}" names two items`);
      seen.add(n);
    }
  }
  return cat;
}

let rulesCache: PointsRules | undefined;
let catalogueCache: Catalogue | undefined;
/** The rules in force: POINTS_RULES_FILE / POINTS_CATALOGUE_FILE when set, else the shipped data files. */
export const pointsRules = (): PointsRules => (rulesCache ??= loadPointsRules(process.env.POINTS_RULES_FILE?.trim() || DEFAULT_POINTS_FILE));
export const catalogue = (): Catalogue => (catalogueCache ??= loadCatalogue(process.env.POINTS_CATALOGUE_FILE?.trim() || DEFAULT_CATALOGUE_FILE));

/** A community's own shelf, or the shared default one. */
export const shelfOf = (cat: Catalogue, community: string): CatalogueItem[] => cat.communities[community] ?? cat.default;

/** What one piece of work earns, and in which category; null when the rules pay nothing for it. */
export function creditFor(rules: PointsRules, work: WorkKind, problem: string | null): { points: number; category: PointCategory } | null {
  const r = rules.work[work];
  if (!r) return null;
  const p = problem ? r.by_problem?.[problem] : undefined;
  if (!p) return { points: r.points, category: r.category };
  return typeof p === 'string' ? { points: r.points, category: p } : { points: p.points ?? r.points, category: p.category };
}

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** The shelf item a request names: exact name or alias first, then the one item whose name the request contains. */
export function findItem(shelf: CatalogueItem[], asked: string): CatalogueItem | undefined {
  const a = norm(asked);
  if (!a) return undefined;
  const exact = shelf.find((i) => norm(i.item) === a || i.aliases.some((x) => norm(x) === a));
  if (exact) return exact;
  const loose = shelf.filter((i) => a.includes(norm(i.item)) || (norm(i.item).includes(a) && a.length >= 2));
  return loose.length === 1 ? loose[0] : undefined;
}
