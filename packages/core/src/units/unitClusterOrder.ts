import type { StateDataset } from '../StateDataset.js';
import { unitActivations, type UnitStateKind } from './unitActivations.js';
import { stepSample } from './stepSample.js';

/** Steps sampled for the unit-by-unit correlations of the clustering. */
const CLUSTER_STEPS = 10_000;

/**
 * The leaf order of an average-linkage (UPGMA) hierarchical clustering of a layer's units, with
 * correlation distance 1 - r between units' activations over the steps (a seeded sample of
 * 10,000 steps on larger datasets): units that rise and fall together end up side by side,
 * whatever their scale. Built with the nearest-neighbour chain (O(dim^2) merges); children are
 * laid out in the order of their smallest unit index, so the order is deterministic.
 */
export function unitClusterOrder(dataset: StateDataset, layer?: string, state: UnitStateKind = 'hidden'): Uint32Array {
  const { values, dim } = unitActivations(dataset, layer, state);
  const distance = correlationDistances(values, dim, stepSample(dataset.stepCount, CLUSTER_STEPS, 15));

  // Nodes 0..dim-1 are units; merge i makes node dim + i. Slot = a live cluster's row in `distance`.
  const left = new Int32Array(Math.max(0, dim - 1));
  const right = new Int32Array(Math.max(0, dim - 1));
  const nodeOfSlot = Int32Array.from({ length: dim }, (_, i) => i);
  const size = new Float64Array(dim).fill(1);
  const alive = new Uint8Array(dim).fill(1);
  const chain: number[] = [];
  for (let merges = 0; merges < dim - 1;) {
    if (chain.length === 0) chain.push(alive.indexOf(1));
    const a = chain[chain.length - 1];
    const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
    // Ties go to the previous link, which is what keeps the chain from cycling.
    let b = previous;
    let nearest = previous >= 0 ? distance[a * dim + previous] : Infinity;
    for (let k = 0; k < dim; k++) {
      if (k === a || !alive[k]) continue;
      if (distance[a * dim + k] < nearest) {
        nearest = distance[a * dim + k];
        b = k;
      }
    }
    if (b !== previous) {
      chain.push(b);
      continue;
    }
    chain.length -= 2;
    left[merges] = nodeOfSlot[a];
    right[merges] = nodeOfSlot[b];
    // Lance-Williams update for average linkage; the merged cluster takes slot a.
    for (let k = 0; k < dim; k++) {
      if (!alive[k] || k === a || k === b) continue;
      const d = (size[a] * distance[a * dim + k] + size[b] * distance[b * dim + k]) / (size[a] + size[b]);
      distance[a * dim + k] = d;
      distance[k * dim + a] = d;
    }
    size[a] += size[b];
    alive[b] = 0;
    nodeOfSlot[a] = dim + merges;
    merges++;
  }

  const smallest = new Int32Array(2 * dim - 1);
  for (let u = 0; u < dim; u++) smallest[u] = u;
  for (let i = 0; i < dim - 1; i++) smallest[dim + i] = Math.min(smallest[left[i]], smallest[right[i]]);
  const order = new Uint32Array(dim);
  const stack = dim > 0 ? [2 * dim - 2] : [];
  for (let written = 0; stack.length > 0;) {
    const node = stack.pop()!;
    if (node < dim) {
      order[written++] = node;
      continue;
    }
    const [first, second] =
      smallest[left[node - dim]] < smallest[right[node - dim]]
        ? [left[node - dim], right[node - dim]]
        : [right[node - dim], left[node - dim]];
    stack.push(second, first);
  }
  return order;
}

/** 1 - Pearson r between every two units over the sampled steps (dim x dim); a constant unit is at 1 from all. */
function correlationDistances(values: Float32Array, dim: number, steps: Uint32Array): Float64Array {
  const n = steps.length;
  const z = new Float64Array(dim * n); // unit-major, standardised
  for (let u = 0; u < dim; u++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += values[steps[i] * dim + u];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const x = values[steps[i] * dim + u] - mean;
      z[u * n + i] = x;
      ss += x * x;
    }
    const scale = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let i = 0; i < n; i++) z[u * n + i] *= scale;
  }
  const distance = new Float64Array(dim * dim);
  for (let a = 0; a < dim; a++) {
    for (let b = a + 1; b < dim; b++) {
      let dot = 0;
      for (let i = 0, ia = a * n, ib = b * n; i < n; i++) dot += z[ia + i] * z[ib + i];
      const d = 1 - Math.max(-1, Math.min(1, dot));
      distance[a * dim + b] = d;
      distance[b * dim + a] = d;
    }
  }
  return distance;
}
