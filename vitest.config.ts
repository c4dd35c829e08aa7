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
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
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
