// One "process" confirming redemptions on its own database handle, released by a shared barrier so two of them race.
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../../src/store/db.js';
import { confirmRedemption } from '../../src/points/ledger.js';
import { catalogue } from '../../src/points/rules.js';

const { file, ids, by, barrier } = workerData as { file: string; ids: number[]; by: string; barrier: SharedArrayBuffer };
const db = openDb(file);
const flag = new Int32Array(barrier);
Atomics.add(flag, 1, 1);
Atomics.wait(flag, 0, 0);
const outcomes: Record<number, string> = {};
for (const id of ids) outcomes[id] = confirmRedemption(db, catalogue(), id, by, '2026-11-28T10:00:00+08:00').kind;
db.close();
parentPort!.postMessage(outcomes);
