// Calendar arithmetic in Asia/Shanghai (UTC+8, no DST) by offset, so nothing depends on the machine's zone.

const OFFSET_MS = 8 * 3600_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 2026-11-28T08:12:00+08:00 */
export function toShanghaiIso(d: Date): string {
  const s = new Date(d.getTime() + OFFSET_MS);
  return `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}T${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:${pad(s.getUTCSeconds())}+08:00`;
}

/** The Shanghai calendar date, YYYY-MM-DD. */
export function shanghaiDate(d: Date): string {
  return toShanghaiIso(d).slice(0, 10);
}

/** HH:MM in Shanghai. */
export function shanghaiClock(d: Date): string {
  return toShanghaiIso(d).slice(11, 16);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week holding `date` (weeks run Monday to Sunday). */
export function mondayOf(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

export function hoursBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 3600_000;
}
