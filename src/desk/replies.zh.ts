// Everything the secretary's desk says: figures, open-ticket lists, and the polite refusals. Plain words a secretary
// can paste into a report upward; numbers first, no jargon.

export const zhDesk = {
  // --- who may see what ---
  unknownCommunity: (s: string) => `没找到「${s}」这个社区，请核对名称。`,
  unknownGrid: (s: string) => `没找到「${s}」这个网格，请说网格的全名，例如「富饶第一网格」。`,
  unknownCompound: (s: string) => `没找到「${s}」这个小区，请核对名称。`,
  notInCommunity: (what: string, community: string) => `${what}不属于${community}。`,
  otherCommunityInGroup: (community: string) => `这是${community}的工作群，这里只能查看${community}的情况。其他社区的数据请私聊我查询。`,
  unknownGroup: '这个群还没有登记到哪个社区，统计不在这里发。请私聊我查询，或请管理员在名册里加上这个群。',
  noCommunityOfYours: '名册里还没有登记您所在的社区，请管理员补上后再查。',
  onlyYourCommunity: (community: string) => `您好，您只能查看${community}的统计。`,
  noGridOfYours: '名册里还没有登记您负责的网格，请管理员补上后再查。',
  onlyYourGrids: (grids: string) => `您好，您负责${grids}，只能查看本网格的情况。`,
  yourself: (name: string) => `${name}本人`,
  volunteerNote: '（社区和网格的整体统计由书记、网格员查看，这里是您本人的情况，辛苦了！）',

  // --- figures ---
  noneReported: '这段时间没有新报的问题',
  statsHead: (label: string, period: string) => `${label} ${period}：`,
  ticketsLine: (created: number, done: number, open: number, overdue: number) =>
    `新报${created}件，已办结${done}件，未办结${open}件${overdue ? `（超期${overdue}件）` : ''}`,
  rates: (close: string | null, onTime: string | null, median: string | null) =>
    [close && `结案率${close}`, onTime && `按期结案率${onTime}`, median && `办结用时中位数${median}`].filter(Boolean).join('，'),
  alsoResolved: (n: number) => `期间共办结${n}件（含之前报的）`,
  reopened: (n: number) => `重新打开${n}件`,
  categories: (parts: string[]) => `类别：${parts.join('、')}`,
  grids: (parts: string[]) => `各网格：${parts.join('；')}`,
  gridPart: (name: string, created: number, done: number, open: number, overdue: number) =>
    `${name} 新报${created}/办结${done}${open ? `/未办结${open}` : ''}${overdue ? `（超期${overdue}）` : ''}`,
  unassigned: '未分派',
  work: (w: { reports: number; self_handled: number; patrol: number; visit: number; mediation: number }) =>
    `管家工作：上报${w.reports}、随手做${w.self_handled}、巡查${w.patrol}、走访${w.visit}、调解${w.mediation}`,
  topVolunteers: (parts: string[]) => `最积极：${parts.join('、')}`,
  openNow: (open: number, overdue: number) => `目前共有未办结${open}件${overdue ? `，其中超期${overdue}件` : ''}`,
  own: (created: number, done: number, w: { self_handled: number; patrol: number; visit: number; mediation: number }) =>
    `上报问题${created}件（已办结${done}件），随手做${w.self_handled}次，巡查${w.patrol}次，走访${w.visit}次，调解${w.mediation}次`,
  ownOpen: (n: number) => `您反映的问题还有${n}件在处理中`,

  // --- open tickets ---
  ticketsHead: (label: string, total: number, overdue: number, onlyOverdue: boolean) =>
    onlyOverdue ? `${label} 超期未办结共${total}件：` : `${label} 未办结共${total}件${overdue ? `（超期${overdue}件）` : ''}，等得最久的在前：`,
  ownTicketsHead: (total: number) => `您反映的问题还有${total}件未办结：`,
  noOpen: (label: string) => `${label} 目前没有未办结的工单。`,
  noOverdue: (label: string) => `${label} 目前没有超期的工单。`,
  noOwnOpen: '您反映的问题都已办结，辛苦了！',
  reportedIn: (period: string) => `（${period}报的）`,
  ageMinutes: '刚报',
  ageHours: (h: number) => `${h}小时`,
  ageDays: (d: number) => `${d}天`,
  overdueTag: '（超期）',
  total: (shown: number, total: number) => (total > shown ? `共${total}件，以上是最早的${shown}件` : `共${total}件`),
} as const;
