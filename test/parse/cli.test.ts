import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { here, HELDOUT, STREET2_ROSTER } from './helpers.js';

const REPO = here('../..');

function run(input: string, tz: string, args: string[] = ['--roster', STREET2_ROSTER]) {
  return spawnSync('npx', ['tsx', 'scripts/interpret.ts', ...args], {
    cwd: REPO, input, encoding: 'utf8', timeout: 60_000, env: { ...process.env, TZ: tz },
  });
}

describe('命令行 interpret', () => {
  const lines = readFileSync(HELDOUT, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const { expect: _e, ...m } = JSON.parse(l);
    return JSON.stringify(m);
  });
  const input = lines.join('\n') + '\n';

  it.each(['UTC', 'America/New_York', 'Asia/Shanghai'])('TZ=%s：每行输入一行 JSON，顺序不变，结果与时区无关', (tz) => {
    const r = run(input, tz);
    expect(r.status).toBe(0);
    const out = r.stdout.split('\n').filter((l) => l !== '');
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(out).toHaveLength(lines.length);
    const parsed = out.map((l) => JSON.parse(l));
    expect(parsed.map((o) => o.id)).toEqual(lines.map((l) => JSON.parse(l).id));
    const h43 = parsed.find((o) => o.id === 'h43');
    expect(h43.range).toEqual({ from: '2026-12-01', to: '2026-12-04' });
    const h48 = parsed.find((o) => o.id === 'h48');
    expect(h48.observed_at).toMatch(/^2026-12-04T\d\d:\d\d:00\+08:00$/);
  });

  it('坏的 JSON 行输出一行错误，保持对齐', () => {
    const r = run('{"id":"a","from":"wangxiuying","time":"2026-12-02T08:00:00+08:00","text":"收到"}\nnot json\n{"id":"b","from":"lijun","time":"2026-12-02T08:00:00+08:00","text":"#3 已处理"}\n', 'UTC');
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ id: 'a', intent: 'noise' });
    expect(out[1]).toMatchObject({ id: null });
    expect(out[1].error).toBeTruthy();
    expect(out[2]).toMatchObject({ id: 'b', intent: 'resolve', ticket: 3 });
    expect(r.stderr).toMatch(/line 2/);
  });

  it('名册有问题时拒绝运行，stdout 为空', () => {
    const r = run('{"id":"a","from":"x","time":"2026-12-02T08:00:00+08:00","text":"hi"}\n', 'UTC', ['--roster', here('../fixtures/rosters/broken.yaml')]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/broken\.yaml:47/);
  });
});
