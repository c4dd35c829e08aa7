import { scaleLinear } from 'd3-scale';
import type { StateDataset } from '@statescope/core';
import type { StepColors } from '@statescope/view-base';
import type { MapTransform } from './MapTransform.js';

/** The values of {@link TrajectoryColor}. */
export const TRAJECTORY_COLORS = Object.freeze(['expected', 'time'] as const);
/** Segment colour: the expected prediction of the step it leaves, or time (grey to black). */
export type TrajectoryColor = (typeof TRAJECTORY_COLORS)[number];
/** The values of {@link TrajectoryWidth}. */
export const TRAJECTORY_WIDTHS = Object.freeze(['constant', 'time', 'distance'] as const);
/** Segment width: constant, growing with time, or the step's distance in the original space. */
export type TrajectoryWidth = (typeof TRAJECTORY_WIDTHS)[number];

export interface TrajectoryStyle {
  color: TrajectoryColor;
  width: TrajectoryWidth;
  /** Colours of the expected prediction (for `color: 'expected'`). */
  expectedColors: StepColors;
}

/** The reference tool's rings: start grey, end black. */
export const START_RING = 'rgb(110, 110, 110)';
/** The ring at a trajectory's last step. */
export const END_RING = '#000';
/** Dash patterns that tell compared sequences apart; the active sequence is solid. */
const DASHES = ['', '7 3', '2 3', '9 3 2 3', '4 4'];
const timeColor = scaleLinear<string>().domain([0, 1]).range(['#c8c8c8', '#000']);
const SVG_NS = 'http://www.w3.org/2000/svg';

/** What each trajectory group was drawn from: a group drawn from the same is kept as it is. */
interface Drawn {
  key: string;
  coordinates: Float32Array;
  colors: StepColors;
}
const drawnFrom = new WeakMap<SVGGElement, Drawn>();

/**
 * Draws one trajectory per sequence of `sequences` (in that order; give the active one last, so
 * that it is on top) as straight segments from step to step, with a start ring, an end ring and a
 * small dot at every step. The active sequence is solid; the others dashed, each with its own
 * pattern. Marks carry data-step / data-sequence attributes for tests and styling.
 *
 * Elements are made directly (no join per mark), and a trajectory whose drawing did not change
 * (same sequence, zoom, layout, style and dash) keeps its elements, so that paging through many
 * selected sequences or moving the focus costs nothing for the ones already drawn.
 */
export function drawTrajectories(
  layer: SVGGElement,
  dataset: StateDataset,
  sequences: readonly number[],
  active: number,
  transform: MapTransform,
  coordinates: Float32Array,
  style: TrajectoryStyle,
): void {
  const view = `${transform.ax},${transform.bx},${transform.ay},${transform.by}|${style.color}|${style.width}`;
  const previous = new Map<number, SVGGElement>();
  for (const group of layer.children) previous.set(Number(group.getAttribute('data-sequence')), group as SVGGElement);
  const groups = sequences.map((sequence, index) => {
    const isActive = sequence === active;
    const dash = isActive ? '' : DASHES[1 + (index % (DASHES.length - 1))];
    const key = `${view}|${dash}|${isActive}`;
    const old = previous.get(sequence);
    const was = old && drawnFrom.get(old);
    if (was && was.key === key && was.coordinates === coordinates && was.colors === style.expectedColors) return old;
    const group = drawTrajectory(layer.ownerDocument, dataset, sequence, dash, transform, coordinates, style);
    group.setAttribute('class', isActive ? 'trajectory active' : 'trajectory');
    drawnFrom.set(group, { key, coordinates, colors: style.expectedColors });
    return group;
  });
  layer.replaceChildren(...groups);
}

function drawTrajectory(
  doc: Document,
  dataset: StateDataset,
  sequence: number,
  dash: string,
  transform: MapTransform,
  coordinates: Float32Array,
  style: TrajectoryStyle,
): SVGGElement {
  const start = dataset.offsets[sequence];
  const end = dataset.offsets[sequence + 1];
  const length = end - start;
  const distances = style.width === 'distance' ? dataset.normalizedStepDistances() : null;
  const xs = new Float64Array(length);
  const ys = new Float64Array(length);
  for (let k = 0; k < length; k++) {
    xs[k] = transform.screenX(coordinates[2 * (start + k)]);
    ys[k] = transform.screenY(coordinates[2 * (start + k) + 1]);
  }
  const color = (t: number) =>
    style.color === 'time' ? timeColor((t - start) / Math.max(1, length - 1)) : style.expectedColors.css(t);
  const width = (t: number) => {
    if (style.width === 'time') return 1 + (3 * (t - start)) / Math.max(1, length - 1);
    if (style.width === 'distance') return 1 + 5 * (Number.isFinite(distances![t]) ? distances![t] : 0);
    return 2;
  };
  const make = (tag: string, attributes: Record<string, string | number>) => {
    const element = doc.createElementNS(SVG_NS, tag);
    for (const name in attributes) element.setAttribute(name, String(attributes[name]));
    return element;
  };

  const group = make('g', { 'data-sequence': sequence }) as SVGGElement;
  const marks: Element[] = [];
  // A white casing under the segments keeps them readable over the points: one polyline at a
  // constant width, a line per segment where the width varies.
  if (style.width === 'constant') {
    let points = '';
    for (let k = 0; k < length; k++) points += `${xs[k]},${ys[k]} `;
    marks.push(
      make('polyline', {
        class: 'casing',
        points,
        fill: 'none',
        stroke: '#fff',
        'stroke-opacity': 0.8,
        'stroke-width': width(start) + 2,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      }),
    );
  } else {
    for (let k = 0; k + 1 < length; k++) {
      marks.push(
        make('line', {
          class: 'casing',
          x1: xs[k],
          y1: ys[k],
          x2: xs[k + 1],
          y2: ys[k + 1],
          stroke: '#fff',
          'stroke-opacity': 0.8,
          'stroke-width': width(start + k) + 2,
        }),
      );
    }
  }
  // Cloned from one prototype each: the attributes all marks share are copied, not set one by one.
  const segmentPrototype = make('line', { class: 'segment', 'stroke-linecap': 'round' });
  if (dash) segmentPrototype.setAttribute('stroke-dasharray', dash);
  for (let k = 0; k + 1 < length; k++) {
    const segment = segmentPrototype.cloneNode() as Element;
    segment.setAttribute('data-step', String(start + k));
    segment.setAttribute('x1', String(xs[k]));
    segment.setAttribute('y1', String(ys[k]));
    segment.setAttribute('x2', String(xs[k + 1]));
    segment.setAttribute('y2', String(ys[k + 1]));
    segment.setAttribute('stroke', color(start + k));
    segment.setAttribute('stroke-width', String(width(start + k)));
    marks.push(segment);
  }
  const dotPrototype = make('circle', { class: 'step', r: 2.5, stroke: '#fff', 'stroke-width': 0.75 });
  for (let k = 0; k < length; k++) {
    const dot = dotPrototype.cloneNode() as Element;
    dot.setAttribute('data-step', String(start + k));
    dot.setAttribute('cx', String(xs[k]));
    dot.setAttribute('cy', String(ys[k]));
    dot.setAttribute('fill', color(start + k));
    marks.push(dot);
  }
  const ring = (kind: string, k: number, stroke: string) =>
    make('circle', {
      class: kind,
      'data-step': start + k,
      cx: xs[k],
      cy: ys[k],
      r: 6,
      fill: 'none',
      stroke,
      'stroke-width': 2.5,
    });
  if (length > 0) marks.push(ring('start', 0, START_RING), ring('end', length - 1, END_RING));
  group.append(...marks);
  return group;
}
