import type { RosterFault } from './types.js';

/** Thrown by loadRoster/parseRoster with every fault found, each with its line. */
export class RosterError extends Error {
  readonly faults: RosterFault[];
  readonly file: string;
  constructor(file: string, faults: RosterFault[]) {
    super(`roster ${file} has ${faults.length} fault${faults.length === 1 ? '' : 's'}:\n` +
      faults.map((f) => `  ${file}:${f.line}: ${f.message}`).join('\n'));
    this.name = 'RosterError';
    this.file = file;
    this.faults = faults;
  }
}
