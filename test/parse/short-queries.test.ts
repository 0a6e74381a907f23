import { describe, it, expect } from 'vitest';
import { say, street2 } from './helpers.js';

// Reference time: Saturday 2026-11-28 (helpers REF). Demo roster: zhaoshuming secretary of furao, chenjianguo /
// houguifang volunteers of furao-1, shixiaohong grid worker of furao-1; street2: linfang secretary of chunhui.
const S = 'zhaoshuming', V = 'chenjianguo', V2 = 'houguifang', W = 'shixiaohong';
const WEEK = ['2026-11-23', '2026-11-29'], TODAY = ['2026-11-28', '2026-11-28'], MONTH = ['2026-11-01', '2026-11-30'];
const LAST_WEEK = ['2026-11-16', '2026-11-22'], LAST_MONTH = ['2026-10-01', '2026-10-31'];

describe('短的统计问法：时段 + 统计/情况/咋样，谁问都是查统计', () => {
  it.each([
    [S, '本周统计', WEEK],
    [S, '今天统计', TODAY],
    [S, '今日统计', TODAY],
    [S, '今天的情况', TODAY],
    [S, '这个月的统计发一下', MONTH],
    [S, '本月统计', MONTH],
    [S, '上周各网格情况', LAST_WEEK],
    [S, '上个月各网格情况', LAST_MONTH],
    [S, '11月份统计', MONTH],
    [S, '11月20号到25号的统计', ['2026-11-20', '2026-11-25']],
    [S, '最近一周情况怎么样', ['2026-11-22', '2026-11-28']],
    [S, '这周咋样', WEEK],
    [S, '上上周统计', ['2026-11-09', '2026-11-15']],
    [S, '近7天的情况', ['2026-11-22', '2026-11-28']],
    ['admin', '十月份统计', LAST_MONTH],
    [W, '本周情况', WEEK],
    [W, '今天咋样', TODAY],
    [W, '这周我巡了几次', WEEK],
    [V, '我这个月报了几件', MONTH],
    [V, '今天统计', TODAY],
    [V2, '这周咋样了', WEEK],
    [S, '这礼拜咋样', WEEK],
    [S, '上礼拜各网格的情况发群里', LAST_WEEK],
    [S, '本月工作量', MONTH],
    [S, '昨天咋样', ['2026-11-27', '2026-11-27']],
    [S, '本周新增多少', WEEK],
    [S, '近三天的情况', ['2026-11-26', '2026-11-28']],
    [S, '这周各网格巡查走访情况', WEEK],
    [S, '上周办结了几件', LAST_WEEK],
    [S, '全街道本月情况', MONTH],
  ])('%s：%s → 查统计 %j', (from, text, [rfrom, rto]) => {
    const r = say(from, text);
    expect(r.intent).toBe('query_stats');
    expect(r.range).toEqual({ from: rfrom, to: rto });
  });

  it.each([
    ['统计下'], ['月报'], ['各网格办结情况'], ['汇总一下'], ['各网格办结率'],
  ])('没说时段也是查统计：%s', (text) => {
    const r = say(S, text);
    expect(r.intent).toBe('query_stats');
    expect(r.range).toBeNull();
  });

  it('按序号点名网格：第一网格这个月（对照名册里的“富饶第一网格”）', () => {
    const r = say(S, '第一网格这个月');
    expect(r).toMatchObject({ intent: 'query_stats', scope: { grid: 'furao-1' }, range: { from: '2026-11-01', to: '2026-11-30' } });
  });

  it('点名小区：青一小区上个月', () => {
    const r = say(S, '青一小区上个月');
    expect(r).toMatchObject({ intent: 'query_stats', scope: { compound: '青一小区' }, range: { from: '2026-10-01', to: '2026-10-31' } });
  });

  it('另一条街道：第二网格上周咋样（按名册里的“春晖第二网格”）', () => {
    const r = say('linfang', '第二网格上周咋样', {}, street2);
    expect(r).toMatchObject({ intent: 'query_stats', scope: { grid: 'chunhui-2' }, range: { from: '2026-11-16', to: '2026-11-22' } });
  });
});

describe('待办和超期清单', () => {
  it.each([
    [S, '还有哪些没处理', {}],
    [S, '超期的', { overdue: true }],
    [S, '超期的有哪些', { overdue: true }],
    [S, '哪些超期了', { overdue: true }],
    [S, '第二网格未处理的', { grid: 'furao-2' }],
    [W, '我名下还有几件没办', { mine: true }],
    [W, '没办完的', {}],
    [W, '还剩几件', {}],
    [W, '我手上还有哪些', { mine: true }],
    [W, '待办的有几件', {}],
    [S, '超期工单', { overdue: true }],
    [S, '逾期未办结的', { overdue: true }],
    [S, '还有多少没处理', {}],
    [S, '还有哪些没弄的', {}],
    [S, '哪些单子还开着', {}],
  ])('%s：%s → 查工单', (from, text, scope) => {
    const r = say(from, text);
    expect(r.intent).toBe('query_tickets');
    expect(r.scope ?? {}).toMatchObject(scope);
  });

  it('“我这个月”是时段，不是“我这（名下）”', () => {
    expect(say(V, '我这个月报了几件').scope?.mine).toBeUndefined();
  });
});

describe('积分与兑换', () => {
  it.each([
    ['本月积分', false],
    ['俺的积分', false],
    ['积分', false],
    ['我的积分排第几', true],
    ['积分排名', true],
    ['本周积分排名', true],
    ['我有几分', false],
    ['我现在多少分', false],
  ])('%s → 查积分（排名 %s）', (text, ranking) => {
    const r = say(V, text);
    expect(r.intent).toBe('query_points');
    expect(r.points).toEqual({ ranking });
  });

  it.each([
    ['确认兑换', 'confirm', null],
    ['取消兑换', 'cancel', null],
    ['确认 R12', 'confirm', 12],
    ['R12 确认', 'confirm', 12],
    ['同意兑换R12', 'confirm', 12],
    ['R5 取消', 'cancel', 5],
    ['取消R5', 'cancel', 5],
    ['不同意 R7', 'cancel', 7],
    ['R3 同意', 'confirm', 3],
  ])('%s → 兑换 %s %s', (text, action, redemption) => {
    const r = say(S, text);
    expect(r.intent).toBe('redeem');
    expect(r.redeem).toMatchObject({ action, redemption });
  });

  it.each([['确认'], ['取消'], ['同意']])('光说“%s”不是兑换', (text) => {
    expect(say(S, text).intent).not.toBe('redeem');
  });
});

describe('志愿者点名工单说办好了：是办结（机器人会客气地拒绝）；没点名是随手做', () => {
  it.each([['#1 已处理', 1], ['12号工单处理好了', 12], ['3号工单弄好了', 3]])('%s → 办结 #%s', (text, ticket) => {
    const r = say(V2, text);
    expect(r.intent).toBe('resolve');
    expect(r.ticket).toBe(ticket);
  });
  it('5号楼杂物清理完了 → 随手做', () => {
    expect(say(V, '5号楼杂物清理完了')).toMatchObject({ intent: 'self_handled', category: 'clutter' });
  });
});

describe('楼号不在名册范围：小区只有一个网格就归它', () => {
  it.each([['gaozhiqiang'], [V]])('%s：富饶小区二十一号楼楼下有人私拉电线给电动车充电 → 孙丽', (from) => {
    const r = say(from, '富饶小区二十一号楼楼下有人私拉电线给电动车充电');
    expect(r).toMatchObject({ intent: 'report', category: 'ebike', location: { compound: '富饶小区', building: '21' }, grid: 'furao-3', assignee: 'sunli' });
  });
});

describe('不能把这些当成查询', () => {
  it.each([
    ['5号楼情况不太好 楼道全是垃圾', 'report'],
    ['十二栋东边那个井盖松了', 'report'],
    ['5-3-201家的狗天天半夜叫', 'report'],
    ['谢谢石姐 辛苦了', 'noise'],
    ['请问明天社区几点开门啊', 'noise'],
    ['今天天气真好', 'noise'],
    ['今天', 'noise'],
    ['今天情况不错', 'noise'],
    ['啥情况', 'noise'],
    ['这周辛苦大家了', 'noise'],
    ['月报交了吗', 'noise'],
    ['今天咋样啊石姐', 'noise'],
    ['这周六有活动吗', 'noise'],
    ['社区今天有活动', 'noise'],
    ['第一网格', 'noise'],
    ['超时了', 'noise'],
    ['今天情况特殊 我晚点到', 'noise'],
    ['上个月的事就别提了', 'noise'],
    ['统计局的人来了', 'noise'],
    ['这个月底社区要检查卫生', 'noise'],
    ['我等几分钟', 'noise'],
    ['「赵书明：明天上午九点开会」\n- - - - - - -\n收到', 'noise'],
    ['【转发】关于冬季防火的倡议书', 'noise'],
  ])('%s → %s', (text, intent) => {
    expect(say(V, text).intent).toBe(intent);
  });

  it('“还没处理呢”是催办，不是要清单', () => {
    expect(say(V, '还没处理呢').intent).not.toBe('query_tickets');
  });

  it.each([['今天巡查了', 'patrol'], ['今天都办结了', 'resolve']])('时段 + 工作词但没有问：%s → %s', (text, intent) => {
    expect(say(intent === 'resolve' ? W : V, text).intent).toBe(intent);
  });
});
