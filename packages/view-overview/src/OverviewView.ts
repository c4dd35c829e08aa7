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
  MUTED_COLOR,
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
.facts { display: grid; grid-template-columns: minmax(6em, max-content) minmax(8em, 1fr); gap: 2px 10px; margin: 0 0 10px; }
.facts dt { color: var(--hs-muted, ${MUTED_COLOR}); }
.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
h3 { font-size: 1em; margin: 10px 0 4px; }
.controls { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 6px 0; }
.controls label { display: inline-flex; gap: 4px; align-items: center; min-width: 0; max-width: 100%; overflow-wrap: anywhere; }
.controls label.hidden { color: var(--hs-muted, ${MUTED_COLOR}); }
.swatch, .controls input { flex: none; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.cell { cursor: pointer; }
.cell:hover .shade, .cell:focus-visible .shade { stroke: var(--hs-focus-color); stroke-width: 2; }
.cell text, .cell-note text { pointer-events: none; text-anchor: middle; dominant-baseline: middle; }
.cell-note { pointer-events: none; }
.cell.faded .shade { opacity: ${FADED_OPACITY}; }
.cell.hidden .shade { fill: ${GREYED}; }
.cell-note .brushed-count { font-size: 10px; }
.cell .active-mark, .cell .focus-mark { fill: none; pointer-events: none; visibility: hidden; }
.cell .active-mark { stroke: var(--hs-text, #222); stroke-width: 3; }
.cell .focus-mark { stroke: var(--hs-focus-color); stroke-width: 2; stroke-dasharray: 4 2; }
.cell.active .active-mark, .cell.focused .focus-mark { visibility: visible; }
.cell-note .selected-badge { display: none; }
.cell-note.has-selected .selected-badge { display: inline; }
.cell-note .selected-badge text { font-size: 10px; fill: #fff; }
.row.hidden .bar-label, .class-row.hidden text { fill: var(--hs-muted, ${MUTED_COLOR}); }
.class-row.hidden .part { fill: ${GREYED}; }
.fade-correct .part.right, .fade-wrong .part.wrong { opacity: ${FADED_OPACITY}; }
.bar-label { dominant-baseline: middle; text-anchor: end; }
.bar-count { dominant-baseline: middle; font-size: 11px; }
.axis-title { fill: var(--hs-muted, ${MUTED_COLOR}); font-size: 11px; }
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

/**
 * The parts of one confusion matrix cell that the bus state changes. The brushed count and the
 * selected badge lie in a note over the cell, outside it and hidden from assistive technology: the
 * cell's name says them in words, and numbers of its own beside the count would no longer be part
 * of that name (WCAG 2.5.3, label in name).
 */
interface MatrixCell {
  cell: SVGGElement;
  note: SVGGElement;
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
 * counts, the model description, the accuracy on the sequences in the dataset (recomputed from
 * their predictions) and, apart from it, the one the producer stated with its scope from the
 * metadata (`accuracy` and `accuracyScope`, e.g. a whole test split of which these sequences are
 * a sample); per class, a bar of correctly and wrongly classified sequences; the
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
  /** The matrix cell (row-major) that holds the matrix's one tab stop: where the keyboard last was. */
  #matrixCursor = 0;

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
    this.#matrixCursor = 0;
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
    // A redraw (a resize, say) replaces the matrix: the keyboard stays on its cell.
    const hadFocus = this.root.activeElement?.classList.contains('cell') ?? false;
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
    // What answers the other views (filters, class bars, the matrix) first, the dataset's facts
    // after: in a short panel the parts that follow a hover stay in sight.
    this.#container.replaceChildren(
      controls.element,
      barsHeading,
      bars.bars,
      heading('Confusion matrix'),
      matrix.svg,
      heading('Dataset'),
      this.#facts(data),
    );
    this.#showFilters(drawing);
    this.#showSelection(drawing);
    this.#showBrush(drawing, true);
    this.#showFocus(drawing);
    if (hadFocus) drawing.cells[Math.min(this.#matrixCursor, drawing.cells.length - 1)].cell.focus();
  }

  /** A matrix cell got the keyboard focus: it holds the tab stop. */
  #rove(cell: SVGGElement, index: number): void {
    this.#matrixCursor = index;
    for (const other of cell.ownerSVGElement!.querySelectorAll('g.cell[tabindex="0"]')) {
      if (other !== cell) other.setAttribute('tabindex', '-1');
    }
    cell.setAttribute('tabindex', '0');
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
        joined(data.layers.map((l) => [bidi(l.name), ` (${l.dim} units${l.cellStates ? ', with cell states' : ''})`])),
      ],
      [`accuracy on these ${count(data.sequenceCount, 'sequence')}`, [percent(data.accuracy())]],
    ];
    // The producer's figure is usually on another set (a whole test split): say on which, if the metadata does.
    if (typeof stated === 'number')
      rows.push(['stated by the producer', statedAccuracy(stated, data.metadata.accuracyScope)]);
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
      // One tab stop for the whole matrix (a roving tabindex): the arrow keys move inside it.
      .attr('tabindex', (i) => (i === Math.min(this.#matrixCursor, C * C - 1) ? 0 : -1))
      .attr('aria-label', (i) => cellNames[i])
      .attr('transform', (i) => `translate(${band(i % C)!},0)`)
      .on('click', (_, i) => this.#selectCell(data, i))
      .on('focus', (event: FocusEvent, i) => this.#rove(event.currentTarget as SVGGElement, i))
      .on('keydown', (event: KeyboardEvent, i) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          this.#selectCell(data, i);
          return;
        }
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        const next = matrixMove(event.key, i, C);
        if (next === null) return;
        event.preventDefault();
        const target = (event.currentTarget as SVGGElement).ownerSVGElement!.querySelectorAll<SVGGElement>('g.cell')[
          next
        ];
        target.focus();
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
    // Over each row's cells, one note per cell: the brushed count and the selected badge.
    const notes = rows
      .append('g')
      .attr('class', 'cell-notes')
      .attr('aria-hidden', 'true')
      .selectAll<SVGGElement, number>('g.cell-note')
      .data((_, t) => data.classes.map((__, p) => t * C + p))
      .join('g')
      .attr('class', 'cell-note')
      .attr('transform', (i) => `translate(${band(i % C)!},0)`);
    notes
      .append('text')
      .attr('class', 'brushed-count')
      .attr('x', inner / 2)
      .attr('y', inner * 0.68);
    const badge = notes.append('g').attr('class', 'selected-badge');
    badge.append('rect').attr('y', 4).attr('height', 13).attr('rx', 6.5).attr('fill', BADGE_COLOR);
    badge.append('text').attr('y', 10.5);
    svg
      .append('text')
      .attr('class', 'axis-title')
      .attr('x', 4)
      .attr('y', top + size + 14)
      .text('↑ true');
    const noteNodes = notes.nodes();
    const cellParts = cells.nodes().map((cell, i) => ({
      cell,
      note: noteNodes[i],
      count: cell.querySelector<SVGTextElement>('.count')!,
      brushed: cell.querySelector<SVGRectElement>('.brushed-bar')!,
      brushCount: noteNodes[i].querySelector<SVGTextElement>('.brushed-count')!,
      badgeBack: noteNodes[i].querySelector<SVGRectElement>('.selected-badge rect')!,
      badgeText: noteNodes[i].querySelector<SVGTextElement>('.selected-badge text')!,
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
      count.style.fill = level === SEQUENCE_SHOWN ? contrastText(cellShades[i]) : 'var(--hs-muted, ${MUTED_COLOR})';
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
      const { cell, note, badgeBack, badgeText } = cells[i];
      cell.classList.toggle('has-selected', counts[i] > 0);
      note.classList.toggle('has-selected', counts[i] > 0);
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

/** The cell an arrow key, Home or End moves to in a C x C matrix (row-major), or null for other keys. */
function matrixMove(key: string, cell: number, C: number): number | null {
  const [row, column] = [Math.floor(cell / C), cell % C];
  switch (key) {
    case 'ArrowLeft':
      return row * C + Math.max(0, column - 1);
    case 'ArrowRight':
      return row * C + Math.min(C - 1, column + 1);
    case 'ArrowUp':
      return Math.max(0, row - 1) * C + column;
    case 'ArrowDown':
      return Math.min(C - 1, row + 1) * C + column;
    case 'Home':
      return row * C;
    case 'End':
      return row * C + C - 1;
    default:
      return null;
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

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The stated accuracy and its scope: `accuracyScope` of the metadata (free text from the producer,
 * e.g. "whole test split: 8543 of 10000 correct", isolated as data), or that none is given.
 */
function statedAccuracy(stated: number, scope: unknown): (string | Node)[] {
  if (typeof scope !== 'string' || !scope.trim())
    return [`${percent(stated)} (the metadata does not say on which data)`];
  return [`${percent(stated)} (`, bidi(scope.trim()), ')'];
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}
