// Composition root: config → roster → database → pipeline, outbox, schedules → HTTP. Nothing else wires things.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { createPipeline, type Pipeline } from './bot/pipeline.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createEventBus, type EventBus } from './domain/events.js';
import { weeklyChart } from './jobs/chart.js';
import { startSchedules, type Schedules } from './jobs/index.js';
import { createLogger } from './log.js';
import { createOutboxSender, type OutboxSender } from './outbox/sender.js';
import { dbFile, mediaDir } from './paths.js';
import { loadRoster, RosterError } from './roster/index.js';
import type { Roster } from './roster/types.js';
import { watchRoster } from './roster/watch.js';
import { startCheckpointer } from './store/checkpointer.js';
import { openDb, type Db } from './store/db.js';
import { registerPoints } from './points/subscriber.js';
import { createWecomClient } from './wecom/client.js';

export interface BotOptions {
  config: Config;
  log?: Logger;
  /** Injected clock: tests and the demo move time; production reads the wall clock. */
  clock?: () => Date;
  fetch?: typeof fetch;
  /** Start the outbox loop (default true). */
  sendOutbox?: boolean;
}

export interface RunningBot {
  url: string;
  server: Server;
  db: Db;
  config: Config;
  roster(): Roster;
  events: EventBus;
  pipeline: Pipeline;
  outbox: OutboxSender;
  /** Reminders, daily summary, weekly report (node-cron); `run(job, now)` runs one as the scheduler would. */
  schedules: Schedules;
  log: Logger;
  clock: () => Date;
  /** Waits until every accepted message is handled and every due outbound message has been tried. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startBot(opts: BotOptions): Promise<RunningBot> {
  const { config } = opts;
  const log = opts.log ?? createLogger(config.logLevel);
  const clock = opts.clock ?? (() => new Date());
  let roster = loadRoster(config.rosterFile);
  const rosterWatch = watchRoster({ file: config.rosterFile, log, onChange: (r) => { roster = r; } });
  const db = openDb(dbFile(config.dataDir));
  const checkpointer = startCheckpointer(db);
  const events = createEventBus();
  registerPoints(events, { roster: () => roster, log });
  const client = createWecomClient({ apiBase: config.apiBase, app: config.app, fetch: opts.fetch, log, now: clock });
  const outbox = createOutboxSender({ db, transport: client, config, log, clock });
  const pipeline = createPipeline({
    db, roster: () => roster, config, events, log, clock, mediaDir: mediaDir(config.dataDir),
    media: {
      downloadBotMedia: (url) => client.downloadBotMedia(url, config.bot?.aesKey ?? ''),
      getMedia: (id) => client.getMedia(id),
    },
    onOutbound: () => outbox.kick(),
  });
  let ready = false;
  const app = createApp({ config, log, accept: pipeline.accept, afterAccept: pipeline.kick, ready: () => ready, now: clock });
  // A slow or stuck client must not hold a socket forever (WeCom itself answers within seconds). Node only checks
  // these timeouts every connectionsCheckingInterval (default 30 s, settable only here), so check every second.
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 15_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 }, app.callback());
  server.listen(config.port, config.host);
  await new Promise<void>((res, rej) => { server.once('listening', res); server.once('error', rej); });
  const port = (server.address() as AddressInfo).port;
  // Messages committed before a crash, never handled: handle them now, in order.
  pipeline.kick();
  if (opts.sendOutbox !== false) outbox.start();
  // Also makes up a summary missed while the bot was down.
  const schedules = startSchedules({ db, roster: () => roster, config, log, clock, weeklyChart, onOutbound: () => outbox.kick() });
  ready = true;
  log.info({ port, offline: config.offline }, 'bot is listening');

  return {
    url: `http://127.0.0.1:${port}`,
    server, db, config, events, pipeline, outbox, schedules, log, clock,
    roster: () => roster,
    async settle() {
      await pipeline.idle();
      await schedules.idle();
      await outbox.drain();
      await outbox.idle();
    },
    async close() {
      ready = false;
      rosterWatch.stop();
      schedules.stop();
      outbox.stop();
      await new Promise<void>((res) => server.close(() => res()));
      server.closeAllConnections?.();
      await pipeline.idle();
      await schedules.idle();
      await outbox.idle();
      await checkpointer.stop();
      db.close();
    },
  };
}

/** `npm start`: real credentials from the environment, or a fake WeCom on loopback when none are set. */
async function cli(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) { process.stderr.write(`${err.message}\n`); process.exit(1); }
    throw err;
  }
  const log = createLogger(config.logLevel);
  let closeFake = async () => {};
  const offline = config.offline ? await import('../test/helpers/offline.js') : null;
  let off: Awaited<ReturnType<NonNullable<typeof offline>['startOfflineWecom']>> | null = null;
  let bot: RunningBot;
  try {
    off = offline ? await offline.startOfflineWecom(config) : null;
    if (off) {
      config = off.config;
      closeFake = off.close;
      log.warn({ fakeWecom: config.apiBase }, 'no WeCom credentials set: talking to a fake WeCom on loopback (see README, 真实部署)');
    }
    bot = await startBot({ config, log });
  } catch (err) {
    // A roster fault is the operator's to fix: the faults with their lines, no stack trace, and a non-zero exit.
    if (err instanceof RosterError) { process.stderr.write(`${err.message}\n`); process.exit(1); }
    throw err;
  }
  if (offline && off) {
    // Trying it without an account: `npm run say -- USERID "…"` in another terminal; the answers show up here.
    offline.writeOfflineFile(off, Number(new URL(bot.url).port));
    offline.printFakeTraffic(off, (u) => bot.roster().person(u)?.name ?? u, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`离线试用：另开一个终端运行  npm run say -- chenjianguo "青一小区5号楼3单元楼道堆满纸箱"\n`);
  }
  const stop = async () => {
    log.info('shutting down');
    await bot.close();
    await closeFake();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.TZ ||= 'Asia/Shanghai';
  cli().catch((err) => { process.stderr.write(`fatal: ${(err as Error).stack ?? err}\n`); process.exit(1); });
}
