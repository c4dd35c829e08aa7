import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repeatedDemo } from './repeatedDemo.js';

const cache = fileURLToPath(new URL('../.cache/cli/', import.meta.url));

/**
 * The IMDB demo's sequences repeated to at least a million steps (see {@link repeatedDemo}), its
 * t-SNE map, states stored at `precision`: the file `npm run bench:cli` opens. Returns its path.
 */
export function millionSteps(precision: 'int8' | 'float32'): Promise<string> {
  return repeatedDemo({ steps: 1_000_000, path: join(cache, `imdb-1m-${precision}.json`), precision });
}
