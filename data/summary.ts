// Prints the figures of the committed demo data: sequences, states, accuracies, sizes and the
// largest int8 error bound.  node --import tsx data/summary.ts
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '@statescope/core';

const DATA = dirname(fileURLToPath(import.meta.url));

for (const name of ['imdb', 'reuters']) {
  const ds = await loadDataset(join(DATA, `${name}.json`));
  const layer = ds.layer();
  const largest = (values: Float32Array | undefined): number => {
    let max = 0;
    for (let i = 0; i < (values?.length ?? 0); i++) max = Math.max(max, Math.abs(values![i]));
    return max;
  };
  const bound = (values: Float32Array | undefined): string =>
    `${(largest(values) / 254).toFixed(5)} (max |unit| ${largest(values).toFixed(3)} / 254)`;
  const training = ds.metadata.training as { bestEpoch: number; validationAccuracy: number };
  console.log(
    `${name}: ${ds.sequenceCount} sequences, ${ds.stepCount} states x ${layer.dim} units; ` +
      `test accuracy ${(100 * ds.metadata.accuracy!).toFixed(2)} % (${String(ds.metadata.accuracyScope)}); ` +
      `exported subset ${(100 * ds.accuracy()).toFixed(2)} %; best epoch ${training.bestEpoch} ` +
      `(validation ${(100 * training.validationAccuracy).toFixed(2)} %); projections [${ds.projectionNames.join(', ')}]; ` +
      `int8 error <= ${bound(layer.hidden)} for h, <= ${bound(layer.cell)} for c (worst unit)`,
  );
}
const files = [
  ...readdirSync(DATA).filter((f) => /\.(json|bin)$/.test(f) && !/^(tsconfig|\.prettierrc)/.test(f)),
  ...readdirSync(join(DATA, 'fixture')).map((f) => join('fixture', f)),
];
let total = 0;
for (const f of files.sort()) {
  const size = statSync(join(DATA, f)).size;
  total += size;
  console.log(`  ${f}: ${(size / 1e6).toFixed(2)} MB`);
}
console.log(`total: ${(total / 1e6).toFixed(2)} MB`);
