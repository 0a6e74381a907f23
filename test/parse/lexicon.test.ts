// 类别正则的“首字”预筛：只在文字里有某个开头字时才试那条正则，所以首字必须算对，算不准就别算。
import { describe, expect, it } from 'vitest';
import { firstChars } from '../../src/parse/lexicon.js';

describe('正则的首字', () => {
  it.each([
    ['(雪|冰).{0,8}(没人扫|没扫)', ['雪', '冰']],
    ['(?:电梯按钮|电梯门|轿厢)[^，]{0,10}关', ['电', '轿']],
    ['反水|冒水', ['反', '冒']],
    ['(a|(b|c)d)e', ['a', 'b', 'c']],
    ['(a|b)+c', ['a', 'b']],
    ['x\\|y', ['x']],
  ])('%s → %j', (src, first) => expect(firstChars(src)?.sort()).toEqual([...first].sort()));

  it.each(['(?<!x)abc', '(a|b)?c', 'a?b', '(a?b|c)', '[ab]c', '(?=a)b', '(a|[bc])d', '^a', '.a'])('%s 说不准 → null（总要试）', (src) => {
    expect(firstChars(src)).toBeNull();
  });
});
