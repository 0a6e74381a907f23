// Sends the messages one job run queued, for `npm run job` (which must not exit with them still waiting). It takes
// only its own rows, and leases each (next_at moved ahead) before sending, so a bot running at the same time cannot
// pick the same row up and post it twice; if this process dies mid-way, the bot sends the rest when the lease ends.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { OutboundTransport } from '../outbox/sender.js';
import { WEBHOOK_PER_MINUTE } from '../outbox/sender.js';
import type { Db } from '../store/db.js';
import { defer, markDead, markRetry, markSent } from '../store/outbox.js';
import { toShanghaiIso } from '../time.js';
import { outboxByKeys } from '../store/job-runs.js';

const LEASE_MS = 5 * 60_000;
const TRIES = 3;

export interface DeliverDeps {
  db: Db;
  transport: OutboundTransport;
  config: Config;
  log: Logger;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

export interface Delivery {
  sent: number;
  /** Left for the bot's outbox (WeCom kept refusing for now). */
  pending: number;
  /** Given up (a permanent error such as a removed robot); see the log for the fix. */
  dead: number;
}

interface ErrLike { errcode?: number; retryable?: boolean; permanent?: boolean; hint?: string; message: string }

export async function deliver(deps: DeliverDeps, keys: string[]): Promise<Delivery> {
  const out: Delivery = { sent: 0, pending: 0, dead: 0 };
  const sentAt = new Map<string, number[]>();
  const stuck = new Set<string>(); // chats where a message is left for later: what follows waits too, in order
  const iso = (ms: number) => toShanghaiIso(new Date(ms));
  for (const row of outboxByKeys(deps.db, keys)) {
    if (row.status !== 'pending') continue;
    if (stuck.has(row.target)) { out.pending++; continue; }
    defer(deps.db, row.id, iso(deps.now().getTime() + LEASE_MS));
    // The group robot takes 20 a minute: wait for the window rather than earn a 45009.
    const times = (sentAt.get(row.target) ?? []).filter((t) => deps.now().getTime() - t < 60_000);
    if (times.length >= WEBHOOK_PER_MINUTE) await deps.sleep(times[0] + 60_000 - deps.now().getTime());
    let done = false;
    for (let attempt = 0; !done; attempt++) {
      try {
        const key = deps.config.webhookKeys[row.target];
        if (row.channel !== 'webhook' || !key) throw Object.assign(new Error(`no group robot key for ${row.target}`), { permanent: true, hint: 'add chatid=key to WECOM_WEBHOOK_KEYS' });
        await deps.transport.sendWebhook(key, JSON.parse(row.payload));
        markSent(deps.db, row.id, iso(deps.now().getTime()));
        sentAt.set(row.target, [...times.filter((t) => deps.now().getTime() - t < 60_000), deps.now().getTime()]);
        out.sent++;
        done = true;
      } catch (e) {
        const err = e as ErrLike;
        const what = `${err.errcode ?? ''} ${err.message}`.trim();
        if (err.permanent) {
          markDead(deps.db, row.id, what);
          deps.log.error({ outbox: row.id, errcode: err.errcode, hint: err.hint }, `giving up on a message: ${err.hint ?? what}`);
          out.dead++;
          done = true;
        } else if (attempt + 1 >= TRIES) {
          markRetry(deps.db, row.id, iso(deps.now().getTime() + 60_000), what);
          deps.log.warn({ outbox: row.id, errcode: err.errcode }, 'message left for the bot to send');
          stuck.add(row.target);
          out.pending++;
          done = true;
        } else {
          const wait = err.errcode === 45009 ? 60_000 : 2_000 * 2 ** attempt;
          deps.log.warn({ outbox: row.id, errcode: err.errcode, retryInMs: wait }, 'message will be retried');
          await deps.sleep(wait);
        }
      }
    }
  }
  return out;
}
