import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/helpers/global-setup.ts'],
    // Generous: these machines are shared, and browser tests run several Chromiums at once on two
    // cores. Timeouts only decide how long a failure takes to report; nothing here measures speed.
    testTimeout: 60_000,
    expect: { poll: { timeout: 15_000, interval: 50 } },
    hookTimeout: 120_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
