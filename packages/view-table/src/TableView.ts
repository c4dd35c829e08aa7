import { sequenceFilter, SEQUENCE_FADED, type Filters, type LinkBus } from '@statescope/bus';
import { sequencesOfSteps, type StateDataset, type StepSet } from '@statescope/core';
import {
  StatescopeElement,
  StepColors,
  baseStyles,
  classColor,
  contrastText,
  showMessage,
  FADED_OPACITY,
  bidi,
  isolate,
  numberAttribute,
  withAttributes,
} from '@statescope/view-base';
import { listedSequences, sortedSequences, type SortKey } from './sequenceOrder.js';

const ROW_HEIGHT = 26;
/** Rows drawn beyond the visible ones, so that fast scrolling does not show blanks. */
const OVERSCAN = 8;
const TEXT_TOKENS = 14;
/** Room at the start of each row for its colour swatch. */
const SWATCH_SPACE = 16;

const COLUMNS: { key: SortKey; label: string; width: string }[] = [
  { key: 'id', label: 'id', width: 'minmax(70px, 1fr)' },
  { key: 'label', label: 'true', width: 'minmax(60px, 0.8fr)' },
  { key: 'prediction', label: 'predicted', width: 'minmax(60px, 0.8fr)' },
  { key: 'correct', label: 'correct', width: '78px' },
  { key: 'length', label: 'steps', width: '52px' },
  { key: 'text', label: 'text', width: 'minmax(120px, 4fr)' },
];
const GRID = COLUMNS.map((c) => c.width).join(' ');

const styles = `
${baseStyles}
.grid { outline: none; border: 1px solid var(--hs-muted, #ccc); border-radius: 4px; }
.grid:focus-visible { box-shadow: 0 0 0 2px var(--hs-focus-color); }
/* The left padding leaves room for each body row's colour swatch. */
.row { display: grid; grid-template-columns: ${GRID}; align-items: center; height: ${ROW_HEIGHT}px; padding-left: ${SWATCH_SPACE}px; box-sizing: border-box; }
.head { border-bottom: 1px solid var(--hs-muted, #ccc); font-weight: 600; }
.head button { font: inherit; background: none; border: 0; padding: 0 6px; cursor: pointer; text-align: left; width: 100%; color: inherit; }
.head [aria-sort='ascending'] button::after { content: ' ▲'; }
.head [aria-sort='descending'] button::after { content: ' ▼'; }
.viewport { overflow-y: auto; position: relative; }
.body { position: relative; }
.body .row { position: absolute; left: 0; right: 0; cursor: pointer; }
.body .row:hover { background: rgba(0, 0, 0, 0.04); }
.body .row[aria-selected='true'] { background: rgba(0, 0, 0, 0.1); font-weight: 600; }
.body .row.active { box-shadow: inset 3px 0 0 var(--hs-focus-color); }
/* An outline, not a background: it shows over the marks of selected and active rows. */
.body .row.focused { outline: 2px solid var(--hs-focus-color); outline-offset: -2px; }
.body .row.faded { opacity: ${FADED_OPACITY}; }
.swatch { position: absolute; left: 5px; top: 5px; width: 8px; height: ${ROW_HEIGHT - 10}px; border-radius: 2px; }
.row > * { min-width: 0; }
/* Cells cut long ids, class names and text with an ellipsis; the whole text is their title. */
.cell { padding: 0 6px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.chip { padding: 0 6px; border-radius: 8px; unicode-bidi: isolate; }
.wrong { color: #b00020; font-weight: 600; }
.count { color: var(--hs-muted, #777); padding: 4px 6px; }
`;

/**
 * `<hs-table>`: every sequence as a row: id, true class, predicted class, whether it is
 * correct, its length and the start of its text. Click a header to sort (again to reverse).
 * Click a row to select it; Ctrl/Cmd- or Shift-click adds it to the selection for comparison (or
 * takes it out again).
 * With the table focused, Up and Down step through the sequences in table order and Esc clears
 * the selection. Rows are virtualised: only those in view exist in the DOM.
 *
 * It answers the bus: the row of the focused step's sequence is outlined (the table does not
 * scroll to it); the active sequence's row is marked and scrolled into view; every selected row
 * is marked selected; under brushes of other views only the sequences with a brushed step are
 * listed ("n of N sequences"); classes hidden by the filters are left out and faded sequences
 * drawn faint; and each row starts with a swatch in the shared colour mode: the colour of the
 * sequence's final expected prediction, its predicted class or its true class.
 *
 * @tagname hs-table
 * @csspart grid - the table
 * @csspart empty - the message shown without data
 * @csspart swatch - the colour swatch at the start of each row
 * @fires {CustomEvent<{ sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] }>} hs-select - a row was picked
 * (Esc clears the selection: hs-select with sequence -1 and no sequences.)
 *
 * @example
 * In HTML: `<hs-table src="data/imdb.json" bus="main" height="240"></hs-table>`. In code:
 * ```ts
 * import { LinkBus } from '@statescope/bus';
 * import { loadDataset } from '@statescope/core';
 * import '@statescope/view-table/define'; // registers <hs-table>
 *
 * const bus = new LinkBus();
 * const table = document.createElement('hs-table');
 * table.setAttribute('height', '240');
 * table.bus = bus;
 * table.data = await loadDataset('data/imdb.json');
 * document.body.append(table);
 * table.sortBy('correct'); // misclassified first; again reverses
 *
 * table.addEventListener('hs-select', (event) => {
 *   const { sequence, mode } = event.detail; // mode 'toggle' with Ctrl/Cmd or Shift
 *   console.log(`picked ${table.data!.ids[sequence]} (${mode}); active: ${bus.activeSequence}`);
 * });
 * ```
 */
export class TableView extends withAttributes(StatescopeElement, {
  /** Height of the scrolling body in CSS pixels; null (default): 320. */
  height: numberAttribute({ min: 1 }),
}) {
  readonly #container: HTMLDivElement;
  #sortKey: SortKey = 'id';
  #descending = false;
  /** Every sequence in the order of the sort column; null when it must be sorted again. */
  #sorted: Uint32Array | null = null;
  /** What the bus filters do to each sequence (see sequenceFilter), and the filters it was made of. */
  #filter: Uint8Array | null = null;
  #filterOf: Readonly<Filters> | null = null;
  /**
   * The sequences holding a step other views' brushes allow (null without such brushes), and the
   * steps it was made of (the bus hands out the same set until a clause changes).
   */
  #brushed: StepSet | null = null;
  #brushedOf: StepSet | null | undefined = undefined;
  /** Sequences listed, in display order, and the row of each sequence (-1 when not listed). */
  #order: Uint32Array = new Uint32Array(0);
  #rowOf: Int32Array = new Int32Array(0);
  /** The row drawn by the first row element of the body. */
  #firstDrawn = 0;
  /** The row element marked as the focused sequence's, if one is drawn. */
  #focusedRow: HTMLElement | null = null;
  /** Colours of the expected predictions, made on first use in that colour mode. */
  #expectedColors: StepColors | null = null;
  #grid: HTMLDivElement | null = null;
  #viewport: HTMLDivElement | null = null;
  #body: HTMLDivElement | null = null;
  #count: HTMLDivElement | null = null;

  constructor() {
    super();
    this.#container = this.mount(styles);
  }

  /** The sequences listed, in the order shown. */
  get order(): Uint32Array {
    return this.#order;
  }

  /** Sorts by a column; the same column again reverses the order. */
  sortBy(key: SortKey, descending = key === this.#sortKey ? !this.#descending : false): void {
    this.#sortKey = key;
    this.#descending = descending;
    this.#sorted = null;
    this.requestRender('sort');
  }

  protected override dataChanged(): void {
    this.#grid = null; // rows show another dataset's sequences: rebuild them
    this.#sorted = null;
    this.#filterOf = null;
    this.#brushedOf = undefined;
    this.#expectedColors = null;
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => this.requestRender('focus'), { signal });
    bus.on('selection', () => this.requestRender('selection'), { signal });
    bus.on('filter', () => this.requestRender('filter'), { signal });
    bus.on('brush', (e) => e.source !== this.source && this.requestRender('brush'), { signal });
    // The thresholds change nothing here; only the colour mode repaints the swatches.
    bus.on('options', (e) => e.changed.includes('colorMode') && this.requestRender('options'), { signal });
  }

  protected override renderEmpty(text: string): void {
    this.#grid = this.#viewport = this.#body = this.#count = null;
    this.#focusedRow = null;
    showMessage(this.#container, text);
  }

  protected render(changes: ReadonlySet<string>, data: StateDataset): void {
    const built = this.#build();
    // Made again only when the bus state they come from changed, not on every redraw.
    const filtered = this.#refreshFilter(data);
    const brushed = this.#refreshBrushed(data);
    const relist = built || filtered || brushed || changes.has('all') || changes.has('sort');
    if (relist) this.#list(data);
    // A new list leaves the old scroll position meaningless: show the active row again.
    if (relist || changes.has('selection')) this.#scrollToActive();
    // The pointer moving over other views changes the focus often: move the mark, nothing else.
    if (!relist && changes.size === 1 && changes.has('focus')) return this.#markFocus(data);
    this.#drawRows(data);
  }

  #bodyHeight(): number {
    return this.height ?? 320;
  }

  /** Creates the grid unless it exists; whether it did. */
  #build(): boolean {
    if (this.#grid) return false;
    const grid = document.createElement('div');
    grid.className = 'grid';
    grid.setAttribute('part', 'grid');
    grid.setAttribute('role', 'grid');
    grid.setAttribute('aria-label', 'Sequences');
    grid.tabIndex = 0;
    const head = document.createElement('div');
    head.className = 'row head';
    head.setAttribute('role', 'row');
    head.setAttribute('aria-rowindex', '1');
    for (const column of COLUMNS) {
      const header = document.createElement('div');
      header.className = 'cell';
      header.setAttribute('role', 'columnheader');
      header.dataset.key = column.key;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = column.label;
      button.addEventListener('click', () => this.sortBy(column.key));
      header.append(button);
      head.append(header);
    }
    const viewport = document.createElement('div');
    viewport.className = 'viewport';
    const body = document.createElement('div');
    body.className = 'body';
    body.setAttribute('role', 'rowgroup');
    viewport.append(body);
    viewport.addEventListener('scroll', () => this.data && this.#drawRows(this.data), { passive: true });
    body.addEventListener('click', (event) => this.#click(event));
    grid.addEventListener('keydown', (event) => this.#key(event));
    const count = document.createElement('div');
    count.className = 'count';
    grid.append(head, viewport, count);
    this.#container.replaceChildren(grid);
    this.#grid = grid;
    this.#viewport = viewport;
    this.#body = body;
    this.#count = count;
    this.#focusedRow = null;
    return true;
  }

  /** Applies the shared filter rule again if the bus filters changed; whether they did. */
  #refreshFilter(data: StateDataset): boolean {
    const filters = this.bus.filters;
    if (filters === this.#filterOf) return false;
    this.#filter = sequenceFilter(data, filters);
    this.#filterOf = filters;
    return true;
  }

  /**
   * Finds again the sequences with a step that the brushes of other views allow, if those steps
   * changed; whether they did.
   */
  #refreshBrushed(data: StateDataset): boolean {
    const others = this.bus.brushed(this.source);
    if (others === this.#brushedOf) return false;
    this.#brushedOf = others;
    // A clause over another dataset's steps (the bus still holds it) says nothing about these.
    this.#brushed = others && others.size === data.stepCount ? sequencesOfSteps(data, others) : null;
    return true;
  }

  /** The rows listed, from the sorted sequences, the filters and the brushes. */
  #list(data: StateDataset): void {
    this.#sorted ??= sortedSequences(data, this.#sortKey, this.#descending);
    this.#order = listedSequences(this.#sorted, this.#filter, this.#brushed);
    this.#rowOf = new Int32Array(data.sequenceCount).fill(-1);
    for (let row = 0; row < this.#order.length; row++) this.#rowOf[this.#order[row]] = row;
    for (const header of this.#grid!.querySelectorAll<HTMLElement>('[role="columnheader"]')) {
      const sorted = header.dataset.key === this.#sortKey;
      header.setAttribute('aria-sort', sorted ? (this.#descending ? 'descending' : 'ascending') : 'none');
    }
    this.#grid!.setAttribute('aria-rowcount', String(this.#order.length + 1));
    this.#body!.style.height = `${this.#order.length * ROW_HEIGHT}px`;
    this.#viewport!.style.height = `${this.#bodyHeight()}px`;
    const total = data.sequenceCount;
    this.#count!.textContent =
      this.#order.length === total ? `${total} sequences` : `${this.#order.length} of ${total} sequences`;
  }

  /** The sequence of the focused step, or -1. */
  #focusedSequence(data: StateDataset): number {
    const step = this.bus.focus;
    return step >= 0 && step < data.stepCount ? data.sequenceOf(step) : -1;
  }

  /** Moves the focused mark alone: off the row that had it, onto the focused sequence's if drawn. */
  #markFocus(data: StateDataset): void {
    this.#focusedRow?.classList.remove('focused');
    this.#focusedRow = null;
    const sequence = this.#focusedSequence(data);
    const row = sequence >= 0 ? this.#rowOf[sequence] : -1;
    const element = row >= this.#firstDrawn ? this.#body?.children[row - this.#firstDrawn] : undefined;
    if (!(element instanceof HTMLElement)) return;
    element.classList.add('focused');
    this.#focusedRow = element;
  }

  /** The swatch colour of a sequence in the bus's colour mode. */
  #swatchColor(data: StateDataset, sequence: number): string {
    const mode = this.bus.options.colorMode;
    if (mode === 'true') return classColor(data.labels[sequence]);
    if (mode === 'predicted') return classColor(data.predictions[sequence]);
    this.#expectedColors ??= new StepColors(data, 'expected');
    return this.#expectedColors.css(data.offsets[sequence + 1] - 1); // the final prediction
  }

  /**
   * Creates the rows in view (and a few more), reusing row elements, and marks each; the cells'
   * text is set (as text) only when a row element shows another sequence.
   */
  #drawRows(data: StateDataset): void {
    const viewport = this.#viewport!;
    const height = this.#bodyHeight();
    // The list may have just shrunk under a scroll position the browser has not clamped yet.
    const top = Math.min(viewport.scrollTop, Math.max(0, this.#order.length * ROW_HEIGHT - height));
    const last = Math.min(this.#order.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const first = Math.min(last, Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN));
    const body = this.#body!;
    while (body.children.length > last - first) body.lastElementChild!.remove();
    while (body.children.length < last - first) body.append(this.#newRow());
    this.#firstDrawn = first;
    const active = this.bus.activeSequence;
    const focused = this.#focusedSequence(data);
    const filter = this.#filter;
    const correct = data.correctness();
    this.#focusedRow = null;
    for (let row = first; row < last; row++) {
      const element = body.children[row - first] as HTMLDivElement;
      const s = this.#order[row];
      element.style.transform = `translateY(${row * ROW_HEIGHT}px)`;
      element.setAttribute('aria-rowindex', String(row + 2));
      element.setAttribute('aria-selected', String(this.bus.isSelected(s)));
      element.classList.toggle('active', s === active);
      element.classList.toggle('faded', filter !== null && filter[s] === SEQUENCE_FADED);
      element.classList.toggle('focused', s === focused);
      if (s === focused) this.#focusedRow = element;
      const [swatch, id, label, prediction, right, length, text] = element.children as unknown as HTMLElement[];
      swatch.style.backgroundColor = this.#swatchColor(data, s);
      if (element.dataset.sequence === String(s)) continue;
      element.dataset.sequence = String(s);
      id.textContent = data.ids[s];
      id.title = data.ids[s];
      this.#chip(label, data, data.labels[s]);
      this.#chip(prediction, data, data.predictions[s]);
      right.textContent = correct[s] ? '✓' : '✗ wrong';
      right.className = correct[s] ? 'cell' : 'cell wrong';
      length.textContent = String(data.sequenceLength(s));
      const end = Math.min(data.offsets[s + 1], data.offsets[s] + TEXT_TOKENS);
      // Each token isolated: a right-to-left one cannot reorder the tokens after it.
      const words: (string | Node)[] = [];
      const titled: string[] = [];
      for (let t = data.offsets[s]; t < end; t++) {
        if (t > data.offsets[s]) words.push(' ');
        words.push(bidi(data.token(t)));
        titled.push(isolate(data.token(t)));
      }
      if (end < data.offsets[s + 1]) words.push(' …');
      text.replaceChildren(...words);
      text.title = titled.join(' ');
    }
  }

  #newRow(): HTMLDivElement {
    const row = document.createElement('div');
    row.className = 'row';
    row.setAttribute('role', 'row');
    // Out of the grid's flow (absolutely placed) and of the accessibility tree: a colour only.
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.setAttribute('part', 'swatch');
    swatch.setAttribute('aria-hidden', 'true');
    row.append(swatch);
    for (let c = 0; c < COLUMNS.length; c++) {
      const cell = document.createElement('div');
      cell.className = 'cell';
      cell.setAttribute('role', 'gridcell');
      row.append(cell);
    }
    return row;
  }

  #chip(cell: HTMLElement, data: StateDataset, c: number): void {
    let chip = cell.firstElementChild as HTMLSpanElement | null;
    if (!chip) cell.append((chip = document.createElement('span')));
    chip.className = 'chip';
    chip.textContent = data.classes[c];
    cell.title = data.classes[c];
    chip.style.background = classColor(c);
    chip.style.color = contrastText(classColor(c));
  }

  #scrollToActive(): void {
    const row = this.bus.activeSequence >= 0 ? this.#rowOf[this.bus.activeSequence] : -1;
    const viewport = this.#viewport;
    if (row === undefined || row < 0 || !viewport) return;
    const height = this.#bodyHeight();
    const top = row * ROW_HEIGHT;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > viewport.scrollTop + height) viewport.scrollTop = top + ROW_HEIGHT - height;
  }

  #click(event: MouseEvent): void {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-sequence]');
    if (!row) return;
    const sequence = Number(row.dataset.sequence);
    const mode = event.ctrlKey || event.metaKey || event.shiftKey ? 'toggle' : 'replace';
    this.publishSelect(sequence, mode);
  }

  #key(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.publishSelection([]);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    if (this.#order.length === 0) return;
    const current = this.bus.activeSequence >= 0 ? this.#rowOf[this.bus.activeSequence] : -1;
    const next =
      current < 0
        ? event.key === 'ArrowDown'
          ? 0
          : this.#order.length - 1
        : Math.max(0, Math.min(this.#order.length - 1, current + (event.key === 'ArrowDown' ? 1 : -1)));
    const sequence = this.#order[next];
    this.publishSelect(sequence);
  }
}
