// npm run demo: a morning in a community work group, played through the real server with real signed, encrypted
// callbacks against a fake WeCom on loopback. No credentials, no network. Prints what people would see, then the 台账.
process.env.TZ ||= 'Asia/Shanghai';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { makePng } from '../test/helpers/png.js';
import type { Person } from '../src/roster/types.js';

const ROSTER = process.env.ROSTER_FILE?.trim() || 'data/roster.yaml';
const dataDir = resolve(process.env.DATA_DIR?.trim() || 'data', 'demo');
rmSync(dataDir, { recursive: true, force: true });

const h: Harness = await startHarness({ roster: ROSTER, dataDir, now: '2026-11-30T07:50:00+08:00' });
const roster = h.bot.roster();
const name = (u: string) => roster.person(u)?.name ?? u;
const botName = h.config.botName;
let seenGroup = 0, seenDm = 0, seenResp = 0;

function printBotLines(): void {
  const lines = h.group();
  for (const l of lines.slice(seenGroup)) {
    const at = l.mentions.length ? ' ' + l.mentions.map((u) => `@${name(u)}`).join(' ') : '';
    console.log(`  ${botName}：${l.kind === 'image' ? '[图片]' : l.text.replace(/\n/g, '\n      ')}${at}`);
  }
  seenGroup = lines.length;
  const resp = h.responses();
  for (const r of resp.slice(seenResp)) console.log(`  ${botName}（回复）：${JSON.stringify((r.body as { markdown?: { content: string } }).markdown?.content ?? r.body)}`);
  seenResp = resp.length;
  const dms = h.dms();
  for (const d of dms.slice(seenDm)) console.log(`  （${botName} 私信 ${name(d.to)}）${d.text.replace(/\n/g, ' / ')}`);
  seenDm = dms.length;
}

async function scene(clock: string, who: string, text: string, o: { photo?: boolean } = {}): Promise<void> {
  h.clock.set(`2026-11-30T${clock}:00+08:00`);
  console.log(`[${clock}] ${name(who)}：@${botName} ${text}${o.photo ? ' [照片]' : ''}`);
  await h.say(who, text, o.photo ? { images: [makePng()] } : {});
  printBotLines();
}

// Cast from the roster, so the demo plays on any roster: two volunteers of one community, their grid workers, its secretary.
const community = roster.communities[0];
const vols = roster.people.filter((p) => p.role === 'volunteer' && p.grid && roster.grid(p.grid)?.community === community.id);
const gridOf = (p: Person) => roster.grid(p.grid!)!;
const v1 = vols[0];
const v2 = vols.find((p) => p.grid !== v1.grid) ?? vols[1] ?? v1;
const place = (p: Person, unit: boolean) => {
  const area = gridOf(p).areas[0];
  const b = area.buildings[Math.min(4, area.buildings.length - 1)] ?? roster.compound(area.compound)!.buildings[0];
  return `${area.compound}${/^[A-Z]$/.test(b) ? `${b}座` : `${b}号楼`}${unit ? '3单元' : ''}`;
};
const secretary = community.secretaries[0];

console.log(`${roster.street} · ${community.name}工作群（演示：假的企业微信在本机，消息都经过真实的签名和加密）\n`);
await scene('07:52', v1.userid, `${place(v1, true)}楼道堆满纸箱 消防通道都堵了`, { photo: true });
await scene('08:15', v2.userid, `${place(v2, false)}门口路灯不亮了 晚上黑乎乎的 老人出门不方便`);
await scene('09:40', gridOf(v1).worker, '#1 已处理 纸箱都清走了');
await scene('10:05', secretary, '今天统计');

console.log('\n台账（npm run --silent ledger -- --format jsonl）：');
for (const r of h.ledger()) console.log(JSON.stringify(r));
await h.close();
console.log(`\n数据在 ${dataDir}；再跑一次会重新开始。`);
