import { describe, it, expect } from 'vitest';
import { zhToInt, refOf, findRange, observedAt, dueAt, plannedAt, splitQuote, findTicket, interpret } from '../../src/parse/index.js';
import { say, street2, street4, street9, street10, street15, here } from './helpers.js';
import { loadRoster } from '../../src/roster/index.js';

describe('中文数字', () => {
  it.each([
    ['三', 3], ['十', 10], ['十二', 12], ['二十', 20], ['二十一', 21], ['两', 2], ['俩', 2], ['一百零五', 105],
    ['廿三', 23], ['三〇一', 301], ['五零一', 501], ['１２', 12], ['12', 12], ['九十九', 99], ['一千二百', 1200],
  ])('%s → %i', (s, n) => expect(zhToInt(s)).toBe(n));
  it('不是数字 → NaN', () => expect(zhToInt('楼')).toBeNaN());
});

describe('楼栋、单元、房号的各种写法', () => {
  it.each([
    ['三号楼门口有垃圾', '3', null, null],
    ['十二栋楼道灯坏了', '12', null, null],
    ['二十一号楼楼道堆满纸箱', '21', null, null],
    ['5#楼下面有死猫', '5', null, null],
    ['3#楼道灯不亮', '3', null, null],
    ['5幢2单元门口堆满杂物', '5', '2', null],
    ['5-3-201家往下漏水 楼下吵起来了', '5', '3', '201'],
    ['15号楼1单元消防栓门坏了', '15', '1', null],
    ['14栋3单元501门口放了俩大缸', '14', '3', '501'],
    ['5号楼三单元楼道灯不亮', '5', '3', null],
    ['8号楼五单元有狗一直叫', '8', '5', null],
    ['9号楼2门楼道堆了纸箱', '9', '2', null],
    ['19号楼跟20号楼中间的垃圾桶满了', '19', null, null],
    ['3单元有狗叫了一宿', null, '3', null],
  ])('%s → 楼%s 单元%s 房%s', (text, b, u, room) => {
    const l = say('chenjianguo', text).location;
    expect(l?.building ?? null).toBe(b);
    expect(l?.unit ?? null).toBe(u);
    expect(l?.room ?? null).toBe(room);
  });
  it('工单号与日期不是楼号', () => {
    expect(say('shixiaohong', '12号工单已办结').location).toBeNull();
    expect(say('shixiaohong', '第19号工单 已转给市政').location).toBeNull();
    const r = say('wanglei', '15号楼井盖的事已经转给市政了 第19号工单我先挂着');
    expect(r.location?.building).toBe('15');
    expect(r.ticket).toBe(19);
  });
  it('一楼到三楼是楼层，不是楼栋', () => {
    const l = say('chenjianguo', '青一6号楼2单元一楼到三楼楼道里全是纸箱子').location;
    expect(l).toMatchObject({ compound: '青一小区', building: '6', unit: '2' });
  });
  it('小区别名、楼号推断小区、网格归属', () => {
    expect(say('gaozhiqiang', '富饶十一号楼一单元楼道停了三辆电动车').location).toMatchObject({ compound: '富饶小区', building: '11', unit: '1' });
    // 17号楼不在陈建国的网格，但只有青一小区有17号楼
    const r = say('chenjianguo', '十七号楼前面堆了一堆碎砖头');
    expect(r.location?.compound).toBe('青一小区');
    expect(r.grid).toBe('furao-2');
    expect(r.assignee).toBe('wanglei');
    // 没有楼号：说话人自己的网格
    const s = say('houguifang', '东门口有人发传单骗老人买保健品');
    expect(s.grid).toBe('furao-1');
  });
  it('几个地点时取第一个', () => {
    expect(say('chenjianguo', '5号楼和13号楼中间的路灯坏了').location?.building).toBe('5');
  });
});

describe('另一条街道：只换名册', () => {
  const s2 = (from: string, text: string) => say(from, text, {}, street2);
  it.each([
    ['wangxiuying', '8号院B座2单元楼道堆满纸箱', { compound: '8号院', building: 'B', unit: '2' }, 'chunhui-1'],
    ['wangxiuying', '八号院c座门口有死猫', { compound: '8号院', building: 'C' }, 'chunhui-1'],
    ['qianduo', 'A座楼顶有人搭了个彩钢棚', { compound: '8号院', building: 'A' }, 'chunhui-1'],
    ['wangxiuying', '春晖花园15号楼路灯坏了', { compound: '春晖花园', building: '15' }, 'chunhui-2'],
    ['liguoqiang', '3号楼门口停了辆大货车 堵着消防通道', { compound: '春晖花园', building: '3' }, 'chunhui-1'],
    ['zhanglan', '纺宿2栋楼下有条狗没拴绳', { compound: '纺织厂宿舍', building: '2' }, 'xinhe-1'],
    ['zhanglan', '新河苑十五号楼水管冻裂了', { compound: '新河苑', building: '15' }, 'xinhe-1'],
  ])('%s：%s', (from, text, loc, grid) => {
    const r = s2(from, text);
    expect(r.intent).toBe('report');
    expect(r.location).toMatchObject(loc);
    expect(r.grid).toBe(grid);
  });
  it('8号院不是8号楼', () => expect(s2('wangxiuying', '8号院门口垃圾满了').location).toMatchObject({ compound: '8号院', building: null }));
  it('网格员办结字母楼栋', () => expect(s2('lijun', 'B座楼道的纸箱已经清理干净了')).toMatchObject({ intent: 'resolve', location: { building: 'B' } }));
});

describe('工单号与引用', () => {
  it.each([['#12 已处理', 12], ['12号工单已办结', 12], ['第12号 处理完了', 12], ['工单 12 已修好', 12], ['＃7 在处理', 7], ['5号楼灯坏了', null]])(
    '%s → %s', (text, n) => expect(findTicket(text)).toBe(n));
  it('企业微信引用块', () => {
    expect(splitQuote('「石晓红：5号楼三单元楼道灯换好了」\n- - - - - - -\n昨晚上又不亮了')).toEqual({
      own: '昨晚上又不亮了', quoted: { author: '石晓红', text: '5号楼三单元楼道灯换好了' } });
    expect(splitQuote('「小巷管家：已登记 #34 青一小区3号楼 楼道堆物」\n------\n已处理').quoted?.text).toContain('#34');
    expect(splitQuote('没有引用').quoted).toBeNull();
  });
  it('引用机器人消息里的工单号', () => {
    const r = say('shixiaohong', '「小巷管家：已登记 #34 青一小区3号楼 楼道堆物」\n- - - - - - -\n已处理');
    expect(r).toMatchObject({ intent: 'resolve', ticket: 34 });
    expect(r.location).toMatchObject({ compound: '青一小区', building: '3' });
  });
  it('管道单独传来的引用（quote 字段）', () => {
    const r = say('chenjianguo', '昨晚又不亮了', { quote: { author: '石晓红', text: '5号楼三单元楼道灯换好了' } });
    expect(r.intent).toBe('reopen');
    expect(r.location).toMatchObject({ building: '5', unit: '3' });
  });
});

describe('字母楼（第九条街道：鹭鸣湾 A1-A8 归 jy-1，B1-B6 归 jy-2）', () => {
  it.each([
    ['鹭鸣湾A3栋门口的坡道结冰了', '鹭鸣湾', 'A3', null],
    ['b2幢2单元楼道里堆了好几辆婴儿车', '鹭鸣湾', 'B2', null],
    ['a6栋大堂门口快递泡沫撒了一地', '鹭鸣湾', 'A6', null],
    ['B3幢1803室的王大爷家漏水', '鹭鸣湾', 'B3', '1803'],
    ['鹭鸣湾B5楼下那条大黄狗又没拴绳', '鹭鸣湾', 'B5', null],
    ['有人把电动车推进电梯带回家充电 b6幢 就是1702那家', '鹭鸣湾', 'B6', '1702'],
    ['鹭鸣湾A2-1806 阳台栏杆外头挂了四五盆花 掉下来要出人命的', '鹭鸣湾', 'A2', '1806'],
    ['鹭鸣湾A7 2408那家在阳台外面搭了个阳光房', '鹭鸣湾', 'A7', '2408'],
  ])('%s → %s %s %s', (text, compound, building, room) => {
    expect(say('zhayuzhen', text, {}, street9).location).toMatchObject({ compound, building, room });
  });
  it('B 开头的楼归第二网格，第一网格的志愿者报也一样', () => {
    const r = say('zhayuzhen', 'b4幢楼下有只狗一直叫', {}, street9);
    expect(r.grid).toBe('jy-2');
    expect(r.assignee).toBe(street9.grid('jy-2')!.worker);
  });
  it('巡了 A1 到 A8 是路线，不是某一栋', () => {
    const r = say('zhayuzhen', '今天巡了鹭鸣湾A1到A8 楼道都清爽', {}, street9);
    expect(r.intent).toBe('patrol');
    expect(r.location?.building ?? null).toBeNull();
  });
});

describe('回答小巷管家“请问是哪栋楼”：问的问题加上答的地方，合成一条上报', () => {
  it('您说的井盖松动 + 22号楼跟23号楼当间 → 设施损坏，22号楼', () => {
    const r = say('tianshulan', '「小巷管家：田淑兰 收到，您说的井盖松动，请问是在哪栋楼附近？」\n- - - - - - -\n就在22号楼跟23号楼当间那条道上 一踩上去咣当咣当响');
    expect(r).toMatchObject({ intent: 'report', category: 'facility' });
    expect(r.location).toMatchObject({ building: '22' });
  });
  it('您说的自行车堵楼道 + 14号楼1单元 我们给抬车棚去了 → 随手做', () => {
    const r = say('mayuzhen', '「小巷管家：马玉珍 您说的自行车堵楼道，请问是哪栋楼？」\n- - - - - - -\n14号楼1单元 不用派人了 我跟老李头一块给抬车棚去了');
    expect(r).toMatchObject({ intent: 'self_handled', category: 'clutter' });
  });
});

describe('繁體字、楼号#单元-房号', () => {
  it('繁體照样读懂：樓道堆滿了紙皮箱 → 楼道堆物', () => {
    const r = say('chenjianguo', '青一小区12號樓3單元樓道堆滿了紙皮箱 還有一張舊沙發');
    expect(r).toMatchObject({ intent: 'report', category: 'clutter' });
    expect(r.location).toMatchObject({ compound: '青一小区', building: '12', unit: '3' });
  });
  it.each([['青一小区4#2-301家漏水漏到楼下', '4', '2', '301'], ['青一小区十一栋十八楼1803门口堆满了鞋柜纸箱', '11', null, '1803']])('%s', (text, building, unit, room) => {
    expect(say('chenjianguo', text).location).toMatchObject({ building, unit, room });
  });
});

describe('甲乙丙楼（第十条街道：冶金设计院大院）', () => {
  it.each([['设计院大院乙栋门口堆了一堆煤', '乙'], ['丙号楼楼道灯坏了', '丙'], ['在甲楼后头有人搭棚子', '甲']])('%s → %s', (text, building) => {
    expect(say('jiaofengqin', text, {}, street10).location).toMatchObject({ compound: '冶金设计院大院', building });
  });
  it('名册里没有这个字的楼，就不是楼（老丁楼下）', () => expect(say('jiaofengqin', '老丁楼下那堆纸箱子没人管', {}, street10).location?.building ?? null).toBeNull());
});

describe('时间：节日、礼拜天、后半夜（2028 年）', () => {
  const obs = (text: string, at: string) => observedAt(text, refOf(at))?.slice(0, 10) ?? null;
  it('农历的日子：“腊月二十三到正月十五”“除夕到初六”“腊月二十三那天下午”（2028年春节是1月26日）', () => {
    const ref = refOf('2028-02-10T10:00:00+08:00');
    expect(findRange('把腊月二十三到正月十五这段时间的事汇总一下', ref)).toEqual({ from: '2028-01-19', to: '2028-02-09' });
    expect(findRange('从除夕到初六这几天 一共接了多少事', ref)).toEqual({ from: '2028-01-25', to: '2028-01-31' });
    expect(observedAt('腊月廿三那天下午 有个男的挨家敲门说是燃气公司的', refOf('2028-01-22T10:00:00+08:00'))?.slice(0, 10)).toBe('2028-01-19');
  });
  it('“三号那天下午”：这个月3号；还没到的日子是上个月的；“3号楼那天”不是日子', () => {
    const ref = refOf('2028-11-05T10:00:00+08:00');
    expect(observedAt('三号那天下午 14号楼楼下来了俩穿蓝马甲的', ref)).toBe('2028-11-03T15:00:00+08:00');
    expect(observedAt('28号那天晚上有人撬锁', ref)).toBe('2028-10-28T20:00:00+08:00');
    expect(observedAt('3号楼那天有人撬锁', ref)).toBeNull();
  });
  it('小区名说一半：“还房十二栋”是黄葛还房小区（名册里只有“还房小区”“黄葛还房”）', () => {
    expect(say('dengguofu', '还房十二栋三单元楼道头堆了好多纸壳壳', {}, street15).location).toMatchObject({ compound: '黄葛还房小区', building: '12', unit: '3' });
  });
  it('“今年截至昨天”：从元旦到昨天，不含今天', () => expect(findRange('今年截至昨天 咱社区一共受理多少件 办结多少 发我', refOf('2028-12-07T10:00:00+08:00'))).toEqual({ from: '2028-01-01', to: '2028-12-06' }));
  it('“昨儿个半夜两点多”早上说：是今天凌晨；“昨天凌晨三点”是昨天的凌晨', () => {
    expect(observedAt('昨儿个半夜两点多 楼底下有人挨个拽电动车锁', refOf('2028-10-17T07:05:00+08:00'))).toBe('2028-10-17T02:00:00+08:00');
    expect(observedAt('夜里两点楼上还在剁馅', refOf('2028-10-17T07:05:00+08:00'))).toBe('2028-10-17T02:00:00+08:00');
    expect(obs('昨天凌晨三点有人敲门', '2028-10-17T07:05:00+08:00')).toBe('2028-10-16');
  });
  const due = (text: string, at: string) => dueAt(text, refOf(at))?.slice(0, 10) ?? null;
  it('上礼拜天是上周的星期日（周一说就是昨天）', () => {
    expect(obs('上礼拜天下午8号院来了俩人挨家敲门', '2028-05-22T09:00:00+08:00')).toBe('2028-05-21');
    expect(obs('从上礼拜天开始水泥袋子就堆在门口', '2028-04-06T19:30:00+08:00')).toBe('2028-04-02');
  });
  it('昨儿后半夜两三点，是今天凌晨', () => expect(obs('昨儿后半夜两三点钟 楼底下有人砸车窗', '2028-04-03T07:15:00+08:00')).toBe('2028-04-03'));
  it('天天打到后半夜是习惯，昨晚上才是这一回', () => expect(obs('麻将馆天天打到后半夜 昨晚上又吵到十二点多', '2028-04-03T07:15:00+08:00')).toBe('2028-04-02'));
  it('清明那天、端午那天（农历五月初五，2028 年是 5 月 28 日）', () => {
    expect(obs('清明那天4号楼后头有人烧纸', '2028-04-10T09:00:00+08:00')).toBe('2028-04-04');
    expect(obs('路灯端午那天晚上就不亮了', '2028-06-01T09:00:00+08:00')).toBe('2028-05-28');
  });
  it('节前：五一假期前、端午前、春节前（除夕）、赶在高考前', () => {
    expect(due('五一假期前能给换上不', '2028-04-20T09:00:00+08:00')).toBe('2028-04-30');
    expect(due('端午前无论如何得弄干净', '2028-05-20T09:00:00+08:00')).toBe('2028-05-27');
    expect(due('春节前得把楼道清出来', '2028-01-10T09:00:00+08:00')).toBe('2028-01-25');
    expect(due('得赶在高考前清走', '2028-05-30T09:00:00+08:00')).toBe('2028-06-06');
  });
  it('农历：小年到除夕、除夕到初六、整个腊月（2029 年春节是 2 月 13 日）', () => {
    const ref2 = refOf('2029-02-20T09:00:00+08:00');
    expect(findRange('小年到除夕那几天报上来的单子', ref2)).toEqual({ from: '2029-02-06', to: '2029-02-12' });
    expect(findRange('除夕到初六这七天报了多少', ref2)).toEqual({ from: '2029-02-12', to: '2029-02-18' });
    expect(findRange('整个腊月的上报统计一下', ref2)).toEqual({ from: '2029-01-15', to: '2029-02-12' });
  });
  it('除夕、元宵是晚上过的：“之前”就是当天；别的节“之前”是前一天', () => {
    expect(due('能不能除夕之前给换把新锁', '2029-02-01T09:00:00+08:00')).toBe('2029-02-12');
    expect(due('元宵节前能不能给拉走', '2029-02-20T09:00:00+08:00')).toBe('2029-02-27');
  });
  it('能不能明天上午就来：明天就是期限', () => expect(due('能不能明天上午就找园林的来锯了', '2028-05-25T17:30:00+08:00')).toBe('2028-05-26'));
});

describe('时间：统计范围（参考时间 2026-11-28 周六）', () => {
  const ref = refOf('2026-11-28T15:00:00+08:00');
  it.each([
    ['今天', '2026-11-28', '2026-11-28'], ['昨天', '2026-11-27', '2026-11-27'], ['前天', '2026-11-26', '2026-11-26'],
    ['本周', '2026-11-23', '2026-11-29'], ['这周', '2026-11-23', '2026-11-29'], ['这个星期', '2026-11-23', '2026-11-29'],
    ['上周', '2026-11-16', '2026-11-22'], ['上个星期', '2026-11-16', '2026-11-22'], ['上礼拜', '2026-11-16', '2026-11-22'],
    ['上上周', '2026-11-09', '2026-11-15'], ['下周', '2026-11-30', '2026-12-06'],
    ['本月', '2026-11-01', '2026-11-30'], ['这个月', '2026-11-01', '2026-11-30'], ['上个月', '2026-10-01', '2026-10-31'],
    ['11月份', '2026-11-01', '2026-11-30'], ['十一月', '2026-11-01', '2026-11-30'], ['10月', '2026-10-01', '2026-10-31'],
    ['12月', '2025-12-01', '2025-12-31'], ['2026年3月', '2026-03-01', '2026-03-31'],
    ['最近一周', '2026-11-22', '2026-11-28'], ['近7天', '2026-11-22', '2026-11-28'], ['最近两周', '2026-11-15', '2026-11-28'],
    ['11月20号到25号', '2026-11-20', '2026-11-25'], ['11月1日至11月7日', '2026-11-01', '2026-11-07'], ['20号到25号', '2026-11-20', '2026-11-25'],
    ['11.20-11.25', '2026-11-20', '2026-11-25'], ['11月20号', '2026-11-20', '2026-11-20'],
    ['这个周末', '2026-11-28', '2026-11-29'], ['这周三', '2026-11-25', '2026-11-25'], ['本周一到周三', '2026-11-23', '2026-11-25'],
    ['11月1号到昨天', '2026-11-01', '2026-11-27'], ['上周五到今天', '2026-11-20', '2026-11-28'],
    ['今年', '2026-01-01', '2026-12-31'], ['上季度', '2026-07-01', '2026-09-30'],
    ['11月上旬', '2026-11-01', '2026-11-10'], ['10月中旬', '2026-10-11', '2026-10-20'], ['10月下旬', '2026-10-21', '2026-10-31'],
    ['上个月下半月', '2026-10-16', '2026-10-31'], ['这个月上半月', '2026-11-01', '2026-11-15'],
    ['这个月截至昨天', '2026-11-01', '2026-11-27'], ['前天到今天', '2026-11-26', '2026-11-28'],
    ['这两周', '2026-11-16', '2026-11-28'], ['这三天', '2026-11-26', '2026-11-28'],
  ])('%s → %s..%s', (text, from, to) => expect(findRange(`${text}上报了多少`, ref)).toEqual({ from, to }));
  it('没有时间词 → null', () => expect(findRange('统计一下各网格的办结率', ref)).toBeNull());
  it('“这天气”不是时段', () => expect(findRange('这天气冷了 上报了多少', ref)).toBeNull());
  it('清明前后：清明是节气，2028 年在 4 月 4 日，取前后各一天', () => {
    expect(findRange('清明前后那几天有没有人报烧纸', refOf('2028-04-10T09:00:00+08:00'))).toEqual({ from: '2028-04-03', to: '2028-04-05' });
    expect(findRange('清明前后', refOf('2027-04-10T09:00:00+08:00'))).toEqual({ from: '2027-04-04', to: '2027-04-06' });
  });
  it('周日问本周仍是周一到周日', () => expect(findRange('本周', refOf('2026-11-29T18:00:00+08:00'))).toEqual({ from: '2026-11-23', to: '2026-11-29' }));
  it('周一问上周', () => expect(findRange('上周', refOf('2026-11-30T00:30:00+08:00'))).toEqual({ from: '2026-11-23', to: '2026-11-29' }));
  it('上海的午夜前后（UTC 还在前一天）', () => {
    expect(findRange('今天', refOf('2026-11-28T00:10:00+08:00'))).toEqual({ from: '2026-11-28', to: '2026-11-28' });
    expect(findRange('今天', refOf('2026-11-27T16:10:00Z'))).toEqual({ from: '2026-11-28', to: '2026-11-28' });
    expect(findRange('本月', refOf('2026-11-30T23:59:00+08:00'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(findRange('本月', refOf('2026-11-30T16:30:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('时间：发现时间与期限', () => {
  const ref = refOf('2026-11-28T08:00:00+08:00');
  it.each([
    ['昨晚', '2026-11-27'], ['昨天晚上11点多', '2026-11-27T23:00'], ['前天下午', '2026-11-26T15:00'], ['今早七点多', '2026-11-28T07:00'],
    ['大前天', '2026-11-25'], ['3天前', '2026-11-25'], ['晚上11点', '2026-11-27T23:00'], ['刚才', '2026-11-28T08:00'], ['周五', '2026-11-27'],
  ])('%s → %s', (text, want) => expect(observedAt(`${text}发现楼道堆满杂物`, ref)).toMatch(new RegExp(`^${want}.*\\+08:00$`)));
  it('没有时间词 → null', () => expect(observedAt('楼道堆满杂物', ref)).toBeNull());
  const r15 = refOf('2026-11-28T15:00:00+08:00');
  it.each([
    ['明天上午前', '2026-11-29T12:00'], ['明天下午3点前', '2026-11-29T15:00'], ['三天内', '2026-12-01'], ['今天下班前', '2026-11-28T18:00'],
    ['最晚明天', '2026-11-29'], ['周五前', '2026-12-04'], ['月底前', '2026-11-30'], ['下周一上午9点前', '2026-11-30T09:00'],
    ['两小时内', '2026-11-28T17:00'], ['12月1日前', '2026-12-01'], ['上午10点前', '2026-11-29T10:00'], ['本周内', '2026-11-29'],
  ])('%s → %s', (text, want) => expect(dueAt(`${text}得清走`, r15)).toMatch(new RegExp(`^${want}.*\\+08:00$`)));
  it('不是期限的时间 → null', () => expect(dueAt('明天上午街道来检查', r15)).toBeNull());
  it('上报带期限与发现时间', () => {
    const r = say('houguifang', '2号楼门口装修垃圾堆成山了 明天上午街道来检查 今天下班前能不能给清走', { time: '2026-11-24T16:20:00+08:00' });
    expect(r.due_at).toBe('2026-11-24T18:00:00+08:00');
    const s = say('chenjianguo', '昨天晚上11点多3单元有狗一直叫', { time: '2026-11-24T07:35:00+08:00' });
    expect(s.observed_at).toBe('2026-11-23T23:00:00+08:00');
  });
  it('「这都第三天了」：今天是第三天，头一回看见是前天', () => {
    const r = say('chenjianguo', '青一小区4号楼和5号楼中间停了辆货车 这都第三天了 天天晚上停那儿', { time: '2026-11-24T09:00:00+08:00' });
    expect(r.observed_at?.slice(0, 10)).toBe('2026-11-22');
  });
});

describe('小区名是地名，不是问题', () => {
  it('名字里带“建房”的小区，不会让事情归成违建', () => {
    const at = { from: 'zhoufahai', chat: 'wrkchat-guihua', time: '2026-12-15T09:00:00+08:00' };
    const r = interpret({ id: 'n1', ...at, text: '李家村还建房2栋3单元的孙大娘摔了一跤 下不了床 饭都没人做 社区给想想办法' }, street4);
    expect(r.intent).toBe('report');
    expect(r.category).toBe('assistance');
    expect(r.location).toMatchObject({ compound: '李家村还建房', building: '2', unit: '3' });
  });
});

describe('工单号的说法', () => {
  it('“45号那个单子”说的是 45 号工单', () => {
    expect(findTicket('45号那个单子 那伙人今天又来了')).toBe(45);
    expect(findTicket('还有几个单子没办')).toBeNull();
  });
});

describe('季度、半年，和“上周”后面的“三个”', () => {
  const ref = refOf('2027-03-17T10:00:00+08:00');
  it.each([
    ['第一季度各网格走访多少', '2027-01-01', '2027-03-31'],
    ['去年四季度', '2026-10-01', '2026-12-31'],
    ['第二季度（还没到：去年的）', '2026-04-01', '2026-06-30'],
    ['今年上半年', '2027-01-01', '2027-06-30'],
    ['上周丽景社区三个网格的上报件数', '2027-03-08', '2027-03-14'],
    ['上周三', '2027-03-10', '2027-03-10'],
  ])('%s → %s..%s', (text, from, to) => {
    expect(findRange(text, ref)).toEqual({ from, to });
  });
  it('周四下班前 → 周四 18 点', () => {
    expect(dueAt('最好周四下班前清走', ref)).toBe('2027-03-18T18:00:00+08:00');
  });
});

describe('老人语音里的地点', () => {
  const at = { from: 'zhoufahai', chat: 'wrkchat-guihua', time: '2027-05-12T09:00:00+08:00' };
  const where = (text: string) => interpret({ id: 'v', ...at, text }, street4).location;
  it('说错了再改口：改口后的那个才算，前面说的小区还算数', () => {
    expect(where('桂苑五栋 不对不对 是六栋 六栋二单元楼到里堆满了纸箱')).toMatchObject({ compound: '桂花苑', building: '6', unit: '2' });
    expect(where('我刚刚在桂苑 哦不是 是在李家村十四栋 楼梯口堆了一堆木板')).toMatchObject({ compound: '李家村还建房', building: '14' });
  });
  it('幺零二、三零一：一个个念出来的房号', () => {
    expect(where('建设里十二栋三单元幺零二门口堆了好多纸箱')).toMatchObject({ building: '12', unit: '3', room: '102' });
    expect(where('建设里二十六栋幺单元三零一的李大爷家水管漏了')).toMatchObject({ building: '26', unit: '1', room: '301' });
  });
});

describe('短消息', () => {
  const at = { from: 'liudeshan', chat: 'wrkchat-furao', time: '2027-09-14T09:00:00+08:00' };
  it('“青一16号 垃圾满了”：小区名后面光一个“号”，就是楼号', () => {
    expect(say('liudeshan', '青一16号 垃圾满了').location).toMatchObject({ compound: '青一小区', building: '16' });
  });
  it('带图：“看图 3号楼门口”是上报，图说明了问题', () => {
    const r = interpret({ id: 'p', ...at, msgtype: 'mixed', text: '看图 青一3号楼门口 [图片]' }, loadRoster(here('../../data/roster.yaml')));
    expect(r.intent).toBe('report');
    expect(r.location).toMatchObject({ compound: '青一小区', building: '3' });
  });
});

describe('星期几加一天里的时段作期限', () => {
  const ref = refOf('2027-03-16T10:00:00+08:00');
  it.each([
    ['最好周四下班前清走', '2027-03-18T18:00:00+08:00'],
    ['周四下午下班之前弄完', '2027-03-18T18:00:00+08:00'],
    ['周五上午前给个回话', '2027-03-19T12:00:00+08:00'],
    ['周四之前清走', '2027-03-18T23:59:00+08:00'],
  ])('%s → %s', (text, due) => expect(dueAt(text, ref)).toBe(due));
});

describe('第五条街道：胡同的“号院”、门洞、只认得自己那片', () => {
  const street5 = loadRoster(here('../fixtures/rosters/street5.yaml'));
  const at = (from: string, chat: string) => ({ from, chat, time: '2026-11-26T09:00:00+08:00' });
  it('胡同里的“十一号院”“30号院”就是楼号', () => {
    const r = interpret({ id: 'h1', ...at('gengxiumei', 'wrkchat-huaiyin'), text: '槐胡同30号院那家在院门口私自搭了个棚子' }, street5);
    expect(r.location).toMatchObject({ compound: '槐树胡同', building: '30' });
  });
  it('“3门洞501”：门洞是单元，后面是房号', () => {
    const r = interpret({ id: 'h2', ...at('lufengxia', 'wrkchat-huaiyin'), text: '光明18号楼3门洞501那家的狗天天不拴绳' }, street5);
    expect(r.location).toMatchObject({ compound: '光明里', building: '18', unit: '3', room: '501' });
  });
});

describe('光说楼号：两个小区都有这栋楼时，认自己网格所在的那个小区', () => {
  const street3 = loadRoster(here('../fixtures/rosters/street3.yaml'));
  it('东方花园 13-26 网格的志愿者说“8号楼”：东方花园 8 号楼，归管 1-12 的网格', () => {
    const r = interpret({ id: 'b1', from: 'qianyumei', chat: 'wrkchat-lijing-2', time: '2026-11-20T10:30:00+08:00', text: '8号楼2单元楼梯底下堆了一堆旧家具' }, street3);
    expect(r.location).toMatchObject({ compound: '东方花园', building: '8', unit: '2' });
    expect(r.grid).toBe('lj-2');
  });
});

describe('工单号：“第23单”“那个63”', () => {
  it.each([
    ['第23单 光明里15号楼2单元楼道灯换好了', 23],
    ['那个63 物业说下午派人来修', 63],
    ['第3单元门口堆了纸箱', null],
    ['那个3号楼的事', null],
  ])('%s → %s', (text, n) => expect(findTicket(text)).toBe(n));
});

describe('时段：“双十一以来”“国庆以后”到今天为止', () => {
  const ref = refOf('2026-11-20T10:00:00+08:00');
  it.each([
    ['双十一以来 快递纸箱堆楼道的一共报了多少起', '2026-11-11', '2026-11-20'],
    ['国庆以后各网格办结了几件', '2026-10-01', '2026-11-20'],
    ['元旦以来', '2026-01-01', '2026-11-20'],
  ])('%s → %s..%s', (text, from, to) => expect(findRange(text, ref)).toEqual({ from, to }));
});

describe('时间：问“哪天能来”就是期限；说修好的那天不是发现的那天', () => {
  const sat = refOf('2026-11-28T10:00:00+08:00');
  it.each([
    ['扶手断了一截 下礼拜一能来人修不', '2026-11-30T23:59'],
    ['热水器老打不着火 最好今天就来人看看', '2026-11-28T23:59'],
    ['路灯不亮 明天能不能修一下', '2026-11-29T23:59'],
  ])('%s → %s', (text, want) => expect(dueAt(text, sat)).toMatch(new RegExp(`^${want}.*\\+08:00$`)));
  it('“明天是不是要来检查”不是期限', () => expect(dueAt('明天街道来检查', sat)).toBeNull());
  it('“前天说修好了 昨儿晚上又灭了”：发现是昨晚', () => {
    expect(observedAt('4号楼楼道灯 前天冯晓燕说修好了 昨儿晚上又灭了', refOf('2026-11-29T08:00:00+08:00'))).toMatch(/^2026-11-28/);
  });
});

describe('网格员光说“42号”：是工单号，不是楼号、不是日子', () => {
  const street2 = loadRoster(here('../fixtures/rosters/street2.yaml'));
  const at = (from: string, text: string, quote?: string) =>
    interpret({ id: 'g', from, chat: street2.communityOfPerson(from)!.chats[0], time: '2026-12-08T10:00:00+08:00', text: quote ? `「${quote}」\n- - - - - - -\n${text}` : text }, street2);
  it.each([
    ['42号 路灯换好了', 42],
    ['25号楼僵尸车的事已转交警了 49号先挂着', 49],
    ['53号已办结 8号院C座那棵歪树园林所的人已经砍了', 53],
  ])('网格员：%s → #%i', (text, n) => expect(at('zhaolei', text).ticket).toBe(n));
  it('“28号来修”是这个月 28 号，不是 28 号工单', () => expect(at('zhaolei', '物业说28号来修').ticket).toBeNull());
  it('志愿者说“42号”不算工单号', () => expect(at('liguoqiang', '42号 门口又堆上了').ticket).toBeNull());
  it('回书记的催单：工单号从引用里来，约好的日子是期限', () => {
    const r = at('zhaolei', '好的 交警说明天上午来拖', '林芳：@赵雷 49号那辆车居民又打电话来问了 抓紧点');
    expect(r.intent).toBe('progress');
    expect(r.ticket).toBe(49);
    expect(r.due_at).toMatch(/^2026-12-09/);
  });
});

describe('进展里约好的日子', () => {
  const mon = refOf('2026-12-07T10:00:00+08:00');
  it.each([
    ['物业说明天上午来拉', '2026-12-08T12:00'],
    ['树太粗了 已经转给园林所了 后天来', '2026-12-09T23:59'],
    ['配件没货 厂家说周四能到 到了就换', '2026-12-10T23:59'],
    ['我跟物业经理打过招呼了 今天下午派人上门', '2026-12-07T18:00'],
  ])('%s → %s', (text, want) => expect(plannedAt(text, mon)).toMatch(new RegExp(`^${want}.*\\+08:00$`)));
  it('没说哪天就没有', () => expect(plannedAt('已转物业', mon)).toBeNull());
});

describe('期限：“最好今天清走”“周五消防检查之前”', () => {
  const tue = refOf('2026-12-01T09:00:00+08:00');
  it.each([
    ['明天上午街道来检查 最好今天清走', '2026-12-01T23:59'],
    ['周五消防检查之前要清掉', '2026-12-04T23:59'],
  ])('%s → %s', (text, want) => expect(dueAt(text, tue)).toMatch(new RegExp(`^${want}.*\\+08:00$`)));
});

describe('城中村：门牌号就是楼号', () => {
  const street7 = loadRoster(here('../fixtures/rosters/street7.yaml'));
  const at = (from: string, text: string) =>
    interpret({ id: 'c', from, chat: street7.communityOfPerson(from)!.chats[0], time: '2027-01-05T09:00:00+08:00', text }, street7);
  it.each([
    ['门牌83那家的大黄狗又没拴 在村道上追着人咬', '83'],
    ['村东头105号那家出租屋 一个院里住了十几个人', '105'],
    ['38号那家院墙外头私拉了一根电线 线皮都破了', '38'],
    ['咱村3组45号后头那条土路让大货车压得全是坑', '45'],
  ])('%s → %s 号', (text, b) => expect(at('aidefu', text).location).toMatchObject({ compound: '柳塘村', building: b }));
  it('日子不是门牌：“28号之前清走”', () => expect(at('aidefu', '村口那堆垃圾28号之前得清走').location?.building ?? null).toBeNull());
  it('书记说“67号那家”：是门牌，不是工单', () => {
    const r = at('liaoguoping', '67号那家老两口 儿子住院了 家里没人管 社区看看能不能给申请个临时救助');
    expect(r.ticket).toBeNull();
    expect(r.location).toMatchObject({ building: '67' });
  });
});

describe('语音听错：好楼、13东、5洞、出离', () => {
  const street5 = loadRoster(here('../fixtures/rosters/street5.yaml'));
  const at = (from: string, text: string) =>
    interpret({ id: 'v', from, chat: street5.communityOfPerson(from)!.chats[0], time: '2027-01-12T09:00:00+08:00', text }, street5);
  it.each([
    ['光明里18好楼有家养的狗 天天晚上叫', { building: '18' }],
    ['锦绣13东2单远门口的井该 盖子翻了半边', { building: '13', unit: '2' }],
    ['二厂宿舍5洞门口 谁家倒的炉灰 撒了一地', { building: '5' }],
  ])('%s', (text, loc) => expect(at('jiabaolin', text).location).toMatchObject(loc));
  it('“村东头”的东不是栋', () => expect(at('jiabaolin', '槐树胡同东头那个垃圾桶满了').location?.building ?? null).toBeNull());
  it('网格员“已出离 #12”是结单', () => expect(at('dengzhigang', '已出离 #12').intent).toBe('resolve'));
});

describe('更正：“写错了”后面的才算；“天黑前”是期限', () => {
  it('“刚才说的3号楼写错了 是13号楼1单元”', () => {
    expect(say('liudeshan', '更正一下 刚才说的3号楼写错了 水管冻裂的是13号楼1单元 不是3号楼 水还在往外冒').location).toMatchObject({ building: '13', unit: '1' });
  });
  it('今天天黑前', () => expect(dueAt('楼道里码着好几箱烟花 今天天黑前得让他搬走', refOf('2027-01-19T10:00:00+08:00'))).toMatch(/^2027-01-19T18:00/));
});

describe('小区名里带数字', () => {
  const street8 = loadRoster(here('../fixtures/rosters/street8.yaml'));
  const at = (from: string, text: string) =>
    interpret({ id: 'd', from, chat: street8.communityOfPerson(from)!.chats[0], time: '2027-03-02T09:00:00+08:00', text }, street8);
  it('“502”是小区的简称，但“4单元502家”是房号', () => {
    const from = street8.people.find((p) => p.role === 'volunteer' && p.grid === 'beipian')!.userid;
    expect(at(from, '25号楼4单元502家洗衣机漏水 把楼下402屋顶都泡了').location).toMatchObject({ compound: '东风三村', building: '25' });
    expect(at(from, '502的8号楼门口垃圾满了').location).toMatchObject({ compound: '502厂家属区', building: '8' });
  });
});

describe('期限：节前', () => {
  it('“五一前必须得清走”是 4 月 30 日', () => expect(dueAt('水泥沙子堆在单元门口 五一前必须得清走', refOf('2027-04-20T10:00:00+08:00'))).toMatch(/^2027-04-30T23:59/));
  it('“你今天务必去看看”是今天', () => expect(dueAt('楼顶排水口堵了 @周静 你今天务必去看看', refOf('2027-04-09T09:00:00+08:00'))).toMatch(/^2027-04-09/));
});

describe('高层小区：“一期7栋”、楼上2203、“从18号楼到22号楼那一溜”', () => {
  const street6 = loadRoster(here('../fixtures/rosters/street6.yaml'));
  const at6 = (from: string, text: string) =>
    interpret({ id: 'h', from, chat: street6.communityOfPerson(from)!.chats[0], time: '2027-07-13T09:00:00+08:00', text }, street6);
  const rw2 = street6.people.find((p) => p.role === 'volunteer' && p.grid === 'rw-2')!.userid;
  it('二期的志愿者说“一期7栋”：是一期，归一期的网格', () => {
    const r = at6(rw2, '去一期7栋送东西 看到楼下那个雨水井盖被冲开了 露着个大口子');
    expect(r.location).toMatchObject({ compound: '榕溪湾一期', building: '7' });
    expect(r.grid).toBe('rw-1');
  });
  it('“楼上2203的空调外机”：吵人的是 2203', () => {
    expect(at6(rw2, '二期5栋的阿婆托我反映 她家楼上2203的空调外机半夜嗡嗡响').location).toMatchObject({ building: '5', room: '2203' });
  });
  it('一溜楼后头的问题记在头一栋；巡查的范围不算楼号', () => {
    expect(say('chenjianguo', '青一1号楼到5号楼那一溜 楼后头的排水沟让树叶子堵死了').location).toMatchObject({ building: '1' });
    expect(say('chenjianguo', '巡查打卡 青一小区1到6号楼 一切正常').location?.building ?? null).toBeNull();
  });
});

describe('说了两个小区：楼号前面挨着的那个才是', () => {
  const street6 = loadRoster(here('../fixtures/rosters/street6.yaml'));
  const rw1 = street6.people.find((p) => p.role === 'volunteer' && p.grid === 'rw-1')!.userid;
  const at6 = (text: string) => interpret({ id: 'n', from: rw1, chat: street6.communityOfPerson(rw1)!.chats[0], time: '2028-02-15T09:00:00+08:00', text }, street6);
  it('“我以前在糖厂做了三十年 现在住榕溪一期 9栋那部电梯总停住”', () => {
    expect(at6('我以前在糖厂做了三十年 现在住榕溪一期 9栋那部电梯这两天总是在12楼停住不开门').location).toMatchObject({ compound: '榕溪湾一期', building: '9' });
  });
  it('楼号后面才提的小区没有这栋楼：不算它的', () => {
    expect(at6('我契妹住16栋 我哋细个一齐喺糖厂宿舍长大 一出电梯就闻到好大煤气味').location?.compound).not.toBe('云汀糖厂宿舍');
  });
  it('名册里没有的楼号，前面说的小区照样算', () => expect(say('gaozhiqiang', '富饶小区二十一号楼楼下有人私拉电线').location).toMatchObject({ compound: '富饶小区' }));
});

describe('时间：“晚上11点以后还在剁馅”是习惯，不是看见的时候', () => {
  it('取“今天中午”', () => expect(observedAt('402家晚上11点以后还在拖椅子 今天中午两家在楼道里差点动手', refOf('2028-01-11T15:00:00+08:00'))).toMatch(/^2028-01-11T12/));
});

describe('城中村的网格员：门牌号是地方，不是工单号', () => {
  const street7 = loadRoster(here('../fixtures/rosters/street7.yaml'));
  const at = (from: string, text: string) =>
    interpret({ id: 'w', from, chat: street7.communityOfPerson(from)!.chats[0], time: '2028-03-07T10:00:00+08:00', text }, street7);
  it('“106号的电动车飞线已经剪了”：结单，地方是 106 号，没有工单号', () => {
    const r = at('yuezhijun', '106号的电动车飞线已经剪了 跟户主也说了不能再从窗户拉线');
    expect(r.intent).toBe('resolve');
    expect(r.ticket).toBeNull();
    expect(r.location).toMatchObject({ compound: '柳塘村', building: '106' });
  });
  it('“路过村东头110号 院墙往外又砌了两米多”：网格员自己看见的，上报', () => expect(at('yuezhijun', '路过村东头110号 他家院墙往外又砌了两米多 巷子被占了一半 得管管').intent).toBe('report'));
  it('“工单11 今天上午去17号看了 约了两家明天下午当面谈”：约的是明天', () => {
    expect(at('yuhaiyan', '工单11 今天上午去17号看了 是隔壁18号的排水管漏到他家墙根 约了两家明天下午当面谈').due_at).toMatch(/^2028-03-08/);
  });
});

describe('光说“7号院”：是胡同里的院', () => {
  const street5 = loadRoster(here('../fixtures/rosters/street5.yaml'));
  it('两个小区都有 7：号院是胡同的', () => {
    const r = interpret({ id: 'y', from: 'baifuxiang', chat: 'wrkchat-huaiyin', time: '2028-05-09T09:00:00+08:00', text: '7号院大杂院里有户人家从窗户私拉了好几根电线到院当间' }, street5);
    expect(r.location).toMatchObject({ compound: '槐树胡同', building: '7' });
  });
});
