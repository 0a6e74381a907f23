// 老人家一句话分几条说：先说问题，过一会儿补地点、改地点；邻居回一句「同上」。单看这一条读不出是什么问题，
// 所以只标成「补充」，由机器人接到刚开的那一单上（test/loop/closed-loop.test.ts 里有整个过程）。
import { describe, expect, it } from 'vitest';
import { say } from './helpers.js';

describe('只补一个地点、改一个地点、说一句同上', () => {
  it.each([
    ['在青一小区18号楼2单元', 'place', { compound: '青一小区', building: '18', unit: '2' }],
    ['就在8号楼门口', 'place', { building: '8' }],
    ['不是8号 是6号 看岔了', 'correction', { building: '6' }],
    ['说错了 应该是5单元', 'correction', { unit: '5' }],
    ['一样的问题 12号楼也是', 'same', { building: '12' }],
    ['同上 我也看见了', 'same', null],
  ])('%s → %s', (text, kind, place) => {
    const it = say('chenjianguo', text);
    expect(it.intent).toBe('report');
    expect(it.followUp).toBe(kind);
    expect(it.category).toBeNull();
    if (place) expect(it.location).toMatchObject(place);
  });

  it.each(['好的', '是的', '我在家呢', '收到 谢谢', '8号楼的老王今天过生日', '哈哈 我也是'])('闲话不算：%s', (text) => {
    expect(say('chenjianguo', text).followUp ?? null).toBeNull();
  });

  it('网格员说「在8号楼」是在说自己在哪，不是补地点', () => {
    expect(say('shixiaohong', '在8号楼').intent).not.toBe('report');
  });

  it('引用邻居的反映说「我也看到了」只是附和：那一条本身就是工单', () => {
    const it = say('houguifang', '「陈建国：青一小区5号楼楼道堆满纸箱」\n- - - - - - -\n我也看到了');
    expect(it.intent).toBe('noise');
  });
});

// 引用邻居的话再回一句：回的是什么，要带着被引用的那句一起读。
describe('回邻居的话', () => {
  const quote = (who: string, text: string, reply: string) => `「${who}：${text}」\n- - - - - - -\n${reply}`;

  it('「不是8号楼 是18号楼」：同一个问题，地点改对了', () => {
    const it = say('houguifang', quote('陈建国', '青一小区8号楼门口堆了一堆装修的碎砖头', '老陈你记岔了 不是8号楼 是18号楼 8号楼门口干干净净的'));
    expect(it).toMatchObject({ intent: 'report', category: 'construction_waste' });
    expect(it.location?.building).toBe('18');
    expect(it.assignee).toBe('wanglei');
  });

  it('「不止5号楼 7号楼也有」：同样的问题在另一栋楼，单独算一件', () => {
    const it = say('houguifang', quote('陈建国', '青一小区5号楼有人从窗户里扯线给电动车充电', '不止5号楼 7号楼一楼那家也从窗户扯了根线出来'));
    expect(it).toMatchObject({ intent: 'report', category: 'ebike' });
    expect(it.location?.building).toBe('7');
  });

  it('网格员说「已处理」，志愿者回「还是臭」：没弄好，重开', () => {
    const it = say('chenjianguo', quote('石晓红', '#63 已处理 5号楼化粪池已经清掏完了', '我刚从那过来 5号楼那块还是臭 井盖边上还往外冒水'));
    expect(it).toMatchObject({ intent: 'reopen', ticket: 63 });
  });

  it('回的话只说情况，没说是什么问题：类别跟着被引用的那句', () => {
    const it = say('houguifang', quote('陈建国', '青一小区8号楼楼道声控灯坏了好几盏', '一单元到三单元全不亮 晚上下楼全靠手机照着 老年人摔了可咋整'));
    expect(it).toMatchObject({ intent: 'report', category: 'facility' });
    expect(it.location).toMatchObject({ building: '8', unit: '1' });
  });
});

describe('补一句的各种说法', () => {
  it('「我也看见了 昨天晚上就黑着呢」：同上，外加一句情况', () => {
    expect(say('houguifang', '我也看见了 昨天晚上就黑着呢').followUp).toBe('same');
  });
  it('「不是7号 是17号 我说秃噜嘴了」：改口', () => {
    const it = say('liudeshan', '不是7号 是17号 我说秃噜嘴了');
    expect(it.followUp).toBe('correction');
    expect(it.location?.building).toBe('17');
  });
  it('引用网格员的「已处理」说「还的再弄弄」：没弄好', () => {
    const it = say('chenjianguo', '「石晓红：#63 已处理 5号楼门口井盖给换了新的」\n- - - - - - -\n新换的盖子小了一圈 踩上去咣当咣当的 还的再弄弄');
    expect(it).toMatchObject({ intent: 'reopen', ticket: 63 });
  });
  it('回复里只说「10号楼」：是被引用那句说的小区的10号楼', () => {
    const it = say('houguifang', '「陈建国：富饶小区8号楼东边那盏路灯不亮好几天了」\n- - - - - - -\n你记岔了吧 不亮的那个是10号楼跟前的 8号楼的灯好着呢');
    expect(it.location).toMatchObject({ compound: '富饶小区', building: '10' });
  });
});
