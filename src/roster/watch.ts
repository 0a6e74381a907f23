// The running bot takes a changed roster without a restart. A roster that does not validate is refused, its faults
// logged with their lines, and the one in force stays: a typo in the YAML must never take the bot down mid-week.
import { readFileSync, unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import { RosterError } from './errors.js';
import { parseRoster } from './load.js';
import type { Roster } from './types.js';

export interface RosterWatch {
  /** Look at the file now (tests, or a signal); changes are also noticed by themselves. */
  check(): void;
  stop(): void;
}

export interface WatchOptions {
  file: string;
  log: Logger;
  onChange(r: Roster): void;
  /** Editors save in bursts (truncate, write, rename): wait for quiet before reading. */
  debounceMs?: number;
  /** Polling backstop for filesystems where change events do not arrive (network and container mounts). */
  pollMs?: number;
}

export function watchRoster(o: WatchOptions): RosterWatch {
  const debounceMs = o.debounceMs ?? 300;
  const read = () => { try { return readFileSync(o.file, 'utf8'); } catch { return null; } };
  let last = read();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const check = () => {
    if (stopped) return;
    const text = read();
    if (text === null) { o.log.warn({ file: o.file }, 'roster file is gone; keeping the roster in force'); return; }
    if (text === last) return;
    last = text;
    try {
      const r = parseRoster(text, o.file);
      o.onChange(r);
      o.log.info({ file: o.file, communities: r.communities.length, grids: r.grids.length, people: r.people.length }, 'roster reloaded');
    } catch (e) {
      if (!(e instanceof RosterError)) throw e;
      o.log.error({ file: o.file, faults: e.faults }, `roster refused, the one in force stays: ${e.message}`);
    }
  };
  const soon = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; check(); }, debounceMs);
    timer.unref();
  };

  // Watch the directory, not the file: saving by rename replaces the file and would end a watch on it.
  let dirWatch: FSWatcher | null = null;
  try {
    dirWatch = watch(dirname(o.file), { persistent: false }, (_ev, name) => { if (!name || name === basename(o.file)) soon(); });
    dirWatch.on('error', (err) => o.log.warn({ err, file: o.file }, 'roster directory watch failed; polling only'));
  } catch (err) {
    o.log.warn({ err, file: o.file }, 'cannot watch the roster directory; polling only');
  }
  const poll = () => soon();
  watchFile(o.file, { interval: o.pollMs ?? 2000, persistent: false }, poll);

  return {
    check,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      dirWatch?.close();
      unwatchFile(o.file, poll);
    },
  };
}
