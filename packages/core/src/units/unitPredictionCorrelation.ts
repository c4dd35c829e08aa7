import type { StateDataset } from '../StateDataset.js';
import { unitActivations, type UnitStateKind } from './unitActivations.js';
import { stepSample } from './stepSample.js';
import { perDataset } from './perDataset.js';

/** Above this many steps, correlations use a seeded sample of this many. */
const CORRELATION_STEPS = 200_000;

/**
 * Pearson correlation of each unit's activation with each class's expected prediction, over
 * every step (a seeded sample of 200,000 steps on larger datasets): a Float64Array of
 * dim x classCount, row-major, so `r[u * classCount + 1]` is unit u against p(class 1). A unit or
 * class that never varies gets 0. Cached per dataset, layer and state.
 */
export function unitPredictionCorrelation(
  dataset: StateDataset,
  layer?: string,
  state: UnitStateKind = 'hidden',
): Float64Array {
  const { values, dim } = unitActivations(dataset, layer, state);
  const layerName = dataset.layer(layer).name;
  return perDataset(dataset, `unitPredictionCorrelation:${JSON.stringify([layerName, state])}`, () => {
    const classes = dataset.classCount;
    const ep = dataset.expectedPredictions;
    const steps = stepSample(dataset.stepCount, CORRELATION_STEPS, 15);
    const n = steps.length;
    const meanX = new Float64Array(dim);
    const meanP = new Float64Array(classes);
    for (let i = 0; i < n; i++) {
      const t = steps[i];
      for (let u = 0; u < dim; u++) meanX[u] += values[t * dim + u];
      for (let c = 0; c < classes; c++) meanP[c] += ep[t * classes + c];
    }
    for (let u = 0; u < dim; u++) meanX[u] /= n;
    for (let c = 0; c < classes; c++) meanP[c] /= n;
    // Centred sums (two passes) keep the precision of float32 inputs.
    const sxx = new Float64Array(dim);
    const spp = new Float64Array(classes);
    const sxp = new Float64Array(dim * classes);
    const p = new Float64Array(classes);
    for (let i = 0; i < n; i++) {
      const t = steps[i];
      for (let c = 0; c < classes; c++) {
        p[c] = ep[t * classes + c] - meanP[c];
        spp[c] += p[c] * p[c];
      }
      for (let u = 0; u < dim; u++) {
        const x = values[t * dim + u] - meanX[u];
        sxx[u] += x * x;
        for (let c = 0; c < classes; c++) sxp[u * classes + c] += x * p[c];
      }
    }
    const r = new Float64Array(dim * classes);
    for (let u = 0; u < dim; u++) {
      for (let c = 0; c < classes; c++) {
        const denominator = Math.sqrt(sxx[u] * spp[c]);
        r[u * classes + c] = denominator > 0 ? Math.max(-1, Math.min(1, sxp[u * classes + c] / denominator)) : 0;
      }
    }
    return r;
  });
}
