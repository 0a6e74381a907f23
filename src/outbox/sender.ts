// Sends what the outbox holds, oldest first, one destination at a time in order. WeCom's limits are kept here:
// 20 messages a minute per group robot, back-off on 45009/-1/network errors, permanent errors parked with their fix.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../store/db.js';
import { defer, dueOutbound, markDead, markRetry, markSent, nextDueAt, type OutboxRow } from '../store/outbox.js';
import { toShanghaiIso } from '../time.js';

export interface OutboundTransport {
  sendWebhook(key: string, body: unknown): Promise<unknown>;
  sendAppMessage(body: unknown): Promise<unknown>;
  postResponseUrl(url: string, body: unknown): Promise<unknown>;
}

interface ApiErrorLike {
  errcode?: number;
  retryable?: boolean;
  permanent?: boolean;
  hint?: string;
  message: string;
}

export const WEBHOOK_PER_MINUTE = 20;
const MAX_ATTEMPTS = 8;

export interface OutboxSender {
  /** Sends everything due now; resolves with how many went out. */
  drain(): Promise<number>;
  kick(): void;
  start(): void;
  stop(): void;
  idle(): Promise<void>;
}

export function createOutboxSender(deps: { db: Db; transport: OutboundTransport; config: Config; log: Logger; clock: () => Date }): OutboxSender {
  const sentAt = new Map<string, number[]>(); // webhook chat → send times in the last minute
  const pausedUntil = new Map<string, number>(); // destination → ms
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let followUp: Promise<number> | null = null;
  let started = false;

  const dest = (r: OutboxRow) => `${r.channel}:${r.target}`;

  function windowFull(chat: string, now: number): number | null {
    const times = (sentAt.get(chat) ?? []).filter((t) => now - t < 60_000);
    sentAt.set(chat, times);
    return times.length >= WEBHOOK_PER_MINUTE ? times[0] + 60_000 : null;
  }

  async function send(r: OutboxRow): Promise<void> {
    const body = JSON.parse(r.payload);
    if (r.channel === 'webhook') {
      const key = deps.config.webhookKeys[r.target];
      if (!key) throw Object.assign(new Error(`no group robot key for ${r.target}`), { permanent: true, hint: 'add chatid=key to WECOM_WEBHOOK_KEYS' });
      await deps.transport.sendWebhook(key, body);
    } else if (r.channel === 'app') {
      await deps.transport.sendAppMessage({ touser: r.target, ...body });
    } else {
      await deps.transport.postResponseUrl(r.target, body);
    }
  }

  async function drainOnce(): Promise<number> {
    let sent = 0;
    const blocked = new Set<string>();
    for (;;) {
      const now = deps.clock().getTime();
      const rows = dueOutbound(deps.db, toShanghaiIso(new Date(now))).filter((r) => !blocked.has(dest(r)));
      if (!rows.length) break;
      let progressed = false;
      for (const r of rows) {
        const d = dest(r);
        if (blocked.has(d)) continue;
        const paused = pausedUntil.get(d);
        const full = r.channel === 'webhook' ? windowFull(r.target, now) : null;
        const wait = Math.max(paused && paused > now ? paused : 0, full ?? 0);
        if (wait) {
          // Keep the destination's order: nothing after this row may overtake it.
          defer(deps.db, r.id, toShanghaiIso(new Date(wait)));
          blocked.add(d);
          continue;
        }
        try {
          await send(r);
          markSent(deps.db, r.id, toShanghaiIso(deps.clock()));
          if (r.channel === 'webhook') sentAt.get(r.target)!.push(deps.clock().getTime());
          sent++;
          progressed = true;
        } catch (e) {
          const err = e as ApiErrorLike;
          blocked.add(d);
          const what = `${err.errcode ?? ''} ${err.message}`.trim();
          if (err.permanent || r.attempts + 1 >= MAX_ATTEMPTS) {
            markDead(deps.db, r.id, what);
            deps.log.error({ outbox: r.id, channel: r.channel, errcode: err.errcode, hint: err.hint }, `giving up on an outbound message: ${err.hint ?? what}`);
          } else {
            // 45009 means the minute (or hour) is used up: wait it out instead of hammering.
            const backoff = err.errcode === 45009 ? 60_000 : Math.min(600_000, 2_000 * 2 ** r.attempts);
            pausedUntil.set(d, now + backoff);
            markRetry(deps.db, r.id, toShanghaiIso(new Date(now + backoff)), what);
            deps.log.warn({ outbox: r.id, channel: r.channel, errcode: err.errcode, retryInMs: backoff }, 'outbound message will be retried');
          }
        }
      }
      if (!progressed) break;
    }
    return sent;
  }

  function schedule(): void {
    if (!started) return;
    if (timer) clearTimeout(timer);
    const next = nextDueAt(deps.db);
    if (!next) return;
    const ms = Math.max(0, Math.min(Date.parse(next) - deps.clock().getTime(), 60_000));
    timer = setTimeout(() => api.kick(), ms);
    timer.unref();
  }

  const api: OutboxSender = {
    drain() {
      if (running) {
        // Every call that arrives during a run shares ONE follow-up run. (Chaining a run per call made a burst of n
        // messages cost n² promise callbacks and n runs: seconds of CPU and hundreds of MB under load.)
        const next = () => { followUp = null; return api.drain(); };
        followUp ??= running.then(next, next);
        return followUp;
      }
      running = drainOnce().finally(() => { running = null; schedule(); });
      return running;
    },
    kick() {
      // The follow-up a run has booked will send whatever this kick was for. A handler hung on it per kick lived as
      // long as the run: with the handler queuing replies as fast as they go out, a run never ends, and a backlog of
      // 100,000 messages held 100,000 promises (~150 bytes each) until it was worked off.
      if (running && followUp) return;
      void api.drain().catch((err) => deps.log.error({ err }, 'outbox drain failed'));
    },
    start() { started = true; api.kick(); },
    stop() { started = false; if (timer) clearTimeout(timer); timer = null; },
    async idle() { while (running) await running; },
  };
  return api;
}
