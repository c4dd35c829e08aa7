import { readFileSync } from 'node:fs';

/** The package's version, read from its package.json (dist/ and src/ sit beside it). */
export const version: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
