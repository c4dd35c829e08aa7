import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { sourceAliases } from './scripts/workspaces.mjs';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { pointerClick, pointerDrag, pointerMove } from './test/browser/commands.js';

export default defineConfig({
  resolve: { alias: sourceAliases() },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
        },
      },
      {
        // End to end: commands run as a user runs them, pages driven in Chromium by Playwright.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['packages/*/test/**/*.e2e.test.ts', 'test/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          // The files build the CLI and its app into one folder: one at a time.
          fileParallelism: false,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['packages/*/test/**/*.browser.test.ts', 'test/**/*.browser.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
            commands: { pointerDrag, pointerMove, pointerClick },
          },
        },
      },
    ],
  },
});
