import type { Selection } from 'd3-selection';
import type { StateDataset } from '@statescope/core';
import { shortenText } from '@statescope/view-base';
import { JUMP_CLASS, JUMP_DISTANCE, JUMP_PREDICTION, type JumpLabel } from './jumpLabels.js';
import type { MapTransform } from './MapTransform.js';
import { placeLabels } from './placeLabels.js';

/** Longest word label drawn on the map, in characters. */
const MAX_LABEL_CHARACTERS = 24;

/**
 * Draws each jump's word (the token read at the jump) beside its point, as text with a halo.
 * Labels that would overlap an earlier one move to another side of their point, or are left out.
 */
export function drawJumpLabels(
  layer: Selection<SVGGElement, unknown, null, undefined>,
  dataset: StateDataset,
  labels: readonly JumpLabel[],
  transform: MapTransform,
  coordinates: Float32Array,
): void {
  // Cut long words: a label is a pointer into the map, the tooltip shows the whole token.
  const texts = labels.map((label) => shortenText(dataset.token(label.from + 1), MAX_LABEL_CHARACTERS));
  const points = new Float64Array(2 * labels.length);
  labels.forEach((label, k) => {
    points[2 * k] = transform.screenX(coordinates[2 * label.at]);
    points[2 * k + 1] = transform.screenY(coordinates[2 * label.at + 1]);
  });
  const placed = placeLabels(points, texts);
  const shown = labels.map((_, k) => k).filter((k) => !Number.isNaN(placed.x[k]));
  layer
    .selectAll<SVGTextElement, number>('text.jump')
    // Key by the label's step, read from the element for old nodes: their datum indexes the
    // previous labels array, not this one.
    .data(shown, function (k) {
      return this instanceof SVGTextElement ? (this.getAttribute('data-from') ?? '') : String(labels[k].from);
    })
    .join('text')
    .attr('class', 'jump halo')
    .attr('data-from', (k) => labels[k].from)
    .attr('data-step', (k) => labels[k].at)
    .attr('data-reasons', (k) => reasonNames(labels[k].reasons))
    .attr('x', (k) => placed.x[k])
    .attr('y', (k) => placed.y[k])
    .attr('text-anchor', (k) => placed.anchor[k])
    .text((k) => texts[k]);
}

function reasonNames(reasons: number): string {
  const names: string[] = [];
  if (reasons & JUMP_DISTANCE) names.push('distance');
  if (reasons & JUMP_PREDICTION) names.push('prediction');
  if (reasons & JUMP_CLASS) names.push('class');
  return names.join(' ');
}
