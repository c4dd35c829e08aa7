import { select } from 'd3-selection';
import { scaleBand, scaleLinear } from 'd3-scale';
import { SEQUENCE_FADED, SEQUENCE_HIDDEN, SEQUENCE_SHOWN, sequenceFilter, type LinkBus } from '@statescope/bus';
import { sequencesOfSteps, type StateDataset } from '@statescope/core';
import {
  FADED_OPACITY,
  StatescopeElement,
  baseStyles,
  bidi,
  classColor,
  contrastText,
  fitSvgText,
  numberAttribute,
  showMessage,
  withAttributes,
} from '@statescope/view-base';

const MISCLASSIFIED = '#d0d0d0';
/** Bars and matrix cells of classes the filters hide. */
const GREYED = '#ececec';
/** What another view's brush holds: the overlay on the class bars and the strip in each cell. */
const BRUSHED_COLOR = '#e69500';
/** Behind the count of selected sequences in a matrix cell. */
const BADGE_COLOR = '#222';

const styles = `
${baseStyles}
.facts { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0 0 10px; }
.facts dt { color: var(--hs-muted, #777); }
.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
h3 { font-size: 1em; margin: 10px 0 4px; }
.controls { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 6px 0; }
.controls label { display: inline-flex; gap: 4px; align-items: center; min-width: 0; max-width: 100%; overflow-wrap: anywhere; }
.controls label.hidden { color: var(--hs-muted, #777); }
.swatch, .controls input { flex: none; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.cell { cursor: pointer; }
.cell:hover .shade, .cell:focus-visible .shade { stroke: var(--hs-focus-color); stroke-width: 2; }
.cell text { pointer-events: none; text-anchor: middle; dominant-baseline: middle; }
.cell.faded .shade { opacity: ${FADED_OPACITY}; }
.cell.hidden .shade { fill: ${GREYED}; }
.cell .brushed-count { font-size: 10px; }
.cell .active-mark, .cell .focus-mark { fill: none; pointer-events: none; visibility: hidden; }
.cell .active-mark { stroke: var(--hs-text, #222); stroke-width: 3; }
.cell .focus-mark { stroke: var(--hs-focus-color); stroke-width: 2; stroke-dasharray: 4 2; }
.cell.active .active-mark, .cell.focused .focus-mark { visibility: visible; }
.cell .selected-badge { display: none; }
.cell.has-selected .selected-badge { display: inline; }
.cell .selected-badge text { font-size: 10px; fill: #fff; }
.row.hidden .bar-label, .class-row.hidden text { fill: var(--hs-muted, #777); }
.class-row.hidden .part { fill: ${GREYED}; }
.fade-correct .part.right, .fade-wrong .part.wrong { opacity: ${FADED_OPACITY}; }
.bar-label { dominant-baseline: middle; text-anchor: end; }
.bar-count { dominant-baseline: middle; font-size: 11px; }
.axis-title { fill: var(--hs-muted, #777); font-size: 11px; }
`;

/** Left of the bars and the matrix: room for the class names, cut to fit (whole on hover). */
const LEFT = 90;
const LABEL_WIDTH = LEFT - 10;
/** Right of the class bars: room for "460 / 500 · 120 of 500 brushed". */
const RIGHT = 170;
const BAR_ROW_HEIGHT = 18;
/** Cells at least this wide have room for a second line (the brushed count). */
const ROOMY_CELL = 44;

/** The parts of one class bar that the bus state changes. */
interface ClassBar {
  row: SVGGElement;
  brushed: SVGRectElement;
  brushCount: SVGTSpanElement;
}

/** The parts of one confusion matrix cell that the bus state changes. */
interface MatrixCell {
  cell: SVGGElement;
  count: SVGTextElement;
  brushed: SVGRectElement;
  brushCount: SVGTextElement;
  badgeBack: SVGRectElement;
  badgeText: SVGTextElement;
}

/** What one full drawing built, for the lighter updates that follow it. */
interface Drawing {
  data: StateDataset;
  byPredicted: boolean;
  fadeCorrectBox: HTMLInputElement;
  fadeWrongBox: HTMLInputElement;
  classBoxes: HTMLInputElement[];
  barsHeading: HTMLHeadingElement;
  bars: SVGSVGElement;
  classBars: ClassBar[];
  barX: (count: number) => number;
  matrixRows: SVGGElement[];
  cells: MatrixCell[];
  /** Each cell's accessible name without the brushed and selected counts. */
  cellNames: string[];
  cellShades: string[];
  cellSize: number;
  /** Sequences per cell that other views' brushes hold, or null without a brush. */
  brushedCells: Uint32Array | null;
  /** Selected sequences per cell; all zero unless more than one sequence is selected. */
  selectedCells: Uint32Array;
  activeCell: number;
  focusedCell: number;
}

/**
 * `<hs-overview>`: what the dataset holds and how well the model did: sequence, step and class
 * counts, the model description, the accuracy recomputed from the predictions (and the one the
 * producer stated); per class, a bar of correctly and wrongly classified sequences; the
 * confusion matrix. Clicking a matrix cell selects its sequences on the bus (for comparison);
 * checkboxes fade correct or misclassified sequences and choose the classes shown everywhere.
 *
 * It follows the bus: the matrix cell of the focused step's sequence is outlined, the active
 * sequence's cell marked, each cell counts the selected sequences it holds (when several are
 * selected) and the sequences other views' brushes hold, as do the class bars; the checkboxes
 * show the filters and hidden classes are greyed; the class bars count by predicted class in
 * colour mode `predicted`, else by true class.
 *
 * @tagname hs-overview
 * @csspart empty - the message shown without data
 * @fires {CustomEvent<{ sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] }>} hs-select - a confusion matrix cell was clicked
 * @fires {CustomEvent<{ filters: Readonly<Filters> }>} hs-filter - a fade or class checkbox was changed
 *
 * @example
 * In HTML: `<hs-overview src="data/reuters.json" bus="main"></hs-overview>`. In code:
 * ```ts
 * import { LinkBus } from '@statescope/bus';
 * import { loadDataset } from '@statescope/core';
 * import '@statescope/view-overview/define'; // registers <hs-overview>
 *
 * const bus = new LinkBus();
 * const overview = document.createElement('hs-overview');
 * overview.bus = bus;
 * overview.data = await loadDataset('data/reuters.json');
 * document.body.append(overview);
 *
 * // A click on a confusion matrix cell selects all of its sequences on the bus.
 * overview.addEventListener('hs-select', () => console.log(`${bus.selectedSequences.length} sequences selected`));
 * // Its checkboxes set the bus filters, which the other views follow.
 * bus.on('filter', ({ filters }) => console.log(filters.fadeCorrect, filters.fadeWrong, filters.classes));
 * ```
 */
export class OverviewView extends withAttributes(StatescopeElement, {
  /** Drawing width in CSS pixels; null (default) takes the element's width, else 360. */
  width: numberAttribute({ min: 1 }),
}) {
  readonly #container: HTMLDivElement;
  #drawing: Drawing | null = null;

  constructor() {
    super();
    this.#container = this.mount(styles);
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => this.requestRender('focus'), { signal });
    bus.on('selection', () => this.requestRender('selection'), { signal });
    // Never filtered by a brush of its own (crossfilter); it draws none anyway.
    bus.on('brush', (e) => e.source !== this.source && this.requestRender('brush'), { signal });
    // Updated in place, our own changes too: the checkbox keeps the keyboard focus.
    bus.on('filter', () => this.requestRender('filter'), { signal });
    bus.on('options', (e) => e.changed.includes('colorMode') && this.requestRender('options'), { signal });
  }

  protected override dataChanged(): void {
    this.#drawing = null;
  }

  protected override renderEmpty(message: string): void {
    this.#drawing = null;
    showMessage(this.#container, message);
  }

  protected render(changes: ReadonlySet<string>, data: StateDataset): void {
    const drawing = this.#drawing;
    if (changes.has('all') || !drawing || drawing.data !== data) return this.#drawAll(data);
    if (changes.has('options') && drawing.byPredicted !== this.#byPredicted()) this.#redrawClassBars(drawing);
    if (changes.has('filter')) this.#showFilters(drawing);
    if (changes.has('selection')) this.#showSelection(drawing);
    if (changes.has('brush')) this.#showBrush(drawing, true);
    if (changes.has('focus')) this.#showFocus(drawing);
  }

  /** Class counts by predicted class in colour mode `predicted`, else by true class. */
  #byPredicted(): boolean {
    return this.bus.options.colorMode === 'predicted';
  }

  #drawAll(data: StateDataset): void {
    const width = this.width ?? (this.clientWidth || 360);
    const byPredicted = this.#byPredicted();
    const controls = this.#controls(data);
    const barsHeading = heading(barsTitle(byPredicted));
    const bars = this.#classBars(data, width, byPredicted);
    const matrix = this.#confusion(data, width);
    const cellCount = data.classCount * data.classCount;
    const drawing: Drawing = {
      data,
      byPredicted,
      ...controls.boxes,
      barsHeading,
      ...bars,
      ...matrix,
      brushedCells: null,
      selectedCells: new Uint32Array(cellCount),
      activeCell: -1,
      focusedCell: -1,
    };
    this.#drawing = drawing;
    this.#container.replaceChildren(
      this.#facts(data),
      controls.element,
      barsHeading,
      bars.bars,
      heading('Confusion matrix'),
      matrix.svg,
    );
    this.#showFilters(drawing);
    this.#showSelection(drawing);
    this.#showBrush(drawing, true);
    this.#showFocus(drawing);
  }

  #facts(data: StateDataset): HTMLDListElement {
    const list = document.createElement('dl');
    list.className = 'facts';
    const stated = data.metadata.accuracy;
    // Names from the data go in <bdi>: a right-to-left one cannot reorder the counts beside it.
    const rows: [string, (string | Node)[]][] = [
      ['sequences', [data.sequenceCount.toLocaleString('en')]],
      ['hidden states', [data.stepCount.toLocaleString('en')]],
      ['classes', joined(data.classes.map((name) => [bidi(name)]))],
      [
        'layers',
        joined(data.layers.map((l) => [bidi(l.name), ` (${l.dim} units${l.cell ? ', with cell states' : ''})`])),
      ],
      ['accuracy', [`${percent(data.accuracy())}${stated === undefined ? '' : ` (stated: ${percent(stated)})`}`]],
    ];
    if (data.metadata.model) rows.splice(0, 0, ['model', [bidi(data.metadata.model)]]);
    for (const [term, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.append(...value);
      list.append(dt, dd);
    }
    return list;
  }

  /** The checkboxes, unticked: #showFilters ticks them from the bus. */
  #controls(data: StateDataset): {
    element: HTMLDivElement;
    boxes: Pick<Drawing, 'fadeCorrectBox' | 'fadeWrongBox' | 'classBoxes'>;
  } {
    const element = document.createElement('div');
    element.className = 'controls';
    const fadeCorrect = checkbox('fade correct', (on) => this.publishFilters({ fadeCorrect: on }));
    const fadeWrong = checkbox('fade misclassified', (on) => this.publishFilters({ fadeWrong: on }));
    element.append(fadeCorrect, fadeWrong);
    const classBoxes = data.classes.map((name, c) => {
      const box = checkbox(bidi(name), (on) => {
        const next = new Set(this.bus.filters.classes ?? data.classes.map((_, k) => k));
        if (on) next.add(c);
        else next.delete(c);
        this.publishFilters({ classes: next.size === data.classCount ? null : [...next] });
      });
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = classColor(c);
      box.prepend(swatch);
      element.append(box);
      return box.querySelector('input')!;
    });
    return {
      element,
      boxes: {
        fadeCorrectBox: fadeCorrect.querySelector('input')!,
        fadeWrongBox: fadeWrong.querySelector('input')!,
        classBoxes,
      },
    };
  }

  /** Per class (true, or predicted when `byPredicted`): its correctly and wrongly classified sequences. */
  #classBars(data: StateDataset, width: number, byPredicted: boolean): Pick<Drawing, 'bars' | 'classBars' | 'barX'> {
    const counts = byPredicted ? data.predictedClassCounts() : data.classCounts();
    // A correct sequence has the same true and predicted class: one count serves both modes.
    const correct = data.correctness();
    const right = new Uint32Array(data.classCount);
    for (let s = 0; s < data.sequenceCount; s++) if (correct[s]) right[data.labels[s]]++;
    const left = LEFT;
    const height = data.classCount * BAR_ROW_HEIGHT + 4;
    const x = scaleLinear()
      .domain([0, Math.max(1, ...counts)])
      .range([left, Math.max(left + 60, width - RIGHT)]);
    const svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
      .attr('width', width)
      .attr('height', height)
      .attr('role', 'list')
      .attr('aria-label', `Correct and misclassified sequences per ${byPredicted ? 'predicted' : 'true'} class`);
    const rows = svg
      .selectAll<SVGGElement, string>('g.class-row')
      .data(data.classes)
      .join('g')
      .attr('class', 'class-row')
      .attr('role', 'listitem')
      .attr(
        'aria-label',
        (name, c) =>
          `${byPredicted ? 'predicted ' : ''}${name}: ${right[c]} correct, ${counts[c] - right[c]} misclassified of ${counts[c]}`,
      )
      .attr('transform', (_, c) => `translate(0,${c * BAR_ROW_HEIGHT + 2})`);
    rows
      .append('text')
      .attr('class', 'bar-label')
      .attr('x', left - 6)
      .attr('y', BAR_ROW_HEIGHT / 2 - 1)
      .each(function (name) {
        fitSvgText(this, name, LABEL_WIDTH);
      });
    rows
      .append('rect')
      .attr('class', 'part right')
      .attr('x', left)
      .attr('height', BAR_ROW_HEIGHT - 4)
      .attr('width', (_, c) => x(right[c]) - left)
      .attr('fill', (_, c) => classColor(c));
    rows
      .append('rect')
      .attr('class', 'part wrong')
      .attr('x', (_, c) => x(right[c]))
      .attr('height', BAR_ROW_HEIGHT - 4)
      .attr('width', (_, c) => x(counts[c]) - x(right[c]))
      .attr('fill', MISCLASSIFIED);
    // Over the bar's lower part, so the correct and misclassified parts stay readable above it.
    rows
      .append('rect')
      .attr('class', 'brushed-bar')
      .attr('x', left)
      .attr('y', BAR_ROW_HEIGHT - 9)
      .attr('height', 5)
      .attr('width', 0)
      .attr('fill', BRUSHED_COLOR);
    const countText = rows
      .append('text')
      .attr('class', 'bar-count')
      .attr('x', (_, c) => x(counts[c]) + 4)
      .attr('y', BAR_ROW_HEIGHT / 2 - 1)
      .text((_, c) => `${right[c]} / ${counts[c]}`);
    countText.append('tspan').attr('class', 'brush-count');
    const classBars = rows.nodes().map((row) => ({
      row,
      brushed: row.querySelector<SVGRectElement>('.brushed-bar')!,
      brushCount: row.querySelector<SVGTSpanElement>('.brush-count')!,
    }));
    return { bars: svg.node()!, classBars, barX: (count) => x(count) };
  }

  /** Counts by the other class (the colour mode changed): the bars again, with the bus state on them. */
  #redrawClassBars(drawing: Drawing): void {
    const width = Number(drawing.bars.getAttribute('width'));
    const byPredicted = this.#byPredicted();
    const next = this.#classBars(drawing.data, width, byPredicted);
    drawing.bars.replaceWith(next.bars);
    Object.assign(drawing, next, { byPredicted });
    drawing.barsHeading.textContent = barsTitle(byPredicted);
    this.#showFilters(drawing);
    this.#showBrush(drawing, false);
  }

  #confusion(
    data: StateDataset,
    width: number,
  ): { svg: SVGSVGElement } & Pick<Drawing, 'matrixRows' | 'cells' | 'cellNames' | 'cellShades' | 'cellSize'> {
    const C = data.classCount;
    const matrix = data.confusionMatrix();
    const left = LEFT;
    const top = 16;
    const size = Math.max(80, Math.min(width - left - 8, C * 64));
    const band = scaleBand<number>()
      .domain(data.classes.map((_, c) => c))
      .range([0, size]);
    const inner = band.bandwidth() - 2;
    const roomy = band.bandwidth() >= ROOMY_CELL;
    const most = Math.max(1, ...matrix);
    const shade = scaleLinear<string>().domain([0, most]).range(['#f7f7f7', '#3a3a3a']);
    const cellShades = Array.from(matrix, (n) => shade(n));
    const cellNames = Array.from(matrix, (n, i) => {
      const [t, p] = [Math.floor(i / C), i % C];
      return `true ${data.classes[t]}, predicted ${data.classes[p]}: ${n} sequences`;
    });
    const svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
      .attr('width', left + size + 8)
      .attr('height', top + size + 20)
      .attr('role', 'grid')
      .attr('aria-label', 'Confusion matrix: rows are true classes, columns predicted classes');
    svg.append('text').attr('class', 'axis-title').attr('x', left).attr('y', 10).text('predicted →');
    const rows = svg
      .selectAll<SVGGElement, string>('g.row')
      .data(data.classes)
      .join('g')
      .attr('class', 'row')
      .attr('role', 'row')
      .attr('transform', (_, t) => `translate(${left},${top + band(t)!})`);
    rows
      .append('text')
      .attr('class', 'bar-label')
      .attr('x', -6)
      .attr('y', band.bandwidth() / 2)
      .each(function (name) {
        fitSvgText(this, name, LABEL_WIDTH);
      });
    const cells = rows
      .selectAll<SVGGElement, number>('g.cell')
      .data((_, t) => data.classes.map((__, p) => t * C + p))
      .join('g')
      .attr('class', 'cell')
      .attr('role', 'gridcell')
      .attr('tabindex', 0)
      .attr('aria-label', (i) => cellNames[i])
      .attr('transform', (i) => `translate(${band(i % C)!},0)`)
      .on('click', (_, i) => this.#selectCell(data, i))
      .on('keydown', (event: KeyboardEvent, i) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          this.#selectCell(data, i);
        }
      });
    cells
      .append('rect')
      .attr('class', 'shade')
      .attr('width', inner)
      .attr('height', inner)
      .attr('fill', (i) => cellShades[i]);
    // A strip along the bottom, as long as the brushed share of the cell: readable at any size.
    cells
      .append('rect')
      .attr('class', 'brushed-bar')
      .attr('x', 1)
      .attr('y', inner - 5)
      .attr('height', 4)
      .attr('width', 0)
      .attr('fill', BRUSHED_COLOR);
    cells
      .append('text')
      .attr('class', 'count')
      .attr('x', inner / 2)
      .attr('y', roomy ? inner * 0.4 : inner / 2)
      .text((i) => String(matrix[i]));
    cells
      .append('text')
      .attr('class', 'brushed-count')
      .attr('x', inner / 2)
      .attr('y', inner * 0.68);
    const badge = cells.append('g').attr('class', 'selected-badge');
    badge.append('rect').attr('y', 4).attr('height', 13).attr('rx', 6.5).attr('fill', BADGE_COLOR);
    badge.append('text').attr('y', 10.5);
    cells
      .append('rect')
      .attr('class', 'active-mark')
      .attr('x', 1.5)
      .attr('y', 1.5)
      .attr('width', inner - 3)
      .attr('height', inner - 3);
    cells
      .append('rect')
      .attr('class', 'focus-mark')
      .attr('x', -1)
      .attr('y', -1)
      .attr('width', inner + 2)
      .attr('height', inner + 2);
    svg
      .append('text')
      .attr('class', 'axis-title')
      .attr('x', 4)
      .attr('y', top + size + 14)
      .text('↑ true');
    const cellParts = cells.nodes().map((cell) => ({
      cell,
      count: cell.querySelector<SVGTextElement>('.count')!,
      brushed: cell.querySelector<SVGRectElement>('.brushed-bar')!,
      brushCount: cell.querySelector<SVGTextElement>('.brushed-count')!,
      badgeBack: cell.querySelector<SVGRectElement>('.selected-badge rect')!,
      badgeText: cell.querySelector<SVGTextElement>('.selected-badge text')!,
    }));
    return { svg: svg.node()!, matrixRows: rows.nodes(), cells: cellParts, cellNames, cellShades, cellSize: inner };
  }

  /** The checkboxes show the bus filters; hidden classes greyed, faded cells faded. */
  #showFilters(drawing: Drawing): void {
    const { data, cells, cellShades } = drawing;
    const filters = this.bus.filters;
    const C = data.classCount;
    drawing.fadeCorrectBox.checked = filters.fadeCorrect;
    drawing.fadeWrongBox.checked = filters.fadeWrong;
    const hiddenClass = new Uint8Array(C).fill(filters.classes ? 1 : 0);
    for (const c of filters.classes ?? []) if (c < C) hiddenClass[c] = 0;
    drawing.classBoxes.forEach((box, c) => {
      box.checked = !hiddenClass[c];
      box.parentElement!.classList.toggle('hidden', hiddenClass[c] === 1);
    });
    drawing.classBars.forEach(({ row }, c) => row.classList.toggle('hidden', hiddenClass[c] === 1));
    drawing.bars.classList.toggle('fade-correct', filters.fadeCorrect);
    drawing.bars.classList.toggle('fade-wrong', filters.fadeWrong);
    drawing.matrixRows.forEach((row, t) => row.classList.toggle('hidden', hiddenClass[t] === 1));
    // The sequences of a cell share their true class and their correctness: the filters treat
    // them alike, so any one of them tells the cell's level. A cell without any follows its row.
    const cellLevel = new Uint8Array(C * C);
    for (let i = 0; i < cellLevel.length; i++)
      cellLevel[i] = hiddenClass[Math.floor(i / C)] ? SEQUENCE_HIDDEN : SEQUENCE_SHOWN;
    const levels = sequenceFilter(data, filters);
    for (let s = 0; s < data.sequenceCount; s++) cellLevel[data.labels[s] * C + data.predictions[s]] = levels[s];
    cells.forEach(({ cell, count }, i) => {
      const level = cellLevel[i];
      cell.classList.toggle('hidden', level === SEQUENCE_HIDDEN);
      cell.classList.toggle('faded', level === SEQUENCE_FADED);
      // Text fill is a style (the sheet's `svg text` fill beats attributes): on a greyed or faded
      // cell the shade is light whatever the count.
      count.style.fill = level === SEQUENCE_SHOWN ? contrastText(cellShades[i]) : 'var(--hs-muted, #777)';
    });
    this.#showBrushText(drawing);
  }

  /** The active sequence's cell marked; with several selected, each cell counts its selected sequences. */
  #showSelection(drawing: Drawing): void {
    const { data, cells } = drawing;
    const bus = this.bus;
    const active = bus.activeSequence;
    const activeCell = active >= 0 && active < data.sequenceCount ? cellOf(data, active) : -1;
    if (activeCell !== drawing.activeCell) {
      if (drawing.activeCell >= 0) cells[drawing.activeCell].cell.classList.remove('active');
      if (activeCell >= 0) cells[activeCell].cell.classList.add('active');
      drawing.activeCell = activeCell;
    }
    const selected = bus.selectedSequences;
    const counts = new Uint32Array(cells.length);
    if (selected.length > 1) {
      for (const s of selected) if (s < data.sequenceCount) counts[cellOf(data, s)]++;
    }
    const previous = drawing.selectedCells;
    drawing.selectedCells = counts;
    for (let i = 0; i < cells.length; i++) {
      if (counts[i] === previous[i]) continue;
      const { cell, badgeBack, badgeText } = cells[i];
      cell.classList.toggle('has-selected', counts[i] > 0);
      const text = counts[i] ? String(counts[i]) : '';
      badgeText.textContent = text;
      // Sized to its digits, in the cell's top right corner.
      const badgeWidth = 7 + 6 * text.length;
      badgeBack.setAttribute('width', String(badgeWidth));
      badgeBack.setAttribute('x', String(drawing.cellSize - badgeWidth - 4));
      badgeText.setAttribute('x', String(drawing.cellSize - 4 - badgeWidth / 2));
      this.#nameCell(drawing, i);
    }
  }

  /**
   * The sequences other views' brushes hold, counted per class bar and per cell; `recount` when
   * the brushes changed (a new colour mode only regroups the same counts).
   */
  #showBrush(drawing: Drawing, recount: boolean): void {
    const { data, classBars, barX } = drawing;
    const C = data.classCount;
    if (recount) {
      const steps = this.bus.brushed(this.source);
      let brushedCells: Uint32Array | null = null;
      if (steps && steps.size === data.stepCount) {
        const sequences = sequencesOfSteps(data, steps);
        brushedCells = new Uint32Array(C * C);
        for (let s = 0; s < data.sequenceCount; s++) if (sequences.has(s)) brushedCells[cellOf(data, s)]++;
      }
      drawing.brushedCells = brushedCells;
    }
    const brushedCells = drawing.brushedCells;
    const perClass = new Uint32Array(C);
    if (brushedCells) {
      for (let i = 0; i < brushedCells.length; i++)
        perClass[drawing.byPredicted ? i % C : Math.floor(i / C)] += brushedCells[i];
    }
    const totals = drawing.byPredicted ? data.predictedClassCounts() : data.classCounts();
    classBars.forEach(({ brushed, brushCount }, c) => {
      brushed.setAttribute('width', String(brushedCells ? barX(perClass[c]) - LEFT : 0));
      brushCount.textContent = brushedCells ? ` · ${perClass[c]} of ${totals[c]} brushed` : '';
    });
    const matrix = data.confusionMatrix();
    drawing.cells.forEach(({ brushed }, i) => {
      const share = brushedCells && matrix[i] ? brushedCells[i] / matrix[i] : 0;
      brushed.setAttribute('width', String(share * (drawing.cellSize - 2)));
    });
    this.#showBrushText(drawing);
    for (let i = 0; i < drawing.cells.length; i++) this.#nameCell(drawing, i);
  }

  /** Each cell's "brushed / all" line, where there is room, in the colour of its count. */
  #showBrushText(drawing: Drawing): void {
    const { brushedCells, cells, cellSize } = drawing;
    const matrix = drawing.data.confusionMatrix();
    const roomy = cellSize + 2 >= ROOMY_CELL;
    cells.forEach(({ count, brushCount }, i) => {
      brushCount.textContent = brushedCells && roomy ? `${brushedCells[i]} / ${matrix[i]}` : '';
      brushCount.style.fill = count.style.fill;
    });
  }

  /** A cell's accessible name, with the brushed and selected sequences it holds. */
  #nameCell(drawing: Drawing, i: number): void {
    const { brushedCells, selectedCells } = drawing;
    const brushed = brushedCells ? `, ${brushedCells[i]} brushed` : '';
    const selected = selectedCells[i] ? `, ${selectedCells[i]} selected` : '';
    drawing.cells[i].cell.setAttribute('aria-label', `${drawing.cellNames[i]}${brushed}${selected}`);
  }

  /** Only the focus mark: off the cell it left, onto the cell of the focused step's sequence. */
  #showFocus(drawing: Drawing): void {
    const { data, cells } = drawing;
    const step = this.bus.focus;
    const focused = step >= 0 && step < data.stepCount ? cellOf(data, data.sequenceOf(step)) : -1;
    if (focused === drawing.focusedCell) return;
    if (drawing.focusedCell >= 0) cells[drawing.focusedCell].cell.classList.remove('focused');
    if (focused >= 0) cells[focused].cell.classList.add('focused');
    drawing.focusedCell = focused;
  }

  /** Selects every sequence of one confusion matrix cell (the first becomes active). */
  #selectCell(data: StateDataset, cell: number): void {
    const sequences: number[] = [];
    for (let s = 0; s < data.sequenceCount; s++) if (cellOf(data, s) === cell) sequences.push(s);
    if (sequences.length === 0) return;
    this.publishSelection(sequences); // the event names them all, the first active
  }
}

/** The confusion matrix cell (true x predicted, row-major) of a sequence. */
function cellOf(data: StateDataset, sequence: number): number {
  return data.labels[sequence] * data.classCount + data.predictions[sequence];
}

function barsTitle(byPredicted: boolean): string {
  return `Correct and misclassified per ${byPredicted ? 'predicted' : 'true'} class`;
}

function heading(text: string): HTMLHeadingElement {
  const h = document.createElement('h3');
  h.textContent = text;
  return h;
}

/** Items separated by commas, as nodes and text. */
function joined(items: (string | Node)[][]): (string | Node)[] {
  return items.flatMap((item, k) => (k ? [', ', ...item] : item));
}

function checkbox(label: string | Node, change: (on: boolean) => void): HTMLLabelElement {
  const element = document.createElement('label');
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.addEventListener('change', () => change(input.checked));
  element.append(input, label);
  return element;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}
