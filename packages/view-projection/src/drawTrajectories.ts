import { select, type Selection } from 'd3-selection';
import { scaleLinear } from 'd3-scale';
import type { StateDataset } from '@statescope/core';
import { shortenText, type StepColors } from '@statescope/view-base';
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

/**
 * Draws one trajectory per selected sequence as straight segments from step to step, with a
 * start ring, an end ring and a small dot at every step. The active sequence is drawn last and
 * solid; the others dashed, each with its own pattern and its id at its start, so that they can
 * be compared. Marks carry data-step / data-sequence attributes for tests and styling.
 */
export function drawTrajectories(
  layer: Selection<SVGGElement, unknown, null, undefined>,
  dataset: StateDataset,
  sequences: Uint32Array,
  active: number,
  transform: MapTransform,
  coordinates: Float32Array,
  style: TrajectoryStyle,
): void {
  const order = Array.from(sequences).filter((s) => s !== active && s < dataset.sequenceCount);
  if (active >= 0 && active < dataset.sequenceCount) order.push(active);
  const distances = style.width === 'distance' ? dataset.normalizedStepDistances() : null;
  const x = (t: number) => transform.screenX(coordinates[2 * t]);
  const y = (t: number) => transform.screenY(coordinates[2 * t + 1]);

  layer
    .selectAll<SVGGElement, number>('g.trajectory')
    .data(order, (s) => String(s))
    .join('g')
    .attr('class', (s) => (s === active ? 'trajectory active' : 'trajectory'))
    .attr('data-sequence', (s) => s)
    .each(function (s, index) {
      const group = this as SVGGElement;
      const start = dataset.offsets[s];
      const end = dataset.offsets[s + 1];
      const length = end - start;
      const dash = s === active ? '' : DASHES[1 + (index % (DASHES.length - 1))];
      const steps = Array.from({ length }, (_, k) => start + k);
      const segments = steps.slice(0, -1);
      const segmentColor = (t: number) =>
        style.color === 'time' ? timeColor((t - start) / Math.max(1, length - 1)) : style.expectedColors.css(t);
      const segmentWidth = (t: number) => {
        if (style.width === 'time') return 1 + (3 * (t - start)) / Math.max(1, length - 1);
        if (style.width === 'distance') return 1 + 5 * (Number.isFinite(distances![t]) ? distances![t] : 0);
        return 2;
      };
      const g = select(group);
      g.selectAll('line.casing')
        .data(segments)
        .join('line')
        .attr('class', 'casing')
        .attr('x1', x)
        .attr('y1', y)
        .attr('x2', (t) => x(t + 1))
        .attr('y2', (t) => y(t + 1))
        .attr('stroke', '#fff')
        .attr('stroke-opacity', 0.8)
        .attr('stroke-width', (t) => segmentWidth(t) + 2);
      g.selectAll('line.segment')
        .data(segments)
        .join('line')
        .attr('class', 'segment')
        .attr('data-step', (t) => t)
        .attr('x1', x)
        .attr('y1', y)
        .attr('x2', (t) => x(t + 1))
        .attr('y2', (t) => y(t + 1))
        .attr('stroke', segmentColor)
        .attr('stroke-width', segmentWidth)
        .attr('stroke-dasharray', dash || null)
        .attr('stroke-linecap', 'round');
      g.selectAll('circle.step')
        .data(steps)
        .join('circle')
        .attr('class', 'step')
        .attr('data-step', (t) => t)
        .attr('cx', x)
        .attr('cy', y)
        .attr('r', 2.5)
        .attr('fill', segmentColor)
        .attr('stroke', '#fff')
        .attr('stroke-width', 0.75);
      g.selectAll('circle.start')
        .data([start])
        .join('circle')
        .attr('class', 'start')
        .attr('data-step', (t) => t)
        .attr('cx', x)
        .attr('cy', y)
        .attr('r', 6)
        .attr('fill', 'none')
        .attr('stroke', START_RING)
        .attr('stroke-width', 2.5);
      g.selectAll('circle.end')
        .data([end - 1])
        .join('circle')
        .attr('class', 'end')
        .attr('data-step', (t) => t)
        .attr('cx', x)
        .attr('cy', y)
        .attr('r', 6)
        .attr('fill', 'none')
        .attr('stroke', END_RING)
        .attr('stroke-width', 2.5);
      g.selectAll('text.sequence-id')
        .data(order.length > 1 ? [start] : [])
        .join('text')
        .attr('class', 'sequence-id halo')
        .attr('x', (t) => x(t) + 8)
        .attr('y', (t) => y(t) - 8)
        .text(() => `#${shortenText(dataset.ids[s], 24)}`);
    });
}
