import type { UserConfig } from 'vite';

/** The Vite config of the app build, writing to `outDir` (default packages/dashboard/app-dist). */
export function appBuildConfig(outDir?: string): UserConfig;

declare const config: UserConfig;
export default config;
