/** Absolute path of the repository root. */
export const root: string;

/** The packages of this monorepo that have a src/index.ts. */
export function workspacePackages(): { name: string; dir: string; entry: string }[];

/** Vite `resolve.alias` entries mapping @statescope/* (and their subpaths) to TypeScript sources. */
export function sourceAliases(): { find: RegExp; replacement: string }[];
