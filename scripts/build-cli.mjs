// Builds @statescope/cli alone, ready to pack: its bundled dist/ (rollup.config.mjs) and the
// dashboard app in app/. Run by the package's prepack, so `npm pack` never ships an unbuilt CLI.
import { rollup } from 'rollup';
import { root } from './workspaces.mjs';

process.chdir(root); // the rollup config names files relative to the repository
await import('./build-app.mjs');
const { default: configs } = await import('../rollup.config.mjs');
const cli = configs.find((config) => config.output.dir.endsWith('packages/cli/dist'));
const bundle = await rollup(cli);
await bundle.write(cli.output);
await bundle.close();
console.log(`@statescope/cli built in ${cli.output.dir}`);
