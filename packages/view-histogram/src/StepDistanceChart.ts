import { select } from 'd3-selection';
import { scaleBand, scaleLinear, type ScaleBand, type ScaleLinear } from 'd3-scale';
import { SEQUENCE_HIDDEN, SEQUENCE_SHOWN } from '@statescope/bus';
import type { StateDataset, StepSet } from '@statescope/core';
import { FADED_OPACITY, fitSvgText, type StepColors } from '@statescope/view-base';
import { CHART_MARGIN, chartFrame, createChartSvg, drawYAxis, hideKeyRing, rove, showKeyRing } from './chartFrame.js';
import { drawThresholdSlider } from './thresholdSlider.js';

/** The most sequences drawn at once (the active one and compared ones): more bars overlaid are unreadable. */
export const MAX_SHOWN_SEQUENCES = 6;

/** Outline colours of the compared sequences, in order: apart from the bars' prediction colours and from each other. */
const COMPARE_TINTS: readonly string[] = ['#e67e00', '#2a9d3a', '#8e44ad', '#8c564b', '#00a0a0'];

/** Height of the legend row above the plot when sequences are compared. */
const LEGEND_HEIGHT = 16;

/** The provisional (what-if) sequence as the steps chart draws it. */
export interface ProvisionalBars {
  /** Its name, in the legend. */
  id: string;
  tokens: readonly string[];
  /** Normalised distance from each of its steps to the next, on the dataset's scale (NaN at the last). */
  distances: Float32Array;
}

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
  /** The provisional sequence, overlaid as dashed outlines; null: none. */
  provisional: ProvisionalBars | null;
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
  /** Enter or Space on a compared sequence's bar: make it the active one. */
  activate(sequence: number): void;
  /** The keyboard left the bars, having focused `step` (and the next one). */
  blur(step: number): void;
}

/** The bar that holds the chart's one tab stop: its sequence and its index in it. */
interface Cursor {
  sequence: number;
  index: number;
}

/**
 * The `steps` mode of `<hs-histogram>`: one bar per step of the active sequence (the distance
 * from its state to the next, coloured by prediction), compared sequences overlaid as outlines
 * in tints of their own with a legend of their ids, and the threshold as a draggable line.
 * Bars of steps other views brushed stay bright while the rest dim; a sequence the filters fade
 * or hide is drawn faded. It draws into the given container and holds no bus: gestures go to
 * the callbacks.
 *
 * By keyboard the bars are one tab stop (a roving tabindex): Left and Right move to the previous
 * and next bar, Home and End to the first and last, Up and Down to the same bar of the sequence
 * drawn before or after; the bar with the keyboard focus focuses its two steps as hovering does,
 * and Enter or Space on a compared sequence's bar makes that sequence the active one.
 */
export class StepDistanceChart {
  readonly #container: HTMLElement;
  readonly #svg = createChartSvg();
  readonly #callbacks: StepDistanceCallbacks;
  #cursor: Cursor = { sequence: -1, index: 0 };
  /** The step whose bar has the keyboard focus (-1: none). */
  #keyFocus = -1;
  /** The last draw's input and scales: a provisional change alone redraws its bars and the legend. */
  #last: { input: StepDistanceInput; longest: number; x: ScaleBand<number>; y: ScaleLinear<number, number> } | null =
    null;

  constructor(container: HTMLElement, callbacks: StepDistanceCallbacks) {
    this.#container = container;
    this.#callbacks = callbacks;
    container.addEventListener('pointerover', (event) => {
      const step = (event.target as Element | null)?.getAttribute?.('data-step');
      if (step != null && this.shown) callbacks.focus(Number(step), 2); // a bar joins two steps
    });
    container.addEventListener('pointerleave', () => this.shown && callbacks.focus(-1, 1));
    container.addEventListener('keydown', (event) => this.#key(event));
    container.addEventListener('focusin', (event) => this.#focusBar(event.target as Element));
    container.addEventListener('focusout', (event) => this.#leaveBar(event.relatedTarget as Element | null));
  }

  /** Whether the container shows this chart (not a message, not the other chart). */
  get shown(): boolean {
    return this.#svg.parentNode === this.#container;
  }

  draw(input: StepDistanceInput): void {
    const { data, distances, sequences, colors, threshold, brushed, levels, width, height } = input;
    const [active] = sequences;
    // The active sequence made active by Enter moves its bars first: the keyboard follows them.
    const hadFocus = this.#focusedBar() !== null;
    const transitions = (s: number) => Math.max(0, data.sequenceLength(s) - 1);
    const longest = Math.max(1, ...sequences.map(transitions), provisionalTransitions(input.provisional));
    const x = scaleBand<number>()
      .domain(Array.from({ length: longest }, (_, b) => b))
      .range([CHART_MARGIN.left, width - CHART_MARGIN.right])
      .paddingInner(longest > 60 ? 0 : 0.15);
    const top = CHART_MARGIN.top + (hasLegend(input) ? LEGEND_HEIGHT : 0);
    const y = scaleLinear()
      .domain([0, 1])
      .range([height - CHART_MARGIN.bottom, top]);
    const others = sequences.slice(1).map((s) => data.ids[s]);
    const svg = chartFrame(
      this.#container,
      this.#svg,
      width,
      height,
      `Distance from each step's hidden state to the next, ` +
        (active === undefined ? (input.provisional?.id ?? '') : `sequence ${data.ids[active]}`) +
        (others.length ? ` compared with ${others.join(', ')}` : '') +
        (active !== undefined && input.provisional ? ` and ${input.provisional.id}` : '') +
        (active === undefined ? '' : filterNote(levels[active])),
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
          .attr('tabindex', -1) // #placeCursor gives one bar 0: the chart is one tab stop
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
    this.#last = { input, longest, x, y };
    this.#drawProvisional();
    this.#legend(input, tintOf, faded);
    drawThresholdSlider(svg, {
      orientation: 'horizontal',
      scale: y,
      across: [CHART_MARGIN.left, width - CHART_MARGIN.right],
      value: threshold,
      change: (value) => this.#callbacks.threshold(value),
    });
    this.#placeCursor(active, hadFocus);
  }

  /**
   * Shows `provisional` (null: none) over the bars drawn last. Only its outlines and the legend
   * are redrawn, unless it changes the chart's frame (a longer sequence than every one drawn, or
   * the legend's row coming or going): then all of it.
   */
  setProvisional(provisional: ProvisionalBars | null): void {
    const last = this.#last;
    if (!last || !this.shown) return;
    const input = { ...last.input, provisional };
    const longest = Math.max(
      1,
      ...input.sequences.map((s) => Math.max(0, input.data.sequenceLength(s) - 1)),
      provisionalTransitions(provisional),
    );
    if (longest !== last.longest || hasLegend(input) !== hasLegend(last.input)) return this.draw(input);
    last.input = input;
    this.#drawProvisional();
    const { sequences, levels } = input;
    this.#legend(
      input,
      (s) => COMPARE_TINTS[(sequences.indexOf(s) - 1) % COMPARE_TINTS.length],
      (s) => (levels[s] !== SEQUENCE_SHOWN ? FADED_OPACITY : null),
    );
  }

  /**
   * The provisional sequence's bars, dashed outlines over the dataset's. They carry no step (it
   * has no global index): hovering them focuses nothing, and the keyboard passes them by.
   */
  #drawProvisional(): void {
    const { input, x, y } = this.#last!;
    const provisional = input.provisional;
    const { threshold } = input;
    const group = select(this.#svg)
      .selectAll<SVGGElement, ProvisionalBars>('g.provisional-bars')
      .data(provisional ? [provisional] : [])
      .join((enter) => enter.insert('g', 'g.y-axis')) // over the dataset's bars, under the axis
      .attr('class', 'provisional-bars');
    // Over bars of sequences drawn since, under the axis: only this group moves (moving the
    // threshold's would end a drag of it, which redraws the chart on every step).
    const node = group.node();
    const axis = this.#svg.querySelector(':scope > g.y-axis');
    if (node && axis && node.nextElementSibling !== axis) this.#svg.insertBefore(node, axis);
    if (!provisional) return;
    const [, top] = y.range();
    const { id, tokens, distances } = provisional;
    group
      .selectAll<SVGRectElement, number>('rect')
      .data(Array.from({ length: provisionalTransitions(provisional) }, (_, b) => b))
      .join('rect')
      .attr('role', 'img')
      .attr('class', (b) => `provisional-bar${distances[b] > threshold ? ' jump' : ''}`)
      .attr('aria-label', (b) => {
        const d = distances[b];
        const beyond = d > 1 ? ', beyond every step of the dataset' : '';
        return `${id}, step ${b + 1} to ${b + 2} ("${tokens[b]}" to "${tokens[b + 1]}"): distance ${d.toFixed(2)}${d > threshold ? ', a jump' : ''}${beyond}`;
      })
      .attr('x', (b) => x(b)!)
      .attr('width', Math.max(1, x.bandwidth()))
      // A step that moves further than any of the dataset's is drawn to the top of the plot.
      .attr('y', (b) => Math.max(top, y(distances[b])))
      .attr('height', (b) => y(0) - Math.max(top, y(distances[b])));
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

  /** Each drawn sequence's bars, in drawing order (the active sequence first). */
  #barGroups(): { sequence: number; bars: SVGRectElement[] }[] {
    return Array.from(this.#svg.querySelectorAll<SVGGElement>(':scope > g.bars'), (group) => ({
      sequence: Number(group.dataset.sequence),
      bars: Array.from(group.querySelectorAll<SVGRectElement>(':scope > rect.bar')),
    }));
  }

  #focusedBar(): SVGRectElement | null {
    const active = (this.#svg.getRootNode() as ShadowRoot | Document).activeElement;
    return active instanceof SVGRectElement && this.#svg.contains(active) ? active : null;
  }

  #locate(bar: Element | null): { group: number; index: number } | null {
    if (!bar || !this.#svg.contains(bar)) return null;
    const groups = this.#barGroups();
    for (let group = 0; group < groups.length; group++) {
      const index = groups[group].bars.indexOf(bar as SVGRectElement);
      if (index >= 0) return { group, index };
    }
    return null;
  }

  /** After a draw: the cursor's bar (its sequence's, clamped; else the active one's) holds the tab stop. */
  #placeCursor(active: number, refocus: boolean): void {
    const groups = this.#barGroups().filter((g) => g.bars.length > 0);
    if (groups.length === 0) return;
    const group =
      groups.find((g) => g.sequence === this.#cursor.sequence) ?? groups.find((g) => g.sequence === active)!;
    // The cursor itself moves only with the keyboard: the same state draws the same tab stop.
    const bar = group.bars[Math.min(this.#cursor.index, group.bars.length - 1)];
    rove(this.#svg, bar, refocus);
    if (this.#focusedBar() === bar) showKeyRing(this.#svg, bar);
  }

  #key(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const at = this.#locate(event.target as Element);
    if (!at) return;
    const groups = this.#barGroups();
    let { group, index } = at;
    const last = groups[group].bars.length - 1;
    switch (event.key) {
      case 'ArrowLeft':
        index = Math.max(0, index - 1);
        break;
      case 'ArrowRight':
        index = Math.min(last, index + 1);
        break;
      case 'Home':
        index = 0;
        break;
      case 'End':
        index = last;
        break;
      case 'ArrowUp':
        group = Math.max(0, group - 1);
        break;
      case 'ArrowDown':
        group = Math.min(groups.length - 1, group + 1);
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        // The active sequence's bars come first: Enter there picks nothing new.
        if (group > 0) this.#callbacks.activate(groups[group].sequence);
        return;
      default:
        return;
    }
    event.preventDefault();
    const bars = groups[group].bars;
    if (bars.length) bars[Math.min(index, bars.length - 1)].focus();
  }

  /** A bar got the keyboard focus: it holds the tab stop, is ringed, and focuses its two steps. */
  #focusBar(target: Element): void {
    const at = this.#locate(target);
    if (!at) return;
    const bar = target as SVGRectElement;
    this.#cursor = { sequence: this.#barGroups()[at.group].sequence, index: at.index };
    rove(this.#svg, bar, false);
    showKeyRing(this.#svg, bar);
    this.#keyFocus = Number(bar.dataset.step);
    this.#callbacks.focus(this.#keyFocus, 2);
  }

  #leaveBar(next: Element | null): void {
    if (this.#locate(next)) return; // to another bar: #focusBar takes over
    hideKeyRing(this.#svg);
    if (this.#keyFocus >= 0) this.#callbacks.blur(this.#keyFocus);
    this.#keyFocus = -1;
  }

  /** The ids of the sequences drawn, each with its swatch, when more than one is; a count of those left out. */
  #legend(input: StepDistanceInput, tintOf: (s: number) => string, faded: (s: number) => number | null): void {
    const { data, sequences, omitted, width, provisional } = input;
    const shown = hasLegend(input);
    const items = shown ? sequences : [];
    const slots = items.length + (provisional ? 1 : 0) + (omitted ? 1 : 0);
    const slot = Math.min(150, (width - CHART_MARGIN.left - CHART_MARGIN.right) / Math.max(1, slots));
    const y = CHART_MARGIN.top;
    const legend = select(this.#svg)
      .selectAll<SVGGElement, null>('g.legend')
      .data(shown ? [null] : [])
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
    // The provisional sequence's entry, after the dataset's, in the dashed style of its bars.
    legend
      .selectAll<SVGGElement, ProvisionalBars>('g.legend-provisional')
      .data(provisional ? [provisional] : [])
      .join((enter) => {
        const g = enter.append('g').attr('role', 'listitem').attr('class', 'legend-provisional');
        g.append('rect').attr('width', 10).attr('height', 10).attr('x', 0.5).attr('y', 0.5);
        g.append('text').attr('dominant-baseline', 'middle').attr('x', 14).attr('y', 6);
        return g;
      })
      .attr('transform', `translate(${CHART_MARGIN.left + items.length * slot},${y})`)
      .each(function (p) {
        // Its id comes from the text box's owner: text only, cut to the slot.
        fitSvgText(select(this).select<SVGTextElement>('text').node()!, p.id, slot - 20);
      });
    legend
      .selectAll<SVGTextElement, number>('text.more')
      .data(omitted ? [omitted] : [])
      .join('text')
      .attr('class', 'more')
      .attr('x', CHART_MARGIN.left + (items.length + (provisional ? 1 : 0)) * slot)
      .attr('y', y + 6)
      .attr('dominant-baseline', 'middle')
      .text((n) => `+${n} more selected`);
  }
}

/** Bars of the provisional sequence (one per pair of consecutive steps). */
function provisionalTransitions(provisional: ProvisionalBars | null): number {
  return provisional ? Math.max(0, provisional.tokens.length - 1) : 0;
}

/** Whether the legend row is drawn: sequences compared, or the provisional one overlaid. */
function hasLegend(input: StepDistanceInput): boolean {
  return input.sequences.length > 1 || input.provisional !== null;
}

/** Why the active sequence is drawn faded, for the figure's name. */
function filterNote(level: number): string {
  if (level === SEQUENCE_SHOWN) return '';
  return level === SEQUENCE_HIDDEN ? ' (faded: its class is hidden by the filters)' : ' (faded by the filters)';
}
