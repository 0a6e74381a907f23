import { describe, it, expect } from 'vitest';
import { respellPlaceNames, respellTerms } from '../../src/parse/sound.js';
import { loadLexicon } from '../../src/parse/lexicon.js';
import { say, street5 } from './helpers.js';

// 锦绣家园 (alias 锦绣) and 槐树胡同 (alias 槐胡同) are street5's; the recogniser writes them by their sound.
describe('语音把小区名写成了同音字', () => {
  it.each([
    ['巡查打卡 金秀家园一到十号楼 都正常', '锦绣家园'],
    ['怀树胡同23号院门口堆满了砖头', '槐树胡同'],
    ['金秀5号楼门口垃圾没人收', '锦绣家园'],
  ])('%s → %s', (text, compound) => {
    expect(say('gengxiumei', text, {}, street5).location?.compound).toBe(compound);
  });

  it('写对了的名字不动，别的字也不动', () => {
    expect(respellPlaceNames('锦绣家园3号楼 金秀的衣服掉下来了', street5)).toBe('锦绣家园3号楼 金秀的衣服掉下来了');
  });

  it('两个字的同音词后面不跟楼号，不当成小区（今天、金秀这些话照常说）', () => {
    expect(respellPlaceNames('金秀说今天晚上去跳舞', street5)).toBe('金秀说今天晚上去跳舞');
  });

  it('三个字以上的同音词至少得有一个字对上，免得整句凑巧同音', () => {
    expect(respellPlaceNames('怀树湖同', street5)).toBe('槐树胡同');
    expect(respellPlaceNames('坏数互通', street5)).toBe('坏数互通');
  });

  it('口音里分不清的音（n/l、平翘舌、前后鼻音）也算同音', () => {
    expect(respellPlaceNames('静绣家园8号楼', street5)).toBe('锦绣家园8号楼');
    expect(respellPlaceNames('槐素胡同5号院', street5)).toBe('槐树胡同5号院');
  });

  it('别名写对了、后半截写成同音字，整个名字算数', () => {
    expect(respellPlaceNames('锦绣家圆8号楼', street5)).toBe('锦绣家园8号楼');
  });
});

// 语音把要紧的词写成了同音字：电梯写成电体、灭火器写成灭火其。列在词库 by_sound 里的词，有一个字对上、别的字同音，就改回来。
describe('语音把要紧的词写成了同音字', () => {
  const terms = loadLexicon().soundTerms;

  it.each([
    ['电体不动了 关里头一个老太太', '电梯不动了 关里头一个老太太'],
    ['灭火其都过期了', '灭火器都过期了'],
    ['下水到反水 一股味', '下水道反水 一股味'],
    ['井该没了 晚上要出事', '井盖没了 晚上要出事'],
  ])('%s', (text, fixed) => {
    expect(respellTerms(text, terms)).toBe(fixed);
  });

  it('一个字都对不上的不改，本来就是别的词的也不在词表里', () => {
    expect(respellTerms('点题说得好', terms)).toBe('点题说得好');
    expect(respellTerms('一楼到三楼 几分钟就走完了', terms)).toBe('一楼到三楼 几分钟就走完了');
  });

  it('改回来以后读得出是什么问题、在哪', () => {
    const got = say('baifuxiang', '光明里7号楼电体不动了 卡在五楼 大伙都上不去', {}, street5);
    expect(got.intent).toBe('report');
    expect(got.category).toBe('facility');
    expect(got.location?.building).toBe('7');
  });
});
