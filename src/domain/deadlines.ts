import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const Rule = z.object({ hours: z.number().positive(), tier: z.enum(['red', 'yellow', 'blue']) });
const File = z.object({ default: Rule, categories: z.record(z.string(), Rule) });
export type DeadlineRules = z.infer<typeof File>;

export const DEFAULT_DEADLINES_FILE = fileURLToPath(new URL('../../data/rules/deadlines.yaml', import.meta.url));

export function loadDeadlines(file = DEFAULT_DEADLINES_FILE): DeadlineRules {
  const parsed = File.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

let cached: DeadlineRules | undefined;
export const deadlines = (): DeadlineRules => (cached ??= loadDeadlines());

export function ruleFor(category: string, rules = deadlines()) {
  return rules.categories[category] ?? rules.default;
}

/** When a ticket of this category opened at `createdIso` falls due (ISO, +08:00 kept by the caller's formatter). */
export function dueFor(category: string, createdIso: string, rules = deadlines()): Date {
  return new Date(Date.parse(createdIso) + ruleFor(category, rules).hours * 3600_000);
}
