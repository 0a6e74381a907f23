// The bot with no WeCom account: a fake WeCom on loopback, fresh keys, and a group robot for every roster chat.
// Used by `npm start` without credentials, by `npm run demo`, and by the tests.
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
