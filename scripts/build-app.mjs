// `npm run build:app`: the dashboard app as static files in packages/cli/app, which
// `statescope open` serves (and which the @statescope/cli tarball ships).
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { appBuildConfig } from '../packages/dashboard/app/vite.config.mjs';

const outDir = fileURLToPath(new URL('../packages/cli/app', import.meta.url));
await build(appBuildConfig(outDir));
console.log(`dashboard app built in ${outDir}`);
