import { describe, it, expect } from 'vitest';
import { say, demo } from './helpers.js';

// Speakers in the demo roster: chenjianguo / houguifang volunteers of furao-1 (青一 1-12), liudeshan volunteer of
// furao-2 (青一 13-24), gaozhiqiang volunteer of furao-3 (富饶小区), shixiaohong grid worker of furao-1,
// zhaoshuming secretary of furao, admin the street admin.
const V = 'chenjianguo', W = 'shixiaohong', S = 'zhaoshuming';

describe('上报：各类问题与说法', () => {
  it.each([
    ['3号楼2单元楼道里堆满了旧纸箱和破家具', 'clutter'],
    ['消防通道上有人放了好几个旧床垫 车进不来', 'clutter'],
    ['7号楼楼梯口摆了两个大缸 过人都费劲', 'clutter'],
    ['5号楼门口的垃圾桶满了 好几天没人清 臭死了', 'sanitation'],
    ['单元门上贴满了开锁的小广告', 'sanitation'],
    ['4号楼前面的路上全是冰 雪一直没人扫', 'sanitation'],
    ['6号楼后面死了只老鼠 也没人管', 'sanitation'],
    ['2单元有人把电动车推到楼道里充电', 'ebike'],
    ['有户人家从窗户拉了根线下来给电瓶车充电', 'ebike'],
    ['8号楼一楼那家又在院子里搭了个棚子', 'illegal_build'],
    ['10号楼顶层有人私搭了个阳光房', 'illegal_build'],
    ['11号楼门口一堆装修垃圾 碎砖水泥袋子都有', 'construction_waste'],
    ['9号楼装修的那家把沙子直接卸路上了', 'construction_waste'],
    ['有条大狗天天不拴绳 在1号楼底下乱跑', 'pets'],
    ['12号楼有只狗把小孩咬了', 'pets'],
    ['5号楼的楼道灯坏了 晚上黑乎乎的', 'facility'],
    ['3号楼电梯又困人了', 'facility'],
    ['6号楼前面的井盖不见了 一个大坑', 'facility'],
    ['暖气管子漏水了 地上全是水', 'facility'],
    ['2单元有股很重的煤气味', 'safety'],
    ['7号楼的灭火器全过期了', 'safety'],
    ['楼顶的冰溜子老长 掉下来能砸着人', 'safety'],
    ['配电箱的门坏了 电线都露在外面', 'safety'],
    ['楼上天天半夜蹦迪 楼下老人睡不着觉', 'dispute'],
    ['302家卫生间往下漏水 楼下墙都泡了 两家吵起来了', 'dispute'],
    ['消防通道上停了一辆小轿车 好几天没挪', 'parking'],
    ['1号楼门口的僵尸车停了半年了', 'parking'],
    ['有个陌生人在楼道里转悠 挨家挨户敲门', 'security'],
    ['车棚里的电瓶被人偷了 锁都撬了', 'security'],
    ['有人冒充自来水公司上门收费 骗了好几个老人', 'security'],
    ['4号楼的刘奶奶一个人住 摔了一跤起不来 得有人帮忙送医院', 'assistance'],
    ['3单元的张大爷好几天没见下楼了 敲门没人应', 'assistance'],
    ['居民想在小区里加几个休息的座椅 托我问问能不能协调', 'other'],
    ['6号楼门口有块地砖翘起来了 容易绊倒人', 'facility'],
    ['7号楼二单元门口的台阶塌了一块', 'facility'],
    ['刚才有辆收废品的三轮车在小区里乱喊 吵死了', 'dispute'],
    ['小区北门那块下水道堵了 污水漫出来了', 'facility'],
    ['12号楼有人在楼道里抽烟 烟头乱扔', 'sanitation'],
  ])('%s → %s', (text, category) => {
    const r = say(V, text);
    expect(r.intent).toBe('report');
    expect(r.category).toBe(category);
    expect(r.assignee).toBe('shixiaohong');
    expect(r.confidence).toBeGreaterThan(0);
  });

  it('以问句说出的问题也是上报', () => {
    expect(say(V, '5号楼楼道灯怎么又不亮了？').intent).not.toBe('noise');
    expect(say(V, '门口那堆建筑垃圾啥时候能拉走啊？').intent).toBe('report');
  });

  it('书记转给网格员的居民反映是上报', () => {
    const r = say(S, '6号楼有居民反映楼上装修天天早上七点就开电锤 @石晓红 你去看看');
    expect(r.intent).toBe('report');
    expect(r.category).toBe('dispute');
  });
});

describe('同一句话，说话人不同意图不同', () => {
  it.each([
    ['5号楼杂物清理完了'],
    ['3号楼门口的垃圾清走了'],
    ['楼道灯修好了'],
    ['9号楼的小广告都撕干净了'],
  ])('%s：网格员=办结，志愿者=随手做', (text) => {
    expect(say(W, text).intent).toBe('resolve');
    expect(say(V, text).intent).toBe('self_handled');
  });

  it.each([
    ['#23 说处理了 可我看垃圾还是满的'],
    ['12号工单说是修好了 今天又不亮了'],
    ['上回清走的纸箱子 今天又堆上了'],
    ['不是说井盖换了吗 还是原来那个破的'],
    ['第15号 车主挪了一天又停回来了'],
  ])('志愿者说别人处理了但问题还在：%s → 重开', (text) => {
    expect(say(V, text).intent).toBe('reopen');
  });
});

describe('随手做', () => {
  it.each([
    ['楼道里的破花盆我给清走了', 'clutter'],
    ['门口满地烟头 我捡了一袋子', 'sanitation'],
    ['8号楼前面的雪我扫出来一条道了', 'sanitation'],
    ['楼道灯泡松了 我拧紧就亮了', 'facility'],
    ['井盖歪了 我给挪正了', 'facility'],
    ['消防栓的门开着 我给关上了', 'safety'],
    ['楼下几个孩子在玩火 我给劝走了', 'safety'],
  ])('%s', (text, category) => {
    const r = say(V, text);
    expect(r.intent).toBe('self_handled');
    expect(r.category).toBe(category);
    expect(r.grid).toBe('furao-1');
  });

  it('自己弄了一部分、剩下的要网格员 → 上报', () => {
    expect(say(V, '纸箱子我都收拾了 可是还有个大衣柜太沉 搬不动 得找人来').intent).toBe('report');
  });
});

describe('办结、进展、转办', () => {
  it.each([
    ['#23 已处理', 23], ['12号工单已办结', 12], ['第31号 已处理完毕', 31], ['#8 已清理完毕', 8], ['工单45 已修复', 45],
    ['#54 狗主人找着了 做了半天工作 这事就算办了', 54], ['第56件 市政来换了新井盖 水也抽干了', 56], ['#69 当面说好了 钱他家出 两家握手了', 69],
  ])('%s → 办结 #%i', (text, ticket) => {
    const r = say(W, text);
    expect(r.intent).toBe('resolve');
    expect(r.ticket).toBe(ticket);
  });
  it.each([
    ['#27 已联系物业 下午来人清', 'in_progress'],
    ['收到 马上过去', 'in_progress'],
    ['处理中', 'in_progress'],
    ['#52 在处理了 配件得等两天', 'in_progress'],
    ['车主联系上了 说晚上回来就挪', 'in_progress'],
    ['井盖的事已经转给市政了', 'escalated'],
    ['丢电瓶的事已经报派出所了', 'escalated'],
    ['已上报街道 等回复', 'escalated'],
    ['3号楼的纸箱 物业说明天来拉', 'in_progress'],
    ['已经跟物业说了', 'in_progress'],
  ])('%s → 进展(%s)', (text, progress) => {
    const r = say(W, text);
    expect(r.intent).toBe('progress');
    expect(r.progress).toBe(progress);
  });
  it('已联系后面跟着结果 → 办结', () => {
    expect(say(W, '已联系车主 车都挪走了').intent).toBe('resolve');
  });
  it('网格员对被引用的上报说收到 → 进展；对通知说收到 → 无事', () => {
    expect(say(W, '「陈建国：3号楼楼道堆满纸箱」\n- - - - - - -\n收到').intent).toBe('progress');
    expect(say(W, '「赵书明：明早9点开会 请准时参加」\n- - - - - - -\n收到').intent).toBe('noise');
    expect(say(V, '「赵书明：明早9点开会 请准时参加」\n- - - - - - -\n收到').intent).toBe('noise');
  });
});

describe('巡查、走访、调解', () => {
  it.each([
    '巡查打卡 青一小区1到6号楼 一切正常',
    '早上巡逻完毕 无异常',
    '巡 富饶小区 全部正常',
    '今天巡了7号楼到12号楼 没发现啥问题',
    '把我们那片转了一圈 没啥事',
  ])('巡查：%s', (text) => expect(say(V, text).intent).toBe('patrol'));
  it('巡查中发现问题 → 上报，位置是问题所在', () => {
    const r = say(V, '今天巡了1到6号楼 别的都正常 就是4号楼后头的下水井反水了');
    expect(r.intent).toBe('report');
    expect(r.location?.building).toBe('4');
    expect(r.category).toBe('facility');
  });
  it.each([
    '走访了3号楼2单元刘大爷 身体还行',
    '入户走访 5户 情况都正常',
    '下午去看了看10号楼的孤寡老人 送了点挂面',
    '到5-2-301家看了看 老爷子恢复得不错 暂时不需要帮助',
  ])('走访：%s', (text) => expect(say(V, text).intent).toBe('visit'));
  it.each([
    '两家为漏水的事吵 我去坐了坐 两家都答应不吵了',
    '劝了半天 她同意把楼道的缸搬回家',
    '我给说和好了 两家握手了',
    '跟那小伙子讲了半天 他当着我面把线收了',
  ])('调解：%s', (text) => expect(say(V, text).intent).toBe('mediation'));
  it('劝了不听 → 上报，不是调解', () => {
    expect(say(V, '21号楼那家天天把电瓶车推楼道充电 说了好几回就是不听 你们来管管吧').intent).toBe('report');
  });
});

describe('无事：通知、感谢、收到、闲聊、转发、问句', () => {
  it.each([
    [S, '通知：本周六上午小区停水检修 请提前通知到户'],
    [S, '各位管家 明早9点社区开会 请准时参加'],
    [S, '请大家提醒居民不要在楼道堆放杂物 电动车不要进楼充电'],
    [S, '转发：关于开展冬季消防安全大排查的通知'],
    [V, '【转发】市应急管理局提醒：电动车严禁入户充电'],
    [V, '谢谢石姐 处理得真快👍'],
    [V, '前几天处理的那个楼道现在干干净净 居民都夸'],
    [V, '收到'],
    [V, '好的'],
    [V, '👍'],
    [V, '[强]'],
    [V, '早上好各位 今天出太阳了'],
    [V, '明天降温不 有雪没'],
    [V, '刘书记 下周那个培训是几点来着'],
    [V, '社区发的防诈骗宣传单还有没有 我想多拿点'],
    [V, '哈哈哈 你这身手可以啊 俩人就把沙发抬下去了'],
    [S, '大家辛苦了 这周没有一件超期的 点赞'],
    [V, '今天零下十八度 大家巡查多穿点'],
    [V, '石姐 3号楼那个纸箱子的事你知道不'],
    [V, '哪位知道物业电话多少'],
    [W, '明天上午统一清理楼道杂物 请志愿者配合'],
    [V, '@石晓红 收到 谢谢'],
  ])('%s：%s', (from, text) => expect(say(from, text).intent).toBe('noise'));
});

describe('查询、积分、兑换、帮助、图片', () => {
  it.each([
    ['上周各网格上报情况统计一下', 'query_stats'],
    ['本月各网格巡查次数统计', 'query_stats'],
    ['昨天社区处理了几件', 'query_stats'],
    ['11月份矛盾纠纷调处了多少起', 'query_stats'],
    ['统计一下各网格的办结率', 'query_stats'],
    ['本周哪个小巷管家上报最多？排个名', 'query_stats'],
    ['还有哪些工单没处理完 列一下', 'query_tickets'],
    ['本周超期的工单有哪些', 'query_tickets'],
    ['我名下还没办结的单子都列出来', 'query_tickets'],
    ['查积分', 'query_points'],
    ['我现在有多少积分了', 'query_points'],
    ['我攒了多少分了', 'query_points'],
    ['积分排行榜', 'query_points'],
    ['这周的积分啥时候发', 'query_points'],
    ['把上周的台账发我', 'query_stats'],
    ['兑换 一袋大米', 'redeem'],
    ['积分兑换：食用油一桶', 'redeem'],
    ['换两袋洗衣粉 从我积分里扣', 'redeem'],
    ['确认兑换 R12', 'redeem'],
    ['帮助', 'help'],
    ['这个小助手咋用啊', 'help'],
    ['怎么报问题？要按啥格式写', 'help'],
  ])('%s → %s', (text, intent) => expect(say(S, text).intent).toBe(intent));

  it('兑换的物品与数量（中文数字）', () => {
    expect(say(V, '换两袋洗衣粉 从我积分里扣').redeem).toMatchObject({ action: 'request', item: '洗衣粉', quantity: 2, unit: '袋' });
    expect(say(V, '积分兑换：食用油一桶').redeem).toMatchObject({ action: 'request', item: '食用油', quantity: 1, unit: '桶' });
    expect(say(V, '我想用积分换那个保温杯').redeem).toMatchObject({ item: '保温杯', quantity: 1 });
    expect(say(V, '兑换 十二个鸡蛋').redeem).toMatchObject({ item: '鸡蛋', quantity: 12, unit: '个' });
    expect(say(W, '确认兑换 R12').redeem).toMatchObject({ action: 'confirm', redemption: 12 });
    expect(say(W, '取消兑换 R7').redeem).toMatchObject({ action: 'cancel', redemption: 7 });
  });
  it('积分排行', () => {
    expect(say(V, '积分排行').points).toEqual({ ranking: true });
    expect(say(V, '查积分').points).toEqual({ ranking: false });
  });
  it('查询范围：网格、小区、超期', () => {
    expect(say(S, '富饶第一网格本月上报了多少').scope).toMatchObject({ grid: 'furao-1' });
    expect(say(S, '第二网格上周办结了几件').scope).toMatchObject({ grid: 'furao-2' });
    expect(say('liuyan', '二网格上周办结了几件', { chat: 'wrkchat-xingfu' }).scope).toMatchObject({ grid: 'xingfu-2' });
    expect(say(S, '青一小区本月上报了多少').scope).toMatchObject({ compound: '青一小区' });
    expect(say(S, '超期的工单有哪些').scope).toMatchObject({ overdue: true });
    expect(say(S, '还有哪些工单没处理完').range).toBeNull();
  });
  it('图片', () => {
    expect(say(V, '', { msgtype: 'image' }).intent).toBe('attachment');
    expect(say(V, '[图片]', { msgtype: 'mixed' }).intent).toBe('attachment');
    expect(say(V, '富饶小区5号楼单元门上贴满了小广告 [图片]', { msgtype: 'mixed' }).intent).toBe('report');
  });
  it('名册里没有的人：低置信度', () => {
    const r = say('stranger', '5号楼楼道堆满纸箱');
    expect(r.confidence).toBeLessThan(0.5);
  });
  it('demo 名册可用', () => expect(demo.people.length).toBeGreaterThan(5));
});

describe('第三批补的词：求助、调解好了、要掉下来、油烟、绿地种菜', () => {
  it.each([
    ['咋发照片', 'help', null],
    ['我不会用这个', 'help', null],
    ['小助手', 'help', null],
    ['2号楼两家因为漏水闹矛盾 我调解好了', 'mediation', null],
    ['11号楼楼顶的太阳能热水器要掉下来了', 'report', 'safety'],
    ['楼下新开的饭馆油烟太大 熏得窗户都不敢开', 'report', 'dispute'],
    ['3栋有人在绿化带里种菜', 'report', 'illegal_build'],
    ['小助手 3号楼灯坏了', 'report', 'facility'],
    ['楼上有人从窗户往外扔烟头', 'report', 'safety'],
  ])('%s → %s %s', (text, intent, category) => {
    const r = say(V, text);
    expect(r.intent).toBe(intent);
    if (category) expect(r.category).toBe(category);
  });
});

describe('第十七到十九批补的：说的是别处、是往后、是自家，就不是上报', () => {
  it.each([
    [V, '昨晚上那个电视剧你们看了没 演的也是楼道里电动车充电着火 一家子都没跑出来'],
    [V, '刚刷抖音 外地有个小区电动车在楼道里充电着火了 咱们可得注意'],
    [V, '明天是不是要下大雪啊 要下的话咱早点起来扫雪不'],
    [V, '我家厨房水管冻上了 拧开一滴水都不出 咋整啊 有没有懂行的'],
    [V, '想起前年冬天咱10号楼那个下水井反水 后来刘强找人给换了新管子 今年一点事没有 这事还是得趁早弄'],
    [S, '截至10月底 咱社区今年共受理问题326件 办结率98% 感谢各位管家的付出'],
    [V, '今儿早市大米又涨了 五块一斤 还不如咱积分换的那个香'],
  ])('%s：%s', (from, text) => expect(say(from, text).intent).toBe('noise'));

  it('井盖让人撬走了：是设施坏了，不是治安', () => {
    expect(say(V, '青一7号楼后头那个下水井盖子不知道让谁给撬走了 就剩个黑窟窿').category).toBe('facility');
  });
  it('挖了沟没填、没围挡：安全隐患', () => {
    const r = say(V, '青一9号楼前头那条道 有人挖了条大沟埋管子 埋完了沟也没填 也没个围挡');
    expect(r.intent).toBe('report');
    expect(['safety', 'facility']).toContain(r.category);
  });
  it('“人瘦了一圈 屋里冷冰冰的”是帮扶，不是圈地盖房', () => {
    expect(say(V, '青一3号楼2单元101的王大爷 老伴走了 这几天都没见他下楼 人瘦了一圈 屋里冷冰冰的 得有人管管').category).toBe('assistance');
  });
  it('邻居焊了个铁架子、盖了彩钢瓦：是违建，不是志愿者干的活', () => {
    expect(say(V, '青一5号楼东头一楼那家 在窗户外头焊了个铁架子 上头还盖了彩钢瓦').intent).toBe('report');
  });
  it('志愿者自己：抬去垃圾站、拧了拧就亮了', () => {
    expect(say(V, '青一11号楼楼道里扔了俩旧床垫子 我跟老穆俩人给抬垃圾站去了').intent).toBe('self_handled');
    expect(say(V, '青一4号楼5单元门口那个灯不亮了 是灯泡松了 拧了拧就亮了').intent).toBe('self_handled');
  });
  it('上门跟狗主人说了、人家答应了：调解', () => {
    expect(say(V, '青一3号楼那家把狗关阳台上 白天黑夜地叫 我上门跟狗主人说了 人家答应晚上把狗牵屋里去').intent).toBe('mediation');
  });
  it.each([
    ['上个月各网格情况发一下', 'query_stats'],
    ['看看我攒了多少红分', 'query_points'],
    ['积分都能换些啥东西啊', 'help'],
    ['拿300分换那箱鸡蛋', 'redeem'],
    ['这个小管家咋使唤啊', 'help'],
  ])('%s → %s', (text, intent) => expect(say(text.includes('各网格') ? S : V, text).intent).toBe(intent));
  it('网格员问“我名下的工单”', () => expect(say(W, '我名下的工单').intent).toBe('query_tickets'));
});

describe('上报之后的话：问进展、催单、没修好、还有个事', () => {
  it('志愿者问“#54 咋样了”：查工单，不是走访', () => expect(say(V, '#54 咋样了 有人去看了没').intent).toBe('query_tickets'));
  it('书记催“#49 抓紧点”：不用记什么', () => expect(say(S, '@石晓红 #49 那辆车居民又打电话来问了 抓紧点').intent).toBe('noise'));
  it.each([
    ['青一22号楼那条狗下午又撒开跑了 根本没拴 跟没处理一样'],
    ['#47 门又关不上了 新换的闭门器没两天就坏了'],
  ])('志愿者：%s → 又坏了', (text) => expect(say(V, text).intent).toBe('reopen'));
  it('“还有个事”后面说的才是问题，前面说的是地方', () => {
    const r = say(V, '青一7号楼垃圾桶那边还有个事 旁边的路灯杆子歪了 看着快倒了');
    expect(r.intent).toBe('report');
    expect(['facility', 'safety']).toContain(r.category);
  });
  it('“我赶紧拿水浇灭了”是做完了，不是叫人赶紧来', () => {
    const r = say(V, '青一2号楼2单元楼梯拐角 不知谁插了一把香 直掉火星子 我赶紧拿水浇灭了');
    expect(r.intent).toBe('self_handled');
    expect(r.category).toBe('safety');
  });
  it('“转两趟车”不是巡查转了两趟', () => expect(say(V, '好多老人跟我讲 公交站挪远了 看病要转两趟车 能不能帮忙反映一下').intent).toBe('report'));
  it('“装几个柜子”不是问几个', () => expect(say(V, '居民反映 咱小区一个快递柜都没有 快递丢了好几回了 想让社区协调装几个柜子').intent).toBe('report'));
});

describe('词表里没有的说法：描述出来的东西', () => {
  it.each([
    ['青一9号楼2单元一楼那家又在楼道口点那个冒黑烟的小铁桶 里头烧的蜂窝煤 呛得直咳嗽', 'safety'],
    ['青一18号楼西边那条消防道 快递小哥把空筐全码道上了', 'clutter'],
    ['青一11号楼有个小伙子天天晚上在家直播 又唱又喊 闹到后半夜', 'dispute'],
    ['青一21号楼3单元一楼那家开了个团购自提点 菜箱子卸到楼道里 摞得比人还高', 'clutter'],
    ['青一17号楼有个小子在楼顶放那个带摄像头会飞的玩意儿 贴着人家窗户飞 窗帘都不敢拉开', 'security'],
    ['青一8号楼好几家门框上让人拿粉笔画了圈 瞅着不像咱院的人在转悠', 'security'],
    ['青一12号楼楼顶让人铺了一大片光伏板 拿角钢焊的架子', 'illegal_build'],
    ['青一10号楼楼顶那片光伏板 前两天大风掀起来一块 耷拉在楼檐上', 'safety'],
    ['青一24号楼东头那几个车位 让人拿破轮胎给占上了 还偷摸安了个地锁', 'parking'],
  ])('%s → %s', (text, category) => {
    const r = say(V, text);
    expect(r.intent).toBe('report');
    expect(r.category).toBe(category);
  });
  it('牛皮癣说的是皮肤病、问偏方：不是小广告', () => expect(say(V, '牛皮癣这玩意儿一到冬天就犯 谁有好偏方').intent).toBe('noise'));
});

describe('冬天的一周：撤回、先关了总阀、说修过又凉了、别人干的不算志愿者做的', () => {
  it('“我看错了”：撤回，不记', () => expect(say(V, '上面说的那个不用管了 我看错了 那几个箱子是人家刚搬家卸下来的 下午就搬上楼了').intent).toBe('noise'));
  it('网格员“总阀已经关了 物业下午来换管子”：还在办，不是结单', () => expect(say(W, '青一3号楼2单元冻裂的水管 总阀已经关了 物业下午来换管子').intent).toBe('progress'));
  it('“说是热力公司来排过气了 又是凉的”：没修好', () => expect(say(V, '青一9号楼1单元的暖气 说是热力公司来排过气了 今早我去摸 又是凉的').intent).toBe('reopen'));
  it('“刚又去敲了门 还是没动静”：是帮扶上报，不是又坏了', () => {
    const r = say(V, '补充一下 刘大爷是青一3号楼2单元501的 刚又去敲了门 还是没动静');
    expect(r.intent).toBe('report');
    expect(r.category).toBe('assistance');
  });
  it.each([
    ['青一6号楼后头 装修的把那个 那个 瓷砖碎片 水泥块子 全倒到绿化带里了'],
    ['青一5号楼后头那堆装修拆下来的旧暖气片跟碎砖头 堆了一个多礼拜了 晚上绊倒好几个了'],
    ['青一2号楼那家把电动三轮推进楼道里了 说了两回都不听'],
  ])('别人干的：%s → 上报', (text) => expect(say(V, text).intent).toBe('report'));
  it('冒充热力公司上门收费：治安', () => expect(say(V, '昨天下午青一7号楼来了俩人 说是热力公司的 挨家挨户收暖气检修费 我跟他要工作证他不给').category).toBe('security'));
  it('村里这片都走了、没事：巡查', () => expect(say(V, '今儿早上把青一1号楼到12号楼这片都走了 各家烟筒都看了 没有冒黑烟的').intent).toBe('patrol'));
});

describe('边角：图片的说明、书记转述、老人问怎么用', () => {
  const photo = (from: string, text: string) => say(from, text, { msgtype: 'mixed' });
  it('“看这个 [图片]”：只是指着图，算附件', () => expect(photo(V, '看这个 [图片]').intent).toBe('attachment'));
  it('“这谁家的 [图片]”：图里就是问题，上报', () => expect(photo(V, '这谁家的 [图片]').intent).toBe('report'));
  it('书记转述居民反映的新问题并点名网格员：上报，不是进展', () => {
    expect(say(S, '有居民打电话说 青一6号楼楼顶排水口堵了 顶楼已经往屋里渗了 @石晓红 你今天务必去看看').intent).toBe('report');
  });
  it.each([
    ['我发了它咋不回我 是不是我弄错了'],
    ['能发语音不 我眼睛花了 打字太慢'],
    ['报错了咋撤回啊'],
    ['拍的照片咋发不上去 转半天圈圈'],
    ['积分是咋算的 报一个问题给几分'],
  ])('%s → 帮助', (text) => expect(say(V, text).intent).toBe('help'));
  it.each([
    ['我排第几了'],
    ['积分咋少了二十 我啥也没换啊'],
  ])('%s → 查积分', (text) => expect(say(V, text).intent).toBe('query_points'));
  it('找着装修队工头说好了歇工时间、大家都满意：调解', () => {
    expect(say(V, '青一11号楼中午用电镐那家 我找着装修队的工头了 说好了中午十二点到两点歇工 楼上楼下都挺满意').intent).toBe('mediation');
  });
  it('“狗撒开跑了”“把小孩扑倒了”不是志愿者做完了什么', () => {
    expect(say(V, '青一南门那块 有人遛狗不拴绳 一条大狼狗 把一个小孩扑倒了 今天又撒开跑了').intent).toBe('report');
  });
});

describe('第二十九到三十一批补的', () => {
  it('“晚上好多人上去乘凉”不是“晚上好”', () => {
    expect(say(V, '青一5号楼的天台门一直开着 这几天晚上好多人上去乘凉 还有小孩在女儿墙边上爬来爬去 太危险了').intent).toBe('report');
  });
  it('网格员说着自己名下的单子：进展，不是再报一遍', () => {
    expect(say(W, '青一11号楼那个 第23号工单 物业说周五前把门禁换好').intent).toBe('progress');
  });
  it('书记的通知里点了小区名，还是通知', () => {
    expect(say(S, '请各网格本月25日前把二季度入户走访表交到社区 青一小区和富饶小区的空表在我这领').intent).toBe('noise');
  });
  it.each([
    ['本周第一网格上报和办结情况', 'query_stats'],
    ['今年以来咱社区一共报了多少件 办结多少 超期多少', 'query_stats'],
    ['第一网格还有几单超期的', 'query_tickets'],
  ])('%s → %s', (text, intent) => expect(say(S, text).intent).toBe(intent));
  it('“跳舞的姐妹们注意了 今晚挪到车棚旁边跳”：通知', () => expect(say(V, '跳舞的姐妹们注意了 今晚起小广场那块要铺地砖 咱们挪到车棚旁边那块空地跳 别走错了').intent).toBe('noise'));
  it('“不知道谁拿个破纸箱子盖上了”：别人凑合盖的，还得报', () => expect(say(V, '青一5号楼西边那个下水井盖没了 不知道谁拿个破纸箱子盖上了 晚上看不见').intent).toBe('report'));
  it('“我跟保安俩人给撬正了”：自己修好的，不是治安', () => {
    const r = say(V, '青一3号楼楼下那个井盖让车压翘了 我跟保安俩人给撬正了 踩了踩挺稳当');
    expect(r.intent).toBe('self_handled');
    expect(r.category).toBe('facility');
  });
});

describe('回复机器人自己的消息', () => {
  const bot = (quote: string, reply: string) => `「小巷管家：${quote}」\n- - - - - - -\n${reply}`;
  const reminder = '早上好 超期工单提醒：#41 青一小区15号楼 停车秩序 超期1天 @王磊；#45 富饶小区9号楼 违章搭建 超期2天 @孙丽';
  it('提醒里列了几单：回复开头的号就是那一单', () => {
    const r = say('wanglei', bot(reminder, '41已经办了 系统没关'));
    expect(r.intent).toBe('resolve');
    expect(r.ticket).toBe(41);
  });
  it('没说号：是提醒里点到自己名字的那一单', () => expect(say('sunli', bot(reminder, '办完了 忘了回了 棚子昨天就拆了')).ticket).toBe(45));
  describe('一个人名下的清单（超期提醒、“是哪一件”）：回复说了地方或哪类事，就是那一件', () => {
    const mine = '超期提醒（王磊）：3件工单已过办结时限，请尽快处理，办完回复“#编号 已处理”\n#41 停车秩序 · 青一小区15号楼 · 超期1天\n#47 犬只 · 青一小区3号楼 · 超期2天\n#52 环境卫生 · 青二小区7号楼 · 超期1天';
    it('“7号楼的垃圾已经让保洁拉走了”：说了楼，是#52，办结', () => {
      const r = say('wanglei', bot(mine, '7号楼的垃圾已经让保洁拉走了 地也冲了'));
      expect(r.ticket).toBe(52);
      expect(r.intent).toBe('resolve');
    });
    it('“狗那个 主人已经给拴上了”：说了哪类事，是#47', () => expect(say('wanglei', bot(mine, '狗那个 主人已经给拴上了')).ticket).toBe(47));
    it('“15号楼”不会被当成“5号楼”', () => expect(say('wanglei', bot(mine, '5号楼那个车挪走了')).ticket).toBeNull());
    it('“都在办了”：说的是全部，哪一件都不是', () => expect(say('wanglei', bot(mine, '都在办了 狗那个物业说今天去')).ticket).toBeNull());
  });
  it('“12345转过来的工单”：市民热线的号，不是我们的#12345', () => {
    const r = say(S, '@王磊 街道转过来一个12345工单 青一小区8号楼居民投诉楼顶水箱漏水 渗到屋里了 你抓紧去看一看');
    expect(r.ticket).toBeNull();
    expect(r.intent).toBe('report');
  });
  it('书记“12345转过来一个件 … 王磊你明天中午前去看一眼”：交代给网格员的新事，不是书记自己的进展', () => {
    const r = say(S, '12345转过来一个件 青一小区6号楼有居民反映楼顶积雪太厚 怕把彩钢棚压塌了 王磊你明天中午前去看一眼回个话');
    expect(r.intent).toBe('report');
    expect(r.ticket).toBeNull();
  });
  it('对超期提醒光回“收到”：只是看到了', () => expect(say('wanglei', bot('早上好 超期工单提醒：#41 青一小区15号楼 停车秩序 超期1天 @王磊', '收到')).intent).toBe('noise'));
  it('书记在小结下面让列超期的：查工单，不是办工单', () => {
    const r = say(S, bot('今日小结（11月15日）富饶社区 新报 9 件 办结 4 件 超期 3 件：#41 #45 #48', '把超期的列一下'));
    expect(r.intent).toBe('query_tickets');
    expect(r.ticket).toBeNull();
  });
  it('小结下面“上周的呢 也发一下”：上周的统计', () => {
    const r = say(S, bot('今日小结（11月16日）富饶社区 新报 6 件 办结 5 件', '上周的呢 也发一下'));
    expect(r.intent).toBe('query_stats');
    expect(r.range).toEqual({ from: '2026-11-16', to: '2026-11-22' });
  });
  it('登记回执下面“不对 是6号楼不是5号楼”：同一件事，报对地方', () => {
    const r = say(V, bot('已登记 #53【楼道堆物】青一小区5号楼2单元 已通知 @石晓红', '不对 是6号楼不是5号楼'));
    expect(r.intent).toBe('report');
    expect(r.category).toBe('clutter');
    expect(r.location).toMatchObject({ compound: '青一小区', building: '6' });
  });
  it('“谢谢孙丽 另外3号楼后头也有人搭棚子了”：谢完了还有新问题', () => {
    expect(say('gaozhiqiang', bot('#54【违章搭建】富饶小区12号楼 已办结（孙丽）', '谢谢孙丽 另外富饶3号楼后头也有人开始搭棚子了 今天刚立了柱子')).intent).toBe('report');
  });
  it('“照片补一张 [图片]”：附件', () => expect(say(V, bot('已登记 #53【楼道堆物】青一小区6号楼2单元 已通知 @石晓红', '照片补一张 [图片]'), { msgtype: 'mixed' }).intent).toBe('attachment'));
});

describe('口音和容易混的类别', () => {
  it('粤语的“咗”“搞掂”：做完了', () => expect(say(V, '青一2号楼门口啲杂物我同老伴搬走咗 搞掂 而家门口好企理').intent).toBe('self_handled'));
  it('“巡咯 冇得么子问题”：巡查', () => expect(say(V, '今天早上巡咯青一1到9号楼 冇得么子问题 一切正常').intent).toBe('patrol'));
  it('“我上门跟他扯了半天 他答应明天自己搬回去”：调解', () => expect(say(V, '青一11号楼在楼道里堆蜂窝煤的那户 我上门跟他扯了半天 他晓得厉害了 答应明天自己搬回去').intent).toBe('mediation'));
  it.each([
    ['青一7号楼前天半夜有个男的挨个单元拧人家门把手 拧了好几家没拧开才走的', 'security'],
    ['青一5号楼楼下自行车棚 我家那辆山地车昨天晚上还锁在那 今早一看连车带锁都没了', 'security'],
    ['青一5号楼1单元楼道里躺着个喝多了的 叫也叫不醒 这一宿就睡在水泥地上了', 'assistance'],
    ['青一12号楼3单元502家两口子上班去了 把5岁的孩子一个人锁家里 孩子趴在窗台上哭', 'assistance'],
    ['青一15号楼楼顶水箱漏了 水顺着墙往下淌 楼底下人行道冻了一大片冰', 'facility'],
  ])('%s → %s', (text, category) => expect(say(V, text).category).toBe(category));
  it('送回去了但“一个人住真不行”：还得报', () => expect(say(V, '青一5号楼3单元402的李大爷又找不着家了 我给送回去了 老爷子糊涂得越来越厉害 一个人住真不行').intent).toBe('report'));
  it('书记让网格员“你上门看看”：是上报，不是走访', () => expect(say(S, '青一22号楼周大妈说有人打电话冒充她孙子 让她转两万块钱 @石晓红 你上门看看').intent).toBe('report'));
});

describe('长语音和粤语', () => {
  it('“多谢梁姑娘 卷闸门今日已经修好”：谢别人修好的', () => expect(say(V, '多谢梁姑娘，青一停车场个卷闸门今日已经修好，升降好顺。我老公话你哋效率真高').intent).toBe('noise'));
  it('“上个礼拜讲嘅两家…饮咗杯茶慢慢倾 握手讲和咗”：调解', () => expect(say(V, '上个礼拜讲嘅青一6号楼两家为咗鞋柜嗌交嗰单，我今晚上去两家都坐咗下，饮咗杯茶慢慢倾，两家握手讲和咗。').intent).toBe('mediation'));
  it('“麻烦你得闲回复下”是问话，不是叫人来办', () => expect(say(V, '区姑娘，请问下个礼拜社区组织长者体检，系唔系要带身份证同医保卡？麻烦你得闲回复下').intent).toBe('noise'));
  it('“本周三（12号）上午发手套”不是 12 号工单', () => expect(say(W, '各位志愿者 本周三（12号）上午9点在社区二楼会议室发放防寒手套 请互相转告').intent).toBe('noise'));
});

describe('极短的消息', () => {
  it.each([
    [W, '已转物业', 'progress'],
    [W, '#9 办结', 'resolve'],
    [V, '我的分', 'query_points'],
    [V, '查分', 'query_points'],
    [V, '换油', 'redeem'],
    [V, '又堆了', 'reopen'],
    [S, '本周', 'query_stats'],
  ])('%s：%s → %s', (from, text, intent) => expect(say(from, text).intent).toBe(intent));
  it('“富饶12楼道堆东西”：小区名后面的数加楼道，是 12 号楼', () => expect(say('gaozhiqiang', '富饶12楼道堆东西').location).toMatchObject({ compound: '富饶小区', building: '12' }));
});

describe('巡、访的各种说法', () => {
  it.each([
    ['早上在青一小区里转了转 楼道都挺干净 车也停得整齐'],
    ['例行看了看 青一那几栋楼 都挺好'],
    ['从东门走到北门 一路上没发现啥问题 打个卡'],
    ['楼前楼后都看了 青一15号楼到18号楼 没事儿'],
    ['晚饭后巡查 青一11到18号楼走了一遍 楼道都干净 单车也没乱停'],
  ])('%s → 巡查', (text) => expect(say(V, text).intent).toBe('patrol'));
  it.each([
    ['陪青一9号楼的老周头唠了会儿 老伴走了以后他一个人过 今天心情还行'],
    ['给青一15号楼2单元的吴奶奶送了药 顺便量了个血压 都正常'],
    ['上门问了问青一3号楼101的老李 他儿子说下礼拜接他过去住一阵'],
    ['电话问候了一下青一6号楼刘奶奶 她说家里都好 不用惦记'],
  ])('%s → 走访', (text) => expect(say(V, text).intent).toBe('visit'));
  it('巡查路上看见的问题，没说“但是”也是上报', () => {
    expect(say(V, '转了转 青一18号楼后头有人在绿地上拿砖垒了个小棚子 上礼拜还没有呢').intent).toBe('report');
    expect(say(V, '巡了一圈 路过青一8号楼 2单元的单元门坏了 合页掉了一边 关不上').intent).toBe('report');
  });
  it('“走访记录我晚上补上”不是一次走访', () => expect(say(V, '昨天的走访记录我晚上补上哈').intent).toBe('noise'));
});

describe('对群里所有人说的话不是对机器人说的', () => {
  it.each([
    '各位管家 明早八点前各网格把楼道杂物和电动车的排查情况报给我 请互相转告',
    '各位管家 区里月底要来检查垃圾分类 大家把各自楼下的垃圾桶站都过一遍 有问题拍照报上来',
  ])('%s → 通知', (text) => {
    expect(say('zhaoshuming', text).intent).toBe('noise');
  });
});

// 南方的老人家用粤语说话，语音照写：先换成普通话再读。
describe('粤语的巡、访、做、调', () => {
  it.each([
    ['今日寻楼 青一小区6号楼到10号楼 每层楼道都睇过 冇乜问题', 'patrol'],
    ['青一小区9号楼两家为只狗成日嗌交 我同两边倾 狗主答应唔再将狗关喺露台 而家冇咁嘈了', 'mediation'],
    ['探访 青一小区3号楼刘伯 独居 82岁 血压正常', 'visit'],
    ['青一小区4号楼三楼楼梯转角堆咗几个纸皮箱 问过系楼上刘婆婆嘅 我帮佢搬返入屋', 'self_handled'],
  ])('%s → %s', (text, intent) => {
    expect(say('chenjianguo', text).intent).toBe(intent);
  });
});

describe('网格员说一半、说转走、说关单', () => {
  it.each([
    ['#171 清了一半 还剩两车 今天车都派出去了 明天接着弄', 'progress'],
    ['富饶小区3号楼楼顶私搭的那个鸽子棚 这个不归我们管 得城管执法队来拆 我已经报上去了', 'progress'],
    ['第176件 人家那是自己买的产权车位 不算占道 这个不归我们管 单子关了吧', 'resolve'],
    ['「小巷管家：您有2件未办结，是哪一件？\n#144 楼道堆物 · 青一小区4号楼1单元\n#147 设施损坏 · 青一小区8号楼」\n- - - - - - -\n第二件 8号楼那个路灯 电工今天换好了 亮了', 'resolve'],
  ])('%s → %s', (text, intent) => {
    expect(say('sunli', text).intent).toBe(intent);
  });

  it('「三百一十五可以关了」：说成字的单号', () => {
    expect(say('wanglei', '二十一号楼门口那堆装修垃圾 今儿下午全拉走了 三百一十五可以关了')).toMatchObject({ intent: 'resolve', ticket: 315 });
  });

  it('志愿者在回执底下说「咋还没人管」：催一下，机器人去提醒网格员', () => {
    expect(say('chenjianguo', '「小巷管家：已登记 #151 楼道堆物 · 青一小区5号楼」\n- - - - - - -\n都一个多礼拜了 咋还没人管')).toMatchObject({ intent: 'reopen', ticket: 151 });
  });
});

describe('说改了口的时段、跟进一下的礼拜五', () => {
  it('「这个礼拜 嗯 不对 这个月」：取改口以后的', () => {
    expect(say('zhaoshuming', '这个礼拜 嗯 不对 这个月 七月份的数 汇总一下 报上来的 办结的都算上', { time: '2028-07-28T10:00:00+08:00' }).range).toEqual({ from: '2028-07-01', to: '2028-07-31' });
  });
  it('「孙丽跟进一下 礼拜五之前给居民回个话」：是这个礼拜五，不是下礼拜五', () => {
    expect(say('zhaoshuming', '富饶小区五号楼底下那家烧烤店 天天晚上闹到后半夜 孙丽跟进一下 礼拜五之前给居民回个话', { time: '2028-07-19T09:50:00+08:00' }).due_at?.slice(0, 10)).toBe('2028-07-21');
  });
});

describe('老人问机器人怎么用、问积分，各种说法', () => {
  it.each([
    ['查下分', 'query_points'],
    ['这个月挣了几分了 小管家给我算算', 'query_points'],
    ['我这个月的分数出来了没 月底了 看看多少', 'query_points'],
    ['帮我查一下侯桂芳这个月的积分 她说她手机上看不着', 'query_points'],
    ['我这积分现在攒了多少了 过年前说能换米面油 现在还能换不', 'query_points'],
    ['换的油领着了 谢谢小管家🙏', 'noise'],
    ['发照片有用吗 还是光说话就行', 'help'],
    ['不会弄 我刚才按着说了一大通 咋没反应呢 是不是得打字啊', 'help'],
    ['怎么报事呢 比方说我看见路灯坏了 是直接在这个群里说就行了吗 还是得找谁', 'help'],
    ['前天我报的那个事咋没动静 是不是我没弄对 怎么看报上去没有', 'help'],
  ])('%s → %s', (text, intent) => expect(say(V, text).intent).toBe(intent));
  it('“做了几件事 这个能加几分啊”：记录为主，问分是顺带的', () => expect(say(V, '刚在青一3号楼门口捡了一大袋子塑料瓶 都扔垃圾桶了 这个能加几分啊').intent).toBe('self_handled'));
  it('“她八十多了自己不会弄”：说的是老人，不是问机器人', () => expect(say(V, '青一小区11号楼独居的周奶奶家暖气一直不热 她八十多了自己不会弄 麻烦找人看看').intent).toBe('report'));
});

describe('记录和上报的分界，又一批说法', () => {
  it('“一圈走下来 护栏路灯垃圾桶都好好的 就是落叶多了点 不碍事”：巡查', () => expect(say(V, '河边步道今天一圈走下来 护栏 路灯 垃圾桶都好好的 就是落叶多了点 不碍事').intent).toBe('patrol'));
  it('“看了看独居的孙大爷 上回说腿疼 今天好多了”：走访，不是求助', () => expect(say(V, '今儿上午去青一5号楼看了看独居的孙大爷 上回他说腿疼 今天好多了 能下楼溜达了').intent).toBe('visit'));
  it('“我过去说和说和 一人让一点 现在各摆各的了”：调解', () => expect(say(V, '晚上菜市场门口俩摆摊的为抢位置吵起来了 吵得挺凶 我过去说和说和 一人让一点 现在各摆各的了').intent).toBe('mediation'));
  it('“我拿铲刀铲脱了”（上海话）：随手做', () => expect(say(V, '青一小区14号楼大门口贴了一墙头的小广告 我拿铲刀铲脱了').intent).toBe('self_handled'));
  it('网格员“已经让保洁拉走了”：办结；志愿者说“让物业来拉”还没办', () => {
    expect(say(W, '「陈建国：青一5号楼门口一堆垃圾」\n- - - - - - -\n已经让保洁拉走了 地也冲了').intent).toBe('resolve');
    expect(say(V, '青一5号楼门口一堆垃圾 得让物业来拉走').intent).toBe('report');
  });
});

describe('第七次会话第二轮留出集学到的', () => {
  it('网格员“我自己早上看见的 记一下 … 回头报市政”：自己发现的问题立个单，是上报', () => {
    const r = say(W, '我自己早上看见的 记一下 青一小区11号楼南边路面塌了个坑 脸盆那么大 一下雨就积水 回头报市政');
    expect(r.intent).toBe('report');
    expect(r.category).toBe('facility');
  });
  it('“这周五到下周二我请假 有事先找王磊”“我回来啦 这周正常上班”：告诉大家的闲话', () => {
    expect(say(W, '跟大家说一下 这周五到下周二我请假 家里老人住院 青一那边有事先找王磊').intent).toBe('noise');
    expect(say(W, '我回来啦 这周正常上班 谢谢王磊帮忙顶了一周🙏').intent).toBe('noise');
  });
  it('“她女儿这周请了假在家照顾”：说的是别人请假，走访照旧', () => expect(say(V, '上楼看了看12号楼的钱大姐 刚出院 腿还肿着 她女儿这周请了假在家照顾 暂时不用我们帮啥').intent).toBe('visit'));
  it('粤语“行咗一圈 啲渠都通晒 冇咩事”：巡查', () => expect(say(V, '今朝七点行咗一圈青一小区 由头行到尾 啲渠都通晒 冇咩事').intent).toBe('patrol'));
  it('“我而家有几多积分 上个月换咗一支油”：问积分，上个月的兑换只是顺口一提', () => expect(say(V, '我而家有几多积分 上个月换咗一支油 唔知仲剩几多').intent).toBe('query_points'));
  it('书记在小结下面“报了好多件 办结了好多件 拉个数出来”（四川话的“好多”是多少）：要数据', () => {
    const r = say(S, '「小巷管家：**富饶社区 4月18日 小结**：新报6件，办结4件」\n- - - - - - -\n这个月到今天为止 我们社区一共报了好多件 办结了好多件 拉个数出来 月底要交街道', { time: '2028-04-18T18:00:00+08:00' });
    expect(r.intent).toBe('query_stats');
    expect(r.range).toEqual({ from: '2028-04-01', to: '2028-04-18' });
  });
  it('书记“从除夕到初六这几天 咱社区一共接了多少事 结了多少 发我一下”：春节那几天的数据', () => {
    const r = say(S, '从除夕到初六这几天 咱社区一共接了多少事 结了多少 发我一下 街道要春节值守情况', { time: '2028-02-02T09:00:00+08:00' });
    expect(r.intent).toBe('query_stats');
    expect(r.range).toEqual({ from: '2028-01-25', to: '2028-01-31' });
  });
  it('网格员在管家的话下面问“1801还是1802啊 我好上去敲门”：问回去，还没开始办', () => {
    expect(say(W, '「陈建国：青一5号楼18楼电梯口有人家放了个大鞋柜 推车都过不去了」\n- - - - - - -\n陈叔 知道是哪一户的不 1801还是1802啊 我好上去敲门').intent).toBe('noise');
    expect(say(W, '「陈建国：青一5号楼电梯又坏了」\n- - - - - - -\n还是没修好呢 我下午再催物业').intent).not.toBe('noise');
  });
  it('“单子要转给别的网格员 在群里怎么说机器人才认得”：问怎么用', () => expect(say(W, '请问一下 单子要转给城管或者转给别的网格员 在群里怎么说机器人才认得').intent).toBe('help'));
});
