// The bot with no WeCom account: a fake WeCom on loopback, fresh keys, and a group robot for every roster chat.
// Used by `npm start` without credentials, by `npm run demo`, and by the tests.
import { writeFileSync } from 'node:fs';
import type { Config } from '../../src/config.js';
import { loadRoster } from '../../src/roster/index.js';
import { makeTestKeys, startFakeWecom, type FakeWecom, type TestKeys } from './wecom-fake.js';

export interface OfflineWecom {
  config: Config;
  fake: FakeWecom;
  keys: TestKeys;
  /** chatid → the webhook key the fake accepts for it */
  webhookKeyOf: Record<string, string>;
  close(): Promise<void>;
}

export async function startOfflineWecom(base: Config): Promise<OfflineWecom> {
  const keys = makeTestKeys();
  const roster = loadRoster(base.rosterFile);
  const chats = roster.communities.flatMap((c) => c.chats);
  const webhookKeyOf = Object.fromEntries(chats.map((c, i) => [c, `${keys.webhookKey.slice(0, -2)}${String(i).padStart(2, '0')}`]));
  const fake = await startFakeWecom({ corpId: keys.corpId, secret: keys.secret, webhookKeys: Object.values(webhookKeyOf), botAesKey: keys.botAesKey });
  const config: Config = {
    ...base,
    apiBase: fake.base,
    bot: { token: keys.botToken, aesKey: keys.botAesKey },
    app: { corpId: keys.corpId, token: keys.appToken, aesKey: keys.appAesKey, secret: keys.secret, agentId: keys.agentId },
    webhookKeys: webhookKeyOf,
    offline: true,
  };
  return { config, fake, keys, webhookKeyOf, close: () => fake.close() };
}

/** Where `npm run say` finds the offline bot: its port and the throwaway keys of this run (never real secrets). */
export const offlineFile = (dataDir: string) => `${dataDir}/offline-wecom.json`;

export function writeOfflineFile(off: OfflineWecom, port: number): void {
  const c = off.config;
  writeFileSync(offlineFile(c.dataDir), JSON.stringify({ port, fake: off.fake.base, botToken: off.keys.botToken, botAesKey: off.keys.botAesKey, botName: c.botName }, null, 2));
}

/**
 * Prints what the fake WeCom receives, as the group would see it, so someone trying `npm start` without an account
 * can watch the bot answer (`npm run say` in another terminal).
 */
export function printFakeTraffic(off: OfflineWecom, name: (userid: string) => string, out: (line: string) => void): () => void {
  const chatOf = Object.fromEntries(Object.entries(off.webhookKeyOf).map(([c, k]) => [k, c]));
  let seen = 0;
  const t = setInterval(() => {
    for (const c of off.fake.calls.slice(seen)) {
      const b = c.body as { msgtype?: string; touser?: string; text?: { content: string; mentioned_list?: string[] }; markdown?: { content: string } } | null;
      if (!b || typeof b !== 'object' || !b.msgtype) continue;
      const text = (b.text?.content ?? b.markdown?.content ?? `[${b.msgtype}]`).replace(/\n/g, '\n    ');
      const at = (b.text?.mentioned_list ?? []).map((u) => ` @${name(u)}`).join('');
      if (c.path.endsWith('/webhook/send')) out(`[群 ${chatOf[c.query.key] ?? '?'}] ${off.config.botName}：${text}${at}`);
      else if (c.path.endsWith('/message/send')) out(`[私信 ${name(b.touser ?? '')}] ${off.config.botName}：${text}`);
      else if (c.path.includes('/aibot/response')) out(`[回复] ${off.config.botName}：${text}`);
    }
    seen = off.fake.calls.length;
  }, 200);
  t.unref();
  return () => clearInterval(t);
}
