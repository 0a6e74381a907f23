// Who may see what: secretaries their community, admins everything, grid workers their grid, volunteers themselves;
// and no community's figures ever go into another community's group.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { visibleScope, type Requested } from '../../src/desk/permissions.js';
import { loadRoster } from '../../src/roster/index.js';

const roster = loadRoster(resolve(import.meta.dirname, '../../data/roster.yaml'));
const see = (userid: string, r: Requested) => visibleScope(roster, roster.person(userid)!, r);
const FURAO = 'furao', XINGFU = 'xingfu';

describe('谁能看什么', () => {
  it.each([
    // [who, asked where, what, scope expected | refusal containing]
    ['书记在本社区群问本周统计', 'zhaoshuming', { chatCommunity: FURAO }, { community: 'furao', grid: null, compound: null }],
    ['书记问第一网格（简称）', 'zhaoshuming', { chatCommunity: FURAO, grid: '第一网格' }, { community: 'furao', grid: 'furao-1', compound: null }],
    ['书记问网格编号', 'zhaoshuming', { chatCommunity: FURAO, grid: 'furao-2' }, { community: 'furao', grid: 'furao-2', compound: null }],
    ['书记问青一小区', 'zhaoshuming', { chatCommunity: FURAO, compound: '青一' }, { community: 'furao', grid: null, compound: '青一小区' }],
    ['书记私聊', 'zhaoshuming', { chatCommunity: null }, { community: 'furao', grid: null, compound: null }],
    ['管理员私聊：全街道', 'admin', { chatCommunity: null }, { community: null, grid: null, compound: null }],
    ['管理员私聊问幸福社区', 'admin', { chatCommunity: null, community: '幸福社区' }, { community: 'xingfu', grid: null, compound: null }],
    ['管理员在富饶群', 'admin', { chatCommunity: FURAO }, { community: 'furao', grid: null, compound: null }],
    ['网格员：只看自己的网格', 'wanglei', { chatCommunity: FURAO }, { community: 'furao', grid: 'furao-2' }],
    ['网格员问自己的网格', 'wanglei', { chatCommunity: FURAO, grid: '第二网格' }, { community: 'furao', grid: 'furao-2' }],
    ['网格员问小区：和自己的网格取交集', 'wanglei', { chatCommunity: FURAO, compound: '青一小区' }, { community: 'furao', grid: 'furao-2', compound: '青一小区' }],
    ['志愿者：只看自己的', 'chenjianguo', { chatCommunity: FURAO }, { community: 'furao', person: 'chenjianguo' }],
    ['志愿者问整个网格也只给本人', 'chenjianguo', { chatCommunity: FURAO, grid: 'furao-1' }, { community: 'furao', person: 'chenjianguo' }],
  ] as const)('%s', (_name, who, req, scope) => {
    const v = see(who, req as Requested);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.scope).toEqual(scope);
  });

  it.each([
    ['富饶书记在幸福社区群里问', 'zhaoshuming', { chatCommunity: XINGFU }, '只能查看富饶社区'],
    ['富饶书记私聊问幸福社区', 'zhaoshuming', { chatCommunity: null, community: 'xingfu' }, '只能查看富饶社区'],
    ['富饶书记问幸福的网格', 'zhaoshuming', { chatCommunity: FURAO, grid: 'xingfu-1' }, '这里只能查看富饶社区'],
    ['管理员在富饶群里问幸福社区：群里的人看不得', 'admin', { chatCommunity: FURAO, community: 'xingfu' }, '其他社区的数据请私聊'],
    ['网格员问别人的网格', 'wanglei', { chatCommunity: FURAO, grid: 'furao-1' }, '您负责富饶第二网格'],
    ['网格员在别的社区群', 'wanglei', { chatCommunity: XINGFU }, '您负责富饶第二网格'],
    ['不存在的网格', 'zhaoshuming', { chatCommunity: FURAO, grid: '第九网格' }, '没找到「第九网格」'],
    ['不存在的社区', 'admin', { chatCommunity: null, community: '月亮社区' }, '没找到「月亮社区」'],
    ['小区和网格对不上', 'admin', { chatCommunity: null, grid: 'furao-1', compound: '幸福家园' }, '不属于富饶社区'],
  ] as const)('婉拒：%s', (_name, who, req, words) => {
    const v = see(who, req as Requested);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toContain(words);
  });

  it('回复里说清楚看的是哪一块', () => {
    const labels = [
      see('zhaoshuming', { chatCommunity: FURAO, grid: 'furao-1' }),
      see('wanglei', { chatCommunity: FURAO, compound: '青一小区' }),
      see('admin', { chatCommunity: null }),
      see('chenjianguo', { chatCommunity: FURAO }),
    ].map((v) => (v.ok ? v.label : v.reason));
    expect(labels).toEqual(['富饶社区 · 第一网格', '富饶社区 · 第二网格 · 青一小区', '富强路街道', '陈建国本人']);
  });
});
