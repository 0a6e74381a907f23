// Open-loop load at a steady rate, for the latency WeCom would see at 80 % of the peak.
//
// autocannon's own rate mode sends each second's quota in one burst at the top of the second, which measures queueing
// behind the burst, not the server. This sends request k at t0 + k/rate over keep-alive sockets and times each from
// when it was DUE, not when a socket was free (no coordinated omission: a stall shows in every request it delayed).
//
// It writes pre-built HTTP/1.1 requests straight onto raw sockets and reads only the status line and Content-Length
// back, as wrk does: node's http client costs several times more CPU per request, and on a 2-core machine the load
// tool's own CPU is taken from the server under test (measured: with http.request the tool fell seconds behind its
// schedule at ~4,000/s and that lag showed up as 150-250 ms "server" latency).
import { connect, type Socket } from 'node:net';

export interface PacedCall { path: string; body: string }
export interface PacedResult {
  rps: number; p50: number; p99: number; sent: number; ok: number; bad: number; wrapped: boolean;
  /** What the requests that got no 200 got instead, e.g. "lost 2, 408 × 1": 'lost' is a socket closed under it. */
  why: string;
}

/** The first WARMUP_S seconds run at the same rate but are not counted: JIT, caches and the server's first GCs. */
export const WARMUP_S = 1;

export async function paced(base: string, calls: PacedCall[], o: {
  seconds: number; rate: number; connections: number;
  /** Each counted answer: when it was due (ms from the start) and its latency; for a timeline when looking into a tail. */
  onLatency?: (dueMs: number, ms: number) => void;
}): Promise<PacedResult> {
  const { port, hostname } = new URL(base);
  const total = Math.floor(o.rate * (o.seconds + WARMUP_S));
  const counted = Math.floor(o.rate * WARMUP_S); // requests before this one are the warm-up
  const wire = calls.map((c) => Buffer.from(
    `POST ${c.path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(c.body)}\r\n\r\n${c.body}`,
  ));
  const lat: number[] = [];
  let ok = 0;
  let bad = 0;
  const notOk = new Map<string, number>();
  let doneCount = 0;
  let t0 = 0;

  interface Conn { sock: Socket; buf: Buffer; due: number; k: number; busy: boolean; dead: boolean }
  const conns: Conn[] = [];
  const idle: Conn[] = [];
  const waiting: number[] = []; // due request numbers no socket was free for, oldest at wHead
  let wHead = 0;
  let finished = false;
  let finish: () => void = () => {};
  let fail: (e: Error) => void = () => {};

  const send = (c: Conn, k: number) => {
    c.k = k;
    c.busy = true;
    c.due = t0 + (k * 1000) / o.rate;
    c.sock.write(wire[k % wire.length]);
  };
  const next = (c: Conn) => {
    if (wHead < waiting.length) send(c, waiting[wHead++]); else idle.push(c);
  };
  /** One request answered (status) or lost (0); true when it was the last. */
  const account = (c: Conn, status: number) => {
    c.busy = false;
    const now = performance.now();
    if (c.k >= counted) {
      lat.push(now - c.due);
      o.onLatency?.(c.due - t0, now - c.due);
      if (status === 200) ok++;
    }
    if (status !== 200) {
      bad++;
      const key = status === 0 ? 'lost' : `${status} ×`;
      notOk.set(key, (notOk.get(key) ?? 0) + 1);
    }
    if (++doneCount === total) { finished = true; finish(); return true; }
    return false;
  };
  const completed = (c: Conn, status: number) => {
    if (!account(c, status)) next(c);
  };

  // One response at a time per socket (no pipelining): status line, headers, Content-Length bytes of body.
  const onData = (c: Conn, chunk: Buffer) => {
    c.buf = c.buf.length ? Buffer.concat([c.buf, chunk]) : chunk;
    for (;;) {
      const end = c.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = c.buf.toString('latin1', 0, end);
      const status = Number(head.slice(9, 12));
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!m) { fail(new Error(`response without Content-Length: ${head.slice(0, 200)}`)); return; }
      const size = end + 4 + Number(m[1]);
      if (c.buf.length < size) return;
      c.buf = c.buf.subarray(size);
      completed(c, status);
    }
  };

  // A socket the server closes (or resets) mid-run loses the request on it, which counts as not answered, and is
  // replaced; without this the run would wait for that answer for ever.
  const open = () => new Promise<Conn>((res, rej) => {
    const sock = connect({ host: hostname, port: Number(port), noDelay: true });
    const c: Conn = { sock, buf: Buffer.alloc(0), due: 0, k: -1, busy: false, dead: false };
    sock.once('connect', () => {
      sock.on('data', (chunk: Buffer) => onData(c, chunk));
      sock.on('error', () => lost(c));
      sock.on('close', () => lost(c));
      conns.push(c);
      res(c);
    });
    sock.once('error', rej);
  });
  const lost = (c: Conn) => {
    if (finished || c.dead) return;
    c.dead = true;
    const at = idle.indexOf(c);
    if (at >= 0) idle.splice(at, 1);
    if (c.busy && account(c, 0)) return;
    open().then((n) => { if (finished) n.sock.destroy(); else next(n); }, fail);
  };

  for (const c of await Promise.all(Array.from({ length: o.connections }, open))) idle.push(c);

  await new Promise<void>((res, rej) => {
    finish = res;
    fail = (e) => { finished = true; rej(e); };
    t0 = performance.now();
    // Whatever is still unanswered long after the schedule ended counts as not answered.
    const deadline = setTimeout(() => {
      if (finished) return;
      bad += total - doneCount;
      notOk.set('unanswered after 30 s', total - doneCount);
      finished = true;
      res();
    }, (o.seconds + WARMUP_S) * 1000 + 30_000);
    deadline.unref();
    let k = 0;
    const tick = () => {
      if (finished) return;
      const now = performance.now();
      for (; k < total && t0 + (k * 1000) / o.rate <= now; k++) {
        const c = idle.pop();
        if (c) send(c, k); else waiting.push(k);
      }
      if (k < total) setTimeout(tick, 1);
    };
    tick();
  });
  const wall = (performance.now() - t0) / 1000 - WARMUP_S;
  finished = true;
  for (const c of conns) c.sock.destroy();
  lat.sort((a, b) => a - b);
  const pct = (q: number) => Math.round(lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] ?? NaN);
  const why = [...notOk].map(([k, n]) => `${k} ${n}`).join(', ');
  return { rps: ok / wall, p50: pct(0.5), p99: pct(0.99), sent: total - counted, ok, bad, wrapped: total > calls.length, why };
}

/** A step is held when every request got its 200, the rate was kept, and the median stayed this low: unloaded, the
 * median here is 1-2 ms, and a queue that builds up (the server answering slower than callbacks come) lifts it. At
 * 20 ms a step with a median of 16 ms passed, a queue of ~80 requests already, and 80 % of it was no headroom. */
const HELD_P50_MS = 5;

export interface HeldStep { rate: number; result: PacedResult; held: boolean }

/**
 * The highest steady rate a server holds: paced runs from `from`, each `step` times the last, until one is not held
 * twice running (one stall of a shared VM is not the server's limit). Should not even `from` hold, it steps down
 * instead, to the first rate that does. Returns that rate as achieved (0 if none held in `maxSteps`), and every step.
 * With `up: false` it only confirms `from` or steps down: the check, just before a run at 80 %, that the machine
 * still gives the server what it gave when `from` was found (a shared VM has slower minutes).
 */
export async function highestHeldRate(
  base: string,
  callsFor: (rate: number, tag: string) => PacedCall[],
  o: { from: number; step: number; seconds: number; connections: number; maxSteps: number; up?: boolean; tag?: string; onStep?: (s: HeldStep) => void },
): Promise<{ rate: number; steps: HeldStep[] }> {
  const steps: HeldStep[] = [];
  let rate = Math.max(1, Math.round(o.from));
  let best = 0;
  let down = o.up === false;
  for (let i = 0; i < o.maxSteps; i++) {
    const result = await paced(base, callsFor(rate, `${o.tag ?? 'h'}${i}-`), { seconds: o.seconds, rate, connections: o.connections });
    const held = result.bad === 0 && result.rps >= 0.97 * rate && result.p50 < HELD_P50_MS;
    const s = { rate, result, held };
    steps.push(s);
    o.onStep?.(s);
    if (held) {
      best = result.rps;
      if (down) break;
      rate = Math.round(rate * o.step);
    } else if (steps.length > 1 && !steps[steps.length - 2].held && steps[steps.length - 2].rate === rate) {
      if (best) break;
      down = true;
      rate = Math.max(1, Math.round(rate / o.step));
    }
    // else: one failure at this rate; run it again before believing it.
  }
  return { rate: best, steps };
}
