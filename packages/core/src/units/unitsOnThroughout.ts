import type { StateDataset } from '../StateDataset.js';
import { unitActivations, type UnitStateKind } from './unitActivations.js';
import { checkThreshold, countOption, sequenceOfRange } from './stepRange.js';

/** What makes a unit "on" over a range of steps (LSTMVis's selection rule). */
export interface UnitRule {
  /** Layer name; default the top layer. */
  layer?: string;
  /** Hidden state h or cell state c; default 'hidden'. */
  state?: UnitStateKind;
  /** A unit is on at a step when its activation is >= threshold. */
  threshold: number;
  /** Steps just before the range where the unit must be off (< threshold); default 0; clipped at the sequence start. */
  offBefore?: number;
  /** Steps just after the range where the unit must be off; default 0; clipped at the sequence end. */
  offAfter?: number;
}

/**
 * The selection rule of LSTMVis (Strobelt et al., "LSTMVis: A Tool for Visual Analysis of Hidden
 * State Dynamics in Recurrent Neural Networks", IEEE TVCG 24(1), 2018): the user marks a range of
 * steps, and the selected units are those whose activation stays at or above a threshold at every
 * step of the range and, optionally, stays below it for some steps on either side (LSTMVis offers
 * one step on each side; here any number, clipped where the sequence starts or ends, so a range at
 * the start of a sequence needs no "off before").
 *
 * [start, end) are global steps, end exclusive, inside one sequence; otherwise a StatescopeError
 * names `start` or `end` and the sequence. Returns the unit indices, ascending.
 */
export function unitsOnThroughout(dataset: StateDataset, start: number, end: number, rule: UnitRule): Uint32Array {
  const { values, dim } = unitActivations(dataset, rule.layer, rule.state ?? 'hidden');
  const threshold = checkThreshold(rule.threshold);
  const offBefore = countOption(rule.offBefore, 0, 'offBefore');
  const offAfter = countOption(rule.offAfter, 0, 'offAfter');
  const sequence = sequenceOfRange(dataset, start, end);
  const first = Math.max(dataset.offsets[sequence], start - offBefore);
  const last = Math.min(dataset.offsets[sequence + 1], end + offAfter);
  const picked: number[] = [];
  units: for (let u = 0; u < dim; u++) {
    for (let t = start; t < end; t++) if (!(values[t * dim + u] >= threshold)) continue units;
    for (let t = first; t < start; t++) if (values[t * dim + u] >= threshold) continue units;
    for (let t = end; t < last; t++) if (values[t * dim + u] >= threshold) continue units;
    picked.push(u);
  }
  return Uint32Array.from(picked);
}
