// The scheduler benchmark (`npm run bench:scheduler`): a separate config so `vitest run` never picks it up.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench-run.ts'],
    environment: 'node',
    testTimeout: 600_000,
    execArgv: ['--expose-gc'],
  },
});
