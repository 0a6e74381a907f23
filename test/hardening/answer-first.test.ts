// 消息像潮水一样涌来时，先回企业微信的 200（晚了它会重发），再慢慢处理；平时一刻也不等。
import { describe, expect, it } from 'vitest';
import { handlingRest } from '../../src/bot/pipeline.js';

describe('先应答，后处理', () => {
  it('平时（上一条回调已是几毫秒前）处理一条接一条，不歇', () => {
    expect(handlingRest(0.8, 5)).toBe(0);
    expect(handlingRest(0.8, 3_000)).toBe(0);
  });

  it('回调还在不断进来时，处理只占一成时间：干 1 毫秒，歇 9 毫秒', () => {
    expect(handlingRest(1, 0.2)).toBeCloseTo(9);
    expect(handlingRest(0.5, 1)).toBeCloseTo(4.5);
  });

  it('下载照片等了一秒，不算干活：歇得有上限', () => {
    expect(handlingRest(1_000, 0.2)).toBe(20);
  });
});
