import type { Selection } from 'd3-selection';
import type { StateDataset } from '@statescope/core';
import { JUMP_CLASS, JUMP_DISTANCE, JUMP_PREDICTION, type JumpLabel } from './jumpLabels.js';
import type { MapTransform } from './MapTransform.js';

/** Draws each jump's word (the token read at the jump) at its point, as text with a halo. */
export function drawJumpLabels(
  layer: Selection<SVGGElement, unknown, null, undefined>,
  dataset: StateDataset,
  labels: readonly JumpLabel[],
  transform: MapTransform,
  coordinates: Float32Array,
): void {
  layer
    .selectAll<SVGTextElement, JumpLabel>('text.jump')
    .data(labels, (label) => String(label.from))
    .join('text')
    .attr('class', 'jump halo')
    .attr('data-step', (label) => label.at)
    .attr('data-reasons', (label) => reasonNames(label.reasons))
    .attr('x', (label) => transform.screenX(coordinates[2 * label.at]) + 5)
    .attr('y', (label) => transform.screenY(coordinates[2 * label.at + 1]) - 5)
    .text((label) => dataset.token(label.from + 1));
}

function reasonNames(reasons: number): string {
  const names: string[] = [];
  if (reasons & JUMP_DISTANCE) names.push('distance');
  if (reasons & JUMP_PREDICTION) names.push('prediction');
  if (reasons & JUMP_CLASS) names.push('class');
  return names.join(' ');
}
