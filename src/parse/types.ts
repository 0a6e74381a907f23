// What one message means, before the bot looks at open tickets (CONTRACT §2).
// `interpret` is pure: same message + roster + reference time → same Interpretation.

export type Intent =
  | 'report' | 'self_handled' | 'patrol' | 'visit' | 'mediation'
  | 'resolve' | 'progress' | 'reopen'
  | 'query_stats' | 'query_tickets' | 'query_points' | 'redeem'
  | 'help' | 'attachment' | 'noise';

export type Category =
  | 'sanitation' | 'clutter' | 'ebike' | 'illegal_build' | 'construction_waste' | 'pets'
  | 'facility' | 'safety' | 'dispute' | 'parking' | 'security' | 'assistance' | 'other';

export interface Location {
  compound: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
}

export interface DateRange {
  /** YYYY-MM-DD in Asia/Shanghai, inclusive. */
  from: string;
  to: string;
}

/** The message as `interpret` takes it: one JSON line of the CLI, or the inbox row of the bot. */
export interface MessageIn {
  id: string;
  from: string;
  chat?: string | null;
  /** ISO time with offset; the reference for 昨晚, 本周 … */
  time: string;
  msgtype?: 'text' | 'image' | 'mixed';
  text?: string;
  /** The quoted message when the transport delivers it apart from the text (AI bot `quote`). Optional. */
  quote?: { author?: string | null; text: string } | null;
}

export interface Interpretation {
  id: string;
  intent: Intent;
  category: Category | null;
  location: Location | null;
  grid: string | null;
  assignee: string | null;
  observed_at: string | null;
  due_at: string | null;
  ticket: number | null;
  range: DateRange | null;
  /** 0..1: how sure we are of the intent; below ~0.6 the bot asks instead of acting. */
  confidence: number;
  /** Extra fields beyond the contract. */
  /** Text with the quote block and the @-mention removed: what the sender themselves wrote. */
  text: string;
  /** The text of a quoted message (WeCom 「name：…」 block), if any. */
  quoted: { author: string | null; text: string } | null;
  /** For report: the message only adds to what was just said in the chat: the place (`place`), the place taken back
   * (`correction`), or the same problem again (`same`); its category is that ticket's. */
  followUp?: import('./follow-up.js').FollowUp | null;
  /** For reopen: what the problem is, so that with no ticket to reopen it can be filed as a new report. */
  problem?: Category | null;
  /** For progress: 'in_progress' or 'escalated'. */
  progress?: 'in_progress' | 'escalated' | null;
  /** For redeem: a request (兑换 大米 2袋) names an item; 确认兑换 R12 / 取消兑换 R12 name a pending redemption. */
  redeem?: {
    action: 'request' | 'confirm' | 'cancel';
    item: string | null;
    quantity: number;
    unit: string | null;
    redemption: number | null;
  } | null;
  /** For query_points: 积分排行 asks for the ranking rather than one's own balance. */
  points?: { ranking: boolean } | null;
  /** For query_stats / query_tickets: a scope named in the text. */
  scope?: { grid?: string; compound?: string; community?: string; overdue?: boolean; mine?: boolean } | null;
}
