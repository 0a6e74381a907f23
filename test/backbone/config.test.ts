import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const KEY = 'a'.repeat(43);

describe('配置：启动时读一次，所有问题一起报', () => {
  it('什么都不设：用默认值，连假的企业微信', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe('data');
    expect(c.rosterFile).toBe('data/roster.yaml');
    expect(c.apiBase).toBe('https://qyapi.weixin.qq.com');
    expect(c.offline).toBe(true);
    expect(c.bot).toBeNull();
    expect(c.app).toBeNull();
  });

  it('设全了：每样都读到', () => {
    const c = loadConfig({
      PORT: '8080', DATA_DIR: '/var/x', ROSTER_FILE: '/etc/r.yaml', WECOM_API_BASE: 'http://127.0.0.1:9/',
      WECOM_BOT_TOKEN: 't', WECOM_BOT_AES_KEY: KEY,
      WECOM_CORP_ID: 'ww1', WECOM_APP_TOKEN: 't2', WECOM_APP_AES_KEY: KEY, WECOM_APP_SECRET: 's', WECOM_APP_AGENT_ID: '1000002',
      WECOM_WEBHOOK_KEYS: 'wrkchat-a=abc-123, wrkchat-b=def-456',
    });
    expect(c.port).toBe(8080);
    expect(c.apiBase).toBe('http://127.0.0.1:9');
    expect(c.bot).toEqual({ token: 't', aesKey: KEY });
    expect(c.app?.agentId).toBe('1000002');
    expect(c.webhookKeys).toEqual({ 'wrkchat-a': 'abc-123', 'wrkchat-b': 'def-456' });
    expect(c.offline).toBe(false);
  });

  it('缺的、错的一次全报出来，按名字', () => {
    let err: ConfigError | undefined;
    try {
      loadConfig({
        PORT: 'eighty', WECOM_BOT_TOKEN: 't', WECOM_CORP_ID: 'ww1', WECOM_APP_AES_KEY: 'short',
        WECOM_WEBHOOK_KEYS: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', DAILY_SUMMARY_TIME: '25:00',
      });
    } catch (e) { err = e as ConfigError; }
    expect(err).toBeInstanceOf(ConfigError);
    const text = err!.faults.join('\n');
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/WECOM_BOT_AES_KEY/);
    expect(text).toMatch(/WECOM_APP_TOKEN.*WECOM_APP_SECRET.*WECOM_APP_AGENT_ID/);
    expect(text).toMatch(/WECOM_WEBHOOK_KEYS/);
    expect(text).toMatch(/DAILY_SUMMARY_TIME/);
    expect(err!.faults.length).toBeGreaterThanOrEqual(5);
    // A key pasted whole must not be echoed back into logs.
    expect(text).not.toContain('key=abc');
  });

  it('进程以非零退出，并列出每个问题', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('npx', ['tsx', 'src/main.ts'], { encoding: 'utf8', env: { ...process.env, PORT: 'x', WECOM_BOT_TOKEN: 't' }, timeout: 30_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/WECOM_BOT_AES_KEY/);
  });
});

describe('名册写错了：服务不启动，每个问题带行号', () => {
  it('npm start 退出码非零，列出行号，不打印堆栈', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'xxgj-roster-'));
    const file = join(dir, 'roster.yaml');
    writeFileSync(file, 'street: x\ncommunities:\n  - id: BAD ID\n    name: a\n    chats: []\n    secretaries: [nobody]\n    compounds: []\ngrids: []\npeople:\n  - { userid: a, name: A, role: boss }\n');
    const env = { ...process.env, ROSTER_FILE: file, DATA_DIR: dir, PORT: '0' };
    const r = spawnSync('npx', ['tsx', 'src/main.ts'], { encoding: 'utf8', env, timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}:3: community id "BAD ID"`);
    expect(r.stderr).toContain(`${file}:10: person a: unknown role "boss"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
