// The desk as people use it: a secretary, a grid worker, a volunteer and the admin ask the bot in WeCom, and get
// figures they are allowed to see, stated with the period and scope the bot understood.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { insertTicket } from '../../src/store/tickets.js';
import { NOW, seedWeek } from './fixture.js';

let h: Harness;
let ids: Record<string, number>;
beforeAll(async () => {
  h = await startHarness({ now: NOW });
  ids = seedWeek(h.bot.db);
});
afterAll(() => h.close());

const lastGroupText = (chat = 'wrkchat-furao') => h.group(chat).at(-1)?.text ?? '';
const lastResponse = () => {
  const b = h.responses().at(-1)?.body as { markdown?: { content: string }; text?: { content: string } } | undefined;
  return b?.markdown?.content ?? b?.text?.content ?? '';
};

describe('书记在群里查统计', () => {
  it('「本周问题统计」：先说范围和时段，再说数字', async () => {
    await h.say('zhaoshuming', '本周问题统计');
    const t = lastGroupText();
    expect(t.startsWith('富饶社区 11月23日-11月29日（本周）：')).toBe(true);
    expect(t).toContain('新报8件，已办结3件，未办结4件（超期1件）');
    expect(t).toContain('结案率38%，按期结案率67%');
    expect(t).toContain('各网格：第一网格 新报3/办结2');
    expect(t).toContain('管家工作：上报8、随手做1、巡查2、走访1、调解1');
    expect(t).not.toContain('幸福');
    expect(Buffer.byteLength(t)).toBeLessThanOrEqual(2048);
  });

  it('「第一网格这个月统计」：范围写成 富饶社区 · 第一网格', async () => {
    await h.say('zhaoshuming', '第一网格这个月统计');
    const t = lastGroupText();
    expect(t.startsWith('富饶社区 · 第一网格 11月（本月）：')).toBe(true);
    expect(t).toContain('新报4件');
    expect(t).not.toContain('各网格');
  });

  it('「青一小区上个月问题统计」：10月没有新报', async () => {
    await h.say('zhaoshuming', '青一小区上个月问题统计');
    expect(lastGroupText().split('\n').slice(0, 2)).toEqual(['富饶社区 · 青一小区 10月（上月）：', '这段时间没有新报的问题']);
  });

  it('「超期的工单」：只列超期的，等得最久的在前', async () => {
    await h.say('zhaoshuming', '超期的工单');
    const lines = lastGroupText().split('\n');
    expect(lines[0]).toBe('富饶社区 超期未办结共2件：');
    expect(lines[1]).toMatch(new RegExp(`^#${ids.T7} 环境卫生 · 富饶小区9号楼 · 18天（超期） · 孙丽$`));
    expect(lines[2]).toMatch(new RegExp(`^#${ids.T3} 楼道堆物 · 青一小区15号楼 · 3天（超期） · 王磊$`));
    expect(lines.at(-1)).toBe('共2件');
  });

  it('「还有哪些工单没处理」：矛盾纠纷只写小区，不写楼号', async () => {
    await h.say('zhaoshuming', '还有哪些工单没处理');
    const t = lastGroupText();
    expect(t.split('\n')[0]).toBe('富饶社区 未办结共5件（超期2件），等得最久的在前：');
    expect(t).toContain(`#${ids.T11} 矛盾纠纷 · 富饶小区 · 10小时 · 孙丽`);
    expect(t).toContain(`#${ids.T9} 其他 · 位置未说明 · 11小时 · 未分派`);
  });

  it('富饶的书记在幸福社区的群里问：婉拒', async () => {
    await h.say('zhaoshuming', '本周问题统计', { chat: 'wrkchat-xingfu' });
    expect(lastGroupText('wrkchat-xingfu')).toBe('您好，您只能查看富饶社区的统计。');
  });
});

describe('网格员、志愿者、管理员', () => {
  it('网格员只看到自己的网格', async () => {
    await h.say('wanglei', '上周各网格统计');
    expect(lastGroupText().startsWith('富饶社区 · 第二网格 11月16日-11月22日（上周）：')).toBe(true);
    await h.say('wanglei', '第一网格未处理的工单');
    expect(lastGroupText()).toBe('您好，您负责富饶第二网格，只能查看本网格的情况。');
  });

  it('志愿者问社区统计：给他本人的数字，并客气地说明', async () => {
    await h.say('chenjianguo', '本周问题统计');
    expect(lastGroupText()).toBe([
      '陈建国本人 11月23日-11月29日（本周）：',
      '上报问题2件（已办结1件），随手做1次，巡查2次，走访0次，调解0次',
      '您反映的问题还有1件在处理中',
      '（社区和网格的整体统计由书记、网格员查看，这里是您本人的情况，辛苦了！）',
    ].join('\n'));
  });

  it('志愿者问自己：「我这个月上报了几件」不用说明', async () => {
    await h.say('chenjianguo', '我这个月上报了几件');
    const t = lastGroupText();
    expect(t.startsWith('陈建国本人 11月（本月）：\n上报问题3件（已办结2件）')).toBe(true);
    expect(t).not.toContain('整体统计');
  });

  it('管理员私聊能看其他社区', async () => {
    await h.say('admin', '幸福社区本周问题统计', { chat: null });
    expect(lastResponse()).toContain('幸福社区 11月23日-11月29日（本周）：\n新报1件');
  });
});

describe('清单最多20行', () => {
  it('超过20件只列最早的20件，再说共几件', async () => {
    for (let i = 0; i < 20; i++) {
      insertTicket(h.bot.db, {
        community: 'furao', chat: null, grid: 'furao-3', assignee: 'sunli', reporter: 'gaozhiqiang', category: 'sanitation',
        compound: '富饶小区', building: String((i % 16) + 1), unit: null, room: null, text: `垃圾${i}`, observed_at: null,
        created_at: `2026-11-27T${String(i).padStart(2, '0')}:30:00+08:00`, due_at: '2026-12-05T00:00:00+08:00',
      });
    }
    await h.say('zhaoshuming', '还有哪些工单没处理');
    const lines = lastGroupText().split('\n');
    expect(lines).toHaveLength(22);
    expect(lines.at(-1)).toBe('共25件，以上是最早的20件');
  });
});

describe('书记就用议题里那几句话问', () => {
  it.each([
    ['本周统计', '富饶社区 11月23日-11月29日（本周）：'],
    ['上周各网格情况', '富饶社区 11月16日-11月22日（上周）：'],
    ['11月份统计', '富饶社区 11月'],
    ['第一网格这个月', '富饶社区 · 第一网格 11月（本月）：'],
    ['青一小区上个月', '富饶社区 · 青一小区 10月（上月）：'],
  ])('「%s」→ 先说明范围：%s', async (text, head) => {
    await h.say('zhaoshuming', text);
    expect(lastGroupText().startsWith(head)).toBe(true);
  });

  it.each([
    ['还有哪些没处理', '未办结共'],
    ['超期的', '超期'],
    ['第二网格未处理的', '第二网格'],
  ])('「%s」→ 列出工单', async (text, word) => {
    await h.say('zhaoshuming', text);
    const t = lastGroupText();
    expect(t).toContain(word);
    expect(t).toMatch(/#\d+/);
  });
});
