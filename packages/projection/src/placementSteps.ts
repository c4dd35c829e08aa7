import type { PlacementMap } from './PlacementMap.js';
import type { PlaceSettings } from './PlaceSettings.js';
import type { TsneProgress } from './TsneProgress.js';

/**
 * Optimises the places of `rows` new points on a fixed map, as a generator of progress: each
 * starts at the affinity-weighted mean of its reference neighbours' places (`indices`, `p`:
 * rows x k, from the neighbour search and conditionalAffinities), then only the new points move,
 * attracted by those neighbours and repelled by the map (its potentials interpolated from the
 * map's grid). New points do not interact, so each one's KL term is normalised on its own, as in
 * openTSNE's transform.
 */
export function* placementSteps(
  map: PlacementMap,
  indices: Int32Array,
  p: Float32Array,
  k: number,
  rows: number,
  settings: PlaceSettings,
): Generator<TsneProgress, Float32Array, void> {
  const iterations = settings.iterations ?? 100;
  const progressEvery = Math.max(1, Math.floor(settings.progressEvery ?? 10));
  const { anchor, grid } = map;
  const y = new Float64Array(2 * rows);
  for (let i = 0; i < rows; i++) {
    let sx = 0;
    let sy = 0;
    for (let x = 0; x < k; x++) {
      const j = indices[i * k + x];
      sx += p[i * k + x] * anchor[2 * j];
      sy += p[i * k + x] * anchor[2 * j + 1];
    }
    y[2 * i] = sx;
    y[2 * i + 1] = sy;
  }
  const update = new Float64Array(2 * rows);
  const gains = new Float64Array(2 * rows).fill(1);
  const lr = settings.learningRate ?? 1;
  const wx = new Float64Array(3);
  const wy = new Float64Array(3);
  const phi = new Float64Array(4);
  const grad = new Float64Array(2);
  const embedding = () => Float32Array.from(y);
  yield { iteration: 0, iterations, kl: NaN, embedding: embedding() };
  for (let it = 0; it < iterations; it++) {
    const momentum = it < 20 ? 0.5 : 0.8;
    const measure = (it + 1) % progressEvery === 0 || it + 1 === iterations;
    let kl = 0;
    for (let i = 0; i < rows; i++) {
      const px = y[2 * i];
      const py = y[2 * i + 1];
      let ax = 0;
      let ay = 0;
      for (let x = 0; x < k; x++) {
        const j = indices[i * k + x];
        const dx = px - anchor[2 * j];
        const dy = py - anchor[2 * j + 1];
        const q = 1 + dx * dx + dy * dy;
        const pij = p[i * k + x];
        if (measure && pij > 0) kl += pij * (Math.log(pij) + Math.log(q));
        ax += (pij / q) * dx;
        ay += (pij / q) * dy;
      }
      grid.evaluate(px, py, wx, wy, phi);
      const z = Math.max((1 + px * px + py * py) * phi[0] - 2 * (px * phi[1] + py * phi[2]) + phi[3], 1e-12);
      if (measure) kl += Math.log(z);
      grad[0] = ax - (px * phi[0] - phi[1]) / z;
      grad[1] = ay - (py * phi[0] - phi[2]) / z;
      for (let c = 0; c < 2; c++) {
        const ic = 2 * i + c;
        const g = grad[c];
        let gain = g > 0 !== update[ic] > 0 ? gains[ic] + 0.2 : gains[ic] * 0.8;
        if (gain < 0.01) gain = 0.01;
        gains[ic] = gain;
        update[ic] = momentum * update[ic] - lr * gain * g;
      }
      y[2 * i] += update[2 * i];
      y[2 * i + 1] += update[2 * i + 1];
    }
    if (measure) yield { iteration: it + 1, iterations, kl: kl / rows, embedding: embedding() };
  }
  return embedding();
}
