import { select } from 'd3-selection';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { LinkBus } from '@statescope/bus';
import type { StateDataset, StepSet } from '@statescope/core';
import {
  EXPECTED_COLORS,
  StatescopeElement,
  baseStyles,
  classColor,
  classIntensityColor,
  expectedScale,
  fitSvgText,
  showMessage,
} from '@statescope/view-base';
import { aggregateByPosition } from './aggregateByPosition.js';

const styles = `
${baseStyles}
.cell { shape-rendering: crispEdges; }
.focus { fill: none; stroke: var(--hs-focus-color); stroke-width: 2; pointer-events: none; }
.label { dominant-baseline: middle; text-anchor: end; }
.caption { fill: var(--hs-muted, #777); }
`;

const ROW_HEIGHT = 18;
const SUMMARY_GAP = 6;
const MARGIN = { top: 4, right: 8, bottom: 26, left: 96 };
const EMPTY_CELL = '#f2f2f2';
/** Room for a row label, left of the cells. */
const LABEL_WIDTH = MARGIN.left - 10;

/** One heatmap row: a label and, per column, a colour and an accessible name. */
interface Row {
  key: string;
  label: string;
  color(column: number): string;
  describe(column: number): string;
}

/**
 * `<hs-heatmap>`: time x class heatmap of the expected predictions. Columns are the steps of
 * the active sequence, rows the classes, plus a summary row (binary: the diverging colour of
 * p(positive); multi-class: the argmax class with its probability as intensity). Hovering a
 * column focuses that step on the bus.
 *
 * In `mode="aggregate"` the columns are step positions and the cells the mean expected
 * prediction over the brushed sequences (those with a brushed step), else the selected ones,
 * else all; aligned at the start or, with `align="end"`, at the end; a last row counts the
 * sequences that reach each position.
 *
 * @tagname hs-heatmap
 * @attr {'sequence' | 'aggregate'} mode - `sequence` (default) | `aggregate`
 * @attr {'start' | 'end'} align - `start` (default) | `end`, for aggregate mode
 * @attr {number} width - drawing width in pixels (default: the element's width, else 640)
 * @csspart svg - the chart
 * @csspart empty - the message shown when nothing is selected
 * @fires {CustomEvent<{ step: number; length: number }>} hs-focus - a column was hovered
 *
 * @example
 * In HTML: `<hs-heatmap src="data/reuters.json" bus="main"></hs-heatmap>`. In code, the same:
 * ```ts
 * import { sharedBus } from '@statescope/view-base';
 * import '@statescope/view-heatmap/define'; // registers <hs-heatmap>
 *
 * const heatmap = document.createElement('hs-heatmap');
 * heatmap.setAttribute('bus', 'main'); // joins the shared bus named "main"
 * heatmap.setAttribute('src', 'data/reuters.json'); // loads it; elements with the same src share one load
 * document.body.append(heatmap);
 * heatmap.addEventListener('hs-load', () => sharedBus('main').selectSequence(0, 'my-page'));
 * heatmap.addEventListener('hs-error', (event) => console.error(event.detail.error.message));
 * heatmap.addEventListener('hs-focus', (event) => console.log(`hovered step ${event.detail.step}`));
 *
 * // The mean over many sequences by position from their ends, e.g. of what another view brushed:
 * const aggregate = document.createElement('hs-heatmap');
 * aggregate.mode = 'aggregate';
 * aggregate.setAttribute('align', 'end');
 * aggregate.setAttribute('bus', 'main');
 * aggregate.setAttribute('src', 'data/reuters.json');
 * document.body.append(aggregate);
 * ```
 */
export class HeatmapView extends StatescopeElement {
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'mode', 'align', 'width'];
  }

  readonly #container: HTMLDivElement;
  /** Step of each column in sequence mode (empty in aggregate mode). */
  #columnSteps: Uint32Array = new Uint32Array(0);
  #x = scaleBand<number>();
  /** Vertical extent of the focus outline, from the last full draw. */
  #focusBand = { top: 0, height: 0 };

  constructor() {
    super();
    this.#container = this.mount(styles);
    this.#container.addEventListener('pointermove', (event) => this.#hover(event));
    this.#container.addEventListener('pointerleave', () => this.#columnSteps.length && this.publishFocus(-1));
  }

  /** `sequence` (the active sequence's steps, the default) or `aggregate` (attribute `mode`). */
  get mode(): 'sequence' | 'aggregate' {
    return this.getAttribute('mode') === 'aggregate' ? 'aggregate' : 'sequence';
  }

  /** Sets the `mode` attribute. */
  set mode(value: 'sequence' | 'aggregate') {
    this.setAttribute('mode', value);
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => this.requestRender('focus'), { signal });
    bus.on('selection', () => this.requestRender(), { signal });
    bus.on('brush', () => this.mode === 'aggregate' && this.requestRender(), { signal });
  }

  #width(): number {
    return this.numberAttribute('width', this.clientWidth || 640);
  }

  protected render(changes: ReadonlySet<string>): void {
    if (!changes.has('all') && this.#columnSteps.length) return this.#paintFocus();
    const data = this.data;
    if (this.loadError) return showMessage(this.#container, `Could not load the dataset: ${this.loadError.message}`);
    if (!data) return showMessage(this.#container, 'No dataset yet.');
    if (this.mode === 'aggregate') return this.#renderAggregate(data);
    const sequence = this.bus.activeSequence;
    if (sequence < 0 || sequence >= data.sequenceCount) {
      this.#columnSteps = new Uint32Array(0);
      return showMessage(this.#container, 'Select a sequence to see its expected predictions step by step.');
    }
    const first = data.offsets[sequence];
    const length = data.sequenceLength(sequence);
    this.#columnSteps = Uint32Array.from({ length }, (_, t) => first + t);
    const C = data.classCount;
    const ep = data.expectedPredictions;
    const rows: Row[] = data.classes.map((name, c) => ({
      key: `class-${c}`,
      label: name,
      color: (t) => classRamp(data, c)(ep[(first + t) * C + c]),
      describe: (t) => `step ${t + 1} "${data.token(first + t)}": ${name} ${ep[(first + t) * C + c].toFixed(2)}`,
    }));
    rows.push(
      summaryRow(
        data,
        (t) => ep.subarray((first + t) * C, (first + t + 1) * C),
        (t) => `step ${t + 1} "${data.token(first + t)}"`,
      ),
    );
    this.#draw(rows, length, `Expected prediction per step and class, sequence ${data.ids[sequence]}`, (t) => t + 1);
    this.#paintFocus();
  }

  #renderAggregate(data: StateDataset): void {
    const sequences = this.#aggregatedSequences(data);
    const align = this.getAttribute('align') === 'end' ? 'end' : 'start';
    const { means, counts, positions } = aggregateByPosition(data, sequences, align);
    this.#columnSteps = new Uint32Array(0);
    const C = data.classCount;
    const positionName = (p: number) =>
      align === 'start' ? `position ${p + 1}` : `position ${p - positions} from the end`;
    const rows: Row[] = data.classes.map((name, c) => ({
      key: `class-${c}`,
      label: name,
      color: (p) => (counts[p] ? classRamp(data, c)(means[p * C + c]) : EMPTY_CELL),
      describe: (p) => `${positionName(p)}: mean ${name} ${counts[p] ? means[p * C + c].toFixed(2) : 'none'}`,
    }));
    rows.push(summaryRow(data, (p) => means.subarray(p * C, (p + 1) * C), positionName));
    const most = sequences.length || 1;
    const countScale = scaleLinear<string>().domain([0, most]).range(['#ffffff', '#555555']);
    rows.push({
      key: 'count',
      label: 'sequences',
      color: (p) => countScale(counts[p]),
      describe: (p) => `${positionName(p)}: ${counts[p]} of ${sequences.length} sequences`,
    });
    const source = this.bus.brushed(this.source) ? 'brushed' : this.bus.selectedSequences.length ? 'selected' : 'all';
    const tick = (p: number) => (align === 'start' ? p + 1 : p - positions);
    this.#draw(
      rows,
      positions,
      `Mean expected prediction per position over ${sequences.length} ${source} sequences, aligned at the ${align}`,
      tick,
    );
    this.#paintFocus();
  }

  /** Brushed sequences (any brushed step), else the selected ones, else all. */
  #aggregatedSequences(data: StateDataset): Uint32Array {
    const brushed: StepSet | null = this.bus.brushed(this.source);
    if (brushed && brushed.size === data.stepCount) {
      const sequenceOfStep = data.stepSequences();
      const hit = new Uint8Array(data.sequenceCount);
      const steps = brushed.toArray();
      for (let i = 0; i < steps.length; i++) hit[sequenceOfStep[steps[i]]] = 1;
      const hitSequences: number[] = [];
      hit.forEach((h, s) => h && hitSequences.push(s));
      return Uint32Array.from(hitSequences);
    }
    const selected = this.bus.selectedSequences.filter((s) => s < data.sequenceCount);
    return selected.length ? selected : Uint32Array.from({ length: data.sequenceCount }, (_, s) => s);
  }

  #draw(rows: Row[], columns: number, title: string, tick: (column: number) => number): void {
    const width = this.#width();
    const plotWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
    const summaryIndex = rows.findIndex((r) => r.key === 'summary');
    const rowY = (i: number) => MARGIN.top + i * ROW_HEIGHT + (i >= summaryIndex ? SUMMARY_GAP : 0);
    const height = rowY(rows.length) + MARGIN.bottom;
    this.#x = scaleBand<number>()
      .domain(Array.from({ length: columns }, (_, i) => i))
      .range([MARGIN.left, MARGIN.left + plotWidth]);
    const x = this.#x;
    const columnIndices = Array.from({ length: columns }, (_, i) => i);

    this.#container.querySelector(':scope > .empty')?.remove();
    const svg = select(this.#container)
      .selectAll<SVGSVGElement, null>('svg')
      .data([null])
      .join('svg')
      .attr('part', 'svg')
      .attr('role', 'grid')
      .attr('aria-label', title)
      .attr('width', width)
      .attr('height', height)
      .attr('viewBox', `0 0 ${width} ${height}`);

    svg
      .selectAll<SVGGElement, Row>('g.row')
      .data(rows, (r) => r.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'row').attr('role', 'row');
        g.append('text').attr('class', 'label');
        return g;
      })
      .attr('aria-label', (r) => r.label)
      .attr('transform', (_, i) => `translate(0,${rowY(i)})`)
      .each(function (row) {
        const g = select(this);
        const label = g
          .select<SVGTextElement>('text.label')
          .attr('x', MARGIN.left - 6)
          .attr('y', ROW_HEIGHT / 2);
        // A long class name is cut to the margin (whole on hover), not drawn over the cells' neighbours.
        fitSvgText(label.node()!, row.label, LABEL_WIDTH);
        g.selectAll<SVGRectElement, number>('rect.cell')
          .data(columnIndices)
          .join('rect')
          .attr('class', 'cell')
          .attr('role', 'gridcell')
          .attr('aria-label', (c) => row.describe(c))
          .attr('x', (c) => x(c)!)
          .attr('width', x.bandwidth())
          .attr('height', ROW_HEIGHT - 1)
          .attr('fill', (c) => row.color(c));
      });

    const every = Math.max(1, Math.ceil(columns / Math.max(1, Math.floor(plotWidth / 40))));
    // Regular ticks, plus the last column unless a regular tick sits too close to it.
    const ticks = columnIndices.filter((c) => (c % every === 0 && columns - 1 - c >= every / 2) || c === columns - 1);
    svg
      .selectAll<SVGGElement, null>('g.axis')
      .data([null])
      .join('g')
      .attr('class', 'axis')
      .attr('aria-hidden', 'true')
      .attr('transform', `translate(0,${rowY(rows.length) + 4})`)
      .selectAll<SVGTextElement, number>('text')
      .data(ticks)
      .join('text')
      .attr('x', (c) => x(c)! + x.bandwidth() / 2)
      .attr('y', 10)
      .attr('text-anchor', 'middle')
      .text((c) => tick(c));

    this.#focusBand = { top: MARGIN.top - 1, height: rowY(rows.length) - MARGIN.top + 1 };
  }

  /** Outlines the columns of the focused steps (none in aggregate mode, where columns are positions). */
  #paintFocus(): void {
    const focused: number[] = [];
    const first = this.#columnSteps[0];
    for (let k = 0; k < this.bus.focusLength; k++) {
      const column = this.bus.focus + k - first;
      if (column >= 0 && column < this.#columnSteps.length) focused.push(column);
    }
    const x = this.#x;
    select(this.#container)
      .select('svg')
      .selectAll<SVGRectElement, number>('rect.focus')
      .data(focused)
      .join('rect')
      .attr('class', 'focus')
      .attr('x', (c) => x(c)!)
      .attr('y', this.#focusBand.top)
      .attr('width', x.bandwidth())
      .attr('height', this.#focusBand.height);
  }

  #hover(event: PointerEvent): void {
    if (this.#columnSteps.length === 0) return;
    const svg = this.#container.querySelector('svg');
    if (!svg) return;
    const left = svg.getBoundingClientRect().left;
    const [start, end] = this.#x.range();
    const column = Math.floor(((event.clientX - left - start) / (end - start)) * this.#columnSteps.length);
    if (column < 0 || column >= this.#columnSteps.length) return;
    const step = this.#columnSteps[column];
    this.publishFocus(step);
  }
}

/** Colour ramp of one class row: from empty to the class's colour (binary: the diverging ends). */
function classRamp(data: StateDataset, c: number): (p: number) => string {
  const color = data.classCount === 2 ? EXPECTED_COLORS[c === 0 ? 0 : EXPECTED_COLORS.length - 1] : classColor(c);
  return scaleLinear<string>().domain([0, 1]).range([EMPTY_CELL, color]).clamp(true);
}

/** The summary row: binary diverging p(positive), multi-class argmax with intensity. */
function summaryRow(
  data: StateDataset,
  probabilities: (column: number) => Float32Array,
  name: (column: number) => string,
): Row {
  const C = data.classCount;
  const argmax = (p: Float32Array) => p.reduce((best, v, c) => (v > p[best] ? c : best), 0);
  return {
    key: 'summary',
    label: 'summary',
    color: (i) => {
      const p = probabilities(i);
      if (Number.isNaN(p[0])) return EMPTY_CELL;
      return C === 2 ? expectedScale(p[1]) : classIntensityColor(argmax(p), p[argmax(p)], C);
    },
    describe: (i) => {
      const p = probabilities(i);
      if (Number.isNaN(p[0])) return `${name(i)}: no sequence`;
      const c = argmax(p);
      return `${name(i)}: most likely ${data.classes[c]} ${p[c].toFixed(2)}`;
    },
  };
}
