// The command run from the TypeScript sources (bin/statescope.js uses it before a build).
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
