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
