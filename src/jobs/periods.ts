// When each job is due and which period a run at `now` covers. Pure functions of `now` and the configured times, all
// in Asia/Shanghai: the same answer for the scheduler, a catch-up after a restart, and `npm run job -- NAME --at ISO`.
import type { Schedule } from '../config.js';
import { addDays, mondayOf, shanghaiClock, shanghaiDate } from '../time.js';

/** A time of day in Shanghai as minutes after midnight. */
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Quiet hours [from, to) may wrap midnight (21:00-07:00); from = to means none. */
export function inQuietHours(now: Date, s: Pick<Schedule, 'quietFrom' | 'quietTo'>): boolean {
  const t = minutes(shanghaiClock(now));
  const from = minutes(s.quietFrom);
  const to = minutes(s.quietTo);
  if (from === to) return false;
  return from < to ? t >= from && t < to : t >= from || t < to;
}

/**
 * The reminder slot a run at `now` belongs to: the latest configured time at or before `now` ("2026-11-28T09:00").
 * Missed slots are never replayed: the next slot lists everything still overdue, so one reminder covers both.
 */
export function reminderSlot(now: Date, s: Pick<Schedule, 'reminders'>): string {
  const today = shanghaiDate(now);
  const t = minutes(shanghaiClock(now));
  const slots = [...s.reminders].sort();
  const past = slots.filter((x) => minutes(x) <= t);
  return past.length ? `${today}T${past[past.length - 1]}` : `${addDays(today, -1)}T${slots[slots.length - 1]}`;
}

/**
 * The day whose summary is due at `now`: today once the summary time has passed, until midnight. Before the summary
 * time nothing is due, and yesterday's is not made up the next morning (a summary of a day gone by helps nobody).
 */
export function dailyPeriod(now: Date, s: Pick<Schedule, 'daily'>): string | null {
  return minutes(shanghaiClock(now)) >= minutes(s.daily) ? shanghaiDate(now) : null;
}

/** When this week's report is due: the configured weekday (1 = Monday) and time, Shanghai. */
function reportInstant(weekMonday: string, s: Pick<Schedule, 'weekly' | 'weeklyDay'>): Date {
  return new Date(`${addDays(weekMonday, s.weeklyDay - 1)}T${s.weekly}:00+08:00`);
}

/**
 * The week (its Monday, YYYY-MM-DD) whose report is due at `now`: the Monday-to-Sunday week before the one holding the
 * last report time at or before `now`. A report missed while the bot was down is made up until the next one is due.
 */
export function weeklyPeriod(now: Date, s: Pick<Schedule, 'weekly' | 'weeklyDay'>): string {
  const thisMonday = mondayOf(shanghaiDate(now));
  const reportWeek = now.getTime() >= reportInstant(thisMonday, s).getTime() ? thisMonday : addDays(thisMonday, -7);
  return addDays(reportWeek, -7);
}

/** [from, to) instants of a Shanghai date span, as +08:00 ISO strings (what tickets store). */
export function dayBounds(date: string, days = 1): { from: string; to: string } {
  return { from: `${date}T00:00:00+08:00`, to: `${addDays(date, days)}T00:00:00+08:00` };
}
