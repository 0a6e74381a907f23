// The whole bot on loopback, as WeCom would see it: a temp DATA_DIR with a real SQLite file, the real koa server,
// the fake WeCom, and a movable clock. `say` sends a really signed, encrypted AI-bot callback and waits until the bot
// has handled it and sent what it had to say.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { ledgerRows, type LedgerRow } from '../../src/store/ledger.js';
import { startOfflineWecom, type OfflineWecom } from './offline.js';
import { appCallback, botCallback, type FakeCall } from './wecom-fake.js';

export const DEMO_ROSTER = resolve(import.meta.dirname, '../../data/roster.yaml');

export interface Clock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function movableClock(startIso: string): Clock {
  let t = Date.parse(startIso);
  return { now: () => new Date(t), set: (iso) => { t = Date.parse(iso); }, advance: (ms) => { t += ms; } };
}

export interface SayOptions {
  /** Group chat id; default the sender's community's first chat. null = one-to-one with the AI bot. */
  chat?: string | null;
  images?: Buffer[];
  /** The text of the message being quoted. */
  quote?: string;
  msgid?: string;
  /** Don't wait for the bot to finish. */
  noWait?: boolean;
}

export interface GroupLine {
  chat: string;
  text: string;
  mentions: string[];
  kind: 'text' | 'image' | 'markdown';
}

export interface Harness {
  bot: RunningBot;
  off: OfflineWecom;
  clock: Clock;
  dataDir: string;
  config: Config;
  say(from: string, text: string, o?: SayOptions): Promise<{ status: number; msgid: string; body: string }>;
  appSay(from: string, xmlBody: { text?: string; mediaId?: string; msgid?: string }): Promise<{ status: number; msgid: string }>;
  post(path: string, query: string, body: string): Promise<{ status: number; body: string }>;
  /** Everything the bot posted into groups (group robot), in order. */
  group(chat?: string): GroupLine[];
  /** One-to-one messages the app sent: [userid, text]. */
  dms(): { to: string; text: string }[];
  responses(): FakeCall[];
  ledger(): LedgerRow[];
  /** Stops the bot (as a crash or deploy would), runs `between` on the stopped state, starts it again on the same DATA_DIR. */
  restart(between?: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(o: { roster?: string; now?: string; env?: Record<string, string>; dataDir?: string } = {}): Promise<Harness> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'xxgj-'));
  const base = loadConfig({ DATA_DIR: dataDir, ROSTER_FILE: o.roster ?? DEMO_ROSTER, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...o.env });
  const off = await startOfflineWecom(base);
  const clock = movableClock(o.now ?? '2026-11-28T08:00:00+08:00');
  const log = createLogger(base.logLevel);
  let bot = await startBot({ config: off.config, log, clock: clock.now });
  let seq = 0;

  const post = async (path: string, query: string, body: string) => {
    const r = await fetch(`${bot.url}${path}?${query}`, { method: 'POST', body, headers: { 'content-type': path.endsWith('bot') ? 'application/json' : 'text/xml' } });
    return { status: r.status, body: await r.text() };
  };

  const h: Harness = {
    get bot() { return bot; },
    off, clock, dataDir, config: off.config,
    async say(from, text, so = {}) {
      const roster = bot.roster();
      const chat = so.chat === undefined ? roster.communityOfPerson(from)?.chats[0] ?? null : so.chat;
      const msgid = so.msgid ?? `m${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(3).toString('hex')}`;
      const content = chat ? `@${off.config.botName} ${text}` : text;
      const images = (so.images ?? []).map((b) => off.fake.addBotMedia(b));
      const plain: Record<string, unknown> = {
        msgid, aibotid: 'aibot-test', chattype: chat ? 'group' : 'single', from: { userid: from }, response_url: off.fake.responseUrl(),
        ...(chat ? { chatid: chat } : {}),
      };
      if (images.length) {
        plain.msgtype = 'mixed';
        plain.mixed = { msg_item: [...(text ? [{ msgtype: 'text', text: { content } }] : []), ...images.map((url) => ({ msgtype: 'image', image: { url } }))] };
      } else {
        plain.msgtype = 'text';
        plain.text = { content };
      }
      if (so.quote) plain.quote = { msgtype: 'text', text: { content: so.quote } };
      const req = botCallback(plain, { token: off.keys.botToken, aesKey: off.keys.botAesKey, timestamp: String(Math.floor(clock.now().getTime() / 1000)) });
      const r = await post('/wecom/bot', req.query, req.body);
      if (!so.noWait) await bot.settle();
      return { ...r, msgid };
    },
    async appSay(from, m) {
      const msgid = m.msgid ?? String(BigInt(Date.now()) * 1000n + BigInt(seq++));
      const ts = Math.floor(clock.now().getTime() / 1000);
      const body = m.mediaId
        ? `<xml><ToUserName><![CDATA[${off.keys.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://127.0.0.1/x.jpg]]></PicUrl><MediaId><![CDATA[${m.mediaId}]]></MediaId><MsgId>${msgid}</MsgId><AgentID>${off.keys.agentId}</AgentID></xml>`
        : `<xml><ToUserName><![CDATA[${off.keys.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${m.text ?? ''}]]></Content><MsgId>${msgid}</MsgId><AgentID>${off.keys.agentId}</AgentID></xml>`;
      const req = appCallback(body, { token: off.keys.appToken, aesKey: off.keys.appAesKey, corpId: off.keys.corpId, timestamp: String(ts) });
      const r = await post('/wecom/app', req.query, req.body);
      await bot.settle();
      return { status: r.status, msgid };
    },
    post,
    group(chat) {
      const keyToChat = Object.fromEntries(Object.entries(off.webhookKeyOf).map(([c, k]) => [k, c]));
      return off.fake.sent('webhook').map((c) => {
        const b = c.body as { msgtype: string; text?: { content: string; mentioned_list?: string[] }; markdown?: { content: string } };
        return {
          chat: keyToChat[c.query.key] ?? '?', kind: b.msgtype as GroupLine['kind'],
          text: b.text?.content ?? b.markdown?.content ?? '', mentions: b.text?.mentioned_list ?? [],
        };
      }).filter((l) => !chat || l.chat === chat);
    },
    dms() {
      return off.fake.sent('app').map((c) => {
        const b = c.body as { touser: string; text?: { content: string } };
        return { to: b.touser, text: b.text?.content ?? '' };
      });
    },
    responses: () => off.fake.sent('response'),
    ledger: () => [...ledgerRows(bot.db)],
    async restart(between) {
      await bot.close();
      await between?.();
      bot = await startBot({ config: off.config, log, clock: clock.now });
      await bot.settle();
    },
    async close() {
      await bot.close();
      await off.close();
      if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}
