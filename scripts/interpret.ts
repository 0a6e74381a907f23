// CONTRACT §2: JSON Lines in, one JSON line out per input line, in order, nothing else on stdout.
// Calendar logic never reads the process zone, but chrono-node does: pin it before anything is imported.
process.env.TZ = 'Asia/Shanghai';

const { createInterface } = await import('node:readline');
const { loadRoster } = await import('../src/roster/index.js');
const { interpret, loadLexicon } = await import('../src/parse/index.js');

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(name + '='));
  return eq ? eq.slice(name.length + 1) : undefined;
}

const rosterFile = argValue('--roster') ?? process.env.ROSTER_FILE ?? 'data/roster.yaml';
let roster;
try {
  roster = loadRoster(rosterFile);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
}
const lexicon = loadLexicon(argValue('--lexicon'));

const chunks: string[] = [];
let pending = 0;
const flush = () => {
  if (chunks.length) { process.stdout.write(chunks.join('')); chunks.length = 0; pending = 0; }
};
let lineNo = 0;
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  lineNo++;
  if (line.trim() === '') continue;
  let out: string;
  try {
    const msg = JSON.parse(line);
    if (!msg || typeof msg !== 'object' || Array.isArray(msg)) throw new Error('not a JSON object');
    if (msg.id === undefined || msg.id === null) throw new Error('missing id');
    const m = { ...msg, id: String(msg.id), from: String(msg.from ?? ''), time: String(msg.time ?? new Date(0).toISOString()) };
    out = JSON.stringify(interpret(m, roster, { lexicon }));
  } catch (e) {
    const err = (e as Error).message;
    process.stderr.write(`interpret: line ${lineNo}: ${err}\n`);
    let id: unknown = null;
    try { id = JSON.parse(line)?.id ?? null; } catch { /* keep null */ }
    out = JSON.stringify({ id, error: err });
  }
  chunks.push(out + '\n');
  if (++pending >= 256) flush();
}
flush();
