import { scaleLinear } from 'd3-scale';
import { ACTIVATION_COLORS, packRgba } from '@statescope/view-base';

/** The largest |activation| of each array seen: a state's scale, computed once per array. */
const extents = new WeakMap<Float32Array, number>();

/**
 * The half-width M of the symmetric scale [-M, M] that holds every activation of `values`
 * (at least 1, so a tanh-bounded h always reads on [-1, 1]; a cell state c may reach further).
 * Scanned once per array and kept: views of one dataset share it, so their panels share a scale.
 */
export function activationExtent(values: Float32Array): number {
  let extent = extents.get(values);
  if (extent === undefined) {
    extent = 1;
    for (let i = 0; i < values.length; i++) {
      const v = Math.abs(values[i]);
      if (v > extent) extent = v;
    }
    extents.set(values, extent);
  }
  return extent;
}

/** Entries of the colour lookup table of a heatmap. */
export const COLOR_STEPS = 256;

/**
 * The heatmap's colours as RGBA words (canvas byte order), COLOR_STEPS of them from -extent to
 * +extent over ACTIVATION_COLORS (negative, zero, positive): a cell's colour is one lookup.
 */
export function activationColors(): Uint32Array {
  const scale = scaleLinear<string>().domain([0, 0.5, 1]).range(ACTIVATION_COLORS);
  const table = new Uint32Array(COLOR_STEPS);
  for (let i = 0; i < COLOR_STEPS; i++) table[i] = packRgba(scale(i / (COLOR_STEPS - 1)));
  return table;
}
