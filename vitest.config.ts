// Three kinds of tests, one run: node (unit + integration), renderer components (happy-dom),
// and end to end (Playwright driving Chromium against browser mode; needs `npm run build` first).
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { contractNamesDefine } from './scripts/contract-names-define';

export default defineConfig({
  test: {
    projects: [
      {
        // The preload's operation and event names, as the build puts them in.
        define: contractNamesDefine(),
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.tsx'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          // A real browser and a real server on a busy 2-core machine: give UI waits room.
          expect: { poll: { timeout: 10_000 } },
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
