import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Calendar logic is Asia/Shanghai whatever the machine says; the tests prove it from a UTC-ish shell too.
    env: { TZ: 'Asia/Shanghai' },
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
