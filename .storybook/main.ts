import type { StorybookConfig } from '@storybook/web-components-vite';
import { sourceAliases } from '../scripts/workspaces.mjs';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts', '../packages/*/stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  // The demo datasets, served at /data/ (e.g. /data/imdb.json) for the stories to load.
  staticDirs: [{ from: '../data', to: '/data' }],
  core: { disableTelemetry: true },
  // Stories use the TypeScript sources of the packages, not their build.
  viteFinal: async (viteConfig) => {
    viteConfig.resolve ??= {};
    const existing = viteConfig.resolve.alias;
    viteConfig.resolve.alias = [
      ...sourceAliases(),
      ...(Array.isArray(existing)
        ? existing
        : Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }))),
    ];
    return viteConfig;
  },
};
export default config;
