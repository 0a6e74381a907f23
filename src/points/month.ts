import { shanghaiDate } from '../time.js';

/** [from, to) of a Shanghai calendar month as +08:00 ISO strings, comparable with the entries' `at`. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01T00:00:00+08:00`, to: `${next}-01T00:00:00+08:00` };
}

export const monthOf = (d: Date): string => shanghaiDate(d).slice(0, 7);
