// 消息像潮水一样涌来时，先回企业微信的 200（晚了它会重发），再慢慢处理；平时一刻也不等。
import { describe, expect, it } from 'vitest';
import { handlingRest, handlingShare } from '../../src/bot/pipeline.js';

describe('先应答，后处理', () => {
  it('平时（上一条回调已是几毫秒前）处理一条接一条，不歇', () => {
    expect(handlingRest(0.8, 5, 0.9)).toBe(0);
    expect(handlingRest(0.8, 3_000, 0.9)).toBe(0);
  });

  it('回调不多（应答只占一点时间）时，处理拿走剩下的大半，积压跟得上', () => {
    expect(handlingShare(0.05)).toBeCloseTo(0.75);
    // 干 1 毫秒，歇三分之一毫秒：一秒能处理七百多条，远多于进来的
    expect(handlingRest(1, 0.2, 0.05)).toBeCloseTo(1 / 3);
  });

  it('回调把事件循环占满时，处理只留一点份额：干 1 毫秒，歇 49 毫秒', () => {
    expect(handlingShare(0.85)).toBeCloseTo(0.02);
    expect(handlingRest(1, 0.2, 0.85)).toBeCloseTo(49);
  });

  it('应答几乎不占时间时，处理的份额也不超过八成，给突然来的回调留着', () => {
    expect(handlingShare(0)).toBeCloseTo(0.8);
    expect(handlingRest(1, 0.2, 0)).toBeCloseTo(0.25);
  });

  it('一条很重的消息之后，歇得有上限：潮水退了，最后几条不会久等', () => {
    expect(handlingRest(30, 0.2, 0.9)).toBe(250);
  });
});
