// inbox → understanding → domain → outbox. One message at a time, in the order they arrived, so the messages of a
// chat are handled in order; each message's whole effect (ticket, events, points, replies, "done") is one transaction.
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { handlers } from '../commands/index.js';
import type { Ctx } from '../commands/context.js';
import type { Config } from '../config.js';
import type { EventBus } from '../domain/events.js';
import type { InboundImage, InboundMessage } from '../inbox/types.js';
import { interpret } from '../parse/index.js';
import type { Roster } from '../roster/types.js';
import { routeReplies } from '../outbox/route.js';
import type { Db } from '../store/db.js';
import { insertIfNew, markDone, markFailed, nextPending, type InboxRow } from '../store/inbox.js';
import { enqueue } from '../store/outbox.js';
import { toShanghaiIso } from '../time.js';
import { fetchPictures, type MediaSource } from './media.js';

export interface PipelineDeps {
  db: Db;
  roster: () => Roster;
  config: Config;
  events: EventBus;
  media: MediaSource;
  mediaDir: string;
  log: Logger;
  clock: () => Date;
  /** Called after a message queued something to send. */
  onOutbound?: () => void;
}

export interface Pipeline {
  /** Commits a verified message; WeCom gets its 200 only once the returned promise resolves. */
  accept(m: InboundMessage): Promise<'new' | 'duplicate'>;
  /** Handles whatever is pending, soon; safe to call often. */
  kick(): void;
  /** Resolves when nothing is pending and nothing is being handled (tests, shutdown). */
  idle(): Promise<void>;
}

/** WeCom's quote block, the form the understanding reads quotes in. */
export const withQuote = (text: string, quote: string | null) => (quote ? `「${quote}」\n- - - - - - -\n${text}` : text);

/**
 * Answering comes first: WeCom retries a callback it did not get a 200 for within 5 s, and the inbox keeps every
 * answered message safe until it is handled. So while callbacks are pouring in (one arrived within BUSY_WINDOW_MS),
 * handling takes what answering leaves of the event loop up to LOOP_TARGET, resting after each message in proportion
 * to the computing it took; otherwise it runs flat out. Answering's load is measured, not assumed: a few hundred
 * callbacks a second leave handling most of the loop, and a flood that fills the loop leaves it MIN_SHARE, so even a
 * flood that never ends moves on. (A fixed share of 10 % took a tenth of the loop from answering at 80 % of the peak,
 * which pushed answering past what it can do when callbacks come one by one; see README, Performance.)
 */
const BUSY_WINDOW_MS = 5;
const LOOP_TARGET = 0.8;
const MIN_SHARE = 0.02;
/** A bound on one rest, so the last messages of a flood are not left waiting long after it ended. */
const MAX_REST_MS = 250;
/** Answering's load is smoothed over about this much time. */
const LOAD_WINDOW_MS = 100;

/** Handling's share of the loop while callbacks pour in, given answering's share. */
export function handlingShare(answeringLoad: number): number {
  return Math.min(LOOP_TARGET, Math.max(MIN_SHARE, LOOP_TARGET - answeringLoad));
}

/**
 * How long handling rests before its next message, given the computing the last one took (not its wait for photos),
 * when the last callback came, and answering's share of the loop.
 */
export function handlingRest(workMs: number, sinceArrivalMs: number, answeringLoad: number): number {
  if (sinceArrivalMs >= BUSY_WINDOW_MS) return 0;
  const share = handlingShare(answeringLoad);
  return Math.min(MAX_REST_MS, (workMs * (1 - share)) / share);
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  let running: Promise<void> | null = null;
  let again = false;
  let lastArrival = -Infinity;
  let workFrom = 0; // when the message being handled stopped waiting (for photos) and started computing

  // Group commit: the callbacks that arrive in one turn of the event loop are committed in one transaction, then all
  // answered. Each is still durable before its 200; the commit (and its WAL write) is paid once per batch, not per
  // message, which is most of what a burst costs.
  let batch: { m: InboundMessage; done: (r: 'new' | 'duplicate') => void; fail: (e: unknown) => void }[] = [];
  const commitBatch = () => {
    const b = batch;
    batch = [];
    const receivedAt = toShanghaiIso(deps.clock());
    let results: ('new' | 'duplicate')[];
    try {
      results = deps.db.transaction(() => b.map(({ m }) => (insertIfNew(deps.db, m, receivedAt) ? 'new' as const : 'duplicate' as const)))();
    } catch (err) {
      for (const x of b) x.fail(err);
      return;
    }
    b.forEach((x, i) => x.done(results[i]));
  };

  async function handle(row: InboxRow): Promise<string> {
    const roster = deps.roster();
    const person = roster.person(row.sender);
    // CONTRACT §1: a stranger's message is stored but creates nothing.
    if (!person) return 'unknown sender';
    const log = deps.log.child({ msgid: row.msgid, chat: row.chat ?? undefined });
    const images = JSON.parse(row.images) as InboundImage[];
    const photos = images.length
      ? await fetchPictures({ db: deps.db, source: deps.media, mediaDir: deps.mediaDir, log }, { msgid: row.msgid, sender: row.sender, chat: row.chat, at: row.time, images })
      : [];
    workFrom = performance.now();
    const now = new Date(row.time);
    const it = interpret({
      id: row.msgid, from: row.sender, chat: row.chat, time: row.time,
      msgtype: images.length ? (row.text.trim() ? 'mixed' : 'image') : 'text', text: withQuote(row.text, row.quote),
    }, roster, { botName: deps.config.botName });
    const community = (row.chat ? roster.communityOfChat(row.chat) : undefined) ?? roster.communityOfPerson(person.userid);
    const ctx: Ctx = {
      db: deps.db, roster, config: deps.config, events: deps.events, log, now, nowIso: toShanghaiIso(now), msg: row, person, community, photos,
    };
    let queued = 0;
    deps.db.transaction(() => {
      const replies = handlers[it.intent](ctx, it);
      const { out, dropped } = routeReplies({ config: deps.config, roster }, {
        msgid: row.msgid, source: row.source, chattype: row.chattype, chat: row.chat, from: row.sender, responseUrl: row.response_url,
      }, replies);
      for (const o of out) if (enqueue(deps.db, o, toShanghaiIso(deps.clock()))) queued++;
      for (const d of dropped) log.warn({ reason: d }, 'a reply had no way out');
      markDone(deps.db, row.seq, `${it.intent}${it.category ? `/${it.category}` : ''}`, toShanghaiIso(deps.clock()));
      // IMMEDIATE: take the write lock up front, so a CLI writing at the same time (a redemption confirmed by hand)
      // waits its turn instead of failing this message with SQLITE_BUSY halfway.
    }).immediate();
    log.info({ intent: it.intent, category: it.category, confidence: it.confidence, queued }, 'handled');
    if (queued) deps.onOutbound?.();
    return it.intent;
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      let last = 0;
      let work = 0; // ms the last message computed
      let load = 0; // answering's share of the loop, smoothed
      let mark = performance.eventLoopUtilization();
      for (let row = nextPending(deps.db, last); row; row = nextPending(deps.db, last)) {
        last = row.seq;
        // One message per turn of the event loop: callbacks waiting on the socket are answered first (I/O comes
        // before setImmediate in a turn), so a backlog never holds WeCom's 200.
        const wait = handlingRest(work, performance.now() - lastArrival, load);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else await new Promise((r) => setImmediate(r));
        // Whatever kept the loop busy since the last message began, less that message's own computing, was answering
        // (and sending): the callbacks it made wait were answered while handling rested.
        const u = performance.eventLoopUtilization(mark);
        const span = u.active + u.idle;
        if (span > 0) load += (Math.max(0, u.active - work) / span - load) * Math.min(1, span / LOAD_WINDOW_MS);
        mark = performance.eventLoopUtilization();
        workFrom = performance.now();
        try {
          const outcome = await handle(row);
          if (outcome === 'unknown sender') markDone(deps.db, row.seq, outcome, toShanghaiIso(deps.clock()));
        } catch (err) {
          // One bad message must not block the chat behind it; it stays in the inbox, marked, for a person to look at.
          deps.log.error({ msgid: row.msgid, err }, 'message failed');
          markFailed(deps.db, row.seq, (err as Error).message ?? String(err), toShanghaiIso(deps.clock()));
        }
        work = performance.now() - workFrom;
      }
    } while (again);
  }

  return {
    accept: (m) => new Promise((done, fail) => {
      lastArrival = performance.now();
      if (batch.push({ m, done, fail }) === 1) setImmediate(commitBatch);
    }),
    kick() {
      if (running) { again = true; return; }
      running = drain().finally(() => { running = null; });
    },
    async idle() {
      while (running) await running;
    },
  };
}
