import { describe, it, expect } from 'vitest';
import { say, street3 } from './helpers.js';

// The third street (test/fixtures/rosters/street3.yaml): liufengying volunteer of lj-1 (丽景苑), sunbaoshan volunteer of
// lj-2 (东方花园 1-12), zhaodeming volunteer of hpl-2 (和平里 21-40 and 3号院 A-F座), wangguilan volunteer of hpl-1
// (和平里 1-20); grid workers wangfang (lj-1), chenhao (lj-2), zhangmin (hpl-2).
const s3 = (from: string, text: string) => say(from, text, {}, street3);
const V = 'liufengying', W = 'wangfang';

describe('第三条街道：只换名册', () => {
  it.each([
    ['3号院B座楼顶有人搭了个彩钢房', { compound: '3号院', building: 'B' }, 'zhangmin'],
    ['三号院C座二单元楼道里全是纸箱子', { compound: '3号院', building: 'C', unit: '2' }, 'zhangmin'],
    ['A座门口的消防栓箱门掉了', { building: 'A' }, 'zhangmin'],
    ['东方花园二期十八号楼门口的井盖翘起来了', { compound: '东方花园', building: '18' }, 'yangli'],
    ['二十六号楼前面那条道的路灯坏了', { building: '26' }, 'zhangmin'],
  ])('%s', (text, loc, assignee) => {
    const r = s3('wangguilan', text);
    expect(r.intent).toBe('report');
    expect(r.location).toMatchObject(loc);
    expect(r.assignee).toBe(assignee);
  });
  it('两个小区都有的楼号：发消息人自己网格的那个小区', () => {
    expect(s3('sunbaoshan', '五号楼一单元楼道里有辆电瓶车插着线充电').assignee).toBe('chenhao');
    expect(s3(V, '5-2-302家往楼下漏水 两家吵起来了').assignee).toBe('wangfang');
  });
});

describe('第四批留出集里学到的说法', () => {
  it.each([
    ['有户人家把电瓶车推电梯里往楼上带', 'ebike'],
    ['天天有人骑电动车进电梯 电梯里一股焦味', 'ebike'],
    ['楼前那条道结了一层冰 得撒点盐', 'sanitation'],
    ['单元门口有人泼了一地剩菜汤 都冻成冰了', 'sanitation'],
    ['一楼那家把阳台往外扩了一大块 用砖砌的', 'illegal_build'],
    ['3号楼有人在楼后头扩建了一间小房', 'illegal_build'],
    ['有个老太太说找不着家了 坐在门口哭 快来人', 'assistance'],
    ['张大爷家孩子都在外地 老两口想申请居家养老的助餐', 'assistance'],
  ])('%s → %s', (text, category) => {
    const r = s3(V, text);
    expect(r.intent).toBe('report');
    expect(r.category).toBe(category);
  });

  it.each([
    ['#41 好了', 41], ['#7 弄好了', 7], ['12号工单 好了', 12],
  ])('网格员 %s → 办结', (text, ticket) => {
    const r = s3(W, text);
    expect(r.intent).toBe('resolve');
    expect(r.ticket).toBe(ticket);
  });
  it.each([
    ['5号楼电瓶车那家沟通了 车推出去了'],
    ['楼道里那袋垃圾我给扔垃圾桶了'],
  ])('网格员 %s → 办结；志愿者 → 随手做', (text) => {
    expect(s3(W, text).intent).toBe('resolve');
    expect(s3(V, text).intent).toBe('self_handled');
  });
  it.each([
    ['23号工单已报路灯所 先拉了警戒带', 'escalated'],
    ['水箱的事已经报给房管所了', 'escalated'],
    ['收到 厂家明天来换主板', 'in_progress'],
    ['已联系 下午来人装新的', 'in_progress'],
  ])('网格员 %s → 进展', (text, kind) => {
    const r = s3(W, text);
    expect(r.intent).toBe('progress');
    expect(r.progress).toBe(kind);
  });
  it('引用网格员的办结，又推进去了 → 重开', () => {
    const r = say('sunbaoshan', '昨天晚上又推进去了 还在楼道里充呢', { text: '「陈浩：5号楼电瓶车那家已经沟通了 车推出去了」\n- - - - - - -\n昨天晚上又推进去了 还在楼道里充呢' }, street3);
    expect(r.intent).toBe('reopen');
    expect(r.location?.building).toBe('5');
  });
  it.each([
    ['六号楼二单元有户人家把旧沙发旧床垫全搬到楼道里了 说过完年再扔', 'clutter'],
    ['有人把电动车推到楼道里了 还插着电', 'ebike'],
    ['装修那家把水泥沙子都堆到单元门口了', 'construction_waste'],
  ])('搬到楼道里了是问题本身，不是处理完：%s', (text, category) => {
    const r = s3(V, text);
    expect(r.intent).toBe('report');
    expect(r.category).toBe(category);
  });
  it.each([
    ['6号楼楼道灯坏了 我让我儿子来帮着换了个灯泡 现在亮了'],
    ['门口的冰我叫老伴来帮着铲干净了'],
  ])('让家里人帮着弄好的是随手做：%s', (text) => {
    expect(s3(V, text).intent).toBe('self_handled');
  });
  it.each([
    ['前几天王芳处理的那个电梯 现在好好的 居民都说好'],
    ['楼道清干净以后 邻居们都挺满意'],
    ['谁家的猫丢了 橘色的 有人看见没'],
    ['明天几点开会来着'],
  ])('不是上报：%s', (text) => {
    expect(s3(V, text).intent).toBe('noise');
  });
  it('居民说的是毛病就不是表扬', () => {
    expect(s3(V, '电梯到现在还没修好 老人都下不了楼').intent).not.toBe('noise');
    expect(s3(V, '居民都说楼道灯坏了好几天了 黑咕隆咚的').intent).toBe('report');
  });
  it.each([
    ['二十九号楼501跟601为了空调外机吵了 我去劝了 没劝住 还是得社区出面'],
    ['楼道鞋柜那两家我说了半天 谈不拢 你们来管管吧'],
  ])('没劝住的调解是上报：%s', (text) => {
    const r = s3('zhaodeming', text);
    expect(r.intent).toBe('report');
    expect(r.category).toBe('dispute');
  });
  it('劝好了的仍是调解', () => {
    expect(s3('zhaodeming', '二十九号楼两家为空调外机吵架 我出面劝了半天 总算和好了').intent).toBe('mediation');
  });
  it.each([
    ['铁宿六号楼楼顶有人养鸽子 搭了好大一个笼子', 'illegal_build'],
    ['楼上那家天天半夜拖椅子 楼下老人睡不着', 'dispute'],
  ])('%s → %s', (text, category) => {
    expect(s3('hujianhua', text).category).toBe(category);
  });
  it('又拖椅子了：没指明哪张单子，是新的一次上报；指明了工单，才是问题又回来了', () => {
    expect(s3(V, '丽景7号楼楼上那家又拖椅子了 楼下老人又来找我了').intent).toBe('report');
    expect(s3(V, '#12 丽景7号楼楼上那家又拖椅子了 楼下老人又来找我了').intent).toBe('reopen');
  });
});

describe('上礼拜一共：一共不是周一', () => {
  const ask = (text: string) => say('majun', text, { time: '2026-12-07T08:40:00+08:00' }, street3);
  it.each([
    ['上礼拜一共报了几件', '2026-11-30', '2026-12-06'],
    ['上周一共办结多少', '2026-11-30', '2026-12-06'],
    ['这周一直没办结的工单', '2026-12-07', '2026-12-13'],
    ['上周一报了几件', '2026-11-30', '2026-11-30'],
  ])('%s', (text, from, to) => {
    expect(ask(text).range).toEqual({ from, to });
  });
});
