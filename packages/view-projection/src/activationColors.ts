import type { UnitSelection } from '@statescope/bus';
import { meanActivation, type StateDataset } from '@statescope/core';
import { ACTIVATION_COLORS, packRgba } from '@statescope/view-base';
import { scaleLinear } from 'd3-scale';

/** Levels of the activation ramp. */
const LEVELS = 256;

/** Points coloured by the mean activation of some units: colours, the value per step, and the scale's ends. */
export interface ActivationColoring {
  /** The units coloured by: the bus's selection, or unit 0 of the top layer's h when none (of this dataset) is picked. */
  readonly units: UnitSelection;
  /** Mean activation per step. */
  readonly values: Float32Array;
  /** RGBA word per step (ImageData order). */
  readonly packed: Uint32Array;
  /** The scale runs from -extent (purple) through 0 (grey) to +extent (orange). */
  readonly extent: number;
  /** The legend's title, e.g. "Activation of unit 12 (lstm, h)". */
  readonly title: string;
}

/**
 * The map's `activation` colouring: each step on a diverging ramp by the mean activation of the
 * picked units, symmetric around zero so that the sign reads at a glance. The ramp ends at the
 * 99.5th percentile of |value| (at least 1e-6), so one outlier does not wash the rest out.
 */
export function activationColors(dataset: StateDataset, picked: UnitSelection | null): ActivationColoring {
  const units: UnitSelection =
    picked && fits(dataset, picked) ? picked : { layer: dataset.layer().name, state: 'hidden', units: [0] };
  const values = meanActivation(dataset, units.units, units.layer, units.state);
  const extent = Math.max(1e-6, percentileOfMagnitude(values, 0.995));
  const ramp = scaleLinear<string>()
    .domain([0, (LEVELS - 1) / 2, LEVELS - 1])
    .range(ACTIVATION_COLORS as string[]);
  const words = Uint32Array.from({ length: LEVELS }, (_, level) => packRgba(ramp(level)));
  const packed = new Uint32Array(values.length);
  const toLevel = (LEVELS - 1) / (2 * extent);
  for (let t = 0; t < values.length; t++) {
    const level = Math.round((values[t] + extent) * toLevel);
    packed[t] = words[level < 0 ? 0 : level >= LEVELS ? LEVELS - 1 : level];
  }
  const state = units.state === 'cell' ? 'c' : 'h';
  const which = units.units.length === 1 ? `unit ${units.units[0]}` : `${units.units.length} units (mean)`;
  return { units, values, packed, extent, title: `Activation of ${which} (${units.layer}, ${state})` };
}

/** Whether the selection names units of this dataset (it may have been made on another one). */
function fits(dataset: StateDataset, { layer, state, units }: UnitSelection): boolean {
  const found = dataset.layers.find((l) => l.name === layer);
  return !!found && (state === 'hidden' || !!found.cell) && units.length > 0 && units.every((u) => u < found.dim);
}

/** The q-quantile of |values| (a sampled estimate above 100,000 values). */
function percentileOfMagnitude(values: Float32Array, q: number): number {
  const stride = Math.max(1, Math.floor(values.length / 100_000));
  const sample = new Float32Array(Math.ceil(values.length / stride));
  for (let i = 0, j = 0; i < values.length; i += stride) sample[j++] = Math.abs(values[i]);
  sample.sort();
  return sample.length ? sample[Math.min(sample.length - 1, Math.floor(q * sample.length))] : 0;
}
