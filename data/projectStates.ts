// The 2-D projections of the exported hidden states, computed by @statescope/projection. That
// package is written alongside this one; until it exports pca (and tsne), datasets ship without them.
import type { StateDataset } from '@statescope/core';

type Projector = (data: Float32Array, options: Record<string, unknown>) => Promise<Float32Array>;

async function projectionPackage(): Promise<Record<string, unknown> | undefined> {
  const specifier = '@statescope/projection';
  try {
    return (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * `pca` (and `tsne` when asked for) of the first layer's hidden states, when available. On this
 * thread (`worker: false`): a script has nothing else to do meanwhile.
 */
export async function projectStates(
  dataset: StateDataset,
  options: { tsne: boolean; seed: number },
): Promise<Record<string, Float32Array>> {
  const projection = await projectionPackage();
  const { hidden, dim } = dataset.layer();
  const out: Record<string, Float32Array> = {};
  if (typeof projection?.pca === 'function')
    out.pca = await (projection.pca as Projector)(hidden, { dim, worker: false });
  else console.warn('  @statescope/projection has no pca yet: no PCA projection exported');
  if (options.tsne) {
    if (typeof projection?.tsne === 'function') {
      const start = performance.now();
      out.tsne = await (projection.tsne as Projector)(hidden, {
        dim,
        perplexity: 30,
        seed: options.seed,
        worker: false,
      });
      console.log(`  t-SNE of ${dataset.stepCount} states in ${((performance.now() - start) / 1000).toFixed(0)} s`);
    } else console.warn('  @statescope/projection has no tsne yet: no t-SNE projection exported');
  }
  return out;
}
