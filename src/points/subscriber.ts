// Points hang off the domain events, inside the message's transaction: the credit commits or rolls back with the
// resolve that earned it. Retried callbacks never get here twice (inbox dedupe), and the entries' unique key makes
// a second delivery a no-op anyway.
import type { Logger } from 'pino';
import type { DomainEvent, EventBus } from '../domain/events.js';
import type { Roster } from '../roster/types.js';
import type { Db } from '../store/db.js';
import { reportersOf, type TicketRow } from '../store/tickets.js';
import { creditWork, reverseCycle } from './ledger.js';
import { pointsRules, WORK_KINDS, type PointsRules, type WorkKind } from './rules.js';

export interface PointsDeps {
  roster: () => Roster;
  /** Default: data/rules/points.yaml (or POINTS_RULES_FILE). */
  rules?: () => PointsRules;
  log?: Logger;
}

const ticketReason = (t: TicketRow, merged: boolean) => `反映问题 #${t.id} 已办结${merged ? '（重复反映）' : ''}`;

export function pointsSubscriber(deps: PointsDeps) {
  const rules = deps.rules ?? pointsRules;
  return (db: Db, e: DomainEvent): void => {
    const r = rules();
    const roster = deps.roster();
    const earns = (u: string) => { const p = roster.person(u); return !!p && r.earners.includes(p.role); };

    switch (e.type) {
      case 'ticket_resolved': {
        const t = e.ticket;
        const { first, later } = reportersOf(db, t);
        // Verified means someone else closed it: a reporter closing their own report earns nothing for it.
        const credit = (u: string, share?: number) => {
          if (!earns(u) || u === e.by) return;
          const out = creditWork(db, r, {
            userid: u, community: t.community, work: 'report', problem: t.category, source: 'ticket', sourceId: String(t.id),
            cycle: t.reopen_count, share, at: e.at, reason: ticketReason(t, share !== undefined),
          });
          deps.log?.debug({ ticket: t.id, userid: u, out }, 'points for a resolved report');
        };
        credit(first);
        for (const u of later) credit(u, r.merge_share);
        return;
      }
      case 'ticket_reopened': {
        const t = e.ticket;
        // The event carries the ticket after the reopen: the cycle that earned is the one before.
        reverseCycle(db, r, { source: 'ticket', sourceId: String(t.id), cycle: t.reopen_count - 1, at: e.at, reason: `#${t.id} 重新打开，撤回积分` });
        return;
      }
      case 'record_created': {
        const rec = e.record;
        if (!(WORK_KINDS as readonly string[]).includes(rec.intent) || rec.intent === 'report' || !earns(rec.author)) return;
        creditWork(db, r, {
          userid: rec.author, community: rec.community, work: rec.intent as WorkKind, problem: rec.category, source: 'record', sourceId: String(rec.id),
          at: e.at, reason: `${RECORD_REASON[rec.intent] ?? rec.intent} 记录${rec.id}`,
        });
        return;
      }
      default:
        return;
    }
  };
}

const RECORD_REASON: Record<string, string> = { self_handled: '随手做', patrol: '巡查打卡', visit: '走访', mediation: '调解' };

/** Subscribes the points ledger to the domain events. */
export function registerPoints(events: EventBus, deps: PointsDeps): void {
  events.subscribe(pointsSubscriber(deps));
}
