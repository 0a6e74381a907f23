// Every sentence the bot says about tickets and records, in one place. Short, plain, no jargon: the readers are
// retired volunteers reading on a phone, and busy grid workers.
import { categoryZh, placeZh, RECORD_ZH, STATUS_ZH } from '../domain/categories.js';
import type { TicketRow } from '../store/tickets.js';
import { toShanghaiIso } from '../time.js';

const when = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`;
const at = (iso: string) => when(toShanghaiIso(new Date(iso)));
const line = (t: TicketRow) => `#${t.id} ${categoryZh(t.category)} · ${placeZh(t)}`;

export const zh = {
  ticketLine: line,
  opened: (t: TicketRow) => `已登记 ${line(t)}`,
  openedSensitive: (t: TicketRow) => `已登记 #${t.id}，已转网格员处理`,
  openedUnassigned: (t: TicketRow) => `已登记 ${line(t)}，还不清楚归哪个网格，请社区分派`,
  sensitiveDetail: (t: TicketRow, reporter: string) => `新工单 ${line(t)}\n反映人：${reporter}\n内容：${t.text}\n（涉及个人隐私，详情只发给您）`,
  merged: (t: TicketRow) => `已合并到 #${t.id}（已有${t.report_count}人反映）`,
  mergedResolved: (t: TicketRow) => `已合并到 #${t.id}，这件事${t.resolved_at ? at(t.resolved_at) : ''}已处理过；如果还没弄好，请回复「#${t.id} 还没处理」`,
  placeAdded: (t: TicketRow) => `地点已补上 ${line(t)}`,
  placeChanged: (t: TicketRow) => `地点已改为 ${line(t)}`,
  askWhatProblem: '是要反映问题吗？请说一下是什么问题、在哪个小区几号楼。',
  resolved: (t: TicketRow, by: string, said: string) =>
    `#${t.id} 已办结：${categoryZh(t.category)} · ${placeZh(t)}\n${by}：${said || '已处理'}\n如果没弄好，请回复「#${t.id} 还没处理」`,
  progress: (t: TicketRow, note: string) => `#${t.id} ${STATUS_ZH[t.status]}${note ? `：${note}` : ''}`,
  reopened: (t: TicketRow) => `#${t.id} 已重新打开（第${t.reopen_count}次）：${categoryZh(t.category)} · ${placeZh(t)}，请再看看`,
  stillOpen: (t: TicketRow) => `#${t.id} 还在处理中，已再提醒网格员`,
  reopenTooLate: (t: TicketRow) => `#${t.id} 办结已超过7天，请当作新问题再报一次`,
  notFound: (id: number) => `没有找到 #${id} 号工单，请核对编号`,
  alreadyResolved: (t: TicketRow) => `#${t.id} 已经在${t.resolved_at ? at(t.resolved_at) : '之前'}办结了`,
  alreadyCancelled: (t: TicketRow) => `#${t.id} 已取消`,
  notYours: (t: TicketRow) => `#${t.id} 由网格员负责，您不能更改它的状态。如果没处理好，可以回复「#${t.id} 还没处理」`,
  noOpenTicket: '您名下现在没有未办结的工单。如果是别的单子，请带上编号，例如「#12 已处理」',
  whichTicket: (ts: TicketRow[]) => `您有${ts.length}件未办结，是哪一件？请带上编号回复，例如「#${ts[0].id} 已处理」：\n${ts.slice(0, 10).map(line).join('\n')}${ts.length > 10 ? `\n…共${ts.length}件` : ''}`,
  whichReopen: (ts: TicketRow[]) => `是哪一件？请带上编号回复，例如「#${ts[0].id} 还没处理」：\n${ts.slice(0, 10).map(line).join('\n')}`,
  noTicketToReopen: '没找到对应的工单。请带上编号，例如「#12 还没处理」',
  recorded: (intent: string, place: string) => `已记录 ${RECORD_ZH[intent as keyof typeof RECORD_ZH] ?? '工作'}${place ? ` · ${place}` : ''}，辛苦了！`,
  photoAdded: (id: number) => `照片已加到 #${id}`,
  noCommunity: '这个群还没有登记到哪个社区，请管理员在名册里加上这个群。',
  help: [
    '我是小巷管家，群里@我就能用：',
    '· 报问题：@小巷管家 青一小区5号楼3单元楼道堆满纸箱（可带照片）',
    '· 网格员办结：@小巷管家 #37 已处理',
    '· 没弄好：@小巷管家 #37 还没处理',
    '· 随手做/巡查/走访：@小巷管家 巡查打卡 青一小区1到6号楼正常',
    '· 查积分：@小巷管家 我的积分；兑换：@小巷管家 兑换 大米',
    '· 书记查统计：@小巷管家 本周统计',
  ].join('\n'),
};
