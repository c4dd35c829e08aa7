import type { StateDataset } from '@statescope/core';
import {
  sharedNearestStates,
  type NearestResult,
  type NearestStateIndex,
  type SharedNearestStates,
} from '@statescope/projection';
import type { MapTransform } from './MapTransform.js';

/** The default of `--hs-nearest-color`: a blue apart from the grey focus mark and the binary classes' red and green. */
export const NEAREST_COLOR = '#1f4fd1';
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Who waits for an index being built: each callback once, however many focus changes asked meanwhile. */
const waiting = new WeakMap<SharedNearestStates, Set<() => void>>();
/** The last answer of each index: a zoom or pan redraws the rings of the same focus without searching again. */
const lastQuery = new WeakMap<NearestStateIndex, { step: number; k: number; result: NearestResult }>();

/** The states ringed as nearest to a focused step, nearest first. */
export interface NearestRings extends NearestResult {
  /** The focused step they are nearest to. */
  step: number;
}

/** What {@link drawNearest} rings. */
export interface NearestRequest {
  dataset: StateDataset;
  /** The focused step, or -1 for none. */
  step: number;
  /** How many nearest states to ring; 0 rings none (and builds no index). */
  k: number;
  /** The map's coordinates (steps x 2). */
  coordinates: Float32Array;
  transform: MapTransform;
  /** Ring radius in CSS pixels. */
  radius: number;
  /**
   * Called when the index this request waited for has been built (not when its build failed);
   * once, however often the same function was passed while it was building.
   */
  built: () => void;
}

/**
 * Rings, in their own overlay layer, the `k` states nearest to the focused step in the model's
 * hidden space (the top layer's hidden states, Euclidean, through the page's shared index), not
 * on the 2-D map: where the rings lie shows which true neighbours the map kept close and which
 * it scattered. The index is built on the first request with `k` > 0; until it is, nothing is
 * drawn and `built` is called once it is. Returns what was ringed, or null (no focus, `k` 0, the
 * index building or failed). Rings carry data-step and data-rank (0: nearest) for tests.
 */
export function drawNearest(layer: SVGGElement, request: NearestRequest): NearestRings | null {
  const { dataset, step, k, coordinates } = request;
  if (step < 0 || k < 1 || step >= dataset.stepCount || 2 * dataset.stepCount > coordinates.length) {
    layer.replaceChildren();
    return null;
  }
  const { hidden, dim } = dataset.layer();
  const entry = sharedNearestStates(hidden, { dim });
  if (!entry.index) {
    layer.replaceChildren();
    if (!entry.error) whenBuilt(entry, request.built);
    return null;
  }
  const { steps, distances } = query(entry.index, step, k);
  const doc = layer.ownerDocument;
  const { transform, radius } = request;
  const marks: Element[] = [];
  for (let rank = 0; rank < steps.length; rank++) {
    const cx = transform.screenX(coordinates[2 * steps[rank]]);
    const cy = transform.screenY(coordinates[2 * steps[rank] + 1]);
    // A white halo under each ring keeps it visible over points of any colour.
    const halo = doc.createElementNS(SVG_NS, 'circle');
    const ring = doc.createElementNS(SVG_NS, 'circle');
    for (const circle of [halo, ring]) {
      circle.setAttribute('cx', String(cx));
      circle.setAttribute('cy', String(cy));
      circle.setAttribute('r', String(radius));
      circle.setAttribute('fill', 'none');
    }
    halo.setAttribute('class', 'nearest-halo');
    halo.setAttribute('stroke', '#fff');
    halo.setAttribute('stroke-width', '4.5');
    ring.setAttribute('class', 'nearest-ring');
    ring.setAttribute('data-step', String(steps[rank]));
    ring.setAttribute('data-rank', String(rank));
    ring.setAttribute('stroke-width', '2');
    // A presentation attribute cannot read a custom property; an inline style can.
    ring.style.stroke = `var(--hs-nearest-color, ${NEAREST_COLOR})`;
    marks.push(halo, ring);
  }
  layer.replaceChildren(...marks);
  return { step, steps, distances };
}

function query(index: NearestStateIndex, step: number, k: number): NearestResult {
  const last = lastQuery.get(index);
  if (last?.step === step && last.k === k) return last.result;
  const result = index.queryStep(step, k);
  lastQuery.set(index, { step, k, result });
  return result;
}

function whenBuilt(entry: SharedNearestStates, built: () => void): void {
  let callbacks = waiting.get(entry);
  if (!callbacks) {
    const calls = (callbacks = new Set());
    waiting.set(entry, calls);
    entry.promise.then(
      () => {
        waiting.delete(entry);
        for (const call of calls) call();
      },
      () => waiting.delete(entry),
    );
  }
  callbacks.add(built);
}

/**
 * Adds to (or updates in) the tooltip of `step` the line saying how many nearest states are
 * ringed and their mean distance in the model's space; removes it when `rings` are not that step's.
 */
export function noteNearest(tooltip: HTMLElement, step: number, rings: NearestRings | null): void {
  tooltip.querySelector(':scope > .nearest-note')?.remove();
  if (!rings || rings.step !== step || step < 0 || rings.steps.length === 0) return;
  let sum = 0;
  for (const distance of rings.distances) sum += distance;
  const note = tooltip.ownerDocument.createElement('div');
  note.className = 'nearest-note';
  note.style.marginTop = '2px';
  note.style.color = `var(--hs-nearest-color, ${NEAREST_COLOR})`;
  note.textContent = `${rings.steps.length} nearest in the model's space ringed (mean distance ${(
    sum / rings.steps.length
  ).toFixed(2)})`;
  tooltip.append(note);
}
