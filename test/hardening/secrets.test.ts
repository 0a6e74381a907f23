// Tokens, EncodingAESKeys, the app secret, access tokens and group-robot keys never reach a log line or an HTTP answer:
// a whole day's story at LOG_LEVEL=debug — reports, closes, one-to-one app messages, WeCom failing in every way it
// can, forged callbacks — and then every byte the bot logged or answered is searched for each secret.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startBot } from '../../src/main.js';
import { DEMO_ROSTER } from '../helpers/harness.js';
import { startOfflineWecom } from '../helpers/offline.js';
import { appCallback, botCallback } from '../helpers/wecom-fake.js';

it('一整天的日志和所有回复里，找不到任何一个密钥', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xxgj-secrets-'));
  const off = await startOfflineWecom(loadConfig({ DATA_DIR: dataDir, ROSTER_FILE: DEMO_ROSTER, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' }));
  let logged = '';
  const sink = new Writable({ write(chunk, _enc, cb) { logged += String(chunk); cb(); } });
  const bot = await startBot({ config: off.config, log: createLogger('debug', sink) });
  const answers: string[] = [];
  const post = async (path: string, query: string, body: string) => {
    const r = await fetch(`${bot.url}${path}?${query}`, { method: 'POST', body });
    answers.push(`${r.status} ${await r.text()}`);
    return r.status;
  };
  const k = off.keys;
  const say = async (from: string, text: string, chat: string | null = 'wrkchat-furao') => {
    const plain = {
      msgid: `s${randomBytes(5).toString('hex')}`, aibotid: 'aibot-test', chattype: chat ? 'group' : 'single', ...(chat ? { chatid: chat } : {}),
      from: { userid: from }, response_url: off.fake.responseUrl(), msgtype: 'text', text: { content: chat ? `@小巷管家 ${text}` : text },
    };
    const req = botCallback(plain, { token: k.botToken, aesKey: k.botAesKey });
    expect(await post('/wecom/bot', req.query, req.body)).toBe(200);
    await bot.settle();
  };
  const appSay = async (from: string, text: string) => {
    const ts = Math.floor(Date.now() / 1000);
    const xml = `<xml><ToUserName><![CDATA[${k.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${ts}</CreateTime>` +
      `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${Date.now()}${randomBytes(2).readUInt16BE()}</MsgId><AgentID>${k.agentId}</AgentID></xml>`;
    const req = appCallback(xml, { token: k.appToken, aesKey: k.appAesKey, corpId: k.corpId });
    expect(await post('/wecom/app', req.query, req.body)).toBe(200);
    await bot.settle();
  };
  try {
    await say('chenjianguo', '青一小区3号楼门口垃圾堆成山了');
    await say('liudeshan', '青一小区15号楼电梯坏了');
    await say('tianshulan', '幸福家园3号楼有人乱贴小广告', null);
    await appSay('houguifang', '青一小区8号楼楼道灯坏了 晚上黑');
    await say('shixiaohong', '#1 已处理');
    await say('zhaoshuming', '本周统计');
    // WeCom misbehaving: a rejected robot key, expired and invalid tokens, a dropped connection, a 502.
    off.fake.failNext('/cgi-bin/webhook/send', 93000);
    await say('gaozhiqiang', '富饶小区5号楼下水道堵了');
    off.fake.expireTokens();
    await appSay('houguifang', '青一小区9号楼楼道堆满纸箱');
    off.fake.invalidateTokens();
    off.fake.failNext('/cgi-bin/gettoken', 40001);
    await appSay('houguifang', '我的积分');
    off.fake.dropNext('/cgi-bin/webhook/send');
    off.fake.httpErrorNext('/cgi-bin/message/send', 502);
    await say('wanglei', '#2 已处理');
    await appSay('houguifang', '青一小区10号楼墙上乱贴小广告');
    await bot.outbox.drain();
    // Forged and broken callbacks, whose answers must not echo anything either.
    const good = botCallback({ msgid: 'x', msgtype: 'text', from: { userid: 'a' }, text: { content: 'x' } }, { token: k.botToken, aesKey: k.botAesKey });
    await post('/wecom/bot', good.query.replace(/msg_signature=\w+/, 'msg_signature=' + '1'.repeat(40)), good.body);
    await post('/wecom/bot', good.query, '{"encrypt":"%%%"}');
    await post('/wecom/app', good.query, `<xml><Encrypt><![CDATA[${k.appAesKey}]]></Encrypt></xml>`);
    await post('/wecom/bot', `msg_signature=a&timestamp=1&nonce=2&token=${k.botToken}`, JSON.stringify({ encrypt: k.botAesKey }));
    const verify = await fetch(`${bot.url}/wecom/bot?msg_signature=bad&timestamp=1&nonce=2&echostr=${encodeURIComponent(k.botAesKey)}`);
    answers.push(`${verify.status} ${await verify.text()}`);
    await bot.settle();
  } finally {
    await bot.close();
    await off.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const accessTokens = off.fake.callsTo('/cgi-bin/gettoken').map((c) => (c.answer as { access_token?: string } | undefined)?.access_token).filter((t): t is string => !!t);
  const secrets = { botToken: k.botToken, botAesKey: k.botAesKey, appToken: k.appToken, appAesKey: k.appAesKey, secret: k.secret, ...off.webhookKeyOf };
  accessTokens.forEach((t, i) => { (secrets as Record<string, string>)[`access_token#${i + 1}`] = t; });
  // The story really happened: tokens were fetched (and refetched), every kind of send was made, errors were logged.
  expect(accessTokens.length).toBeGreaterThanOrEqual(2);
  expect(off.fake.sent('webhook').length).toBeGreaterThan(0);
  expect(off.fake.sent('app').length).toBeGreaterThan(0);
  expect(off.fake.sent('response').length).toBeGreaterThan(0);
  expect(logged).toMatch(/"level":(40|50)/);
  expect(logged.split('\n').length).toBeGreaterThan(30);
  const leaks = Object.entries(secrets).flatMap(([name, v]) => [
    ...(logged.includes(v) ? [`${name} in the log`] : []),
    ...(answers.some((a) => a.includes(v)) ? [`${name} in an HTTP answer`] : []),
  ]);
  expect(leaks).toEqual([]);
});
