// inbox → understanding → domain → outbox. One message at a time, in the order they arrived, so the messages of a
// chat are handled in order; each message's whole effect (ticket, events, points, replies, "done") is one transaction.
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
 * handling takes at most HANDLING_SHARE of the time, resting after each message in proportion to what it took;
 * otherwise it runs flat out. At any real group's pace (a message every few seconds, a storm of a few a second)
 * nothing waits; in a flood the bot keeps answering near its peak and catches up once the flood eases.
 */
const BUSY_WINDOW_MS = 5;
const HANDLING_SHARE = 0.1;
const MAX_REST_MS = 20;

/** How long handling rests before its next message, given what the last one took and when the last callback came. */
export function handlingRest(spentMs: number, sinceArrivalMs: number): number {
  if (sinceArrivalMs >= BUSY_WINDOW_MS) return 0;
  // Capped: a message whose photo took a second to download spent that second waiting, not working.
  return Math.min(MAX_REST_MS, (spentMs * (1 - HANDLING_SHARE)) / HANDLING_SHARE);
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  let running: Promise<void> | null = null;
  let again = false;
  let lastArrival = -Infinity;

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
      let spent = 0; // ms the last message took
      for (let row = nextPending(deps.db, last); row; row = nextPending(deps.db, last)) {
        last = row.seq;
        // One message per turn of the event loop: callbacks waiting on the socket are answered first (I/O comes
        // before setImmediate in a turn), so a backlog never holds WeCom's 200.
        const wait = handlingRest(spent, performance.now() - lastArrival);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else await new Promise((r) => setImmediate(r));
        const started = performance.now();
        try {
          const outcome = await handle(row);
          if (outcome === 'unknown sender') markDone(deps.db, row.seq, outcome, toShanghaiIso(deps.clock()));
        } catch (err) {
          // One bad message must not block the chat behind it; it stays in the inbox, marked, for a person to look at.
          deps.log.error({ msgid: row.msgid, err }, 'message failed');
          markFailed(deps.db, row.seq, (err as Error).message ?? String(err), toShanghaiIso(deps.clock()));
        }
        spent = performance.now() - started;
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
