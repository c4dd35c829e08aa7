import type { Selection } from 'd3-selection';
import type { StateDataset } from '@statescope/core';
import { shortenText } from '@statescope/view-base';
import { JUMP_CLASS, JUMP_DISTANCE, JUMP_PREDICTION, type JumpLabel } from './jumpLabels.js';
import type { MapTransform } from './MapTransform.js';
import { placeLabels } from './placeLabels.js';
import type { TextMeasure } from './TextMeasure.js';

/** Longest word label drawn on the map, in characters. */
const MAX_LABEL_CHARACTERS = 24;
/** Longest sequence id drawn at a trajectory's start. */
const MAX_ID_CHARACTERS = 24;

/** What the labels must stay clear of. */
export interface LabelArea {
  /** Width and height of the map. */
  bounds: readonly [number, number];
  /** Boxes of the panels over the map (toolbar, legend, pager), flat x0, y0, x1, y1 per box. */
  obstacles: ArrayLike<number>;
}

interface MapLabel {
  /** `jump` or `sequence-id`. */
  kind: 'jump' | 'sequence-id';
  /** Unique among the labels: the jump's step, or the sequence. */
  key: string;
  text: string;
  /** The step it labels. */
  at: number;
  jump?: JumpLabel;
  sequence?: number;
}

/**
 * Draws the map's word labels without overlaps: the active sequence's jumps (the token read at
 * the jump, `jumps` most important first) and the ids of the drawn trajectories at their starts.
 * Each takes a free spot around its point, clear of the panels over the map and of every label
 * placed before it; a label with no free spot is left out (its token stays in the tooltip of its
 * point). Text boxes are measured from the font before anything is drawn.
 */
export function drawMapLabels(
  layer: Selection<SVGGElement, unknown, null, undefined>,
  dataset: StateDataset,
  jumps: readonly JumpLabel[],
  ids: readonly number[],
  transform: MapTransform,
  coordinates: Float32Array,
  measure: TextMeasure,
  area: LabelArea,
): void {
  // Cut long words: a label is a pointer into the map, the tooltip shows the whole token.
  const labels: MapLabel[] = [
    ...jumps.map((jump) => ({
      kind: 'jump' as const,
      key: `j${jump.from}`,
      text: shortenText(dataset.token(jump.from + 1), MAX_LABEL_CHARACTERS),
      at: jump.at,
      jump,
    })),
    ...ids.map((sequence) => ({
      kind: 'sequence-id' as const,
      key: `s${sequence}`,
      text: `#${shortenText(dataset.ids[sequence], MAX_ID_CHARACTERS)}`,
      at: dataset.offsets[sequence],
      sequence,
    })),
  ];
  const points = new Float64Array(2 * labels.length);
  const widths = new Float64Array(labels.length);
  labels.forEach((label, k) => {
    points[2 * k] = transform.screenX(coordinates[2 * label.at]);
    points[2 * k + 1] = transform.screenY(coordinates[2 * label.at + 1]);
    widths[k] = measure.width(label.text, label.kind === 'sequence-id');
  });
  const placed = placeLabels(points, widths, {
    ascent: measure.ascent,
    descent: measure.descent,
    bounds: area.bounds,
    obstacles: area.obstacles,
  });
  const shown = labels.filter((_, k) => !Number.isNaN(placed.x[k]));
  const index = new Map(labels.map((label, k) => [label, k]));
  layer
    .selectAll<SVGTextElement, MapLabel>('text')
    .data(shown, (label) => label.key)
    .join('text')
    .attr('class', (label) => `${label.kind} halo`)
    .attr('data-from', (label) => label.jump?.from ?? null)
    .attr('data-sequence', (label) => label.sequence ?? null)
    .attr('data-step', (label) => label.at)
    .attr('data-reasons', (label) => (label.jump ? reasonNames(label.jump.reasons) : null))
    .attr('x', (label) => placed.x[index.get(label)!])
    .attr('y', (label) => placed.y[index.get(label)!])
    .attr('text-anchor', (label) => placed.anchor[index.get(label)!])
    .text((label) => label.text);
}

function reasonNames(reasons: number): string {
  const names: string[] = [];
  if (reasons & JUMP_DISTANCE) names.push('distance');
  if (reasons & JUMP_PREDICTION) names.push('prediction');
  if (reasons & JUMP_CLASS) names.push('class');
  return names.join(' ');
}
