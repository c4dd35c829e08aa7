import type { StorybookConfig } from '@storybook/web-components-vite';
import { sourceAliases } from '../scripts/workspaces.mjs';

const demoFiles = ['imdb.json', 'imdb.bin', 'reuters.json', 'reuters.bin'];

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts', '../packages/*/stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  // The demo datasets the stories load, served at /data/ (e.g. /data/imdb.json): these files only,
  // not the rest of data/ (the model weights and the scripts that made them).
  staticDirs: demoFiles.map((file) => ({ from: `../data/${file}`, to: `/data/${file}` })),
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
