// npm run say -- USERID "text" [--chat CHATID | --single] [--photo FILE]
// Talks to a bot started with `npm start` and no WeCom credentials: signs and encrypts an AI-bot callback with the
// throwaway keys of that run (DATA_DIR/offline-wecom.json) and posts it, as WeCom would. The answers show up in the
// bot's terminal.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadRoster } from '../src/roster/index.js';
import { offlineFile } from '../test/helpers/offline.js';
import { botCallback } from '../test/helpers/wecom-fake.js';

const { values, positionals } = parseArgs({ options: { chat: { type: 'string' }, single: { type: 'boolean', default: false } }, allowPositionals: true });
const [from, ...words] = positionals;
const text = words.join(' ');
if (!from || !text) {
  process.stderr.write('usage: npm run say -- USERID "text" [--chat CHATID | --single]\n');
  process.exit(2);
}
const dataDir = process.env.DATA_DIR?.trim() || 'data';
let off: { port: number; fake: string; botToken: string; botAesKey: string; botName: string };
try {
  off = JSON.parse(readFileSync(offlineFile(dataDir), 'utf8'));
} catch {
  process.stderr.write(`say: no offline bot found (${offlineFile(dataDir)}); start one with \`npm start\` and no WECOM_* set\n`);
  process.exit(2);
}
const roster = loadRoster(process.env.ROSTER_FILE?.trim() || 'data/roster.yaml');
const chat = values.single ? null : values.chat ?? roster.communityOfPerson(from)?.chats[0] ?? null;
const plain = {
  msgid: `say-${Date.now()}-${randomBytes(3).toString('hex')}`, aibotid: 'offline', chattype: chat ? 'group' : 'single',
  ...(chat ? { chatid: chat } : {}), from: { userid: from }, response_url: await (await fetch(`${off.fake}/_fake/response_url`)).text(), msgtype: 'text', text: { content: chat ? `@${off.botName} ${text}` : text },
};
const req = botCallback(plain, { token: off.botToken, aesKey: off.botAesKey });
const res = await fetch(`http://127.0.0.1:${off.port}/wecom/bot?${req.query}`, { method: 'POST', body: req.body });
process.stdout.write(`${roster.person(from)?.name ?? from}${chat ? ` 在 ${chat}` : ''}：${text}  → HTTP ${res.status}\n`);
