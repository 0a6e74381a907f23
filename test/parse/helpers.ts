import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { loadRoster } from '../../src/roster/index.js';
import { interpret } from '../../src/parse/index.js';
import type { Interpretation, MessageIn } from '../../src/parse/index.js';

export const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
export const DEMO_ROSTER = here('../../data/roster.yaml');
export const SHARED_ROSTER = here('../../../shared/fixtures/roster.yaml');
export const SHARED_CORPUS = here('../../../shared/corpus/messages.jsonl');
export const STREET2_ROSTER = here('../fixtures/rosters/street2.yaml');
export const STREET3_ROSTER = here('../fixtures/rosters/street3.yaml');
export const STREET4_ROSTER = here('../fixtures/rosters/street4.yaml');
export const STREET5_ROSTER = here('../fixtures/rosters/street5.yaml');
export const STREET6_ROSTER = here('../fixtures/rosters/street6.yaml');
export const STREET7_ROSTER = here('../fixtures/rosters/street7.yaml');
export const STREET8_ROSTER = here('../fixtures/rosters/street8.yaml');
export const STREET9_ROSTER = here('../fixtures/rosters/street9.yaml');
export const STREET10_ROSTER = here('../fixtures/rosters/street10.yaml');
export const STREET11_ROSTER = here('../fixtures/rosters/street11.yaml');
export const STREET12_ROSTER = here('../fixtures/rosters/street12.yaml');
export const STREET13_ROSTER = here('../fixtures/rosters/street13.yaml');
export const STREET14_ROSTER = here('../fixtures/rosters/street14.yaml');
export const STREET15_ROSTER = here('../fixtures/rosters/street15.yaml');
export const STREET16_ROSTER = here('../fixtures/rosters/street16.yaml');
export const STREET17_ROSTER = here('../fixtures/rosters/street17.yaml');
export const STREET18_ROSTER = here('../fixtures/rosters/street18.yaml');
export const STREET19_ROSTER = here('../fixtures/rosters/street19.yaml');
export const HELDOUT = here('./heldout.jsonl');
export const HELDOUT3 = here('./heldout3.jsonl');

export const demo = loadRoster(DEMO_ROSTER);
export const street2 = loadRoster(STREET2_ROSTER);
export const street3 = loadRoster(STREET3_ROSTER);
export const street4 = loadRoster(STREET4_ROSTER);
export const street5 = loadRoster(STREET5_ROSTER);
export const street6 = loadRoster(STREET6_ROSTER);
export const street7 = loadRoster(STREET7_ROSTER);
export const street8 = loadRoster(STREET8_ROSTER);
export const street9 = loadRoster(STREET9_ROSTER);
export const street10 = loadRoster(STREET10_ROSTER);
export const street11 = loadRoster(STREET11_ROSTER);
export const street12 = loadRoster(STREET12_ROSTER);
export const street13 = loadRoster(STREET13_ROSTER);
export const street14 = loadRoster(STREET14_ROSTER);
export const street15 = loadRoster(STREET15_ROSTER);
export const street16 = loadRoster(STREET16_ROSTER);
export const street17 = loadRoster(STREET17_ROSTER);
export const street18 = loadRoster(STREET18_ROSTER);
export const street19 = loadRoster(STREET19_ROSTER);

/** 2026-11-28 is a Saturday. */
export const REF = '2026-11-28T15:00:00+08:00';

let n = 0;
export function say(from: string, text: string, extra: Partial<MessageIn> = {}, roster = demo): Interpretation {
  const chat = roster === demo ? (demo.communityOfPerson(from)?.chats[0] ?? 'wrkchat-furao') : (roster.communityOfPerson(from)?.chats[0] ?? null);
  return interpret({ id: `t${++n}`, from, chat, time: REF, msgtype: 'text', text, ...extra }, roster);
}

export interface Labelled { id: string; from: string; chat?: string; time: string; msgtype?: 'text' | 'image' | 'mixed'; text?: string; expect: Record<string, any> }
export function readCorpus(file: string): Labelled[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** The same figures as ../shared/tools/score-understanding.mjs, in-process. */
export function score(items: Labelled[], roster: ReturnType<typeof loadRoster> | ((it: Labelled) => ReturnType<typeof loadRoster>)) {
  const tally: Record<string, [number, number]> = {};
  const bump = (k: string, ok: boolean) => { tally[k] ??= [0, 0]; tally[k][1]++; if (ok) tally[k][0]++; };
  let tp = 0, fp = 0, fn = 0;
  const mistakes: string[] = [];
  for (const it of items) {
    const { expect: e, ...msg } = it;
    const got = interpret(msg as MessageIn, typeof roster === 'function' ? roster(it) : roster) as any;
    const wrong: string[] = [];
    bump('intent', got.intent === e.intent); if (got.intent !== e.intent) wrong.push(`intent ${got.intent}`);
    if (e.intent === 'report' && got.intent === 'report') tp++; else if (e.intent === 'report') fn++; else if (got.intent === 'report') fp++;
    if (e.category) { const ok = e.category.includes(got.category); bump('category', ok); if (!ok) wrong.push(`category ${got.category}`); }
    if (e.location) {
      const gl = got.location || {};
      const ok = Object.entries(e.location).every(([k, v]) => String(gl[k] ?? '') === String(v));
      bump('location', ok); if (!ok) wrong.push(`location ${JSON.stringify(gl)}`);
    }
    if (e.assignee) { const ok = got.assignee === e.assignee; bump('assignee', ok); if (!ok) wrong.push(`assignee ${got.assignee}`); }
    if (e.range) { const ok = got.range?.from === e.range.from && got.range?.to === e.range.to; bump('range', ok); if (!ok) wrong.push(`range ${JSON.stringify(got.range)}`); }
    // times are checked by their date in Asia/Shanghai, as the shared scorer does
    for (const [k, f] of [['observed_date', 'observed_at'], ['due_date', 'due_at']] as const) {
      if (!e[k]) continue;
      const ok = shanghaiDate(got[f]) === e[k];
      bump(k, ok); if (!ok) wrong.push(`${f} ${got[f]}`);
    }
    if (e.ticket != null) { const ok = got.ticket === e.ticket; bump('ticket', ok); if (!ok) wrong.push(`ticket ${got.ticket}`); }
    // the parts of scope / redeem / points the label names
    for (const k of ['scope', 'redeem', 'points'] as const) {
      if (!e[k]) continue;
      const g = got[k] || {};
      const ok = Object.entries(e[k]).every(([f, v]) => (g[f] ?? null) === v);
      bump(k, ok); if (!ok) wrong.push(`${k} ${JSON.stringify(got[k] ?? null)}`);
    }
    if (wrong.length) mistakes.push(`${it.id} ${it.text}: ${wrong.join('; ')}`);
  }
  const p = tp / Math.max(1, tp + fp), r = tp / Math.max(1, tp + fn);
  // a figure is only given for what the set labels (an office-side set has no reports, so no report F1)
  const fig: Record<string, number> = tp + fp + fn ? { report_f1: (2 * p * r) / Math.max(1e-9, p + r) } : {};
  for (const [k, [ok, all]] of Object.entries(tally)) fig[k] = ok / all;
  return { fig, mistakes };
}

const shanghaiDate = (iso: string | null | undefined) =>
  iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10) : null;

/** heldout3 mixes speakers of both rosters: each message is read with the roster that knows its sender. */
export const rosterOfSender = (it: Labelled) => (demo.person(it.from) ? demo : street2);
