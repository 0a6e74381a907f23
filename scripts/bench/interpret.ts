// Bench for understanding: the shared scorer's figures on the shared corpus + roster, and the in-process
// throughput of interpret() (messages per second, wall clock and per CPU-second, one thread).
// Standalone: npx tsx scripts/bench/interpret.ts [--corpus FILE] [--roster FILE] [--seconds N]
process.env.TZ = 'Asia/Shanghai';
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface InterpretBench {
  msgPerSec: number;
  /** Messages per CPU-second of this process (less sensitive to a busy machine). */
  msgPerCpuSec: number;
  scoreSummary: string;
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

export async function benchInterpret(opts: { corpus?: string; roster?: string; seconds?: number; print?: boolean } = {}): Promise<InterpretBench> {
  const corpus = resolve(opts.corpus ?? resolve(REPO, '../shared/corpus/messages.jsonl'));
  const roster = resolve(opts.roster ?? resolve(REPO, '../shared/fixtures/roster.yaml'));
  const seconds = opts.seconds ?? 2;
  const print = opts.print ?? true;
  const log = (s: string) => { if (print) console.log(s); };

  // 1. the scorer, exactly as the outside check runs it
  const scorer = resolve(REPO, '../shared/tools/score-understanding.mjs');
  let scoreSummary = 'scorer not found';
  if (existsSync(scorer)) {
    const run = spawnSync(process.execPath, [scorer, '--repo', REPO, '--corpus', corpus, '--roster', roster, '--show', '10',
      '--min', 'intent=0.95,report_f1=0.97,category=0.95,location=0.95,assignee=0.95,range=0.95'], { encoding: 'utf8', cwd: REPO, maxBuffer: 16 << 20 });
    const out = (run.stdout || '') + (run.stderr || '');
    log(out.trimEnd());
    scoreSummary = out.trim().split('\n').filter((l) => l.startsWith('understanding:')).pop() ?? out.trim().split('\n').pop() ?? '';
  }

  // 2. in-process throughput
  const { loadRoster } = await import(pathToFileURL(resolve(REPO, 'src/roster/index.ts')).href);
  const { interpret, loadLexicon } = await import(pathToFileURL(resolve(REPO, 'src/parse/index.ts')).href);
  const r = loadRoster(roster);
  const lexicon = loadLexicon();
  const msgs = readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const { expect: _e, note: _n, ...m } = JSON.parse(l);
    return m;
  });
  for (let i = 0; i < 20; i++) for (const m of msgs) interpret(m, r, { lexicon });
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    for (const m of msgs) interpret(m, r, { lexicon });
    n += msgs.length;
  }
  const wall = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  const cpu = (cu.user + cu.system) / 1e6;
  const msgPerSec = Math.round(n / wall);
  const msgPerCpuSec = Math.round(n / Math.max(cpu, 1e-9));
  log(`interpret throughput: ${msgPerSec} messages/s wall clock, ${msgPerCpuSec} messages per CPU-second (${n} messages in ${wall.toFixed(2)} s, one thread)`);
  return { msgPerSec, msgPerCpuSec, scoreSummary };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchInterpret({
    corpus: arg('--corpus', resolve(REPO, '../shared/corpus/messages.jsonl')),
    roster: arg('--roster', resolve(REPO, '../shared/fixtures/roster.yaml')),
    seconds: Number(arg('--seconds', '2')),
  });
}
