import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('npm run demo：离线跑一个早上，打印群聊和台账，退出码0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgj-demo-'));
  try {
    const r = spawnSync('npx', ['tsx', 'scripts/demo.ts'], { encoding: 'utf8', env: { ...process.env, DATA_DIR: dir }, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('已登记 #1 楼道堆物 · 青一小区5号楼3单元 @石晓红');
    expect(r.stdout).toContain('#1 已办结');
    expect(r.stdout).toMatch(/"id":1,"kind":"ticket".*"status":"resolved".*"photos":1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
