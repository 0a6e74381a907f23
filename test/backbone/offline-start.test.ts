// `npm start` with no WeCom account: the real server against a fake WeCom on loopback, and `npm run say` to talk to it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const freePort = () => new Promise<number>((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => res(p)); });
});

it('没有企业微信账号也能试：npm start 起假的企业微信，npm run say 发一句，终端里看到机器人回话', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgj-offline-'));
  const port = await freePort();
  const env = { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn' };
  for (const k of Object.keys(env)) if (k.startsWith('WECOM_')) delete env[k as keyof typeof env];
  const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  bot.stdout.on('data', (b) => { out += b; });
  try {
    for (let i = 0; i < 100 && !out.includes('npm run say'); i++) await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const say = spawnSync('npx', ['tsx', 'scripts/say.ts', 'chenjianguo', '青一小区5号楼3单元楼道堆满纸箱'], { env, encoding: 'utf8' });
    expect(say.stdout).toContain('HTTP 200');
    for (let i = 0; i < 50 && !out.includes('已登记'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('[群 wrkchat-furao] 小巷管家：已登记 #1 楼道堆物 · 青一小区5号楼3单元 @石晓红');
  } finally {
    bot.kill('SIGTERM');
    await new Promise((r) => bot.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
