// 类别正则的“首字”预筛：只在文字里有某个开头字时才试那条正则，所以首字必须算对，算不准就别算。
import { describe, expect, it } from 'vitest';
import { firstChars, fixHomophones, loadLexicon } from '../../src/parse/lexicon.js';

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

describe('改方言和同音字时，不碰本来就对的普通话', () => {
  it.each(['最近一周情况怎么样', '没什么事', '这个倾向不好', '仲裁委员会', '一楼到三楼', '嘈杂得很', '电梯坏了', '通道堵了'])('%s', (text) => {
    expect(fixHomophones(loadLexicon(), text)).toBe(text);
  });
});
