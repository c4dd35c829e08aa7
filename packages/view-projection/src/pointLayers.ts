import type { StateDataset, StepSet } from '@statescope/core';
import { sequenceFilter, SEQUENCE_FADED, SEQUENCE_HIDDEN, type Filters } from '@statescope/bus';

/** Opacity of points outside the selected sequences while a trajectory is shown. */
export const MUTED_OPACITY = 0.4;

/** What decides how every point is drawn, besides its colour. */
export interface PointLayerInput {
  /** Filters from the bus: faded sequences, shown classes. */
  filters: Readonly<Filters>;
  /** Steps the other views' brushes allow (null: no constraint). */
  brushed: StepSet | null;
  /** Selected sequences (ascending); the rest are muted while any is selected. */
  selected: Uint32Array;
  /** Opacity of faded points (filters, other views' brushes). */
  fadedOpacity: number;
}

/** Per-step draw state, recomputed only when filters, brushes or the selection change. */
export interface PointLayers {
  /** RGBA word per step with the opacity of its layer baked into alpha. */
  colors: Uint32Array;
  /** Steps to draw, faded first, muted next, the rest last, so that the strongest points end on top. */
  order: Uint32Array;
  /** Number of valid entries of `order` (hidden steps are left out). */
  count: number;
  /** 1 for steps hidden by the class filter (not drawn, not hoverable, not brushable). */
  hidden: Uint8Array;
}

const HIDDEN = 0;
const FADED = 1;
const MUTED = 2;
const SHOWN = 3;

/**
 * Sorts the steps into layers (hidden, faded, muted, shown) and bakes each layer's opacity into
 * the packed colours. O(N) over typed arrays; the identity order is reused when nothing is
 * faded, muted or hidden.
 */
export function pointLayers(dataset: StateDataset, packed: Uint32Array, input: PointLayerInput): PointLayers {
  const n = dataset.stepCount;
  const { offsets } = dataset;
  const filtered = sequenceFilter(dataset, input.filters);
  const selected = new Uint8Array(dataset.sequenceCount);
  for (const s of input.selected) if (s < selected.length) selected[s] = 1;
  const anySelected = input.selected.length > 0;
  const brushWords = input.brushed ? input.brushed.words : null;

  const level = new Uint8Array(n);
  const counts = new Uint32Array(4);
  for (let s = 0; s < dataset.sequenceCount; s++) {
    const start = offsets[s];
    const end = offsets[s + 1];
    let sequenceLevel = SHOWN;
    if (filtered[s] === SEQUENCE_HIDDEN) sequenceLevel = HIDDEN;
    else if (filtered[s] === SEQUENCE_FADED) sequenceLevel = FADED;
    else if (anySelected && !selected[s]) sequenceLevel = MUTED;
    if (!brushWords || sequenceLevel <= FADED) {
      level.fill(sequenceLevel, start, end);
      counts[sequenceLevel] += end - start;
      continue;
    }
    for (let t = start; t < end; t++) {
      const l = brushWords[t >>> 5] & (1 << (t & 31)) ? sequenceLevel : FADED;
      level[t] = l;
      counts[l]++;
    }
  }

  const alpha = new Uint32Array(4);
  alpha[FADED] = Math.round(input.fadedOpacity * 255) << 24;
  alpha[MUTED] = Math.round(MUTED_OPACITY * 255) << 24;
  const colors = new Uint32Array(n);
  const hidden = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    const l = level[t];
    if (l === SHOWN) colors[t] = packed[t];
    else if (l === HIDDEN) hidden[t] = 1;
    else colors[t] = ((packed[t] & 0x00ffffff) | alpha[l]) >>> 0;
  }

  const count = n - counts[HIDDEN];
  let order: Uint32Array;
  if (counts[SHOWN] === n || counts[MUTED] === n || counts[FADED] === n) {
    order = identity(n);
  } else {
    order = new Uint32Array(count);
    const next = new Uint32Array(4);
    next[MUTED] = counts[FADED];
    next[SHOWN] = counts[FADED] + counts[MUTED];
    next[FADED] = 0;
    for (let t = 0; t < n; t++) {
      const l = level[t];
      if (l !== HIDDEN) order[next[l]++] = t;
    }
  }
  return { colors, order, count, hidden };
}

let identityCache = new Uint32Array(0);

/** 0..n-1, shared between calls (read-only). */
function identity(n: number): Uint32Array {
  if (identityCache.length < n) {
    identityCache = new Uint32Array(n);
    for (let i = 0; i < n; i++) identityCache[i] = i;
  }
  return identityCache.subarray(0, n);
}
