import { defineConfig } from 'vitest/config';

// Calendar logic is Asia/Shanghai whatever the machine says; the tests prove it from a UTC-ish shell too.
const shared = { env: { TZ: 'Asia/Shanghai' }, testTimeout: 20_000, hookTimeout: 30_000 };
// The checkpoint tests measure what a background thread manages against a writer that never pauses: with the rest of
// the suite on the same two cores they measured the machine's load instead (the worker starved for a second), so
// they run after everything else, alone.
const TIMING = ['test/hardening/checkpoint.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'behaviour', include: ['test/**/*.test.ts'], exclude: TIMING } },
      { test: { ...shared, name: 'timing', include: TIMING, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
