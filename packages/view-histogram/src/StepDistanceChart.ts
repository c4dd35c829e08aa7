import { select } from 'd3-selection';
import { scaleBand, scaleLinear } from 'd3-scale';
import { SEQUENCE_HIDDEN, SEQUENCE_SHOWN } from '@statescope/bus';
import type { StateDataset, StepSet } from '@statescope/core';
import { FADED_OPACITY, fitSvgText, type StepColors } from '@statescope/view-base';
import { CHART_MARGIN, chartFrame, createChartSvg, drawYAxis } from './chartFrame.js';
import { drawThresholdSlider } from './thresholdSlider.js';

/** The most sequences drawn at once (the active one and compared ones): more bars overlaid are unreadable. */
export const MAX_SHOWN_SEQUENCES = 6;

/** Outline colours of the compared sequences, in order: apart from the bars' prediction colours and from each other. */
const COMPARE_TINTS: readonly string[] = ['#e67e00', '#2a9d3a', '#8e44ad', '#8c564b', '#00a0a0'];

/** Height of the legend row above the plot when sequences are compared. */
const LEGEND_HEIGHT = 16;

/** What the steps chart draws. */
export interface StepDistanceInput {
  data: StateDataset;
  /** Normalised distance from each step to the next (NaN at a sequence's last step). */
  distances: Float32Array;
  /** The sequences to draw, the active one first, then compared ones (at most {@link MAX_SHOWN_SEQUENCES}). */
  sequences: readonly number[];
  /** Selected sequences not drawn (beyond the cap): the legend counts them. */
  omitted: number;
  /** Fill colours of the active sequence's bars, in the current colour mode. */
  colors: StepColors;
  /** The jump threshold: bars above it stand out. */
  threshold: number;
  /** The steps other views' brushes allow, or null when none brushes. */
  brushed: StepSet | null;
  /** What the filters do to each sequence (see sequenceFilter). */
  levels: Uint8Array;
  width: number;
  height: number;
}

/** What the steps chart asks of its view. */
export interface StepDistanceCallbacks {
  /** A bar was hovered (`step` and the next one, `length` 2), or the pointer left (-1). */
  focus(step: number, length: number): void;
  /** The threshold slider asked for a new threshold. */
  threshold(value: number): void;
}

/**
 * The `steps` mode of `<hs-histogram>`: one bar per step of the active sequence (the distance
 * from its state to the next, coloured by prediction), compared sequences overlaid as outlines
 * in tints of their own with a legend of their ids, and the threshold as a draggable line.
 * Bars of steps other views brushed stay bright while the rest dim; a sequence the filters fade
 * or hide is drawn faded. It draws into the given container and holds no bus: gestures go to
 * the callbacks.
 */
export class StepDistanceChart {
  readonly #container: HTMLElement;
  readonly #svg = createChartSvg();
  readonly #callbacks: StepDistanceCallbacks;

  constructor(container: HTMLElement, callbacks: StepDistanceCallbacks) {
    this.#container = container;
    this.#callbacks = callbacks;
    container.addEventListener('pointerover', (event) => {
      const step = (event.target as Element | null)?.getAttribute?.('data-step');
      if (step != null && this.shown) callbacks.focus(Number(step), 2); // a bar joins two steps
    });
    container.addEventListener('pointerleave', () => this.shown && callbacks.focus(-1, 1));
  }

  /** Whether the container shows this chart (not a message, not the other chart). */
  get shown(): boolean {
    return this.#svg.parentNode === this.#container;
  }

  draw(input: StepDistanceInput): void {
    const { data, distances, sequences, colors, threshold, brushed, levels, width, height } = input;
    const [active] = sequences;
    const comparing = sequences.length > 1;
    const transitions = (s: number) => Math.max(0, data.sequenceLength(s) - 1);
    const longest = Math.max(1, ...sequences.map(transitions));
    const x = scaleBand<number>()
      .domain(Array.from({ length: longest }, (_, b) => b))
      .range([CHART_MARGIN.left, width - CHART_MARGIN.right])
      .paddingInner(longest > 60 ? 0 : 0.15);
    const top = CHART_MARGIN.top + (comparing ? LEGEND_HEIGHT : 0);
    const y = scaleLinear()
      .domain([0, 1])
      .range([height - CHART_MARGIN.bottom, top]);
    const others = sequences.slice(1).map((s) => data.ids[s]);
    const svg = chartFrame(
      this.#container,
      this.#svg,
      width,
      height,
      `Distance from each step's hidden state to the next, sequence ${data.ids[active]}` +
        (others.length ? ` compared with ${others.join(', ')}` : '') +
        filterNote(levels[active]),
    );
    const tintOf = (s: number) => COMPARE_TINTS[(sequences.indexOf(s) - 1) % COMPARE_TINTS.length];
    const faded = (s: number) => (levels[s] !== SEQUENCE_SHOWN ? FADED_OPACITY : null);

    // The active sequence first, so that the compared outlines lie over its filled bars.
    svg
      .selectAll<SVGGElement, number>('g.bars')
      .data(sequences, (s) => s)
      .join((enter) => enter.insert('g', 'g.y-axis')) // under the axis, legend and threshold
      .attr('class', (s) => (s === active ? 'bars' : 'bars compared'))
      .attr('data-sequence', (s) => s)
      .classed('faded', (s) => levels[s] !== SEQUENCE_SHOWN)
      .style('opacity', faded)
      .style('color', (s) => (s === active ? null : tintOf(s)))
      .order()
      .each(function (s) {
        const first = data.offsets[s];
        const prefix = s === active ? '' : `sequence ${data.ids[s]}, `;
        select(this)
          .selectAll<SVGRectElement, number>('rect')
          .data(Array.from({ length: transitions(s) }, (_, b) => b))
          .join('rect')
          .attr('role', 'img')
          .attr('class', (b) => {
            const step = first + b;
            const mark = brushed ? (brushed.has(step) ? ' brushed' : ' outside') : '';
            return `bar${distances[step] > threshold ? ' jump' : ''}${mark}`;
          })
          .attr('data-step', (b) => first + b)
          .attr('aria-label', (b) => {
            const step = first + b;
            const d = distances[step];
            const tokens = `"${data.token(step)}" to "${data.token(step + 1)}"`;
            return `${prefix}step ${b + 1} to ${b + 2} (${tokens}): distance ${d.toFixed(2)}${d > threshold ? ', a jump' : ''}`;
          })
          .attr('x', (b) => x(b)!)
          .attr('width', Math.max(1, x.bandwidth()))
          .attr('y', (b) => y(distances[first + b]))
          .attr('height', (b) => y(0) - y(distances[first + b]))
          .attr('fill', (b) => (s === active ? colors.css(first + b) : null));
      });
    drawYAxis(svg, y, 'distance to next (normalised)', 'bottom');
    this.#legend(input, tintOf, faded);
    drawThresholdSlider(svg, {
      orientation: 'horizontal',
      scale: y,
      across: [CHART_MARGIN.left, width - CHART_MARGIN.right],
      value: threshold,
      change: (value) => this.#callbacks.threshold(value),
    });
  }

  /**
   * Marks the bars of the focused steps: for one focused step, the bars that touch it; for a
   * focused pair (a hovered bar), that bar. Every sequence drawn: the step is in one of them.
   */
  paintFocus(focus: number, length: number): void {
    for (const bar of this.#svg.querySelectorAll<SVGRectElement>('rect.bar')) {
      const t = Number(bar.dataset.step);
      const focused = length === 1 ? t === focus || t + 1 === focus : t >= focus && t + 1 < focus + length;
      bar.classList.toggle('focused', focused);
    }
  }

  /** The ids of the sequences drawn, each with its swatch, when more than one is; a count of those left out. */
  #legend(input: StepDistanceInput, tintOf: (s: number) => string, faded: (s: number) => number | null): void {
    const { data, sequences, omitted, width } = input;
    const comparing = sequences.length > 1;
    const items = comparing ? sequences : [];
    const slots = items.length + (omitted ? 1 : 0);
    const slot = Math.min(150, (width - CHART_MARGIN.left - CHART_MARGIN.right) / Math.max(1, slots));
    const y = CHART_MARGIN.top;
    const legend = select(this.#svg)
      .selectAll<SVGGElement, null>('g.legend')
      .data(comparing ? [null] : [])
      .join((enter) => enter.insert('g', 'g.threshold')) // the same layer order however it came about
      .attr('class', 'legend')
      .attr('role', 'list')
      .attr('aria-label', 'Sequences drawn');
    legend
      .selectAll<SVGGElement, number>('g.legend-item')
      .data(items, (s) => s)
      .join((enter) => {
        const g = enter.append('g').attr('role', 'listitem');
        g.append('rect').attr('width', 10).attr('height', 10);
        g.append('text').attr('dominant-baseline', 'middle');
        return g;
      })
      .attr('class', (s, i) => `legend-item ${i === 0 ? 'active' : 'compared'}`)
      .attr('data-sequence', (s) => s)
      .attr('transform', (s, i) => `translate(${CHART_MARGIN.left + i * slot},${y})`)
      .style('color', (s, i) => (i === 0 ? null : tintOf(s)))
      .style('opacity', faded)
      .each(function (s) {
        const item = select(this);
        item.select('rect').attr('x', 0.5).attr('y', 0.5);
        // Ids come from the data: text only, cut to the slot.
        fitSvgText(item.select<SVGTextElement>('text').attr('x', 14).attr('y', 6).node()!, data.ids[s], slot - 20);
      });
    legend
      .selectAll<SVGTextElement, number>('text.more')
      .data(omitted ? [omitted] : [])
      .join('text')
      .attr('class', 'more')
      .attr('x', CHART_MARGIN.left + items.length * slot)
      .attr('y', y + 6)
      .attr('dominant-baseline', 'middle')
      .text((n) => `+${n} more selected`);
  }
}

/** Why the active sequence is drawn faded, for the figure's name. */
function filterNote(level: number): string {
  if (level === SEQUENCE_SHOWN) return '';
  return level === SEQUENCE_HIDDEN ? ' (faded: its class is hidden by the filters)' : ' (faded by the filters)';
}
