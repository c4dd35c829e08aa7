import { select } from 'd3-selection';
import { scaleBand, scaleLinear, type ScaleBand } from 'd3-scale';
import {
  SEQUENCE_FADED,
  SEQUENCE_HIDDEN,
  sequenceFilter,
  shownSequences,
  type Filters,
  type LinkBus,
  type ProvisionalSequence,
} from '@statescope/bus';
import {
  expectedPredictionChanges,
  rowArgmax,
  sequencesOfSteps,
  type StateDataset,
  type StepSet,
} from '@statescope/core';
import {
  EXPECTED_COLORS,
  FADED_OPACITY,
  StatescopeElement,
  StepColors,
  baseStyles,
  bidi,
  classColor,
  classIntensityColor,
  expectedScale,
  fitSvgText,
  numberAttribute,
  oneOfAttribute,
  provisionalColors,
  showMessage,
  withAttributes,
  MUTED_COLOR,
} from '@statescope/view-base';
import { aggregateByPosition, type PositionAggregate } from './aggregateByPosition.js';

const styles = `
${baseStyles}
.block + .block { margin-top: 10px; }
.heading { display: flex; flex-wrap: wrap; gap: 0 8px; align-items: baseline; overflow-wrap: anywhere; }
.heading .id { font-weight: 600; }
.heading .tag, .heading .note { color: var(--hs-muted, ${MUTED_COLOR}); }
.more { margin: 6px 0 0; color: var(--hs-muted, ${MUTED_COLOR}); }
.cell { shape-rendering: crispEdges; outline: none; }
/* The keyboard's cell: a ring drawn over every cell (a stroke of the cell itself would lie under its right neighbour). */
.key-ring { fill: none; stroke: var(--hs-text, #222); stroke-width: 2; pointer-events: none; display: none; }
.key-ring.shown { display: inline; }
.focus { fill: none; stroke: var(--hs-focus-color); stroke-width: 2; pointer-events: none; }
.jump, .brushed { fill: currentColor; shape-rendering: crispEdges; }
.label { dominant-baseline: middle; text-anchor: end; }
.caption { fill: var(--hs-muted, ${MUTED_COLOR}); }
`;

const ROW_HEIGHT = 18;
const SUMMARY_GAP = 6;
const MARGIN = { top: 4, right: 8, bottom: 26, left: 96 };
const EMPTY_CELL = '#f2f2f2';
/** Room for a row label, left of the cells. */
const LABEL_WIDTH = MARGIN.left - 10;
/** Sequence mode: a strip above the cells for the jump ticks, and one under them for the brush bars. */
const JUMP_STRIP = 8;
const BRUSH_STRIP = 6;
/** Blocks drawn at most: a stack any taller stops being readable; the rest are counted. */
const MAX_BLOCKS = 6;

/** The key of the provisional (what-if) sequence's block; dataset blocks are keyed by {@link blockKey}. */
const PROVISIONAL_KEY = 'provisional';

/** The key of a dataset sequence's block. */
function blockKey(sequence: number): string {
  return `sequence-${sequence}`;
}

/** One heatmap row: a label and, per column, a colour and an accessible name. */
interface Row {
  key: string;
  label: string;
  color(column: number): string;
  describe(column: number): string;
}

/** A sequence's block as arrays (a dataset sequence's slices, or the provisional sequence's own). */
interface BlockSource {
  /** What the grid's accessible name calls it. */
  name: string;
  length: number;
  /** Expected predictions, length x classCount. */
  expected: Float32Array;
  token(t: number): string;
  summary: Row;
  /** Largest change of any class's expected prediction from step t to t+1. */
  changes: Float32Array;
  /** Columns whose steps other views' brushes allow. */
  brushedColumns: number[];
}

/** A drawn grid: its svg and column scale, and the vertical extent of its cells. */
interface Grid {
  svg: SVGSVGElement;
  x: ScaleBand<number>;
  cellsTop: number;
  cellsBottom: number;
}

/** One sequence's block as drawn, for the focus outline and hovering. */
interface Block extends Grid {
  sequence: number;
  first: number;
  length: number;
}

/** The cell that holds the chart's one tab stop: its block (by key), row and column. */
interface Cursor {
  key: string;
  row: number;
  column: number;
}

/** What the aggregate averages, computed again only when its inputs change. */
interface Aggregate {
  data: StateDataset;
  brushed: StepSet | null;
  selected: Uint32Array;
  filters: Readonly<Filters>;
  align: 'start' | 'end';
  /** Which sequences: those with a brushed step, the selected ones, or all. */
  source: 'brushed' | 'selected' | 'all';
  sequences: Uint32Array;
  /** Sequences of `source` that the class filter hides, left out. */
  hidden: number;
  result: PositionAggregate;
}

/**
 * `<hs-heatmap>`: time x class heatmap of the expected predictions. Columns are the steps of
 * the active sequence, rows the classes, plus a summary row (binary: the diverging colour of
 * p(positive); multi-class: the argmax class with its probability as intensity; in the bus's
 * colour mode `predicted` or `true`, the step's predicted class or the sequence's true class).
 * Hovering a column focuses that step on the bus; the focused step's column is outlined.
 *
 * The chart is one tab stop (a roving tabindex over its cells): the arrow keys move the
 * keyboard's cell (Up and Down across the blocks too), Home and End go to the first and last
 * column, and the focused cell's step is focused on the bus as hovering does; Enter or Space in
 * a compared sequence's block makes that sequence the active one.
 *
 * Compared sequences get a block each under the active one (at most 6; "+N more selected"
 * counts the rest), each headed by its id. Above the cells a tick marks each step whose
 * expected prediction changed by more than the bus's `predictionThreshold` (the map's rule for
 * jump labels); under them a bar marks each step that other views' brushes allow. A block of a
 * sequence the filters fade or hide is drawn faded, its heading saying why.
 *
 * The bus's provisional (what-if) sequence gets a block of its own, first, headed by its id: its
 * expected predictions drawn as a dataset sequence's are. Its steps have no global index, so its
 * cells publish nothing; a change of it redraws that block alone.
 *
 * In `mode="aggregate"` the columns are step positions and the cells the mean expected
 * prediction over the sequences with a brushed step, else the selected ones, else all, leaving
 * out those the class filter hides; aligned at the start or, with `align="end"`, at the end; a
 * last row counts the sequences that reach each position.
 *
 * @tagname hs-heatmap
 * @csspart svg - the chart (one per block)
 * @csspart heading - a block's heading: the sequence id and why it is faded, or what the aggregate averages
 * @csspart empty - the message shown when nothing is selected
 * @fires {CustomEvent<{ step: number; length: number }>} hs-focus - a column was hovered, or a cell focused by keyboard
 * @fires {CustomEvent<{ sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] }>} hs-select - Enter or Space in a compared block made its sequence active
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
 * aggregate.align = 'end';
 * aggregate.setAttribute('bus', 'main');
 * aggregate.setAttribute('src', 'data/reuters.json');
 * document.body.append(aggregate);
 * ```
 */
export class HeatmapView extends withAttributes(StatescopeElement, {
  /** `sequence` (default): the selected sequences' steps; `aggregate`: the mean by step position. */
  mode: oneOfAttribute(['sequence', 'aggregate'], 'sequence'),
  /** In aggregate mode, positions counted from the `start` (default) or the `end` of each sequence. */
  align: oneOfAttribute(['start', 'end'], 'start'),
  /** Drawing width in CSS pixels; null (default) takes the element's width, else 640. */
  width: numberAttribute({ min: 1 }),
}) {
  readonly #container: HTMLDivElement;
  /** The sequence blocks as drawn (empty in aggregate mode or when nothing is selected). */
  #blocks: Block[] = [];
  /** What the last full draw showed: focus changes alone then repaint the outlines, or nothing. */
  #drawn: 'sequence' | 'aggregate' | 'message' = 'message';
  /** sequenceFilter of the current data and filters (the filters object is replaced on every change). */
  #levels: { data: StateDataset; filters: Readonly<Filters>; levels: Uint8Array } | null = null;
  #aggregate: Aggregate | null = null;
  #cursor: Cursor = { key: '', row: 0, column: 0 };
  /** The step the keyboard's cell focused on the bus (-1: none), cleared when the keyboard leaves. */
  #keyFocus = -1;

  constructor() {
    super();
    this.#container = this.mount(styles);
    this.#container.addEventListener('pointermove', (event) => this.#hover(event));
    this.#container.addEventListener('pointerleave', () => this.#blocks.length && this.publishFocus(-1));
    this.#container.addEventListener('keydown', (event) => this.#key(event));
    this.#container.addEventListener('focusin', (event) => this.#focusCell(event.target as Element));
    this.#container.addEventListener('focusout', (event) => this.#leaveCell(event.relatedTarget as Element | null));
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => this.requestRender('focus'), { signal });
    bus.on('selection', () => this.requestRender(), { signal });
    bus.on('brush', () => this.requestRender(), { signal });
    bus.on('filter', () => this.requestRender(), { signal });
    bus.on('provisional', () => this.mode === 'sequence' && this.requestRender('provisional'), { signal });
    bus.on(
      'options',
      ({ changed }) =>
        this.mode === 'sequence' &&
        (changed.includes('predictionThreshold') || changed.includes('colorMode')) &&
        this.requestRender(),
      { signal },
    );
  }

  protected override dataChanged(): void {
    this.#levels = null;
    this.#aggregate = null;
  }

  #width(): number {
    return this.width ?? (this.clientWidth || 640);
  }

  protected render(changes: ReadonlySet<string>, data: StateDataset): void {
    if (!changes.has('all')) {
      // Only the focus or the provisional sequence changed: outline the focus again, redraw the
      // provisional block alone; an aggregate's columns are positions, not steps.
      if (this.#drawn === 'aggregate') return;
      const provisionalOnly = this.#blocks.length > 0 || this.bus.provisional !== null;
      if (this.#drawn === 'sequence' && (!changes.has('provisional') || provisionalOnly)) {
        if (changes.has('provisional')) {
          const hadFocus = this.#focusedCell() !== null;
          this.#renderProvisional(data);
          // The tab stop may have been in a block that went: it comes back to a drawn cell.
          this.#placeCursor(hadFocus);
        }
        return this.#paintFocus();
      }
    }
    this.#blocks = [];
    // A redraw may move the focused cell's block (a compared one made active goes first): focus comes back to it.
    const hadFocus = this.#focusedCell() !== null;
    if (this.mode === 'aggregate') {
      this.#renderAggregate(data);
      return this.#placeCursor(hadFocus);
    }
    const { shown, more } = shownSequences(this.bus, data.sequenceCount, MAX_BLOCKS);
    const provisional = this.bus.provisional;
    if (shown.length === 0 && !provisional) {
      return this.#message('Select a sequence to see its expected predictions step by step.');
    }
    this.#drawn = 'sequence';
    this.#container.querySelector(':scope > .empty')?.remove();
    // The provisional block keeps its element across full draws (and the keyboard focus in it).
    const keys = shown.map(blockKey);
    const blocks = this.#joinBlocks(provisional ? [PROVISIONAL_KEY, ...keys] : keys).filter(
      (key) => key !== PROVISIONAL_KEY,
    );
    const levels = this.#filterLevels(data);
    const correct = data.correctness();
    const brushed = this.#brushed(data);
    const compared = shown.length > 1;
    blocks.each((_, i, nodes) => {
      const sequence = shown[i];
      const block = nodes[i];
      const level = levels[sequence];
      const why =
        level === SEQUENCE_HIDDEN
          ? 'hidden by the class filter'
          : level === SEQUENCE_FADED
            ? `faded: ${correct[sequence] ? 'correct' : 'misclassified'}`
            : '';
      this.#heading(block, [bidi(data.ids[sequence])], compared && i === 0 ? 'active' : '', why);
      const grid = this.#drawBlock(block.querySelector('svg')!, data, this.#datasetSource(data, sequence, brushed));
      grid.svg.style.opacity = why ? String(FADED_OPACITY) : '';
      block.classList.toggle('faded', why !== '');
      this.#blocks.push({ ...grid, sequence, first: data.offsets[sequence], length: data.sequenceLength(sequence) });
    });
    this.#moreNote(more);
    this.#renderProvisional(data);
    this.#paintFocus();
    this.#placeCursor(hadFocus);
  }

  protected override renderEmpty(message: string): void {
    this.#blocks = [];
    this.#message(message);
  }

  #message(text: string): void {
    this.#drawn = 'message';
    showMessage(this.#container, text);
  }

  /** One `div.block` (heading and svg) per key, in the given order; blocks of other keys removed. */
  #joinBlocks(keys: string[]) {
    const blocks = select(this.#container)
      .selectAll<HTMLDivElement, string>('div.block')
      .data(keys, (key) => key)
      .join((enter) => {
        const block = enter.append('div').attr('class', 'block');
        block.append('div').attr('class', 'heading').attr('part', 'heading');
        block.append('svg').attr('part', 'svg').attr('role', 'grid');
        return block;
      })
      .order();
    // The note counting what is not drawn stays last, or goes.
    const note = this.#container.querySelector(':scope > .more');
    if (note) this.#container.append(note);
    return blocks;
  }

  /** A block's heading: its name (text nodes or <bdi> of data), a tag, and why it is faded. */
  #heading(block: HTMLDivElement, name: (string | Node)[], tag: string, why: string): void {
    const id = document.createElement('span');
    id.className = 'id';
    id.append(...name);
    const parts: (HTMLElement | string)[] = [id];
    for (const [className, text] of [
      ['tag', tag],
      ['note', why],
    ]) {
      if (!text) continue;
      const span = document.createElement('span');
      span.className = className;
      span.textContent = text;
      parts.push(' ', span); // the space for reading aloud and copying; the flex gap lays it out
    }
    block.querySelector('.heading')!.replaceChildren(...parts);
  }

  /** "+N more selected" under the blocks when the selection holds more than is drawn. */
  #moreNote(more: number): void {
    let note = this.#container.querySelector<HTMLParagraphElement>(':scope > .more');
    if (!more) return note?.remove();
    if (!note) {
      note = document.createElement('p');
      note.className = 'more';
      this.#container.append(note);
    }
    note.textContent = `+${more} more selected`;
  }

  /** The filter level (SEQUENCE_HIDDEN / FADED / SHOWN) of every sequence, computed once per filter change. */
  #filterLevels(data: StateDataset): Uint8Array {
    const filters = this.bus.filters;
    if (this.#levels?.data !== data || this.#levels.filters !== filters) {
      this.#levels = { data, filters, levels: sequenceFilter(data, filters) };
    }
    return this.#levels.levels;
  }

  /** The steps other views' brushes allow, or null (none, or a brush of another dataset's steps). */
  #brushed(data: StateDataset): StepSet | null {
    const brushed = this.bus.brushed(this.source);
    return brushed && brushed.size === data.stepCount ? brushed : null;
  }

  /** A dataset sequence as the arrays its block is drawn from; its summary row follows the colour mode. */
  #datasetSource(data: StateDataset, sequence: number, brushed: StepSet | null): BlockSource {
    const first = data.offsets[sequence];
    const length = data.sequenceLength(sequence);
    const C = data.classCount;
    const ep = data.expectedPredictions;
    const token = (t: number) => data.token(first + t);
    const stepName = (t: number) => `step ${t + 1} "${token(t)}"`;
    const colorMode = this.bus.options.colorMode;
    let summary: Row;
    if (colorMode === 'expected') {
      summary = summaryRow(data, (t) => ep.subarray((first + t) * C, (first + t + 1) * C), stepName);
    } else {
      // The summary row follows the colour mode, so that it matches the tokens and the map.
      const colors = StepColors.of(data, colorMode);
      const classOf =
        colorMode === 'predicted' ? (t: number) => data.stepClasses()[first + t] : () => data.labels[sequence];
      const label = colorMode === 'predicted' ? 'predicted' : 'true class';
      summary = {
        key: 'summary',
        label,
        color: (t) => colors.css(first + t),
        describe: (t) => `${stepName(t)}: ${label} ${data.classes[classOf(t)]}`,
      };
    }
    const brushedColumns: number[] = [];
    if (brushed) for (let t = 0; t < length; t++) if (brushed.has(first + t)) brushedColumns.push(t);
    return {
      name: `sequence ${data.ids[sequence]}`,
      length,
      expected: ep.subarray(first * C, (first + length) * C),
      token,
      summary,
      changes: data.expectedPredictionChanges().subarray(first, first + length),
      brushedColumns,
    };
  }

  /**
   * The provisional (what-if) sequence as the arrays its block is drawn from: its summary row on
   * the palette of provisional steps (a typed text has no true class); no step of it is brushed.
   */
  #provisionalSource(data: StateDataset, sequence: ProvisionalSequence): BlockSource {
    const C = data.classCount;
    const length = sequence.tokens.length;
    const colors = provisionalColors(sequence, C, this.bus.options.colorMode);
    const { classes, confidences } = rowArgmax(sequence.expected, C);
    const token = (t: number) => sequence.tokens[t];
    return {
      name: sequence.id,
      length,
      expected: sequence.expected,
      token,
      summary: {
        key: 'summary',
        label: this.bus.options.colorMode === 'expected' ? 'summary' : 'predicted',
        color: (t) => colors[t],
        describe: (t) =>
          `step ${t + 1} "${token(t)}": most likely ${data.classes[classes[t]]} ${confidences[t].toFixed(2)}`,
      },
      changes: expectedPredictionChanges(sequence.expected, C, Uint32Array.of(0, length)),
      brushedColumns: [],
    };
  }

  /** One sequence's grid: its class rows and summary, jump ticks above, brush bars under. */
  #drawBlock(svg: SVGSVGElement, data: StateDataset, source: BlockSource): Grid {
    const { length, expected: ep, token } = source;
    const C = data.classCount;
    const rows: Row[] = data.classes.map((name, c) => {
      const ramp = classRamp(data, c);
      return {
        key: `class-${c}`,
        label: name,
        color: (t: number) => ramp(ep[t * C + c]),
        describe: (t: number) => `step ${t + 1} "${token(t)}": ${name} ${ep[t * C + c].toFixed(2)}`,
      };
    });
    rows.push(source.summary);
    const grid = this.#drawGrid(
      svg,
      rows,
      length,
      `Expected prediction per step and class, ${source.name}`,
      (t) => t + 1,
      true,
    );
    // The map's rule for jump labels: step t jumps when its expected prediction differs from
    // step t-1's by more than the threshold (the largest change of any class); the tick marks
    // the step whose token made the change, the word the map's label shows.
    const { predictionThreshold } = this.bus.options;
    const jumps: number[] = [];
    for (let t = 1; t < length; t++) if (source.changes[t - 1] > predictionThreshold) jumps.push(t);
    const { x, cellsTop, cellsBottom } = grid;
    const width = Math.max(1, x.bandwidth() - 1);
    const marks = (group: string, className: string, columns: number[], y: number, height: number) =>
      select(svg)
        .selectAll<SVGGElement, null>(`g.${group}`)
        .data([null])
        .join('g')
        .attr('class', group)
        .attr('aria-hidden', 'true')
        .selectAll<SVGRectElement, number>('rect')
        .data(columns)
        .join('rect')
        .attr('class', className)
        .attr('x', (t) => x(t)!)
        .attr('y', y)
        .attr('width', width)
        .attr('height', height);
    marks('jump-marks', 'jump', jumps, cellsTop - JUMP_STRIP + 1, JUMP_STRIP - 3);
    marks('brush-marks', 'brushed', source.brushedColumns, cellsBottom + 1, BRUSH_STRIP - 3);
    return grid;
  }

  /** The provisional sequence's block, drawn (first) or removed; the dataset blocks stay as they are. */
  #renderProvisional(data: StateDataset): void {
    const sequence = this.bus.provisional;
    const keys = this.#blocks.map((b) => blockKey(b.sequence));
    const blocks = this.#joinBlocks(sequence ? [PROVISIONAL_KEY, ...keys] : keys);
    if (!sequence) return;
    const block = blocks.filter((key) => key === PROVISIONAL_KEY).node()!;
    block.classList.add('provisional');
    const length = sequence.tokens.length;
    const svg = block.querySelector('svg')!;
    if (length === 0 || sequence.expected.length !== length * data.classCount) {
      // Of another dataset, or still empty: said in the heading, no cells drawn from it.
      const why = length
        ? `provisional.expected: ${sequence.expected.length / length} values per token, but the dataset has ${data.classCount} classes`
        : 'no tokens yet';
      this.#heading(block, [bidi(sequence.id)], 'not in the dataset', why);
      svg.replaceChildren();
      svg.setAttribute('height', '0');
      return;
    }
    this.#heading(block, [bidi(sequence.id)], 'not in the dataset', '');
    this.#drawBlock(svg, data, this.#provisionalSource(data, sequence));
  }

  #renderAggregate(data: StateDataset): void {
    const align = this.align;
    const { source, sequences, hidden, result } = this.#aggregated(data, align);
    const n = sequences.length;
    const of =
      source === 'brushed'
        ? `the ${n} ${plural(n, 'sequence')} with a brushed step`
        : source === 'selected'
          ? `the ${n} selected ${plural(n, 'sequence')}`
          : hidden
            ? `the ${n} shown ${plural(n, 'sequence')}`
            : `all ${n} sequences`;
    const left = hidden ? ` (${hidden} hidden by the class filter left out)` : '';
    if (sequences.length === 0) {
      const none =
        source === 'brushed' && !hidden ? 'No sequence has a step that every brush allows' : 'No sequence to average';
      return this.#message(`${none}${left}.`);
    }
    this.#drawn = 'aggregate';
    this.#container.querySelector(':scope > .empty')?.remove();
    this.#moreNote(0);
    const { means, counts, positions } = result;
    const C = data.classCount;
    const positionName = (p: number) =>
      align === 'start' ? `position ${p + 1}` : `position ${p - positions} from the end`;
    const rows: Row[] = data.classes.map((name, c) => {
      const ramp = classRamp(data, c);
      return {
        key: `class-${c}`,
        label: name,
        color: (p: number) => (counts[p] ? ramp(means[p * C + c]) : EMPTY_CELL),
        describe: (p: number) => `${positionName(p)}: mean ${name} ${counts[p] ? means[p * C + c].toFixed(2) : 'none'}`,
      };
    });
    rows.push(summaryRow(data, (p) => means.subarray(p * C, (p + 1) * C), positionName));
    const countScale = scaleLinear<string>().domain([0, sequences.length]).range(['#ffffff', '#555555']);
    rows.push({
      key: 'count',
      label: 'sequences',
      color: (p) => countScale(counts[p]),
      describe: (p) => `${positionName(p)}: ${counts[p]} of ${sequences.length} sequences`,
    });
    const title = `Mean expected prediction per position over ${of}, aligned at the ${align}${left}`;
    const tick = (p: number) => (align === 'start' ? p + 1 : p - positions);
    const block = this.#joinBlocks(['aggregate']).node()!;
    this.#heading(block, [title], '', '');
    this.#drawGrid(block.querySelector('svg')!, rows, positions, title, tick, false);
  }

  /**
   * The sequences with a brushed step, else the selected ones, else all, less those the class
   * filter hides, and their means by position: computed again only when one of these changed.
   */
  #aggregated(data: StateDataset, align: 'start' | 'end'): Aggregate {
    const brushed = this.#brushed(data);
    const selected = this.bus.selectedSequences;
    const filters = this.bus.filters;
    const cached = this.#aggregate;
    if (
      cached?.data === data &&
      cached.brushed === brushed &&
      cached.filters === filters &&
      cached.align === align &&
      (brushed || sameSequences(cached.selected, selected))
    ) {
      return cached;
    }
    let source: Aggregate['source'] = 'all';
    let candidates: Uint32Array;
    if (brushed) {
      source = 'brushed';
      candidates = sequencesOfSteps(data, brushed).toArray();
    } else if (selected.some((s) => s < data.sequenceCount)) {
      source = 'selected';
      candidates = selected.filter((s) => s < data.sequenceCount);
    } else {
      candidates = Uint32Array.from({ length: data.sequenceCount }, (_, s) => s);
    }
    const levels = this.#filterLevels(data);
    const sequences = candidates.filter((s) => levels[s] !== SEQUENCE_HIDDEN);
    const result = aggregateByPosition(data, sequences, align);
    const hidden = candidates.length - sequences.length;
    return (this.#aggregate = { data, brushed, selected, filters, align, source, sequences, hidden, result });
  }

  /** Draws rows x columns of cells into `svg`; `strips` leaves room above and under them for marks. */
  #drawGrid(
    svgNode: SVGSVGElement,
    rows: Row[],
    columns: number,
    title: string,
    tick: (column: number) => number,
    strips: boolean,
  ): Grid {
    const width = this.#width();
    const plotWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
    const summaryIndex = rows.findIndex((r) => r.key === 'summary');
    const cellsTop = MARGIN.top + (strips ? JUMP_STRIP : 0);
    const rowY = (i: number) => cellsTop + i * ROW_HEIGHT + (i >= summaryIndex ? SUMMARY_GAP : 0);
    const cellsBottom = rowY(rows.length) - 1;
    const axisY = rowY(rows.length) + (strips ? BRUSH_STRIP : 0) + 4;
    const height = axisY - 4 + MARGIN.bottom;
    const x = scaleBand<number>()
      .domain(Array.from({ length: columns }, (_, i) => i))
      .range([MARGIN.left, MARGIN.left + plotWidth]);
    const columnIndices = Array.from({ length: columns }, (_, i) => i);

    const svg = select(svgNode)
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
          .attr('tabindex', -1) // #placeCursor gives one cell 0: the chart is one tab stop
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
      .attr('transform', `translate(0,${axisY})`)
      .selectAll<SVGTextElement, number>('text')
      .data(ticks)
      .join('text')
      .attr('x', (c) => x(c)! + x.bandwidth() / 2)
      .attr('y', 10)
      .attr('text-anchor', 'middle')
      .text((c) => tick(c));

    return { svg: svgNode, x, cellsTop, cellsBottom };
  }

  /** Outlines the focused steps' columns in every block that shows them. */
  #paintFocus(): void {
    const focus = this.bus.focus;
    const focusLength = this.bus.focusLength;
    for (const { svg, x, cellsTop, cellsBottom, first, length } of this.#blocks) {
      const focused: number[] = [];
      for (let k = 0; k < focusLength; k++) {
        const column = focus + k - first;
        if (column >= 0 && column < length) focused.push(column);
      }
      select(svg)
        .selectAll<SVGRectElement, number>('rect.focus')
        .data(focused)
        .join('rect')
        .attr('class', 'focus')
        .attr('x', (c) => x(c)!)
        .attr('y', cellsTop - 1)
        .attr('width', x.bandwidth())
        .attr('height', cellsBottom - cellsTop + 2);
      // A new outline is appended last: the keyboard's ring stays on top of it.
      select(svg).select('rect.key-ring').raise();
    }
  }

  /** The cells of every drawn block, by block, then row, then column. */
  #grids(): { key: string; rows: SVGRectElement[][] }[] {
    return Array.from(this.#container.querySelectorAll<HTMLDivElement>(':scope > div.block'), (block) => ({
      key: select<HTMLDivElement, string>(block).datum(),
      rows: Array.from(block.querySelectorAll<SVGGElement>('svg > g.row'), (row) =>
        Array.from(row.querySelectorAll<SVGRectElement>(':scope > rect.cell')),
      ),
    }));
  }

  /** The cell that has the keyboard focus, or null. */
  #focusedCell(): SVGRectElement | null {
    const active = this.root.activeElement;
    return active instanceof SVGRectElement && active.classList.contains('cell') ? active : null;
  }

  /** Where a cell lies: its grid's index, row and column (null: not one of ours). */
  #locate(cell: Element): { grid: number; row: number; column: number } | null {
    const grids = this.#grids();
    for (let grid = 0; grid < grids.length; grid++) {
      for (let row = 0; row < grids[grid].rows.length; row++) {
        const column = grids[grid].rows[row].indexOf(cell as SVGRectElement);
        if (column >= 0) return { grid, row, column };
      }
    }
    return null;
  }

  /**
   * After a full draw: the cursor's cell (the same block, row and column, clamped; else the first
   * block's) holds the tab stop, and the keyboard focus if the chart had it. The cursor is where
   * the keyboard last was, so a page restored from the same state draws the same tab stop.
   */
  #placeCursor(refocus: boolean): void {
    const grids = this.#grids();
    if (grids.length === 0) return;
    const grid = grids.find((g) => g.key === this.#cursor.key) ?? grids[0];
    const row = Math.min(this.#cursor.row, grid.rows.length - 1);
    const cells = grid.rows[row];
    if (!cells?.length) return;
    const cell = cells[Math.min(this.#cursor.column, cells.length - 1)];
    // The cursor itself moves only with the keyboard: the same state draws the same tab stop.
    for (const other of this.#container.querySelectorAll('rect.cell[tabindex="0"]'))
      other.setAttribute('tabindex', '-1');
    cell.setAttribute('tabindex', '0');
    if (refocus && this.#focusedCell() !== cell) cell.focus({ preventScroll: true });
    else if (this.#focusedCell() === cell) this.#ring(cell);
  }

  #key(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const at = this.#locate(event.target as Element);
    if (!at) return;
    const grids = this.#grids();
    let { grid, row, column } = at;
    const width = grids[grid].rows[row].length;
    switch (event.key) {
      case 'ArrowLeft':
        column = Math.max(0, column - 1);
        break;
      case 'ArrowRight':
        column = Math.min(width - 1, column + 1);
        break;
      case 'Home':
        column = 0;
        break;
      case 'End':
        column = width - 1;
        break;
      case 'ArrowUp':
        // Past the first row: the last row of the block above.
        if (row > 0) row--;
        else if (grid > 0) row = grids[--grid].rows.length - 1;
        break;
      case 'ArrowDown':
        if (row < grids[grid].rows.length - 1) row++;
        else if (grid < grids.length - 1) [grid, row] = [grid + 1, 0];
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        return this.#activate(grid);
      default:
        return;
    }
    event.preventDefault();
    const cells = grids[grid].rows[row];
    const cell = cells[Math.min(column, cells.length - 1)];
    // Focusing it runs #focusCell: the cursor, the tab stop and the bus focus follow.
    cell.focus({ preventScroll: false });
  }

  /** Enter or Space in a compared block: its sequence becomes the active one, the others stay selected. */
  #activate(grid: number): void {
    const block = this.#blockOf(this.#grids()[grid].key);
    // The active block, the provisional one, or the aggregate: nothing to pick.
    if (!block || block === this.#blocks[0]) return;
    this.publishSelect(block.sequence, 'add');
  }

  /** The dataset block drawn under a key (none for the provisional block or the aggregate). */
  #blockOf(key: string): Block | undefined {
    return this.#blocks.find((b) => blockKey(b.sequence) === key);
  }

  /** A cell got the keyboard focus (Tab, an arrow key, a click): it holds the tab stop and focuses its step. */
  #focusCell(target: Element): void {
    const at = this.#locate(target);
    if (!at) return;
    const grids = this.#grids();
    this.#cursor = { key: grids[at.grid].key, row: at.row, column: at.column };
    for (const other of this.#container.querySelectorAll('rect.cell[tabindex="0"]'))
      other.setAttribute('tabindex', '-1');
    target.setAttribute('tabindex', '0');
    this.#ring(target as SVGRectElement);
    const block = this.#blockOf(grids[at.grid].key);
    // An aggregate's columns are positions, not steps; provisional steps have no global index.
    if (!block) return;
    this.#keyFocus = block.first + at.column;
    this.publishFocus(this.#keyFocus);
  }

  /** The keyboard left a cell: off the chart, the ring goes and the step it focused is let go. */
  #leaveCell(next: Element | null): void {
    if (next && this.#locate(next)) return; // to another cell: #focusCell takes over
    for (const ring of this.#container.querySelectorAll('rect.key-ring')) ring.classList.remove('shown');
    // Only the keyboard's own focus: a hover since then is the pointer's.
    if (this.#keyFocus >= 0 && this.bus.focus === this.#keyFocus) this.publishFocus(-1);
    this.#keyFocus = -1;
  }

  /** The ring around the keyboard's cell, over the cells of its grid (shown for keyboard focus, not clicks). */
  #ring(cell: SVGRectElement): void {
    for (const ring of this.#container.querySelectorAll('rect.key-ring')) ring.classList.remove('shown');
    if (!cell.matches(':focus-visible')) return;
    const svg = cell.ownerSVGElement!;
    const ring = select(svg)
      .selectAll<SVGRectElement, null>('rect.key-ring')
      .data([null])
      .join('rect')
      .attr('class', 'key-ring')
      .attr('aria-hidden', 'true')
      .raise() // over the cells and the column outline
      .node()!;
    // The svg's viewBox is its pixel size: client offsets are user units.
    const box = cell.getBoundingClientRect();
    const origin = svg.getBoundingClientRect();
    ring.setAttribute('x', String(box.left - origin.left));
    ring.setAttribute('y', String(box.top - origin.top));
    ring.setAttribute('width', String(box.width));
    ring.setAttribute('height', String(box.height));
    ring.classList.add('shown');
  }

  #hover(event: PointerEvent): void {
    if (this.#blocks.length === 0) return; // an aggregate's columns are positions, not steps
    const svg = (event.target as Element).closest?.('svg');
    // Provisional steps have no global index: hovering them publishes nothing.
    if (svg?.closest('.provisional')) return;
    const block = this.#blocks.find((b) => b.svg === svg);
    // Over a heading or between blocks: no step under the pointer.
    if (!block) return this.publishFocus(-1);
    const left = block.svg.getBoundingClientRect().left;
    const [start, end] = block.x.range();
    const column = Math.floor(((event.clientX - left - start) / (end - start)) * block.length);
    if (column < 0 || column >= block.length) return;
    this.publishFocus(block.first + column);
  }
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

function sameSequences(a: Uint32Array, b: Uint32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
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
