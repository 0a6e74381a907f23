// 闭环：登记 → 合并 → 处理中 → 办结(带照片) → 告诉反映人 → 重开 → 再办结。全部经过真实签名的回调。
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsOf, getTicket } from '../../src/store/tickets.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { makePng } from '../helpers/png.js';
import { botCallback } from '../helpers/wecom-fake.js';

let h: Harness;
beforeEach(async () => { h = await startHarness({ now: '2026-11-30T08:00:00+08:00' }); });
afterEach(async () => { await h.close(); });

const at = (hhmm: string, day = '2026-11-30') => h.clock.set(`${day}T${hhmm}:00+08:00`);
const last = () => h.group().at(-1)!;
const ticket = (id: number) => getTicket(h.bot.db, id)!;
const photosOf = (id: number) => h.bot.db.prepare('SELECT stage FROM photos WHERE ticket_id = ? ORDER BY id').all(id) as { stage: string }[];

describe('登记：群里一句话回执，真@网格员', () => {
  it('普通问题：「已登记 #1 类别 · 位置」并@网格员', async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    expect(last()).toMatchObject({ text: '已登记 #1 楼道堆物 · 青一小区5号楼3单元', mentions: ['shixiaohong'] });
  });

  it('邻里纠纷这类敏感的：群里不说细节，细节私信给网格员', async () => {
    await h.say('chenjianguo', '青一小区3号楼502跟602因为漏水吵起来了 差点动手');
    expect(ticket(1).category).toBe('dispute');
    expect(last().text).toBe('已登记 #1，已转网格员处理');
    expect(last().text).not.toContain('漏水');
    expect(last().mentions).toEqual(['shixiaohong']);
    expect(h.dms()).toEqual([{ to: 'shixiaohong', text: expect.stringContaining('漏水吵起来') }]);
  });
});

describe('办结：只有负责的人能办结，而且从不瞎猜是哪一件', () => {
  beforeEach(async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    await h.say('houguifang', '青一小区8号楼门口路灯坏了');
  });

  it('「#1 已处理」', async () => {
    await h.say('shixiaohong', '#1 已处理 纸箱都清走了');
    expect(ticket(1)).toMatchObject({ status: 'resolved', resolved_by: 'shixiaohong' });
    expect(ticket(2).status).toBe('open');
  });

  it('引用机器人的回执说「处理好了」', async () => {
    await h.say('shixiaohong', '处理好了', { quote: '已登记 #2 设施损坏 · 青一小区8号楼' });
    expect(ticket(2).status).toBe('resolved');
    expect(ticket(1).status).toBe('open');
  });

  it('引用原来的反映说「清走了」', async () => {
    await h.say('shixiaohong', '清走了', { quote: '青一小区5号楼3单元楼道堆满纸箱' });
    expect(ticket(1).status).toBe('resolved');
  });

  it('名下有两件时只说「已处理」：列出来问是哪件，什么都不改', async () => {
    await h.say('shixiaohong', '已处理');
    expect(last().text).toContain('您有2件未办结');
    expect(last().text).toContain('#1');
    expect(last().text).toContain('#2');
    expect([ticket(1).status, ticket(2).status]).toEqual(['open', 'open']);
  });

  it('名下只剩一件时只说「已处理」就办结它', async () => {
    await h.say('shixiaohong', '#1 已处理');
    await h.say('shixiaohong', '已处理 灯换好了');
    expect(ticket(2).status).toBe('resolved');
  });

  it('办结时带的照片记为办结后照片', async () => {
    await h.say('shixiaohong', '#1 已处理', { images: [makePng(32, 32, [10, 200, 10])] });
    expect(photosOf(1)).toEqual([{ stage: 'after' }]);
  });

  it('志愿者想办结别人的单子：客气地拒绝，什么都不变', async () => {
    await h.say('houguifang', '#1 已处理');
    expect(last().text).toContain('由网格员负责');
    expect(ticket(1).status).toBe('open');
  });

  it('别的网格的网格员也不行', async () => {
    await h.say('wanglei', '#1 已处理');
    expect(ticket(1).status).toBe('open');
  });

  it('社区书记可以办结本社区的', async () => {
    await h.say('zhaoshuming', '#2 已解决');
    expect(ticket(2)).toMatchObject({ status: 'resolved', resolved_by: 'zhaoshuming' });
  });

  it('不存在的单子、别的社区的单子、已经办结的单子：说清楚，不改', async () => {
    await h.say('shixiaohong', '#99 已处理');
    expect(last().text).toBe('没有找到 #99 号工单，请核对编号');
    await h.say('tianshulan', '幸福家园3号楼楼道堆了旧沙发');
    const other = 3;
    expect(ticket(other).community).toBe('xingfu');
    await h.say('zhaoshuming', `#${other} 已处理`);
    expect(last().text).toBe(`没有找到 #${other} 号工单，请核对编号`);
    expect(ticket(other).status).toBe('open');
    await h.say('shixiaohong', '#1 已处理');
    at('09:00');
    await h.say('shixiaohong', '#1 已处理');
    expect(last().text).toContain('#1 已经在');
    expect(eventsOf(h.bot.db, 1).filter((e) => e.action === 'resolved')).toHaveLength(1);
  });

  it('重发的办结回调不会让工单动两次', async () => {
    const plain = {
      msgid: 'close-1', aibotid: 'b', chatid: 'wrkchat-furao', chattype: 'group', from: { userid: 'shixiaohong' },
      response_url: h.off.fake.responseUrl(), msgtype: 'text', text: { content: '@小巷管家 #1 已处理' },
    };
    const req = botCallback(plain, { token: h.off.keys.botToken, aesKey: h.off.keys.botAesKey });
    await h.post('/wecom/bot', req.query, req.body);
    await h.post('/wecom/bot', req.query, req.body);
    await h.bot.settle();
    expect(eventsOf(h.bot.db, 1).map((e) => e.action)).toEqual(['opened', 'resolved']);
    expect(h.group().filter((l) => l.text.includes('#1 已办结'))).toHaveLength(1);
  });
});

describe('进度：收到、马上去、已联系物业是处理中；转城管、上报街道是已上报', () => {
  beforeEach(async () => { await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱'); });

  it.each(['#1 收到', '#1 马上去', '#1 已联系物业 下午来人清'])('「%s」→ 处理中', async (text) => {
    await h.say('shixiaohong', text);
    expect(ticket(1).status).toBe('in_progress');
  });

  it.each(['#1 已转城管', '#1 上报街道了', '#1 转给市政了'])('「%s」→ 已上报，备注留着，期限不变', async (text) => {
    const due = ticket(1).due_at;
    await h.say('shixiaohong', text);
    expect(ticket(1)).toMatchObject({ status: 'escalated', due_at: due });
    expect(ticket(1).note).toContain(text.slice(3));
  });
});

describe('告诉反映人，没弄好可以重开', () => {
  beforeEach(async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    at('10:00');
    await h.say('shixiaohong', '#1 已处理 纸箱都清走了');
  });

  it('办结时@反映人：做了什么、谁做的、没弄好怎么说', async () => {
    expect(last().mentions).toEqual(['chenjianguo']);
    expect(last().text).toContain('石晓红：已处理 纸箱都清走了');
    expect(last().text).toContain('#1 还没处理');
  });

  it('反映人说「#1 还没处理」：重开，重开次数+1，再@网格员', async () => {
    at('15:00');
    await h.say('chenjianguo', '#1 还没处理 又堆上了');
    expect(ticket(1)).toMatchObject({ status: 'open', reopen_count: 1, resolved_at: null });
    expect(last().mentions).toEqual(['shixiaohong']);
    expect(h.ledger()[0]).toMatchObject({ status: 'open', reopen_count: 1 });
    expect(eventsOf(h.bot.db, 1).map((e) => e.action)).toEqual(['opened', 'resolved', 'reopened']);
  });

  it('引用办结通知说「又堆上了」也能重开', async () => {
    await h.say('houguifang', '又堆上了', { quote: h.group().at(-1)!.text });
    expect(ticket(1).status).toBe('open');
  });

  it('过了7天再说没处理：请他重新报', async () => {
    at('10:00', '2026-12-08');
    await h.say('chenjianguo', '#1 还没处理');
    expect(ticket(1).status).toBe('resolved');
    expect(last().text).toContain('超过7天');
  });
});

describe('说“修好了又坏了”，可这里最近没有办结的单：当新问题登记，不丢', () => {
  it('「说是修好了 又不亮了」找不到可重开的单 → 开新单、@网格员', async () => {
    await h.say('chenjianguo', '青一小区8号楼门口路灯前几天说是修好了 昨晚又不亮了');
    expect(h.ledger()).toHaveLength(1);
    expect(ticket(1)).toMatchObject({ status: 'open', category: 'facility', building: '8', reopen_count: 0 });
    expect(last().text).toMatch(/^已登记 #1/);
    expect(last().mentions).toEqual(['shixiaohong']);
  });

  it('没说在哪、也没有单号：还是请他带上编号', async () => {
    await h.say('chenjianguo', '说是修好了 又坏了');
    expect(h.ledger()).toHaveLength(0);
    expect(last().text).toContain('请带上编号');
  });
});

describe('工作记录：随手做、巡查、走访、调解进台账，不开单、不打扰人', () => {
  it.each([
    ['5号楼2单元门口的杂物我清理完了', 'self_handled'],
    ['巡查打卡 青一小区1到6号楼 一切正常', 'patrol'],
    ['今天走访了青一小区7号楼独居的李大爷 身体挺好', 'visit'],
    ['青一小区9号楼两家因为停车吵架 我劝和了 都握手了', 'mediation'],
  ])('「%s」→ 记录 %s', async (text, intent) => {
    await h.say('chenjianguo', text);
    const rows = h.ledger();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'record', intent, reporter: 'chenjianguo' });
    expect(last().text).toMatch(/^已记录/);
    expect(last().mentions).toEqual([]);
  });
});

describe('重复反映：合并到已有工单', () => {
  it('同一位置同一类问题：「已合并到 #1」，消息和照片并进来，反映人数+1', async () => {
    const first = await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    const second = await h.say('houguifang', '5号楼3单元楼道里全是纸箱子 过不去人', { images: [makePng()] });
    expect(last().text).toBe('已合并到 #1（已有2人反映）');
    const rows = h.ledger();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ report_count: 2, photos: 1, source_msgids: [first.msgid, second.msgid] });
  });

  it('办结不到3天又有人报同一件：也合并，并告诉他怎么说没弄好', async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    await h.say('shixiaohong', '#1 已处理');
    at('09:00', '2026-12-01');
    await h.say('houguifang', '青一小区5号楼3单元楼道堆了好多纸箱');
    expect(h.ledger()).toHaveLength(1);
    expect(last().text).toContain('已合并到 #1');
    expect(last().text).toContain('#1 还没处理');
  });

  it('别的单元、别的类别：各开各的', async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    await h.say('houguifang', '青一小区5号楼1单元楼道堆满纸箱');
    await h.say('houguifang', '青一小区5号楼3单元楼道灯不亮了');
    expect(h.ledger().map((r) => r.id)).toEqual([1, 2, 3]);
  });
});

describe('一件事分两条发：照片和文字3分钟内算一条', () => {
  it('单聊里先发照片再发文字', async () => {
    h.off.fake.addMedia('MEDIA1', { bytes: makePng(), contentType: 'image/png' });
    await h.appSay('chenjianguo', { mediaId: 'MEDIA1' });
    expect(h.dms()).toEqual([]);
    at('08:02');
    await h.appSay('chenjianguo', { text: '青一小区5号楼3单元楼道堆满纸箱' });
    expect(h.ledger()[0]).toMatchObject({ id: 1, photos: 1 });
  });

  it('先发文字再发照片：照片补到那一单', async () => {
    await h.appSay('chenjianguo', { text: '青一小区5号楼3单元楼道堆满纸箱' });
    at('08:01');
    h.off.fake.addMedia('MEDIA2', { bytes: makePng(), contentType: 'image/png' });
    await h.appSay('chenjianguo', { mediaId: 'MEDIA2' });
    expect(h.ledger()[0].photos).toBe(1);
    expect(h.dms().at(-1)).toEqual({ to: 'chenjianguo', text: '照片已加到 #1' });
  });

  it('超过3分钟的照片不算', async () => {
    h.off.fake.addMedia('MEDIA3', { bytes: makePng(), contentType: 'image/png' });
    await h.appSay('chenjianguo', { mediaId: 'MEDIA3' });
    at('08:10');
    await h.appSay('chenjianguo', { text: '青一小区5号楼3单元楼道堆满纸箱' });
    expect(h.ledger()[0].photos).toBe(0);
  });
});

describe('一件事分几条说：先说问题，再补地点、改地点；别人说「同上」', () => {
  it('先说「楼道灯坏了」没说在哪，过一会儿补「在青一小区18号楼2单元」：补到那一单，改派给那里的网格员', async () => {
    await h.say('chenjianguo', '楼道灯坏了 晚上黑咕隆咚的');
    expect(ticket(1)).toMatchObject({ building: null, assignee: 'shixiaohong' });
    at('08:05');
    await h.say('chenjianguo', '在青一小区18号楼2单元');
    expect(ticket(1)).toMatchObject({ compound: '青一小区', building: '18', unit: '2', grid: 'furao-2', assignee: 'wanglei', category: 'facility' });
    expect(last()).toMatchObject({ text: '地点已补上 #1 设施损坏 · 青一小区18号楼2单元', mentions: ['wanglei'] });
    expect(h.bot.db.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 1 });
    expect(eventsOf(h.bot.db, 1).map((e) => e.action)).toEqual(['opened', 'relocated']);
  });

  it('「不是8号 是6号 看岔了」：改掉自己刚报的那一单的楼号', async () => {
    await h.say('chenjianguo', '青一小区8号楼门口井盖没了');
    await h.say('chenjianguo', '不是8号 是6号 看岔了');
    expect(ticket(1)).toMatchObject({ building: '6', category: 'facility' });
    expect(last().text).toBe('地点已改为 #1 设施损坏 · 青一小区6号楼');
  });

  it('没说错、只说了另一栋楼：可能是另一件事，问一句，不挪单子', async () => {
    await h.say('chenjianguo', '青一小区8号楼门口井盖没了');
    await h.say('chenjianguo', '6号楼');
    expect(ticket(1).building).toBe('8');
    expect(last().text).toBe('是要反映问题吗？请说一下是什么问题、在哪个小区几号楼。');
  });

  it('半小时前没报过什么，只发个地点：问是什么问题，什么都不开', async () => {
    await h.say('chenjianguo', '在青一小区5号楼');
    expect(h.bot.db.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 0 });
    expect(last().text).toBe('是要反映问题吗？请说一下是什么问题、在哪个小区几号楼。');
  });

  it('别人说「同上 我也看见了」：算他也反映了这一件，人数+1', async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    await h.say('houguifang', '同上 我也看见了');
    expect(ticket(1).report_count).toBe(2);
    expect(last().text).toBe('已合并到 #1（已有2人反映）');
  });

  it('「一样的问题 12号楼也是」：同样的问题在另一栋楼，另开一单', async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    await h.say('houguifang', '一样的问题 12号楼也是');
    expect(ticket(2)).toMatchObject({ category: 'clutter', compound: '青一小区', building: '12', assignee: 'shixiaohong' });
  });

  it('过了半小时再说「同上」：不知道同的是哪件，问一句', async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱');
    at('08:45');
    await h.say('houguifang', '同上');
    expect(ticket(1).report_count).toBe(1);
    expect(last().text).toBe('是要反映问题吗？请说一下是什么问题、在哪个小区几号楼。');
  });
});

describe('台账：每次变动都有记录，能导出给街道', () => {
  beforeEach(async () => {
    await h.say('chenjianguo', '青一小区5号楼3单元楼道堆满纸箱', { images: [makePng()] });
    at('09:00');
    await h.say('shixiaohong', '#1 收到 马上去');
    at('10:00');
    await h.say('shixiaohong', '#1 已处理');
    await h.say('chenjianguo', '巡查打卡 青一小区1到6号楼 一切正常');
  });

  const cli = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/ledger.ts', ...args], { encoding: 'utf8', env: { ...process.env, DATA_DIR: h.dataDir, ROSTER_FILE: 'data/roster.yaml' } });

  it('每次变动：谁、什么时候、从什么到什么、哪条消息', () => {
    const evs = eventsOf(h.bot.db, 1);
    expect(evs.map((e) => [e.actor, e.action, e.from_status, e.to_status, e.at])).toEqual([
      ['chenjianguo', 'opened', null, 'open', '2026-11-30T08:00:00+08:00'],
      ['shixiaohong', 'progress', 'open', 'in_progress', '2026-11-30T09:00:00+08:00'],
      ['shixiaohong', 'resolved', 'in_progress', 'resolved', '2026-11-30T10:00:00+08:00'],
    ]);
    expect(evs.every((e) => e.msgid)).toBe(true);
    const r = cli('--ticket', '1', '--format', 'text');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('石晓红 resolved 处理中→已办结');
  });

  it('CSV：带BOM，中文表头，一行一条', () => {
    const r = cli('--format', 'csv');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('\uFEFF序号,编号,类别,日期,反映人,问题类型,位置,问题描述,责任网格员')).toBe(true);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('#1,工单,2026-11-30 08:00,陈建国,楼道堆物,青一小区5号楼3单元');
    expect(lines[1]).toContain('石晓红');
    expect(lines[1]).toContain('已办结,2026-11-30 10:00,2,1');
  });

  it('Excel：和 jsonl 同样的行', async () => {
    const out = join(h.dataDir, 'ledger.xlsx');
    expect(cli('--format', 'xlsx', '--out', out).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('台账')!;
    expect(ws.rowCount).toBe(1 + h.ledger().length);
    expect(ws.getRow(1).getCell(1).value).toBe('序号');
    expect(ws.getRow(2).getCell(2).value).toBe('#1');
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('完整的一个故事', () => {
  it('报 → 重复 → 处理中 → 带照片办结 → 告诉反映人 → 重开 → 再办结', async () => {
    await h.say('chenjianguo', '青一小区6号楼2单元一楼到三楼楼道里全是纸箱子跟旧家具 人都得侧着身子过', { images: [makePng()] });
    expect(last()).toMatchObject({ text: '已登记 #1 楼道堆物 · 青一小区6号楼2单元', mentions: ['shixiaohong'] });
    at('08:30');
    await h.say('houguifang', '青一6号楼2单元楼道堆的东西太多了');
    expect(last().text).toBe('已合并到 #1（已有2人反映）');
    at('09:00');
    await h.say('shixiaohong', '#1 收到 已联系物业');
    expect(ticket(1).status).toBe('in_progress');
    at('11:00');
    await h.say('shixiaohong', '#1 已处理 都清走了', { images: [makePng(20, 20, [0, 0, 255])] });
    expect(ticket(1).status).toBe('resolved');
    expect(last().mentions.sort()).toEqual(['chenjianguo', 'houguifang']);
    at('16:00');
    await h.say('chenjianguo', '#1 还没处理 三楼又堆上了');
    expect(ticket(1)).toMatchObject({ status: 'open', reopen_count: 1 });
    at('18:00');
    await h.say('shixiaohong', '#1 已处理 三楼也清了');
    expect(ticket(1)).toMatchObject({ status: 'resolved', reopen_count: 1 });
    expect(eventsOf(h.bot.db, 1).map((e) => e.action)).toEqual(['opened', 'merged', 'progress', 'resolved', 'reopened', 'resolved']);
    expect(photosOf(1).map((p) => p.stage)).toEqual(['before', 'after']);
  });
});
