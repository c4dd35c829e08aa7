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
  MUTED_COLOR,
} from '@statescope/view-base';
import { listedSequences, sortedSequences, type SortKey } from './sequenceOrder.js';
import { matchSearch, searchTexts } from './sequenceSearch.js';

const ROW_HEIGHT = 26;
/**
 * More sequences than this, selected by one gesture (a confusion-matrix cell), narrow the table
 * to them: the map draws at most this many trajectories, and the table is where all of them can
 * be gone through.
 */
export const MANY_SELECTED = 12;
/** The id the active row's element carries while drawn, for the grid's aria-activedescendant. */
const ACTIVE_ROW_ID = 'active-row';
/** Rows drawn beyond the visible ones, so that fast scrolling does not show blanks. */
const OVERSCAN = 8;
const TEXT_TOKENS = 14;
/** Room at the start of each row for its colour swatch. */
const SWATCH_SPACE = 16;

/**
 * The narrowest a column may be: its header's label (0.64em a letter, wider than these lowercase
 * words in bold in common fonts), its sort arrow (1em and a gap) and the button's padding, so that
 * neither is cut. In em, not ch: ch follows the weight, and bold (selected) rows would get other
 * columns than plain ones.
 */
const headerFits = (label: string, least: number) =>
  `max(${least}px, calc(${(label.length * 0.64).toFixed(2)}em + 1em + 16px))`;

const COLUMNS: { key: SortKey; label: string; width: string }[] = [
  { key: 'id', label: 'id', width: `minmax(${headerFits('id', 70)}, 1fr)` },
  { key: 'label', label: 'true', width: `minmax(${headerFits('true', 60)}, 0.8fr)` },
  { key: 'prediction', label: 'predicted', width: `minmax(${headerFits('predicted', 60)}, 0.8fr)` },
  { key: 'correct', label: 'correct', width: headerFits('correct', 78) },
  { key: 'length', label: 'steps', width: headerFits('steps', 48) },
  { key: 'text', label: 'text', width: 'minmax(120px, 4fr)' },
];
const GRID = COLUMNS.map((c) => c.width).join(' ');

const styles = `
${baseStyles}
.tools { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; padding-bottom: 4px; }
.search { display: inline-flex; align-items: center; gap: 6px; }
.search input { font: inherit; color: inherit; width: 14em; max-width: 100%; padding: 2px 4px; border: 1px solid #767676; border-radius: 3px; background: var(--hs-background, #fff); }
.search-error { color: #b00020; }
.only[hidden] { display: none; }
.only button { font: inherit; color: inherit; background: none; border: 1px solid #767676; border-radius: 3px; padding: 0 6px; cursor: pointer; }
/* The grid is the scrolling box itself: one tab stop that scrolls, its header kept on top. */
.grid { position: relative; overflow: auto; scrollbar-gutter: stable; outline: none; box-sizing: border-box; border: 1px solid var(--hs-muted, #ccc); border-radius: 4px; }
.grid:focus-visible { box-shadow: 0 0 0 2px var(--hs-focus-color); }
/* The left padding leaves room for each body row's colour swatch. */
.row { display: grid; grid-template-columns: ${GRID}; align-items: center; height: ${ROW_HEIGHT}px; padding-left: ${SWATCH_SPACE}px; box-sizing: border-box; }
.head { position: sticky; top: 0; z-index: 1; border-bottom: 1px solid var(--hs-muted, #ccc); font-weight: 600; background: var(--hs-background, #fff); }
.head .cell { padding: 0; }
.head button { display: flex; align-items: center; font: inherit; background: none; border: 0; padding: 0 6px; cursor: pointer; text-align: left; width: 100%; color: inherit; }
/* The label gives way (an ellipsis), never the arrow. */
.head .label { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.head .arrow { flex: none; width: 1em; margin-left: 2px; text-align: center; font-size: 0.85em; }
.head [aria-sort='ascending'] .arrow::after { content: '▲'; }
.head [aria-sort='descending'] .arrow::after { content: '▼'; }
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
.count { color: var(--hs-muted, ${MUTED_COLOR}); padding: 4px 6px; }
`;

/** Sequences of `next` (ascending) not in `before` (ascending). */
function countAdded(next: Uint32Array, before: Uint32Array): number {
  let added = 0;
  for (let i = 0, j = 0; i < next.length; i++) {
    while (j < before.length && before[j] < next[i]) j++;
    if (j === before.length || before[j] !== next[i]) added++;
  }
  return added;
}

/** Whether ascending `sorted` holds `value`. */
function includesSorted(sorted: Uint32Array, value: number): boolean {
  let [low, high] = [0, sorted.length - 1];
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] === value) return true;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/**
 * `<hs-table>`: every sequence as a row: id, true class, predicted class, whether it is
 * correct, its length and the start of its text. Click a header to sort (again to reverse).
 * Click a row to select it; Ctrl/Cmd- or Shift-click adds it to the selection for comparison (or
 * takes it out again). The box above the rows searches ids and tokens (text, or `/regex/`).
 * With the table focused, Up and Down step through the sequences in table order, Home and End
 * go to the first and last, Page Up and Page Down a box of rows; Esc clears the selection.
 * Rows are virtualised: only those in view exist in the DOM.
 *
 * Where it is scrolled: it opens at its top, whatever sequence is active, and shows the sorted
 * top after a sort and the first matches after a search; when the active sequence changes (a
 * click in another view, a key here), its row is brought into view; when brushes or filters
 * change the rows listed, the active row is kept in view if it is listed, else the top shown.
 *
 * It answers the bus: the row of the focused step's sequence is outlined (the table does not
 * scroll to it); the active sequence's row is marked; every selected row is marked selected;
 * under brushes of other views only the sequences with a brushed step are listed ("n of N
 * sequences"); classes hidden by the filters are left out and faded sequences drawn faint; and
 * each row starts with a swatch in the shared colour mode: the colour of the sequence's final
 * expected prediction, its predicted class or its true class. When one change of the selection
 * brings in many sequences at once (more than {@link MANY_SELECTED}: a confusion-matrix cell),
 * only those are listed, with "showing the 86 selected · show all" above the rows, until
 * "show all", an empty selection, or an active sequence outside them.
 *
 * @tagname hs-table
 * @csspart grid - the table
 * @csspart empty - the message shown without data
 * @csspart swatch - the colour swatch at the start of each row
 * @csspart search - the search box
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
 * table.search = '/\\bbrilliant\\b/'; // what the search box holds: text, or a /regular expression/
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
  /** What the search box holds (kept while the grid is rebuilt for the same dataset). */
  #query = '';
  /** The query the search matches were made of, and the sequences they keep (null: all). */
  #searchedOf = '';
  #searchMatches: Uint8Array | null = null;
  /** Each sequence's lowercased id and tokens, made on the first search of a dataset. */
  #searchTexts: string[] | null = null;
  /** The selection as the last selection event left it, to tell how many it brought in at once. */
  #selectedBefore: Uint32Array = new Uint32Array(0);
  /** The sequences selected at once that the table is narrowed to (ascending), or null. */
  #only: Uint32Array | null = null;
  /** #only as a mask over the sequences, and the selection it was made of. */
  #onlyMask: Uint8Array | null = null;
  #onlyMaskOf: Uint32Array | null = null;
  /** The active sequence when the rows were last drawn: a change brings its row into view. */
  #activeShown = -1;
  /** Sequences listed, in display order, and the row of each sequence (-1 when not listed). */
  #order: Uint32Array = new Uint32Array(0);
  #rowOf: Int32Array = new Int32Array(0);
  /** The row drawn by the first row element of the body. */
  #firstDrawn = 0;
  /** The row element marked as the focused sequence's, if one is drawn. */
  #focusedRow: HTMLElement | null = null;
  /** Colours of the expected predictions, made on first use in that colour mode. */
  /** The grid is also the scrolling box of the rows. */
  #grid: HTMLDivElement | null = null;
  #body: HTMLDivElement | null = null;
  #count: HTMLDivElement | null = null;
  #searchBox: HTMLInputElement | null = null;
  #searchError: HTMLSpanElement | null = null;
  #onlyLine: HTMLDivElement | null = null;
  #onlyText: HTMLSpanElement | null = null;

  constructor() {
    super();
    this.#container = this.mount(styles);
  }

  /** The sequences listed, in the order shown. */
  get order(): Uint32Array {
    return this.#order;
  }

  /**
   * What the search box holds: rows are listed only if their id or tokens contain it
   * (case-insensitive), or match it when written `/like this/` (a regular expression). '' lists all.
   */
  get search(): string {
    return this.#query;
  }

  /** Searches for `value` (and shows it in the search box), as if typed there. */
  set search(value: string) {
    const query = String(value ?? '');
    if (this.#searchBox && this.#searchBox.value !== query) this.#searchBox.value = query;
    if (query === this.#query) return;
    this.#query = query;
    this.requestRender('search');
  }

  /** Sorts by a column; the same column again reverses the order. */
  sortBy(key: SortKey, descending = key === this.#sortKey ? !this.#descending : false): void {
    this.#sortKey = key;
    this.#descending = descending;
    this.#sorted = null;
    this.requestRender('sort');
  }

  protected override dataChanged(): void {
    // Another dataset in place of one shown starts clean: no search, no narrowing (a search set
    // before the first dataset is kept for it).
    if (this.#grid) this.#query = '';
    this.#grid = null; // rows show another dataset's sequences: rebuild them
    this.#sorted = null;
    this.#filterOf = null;
    this.#brushedOf = undefined;
    this.#searchTexts = null;
    this.#only = this.#onlyMask = this.#onlyMaskOf = null;
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => this.requestRender('focus'), { signal });
    bus.on(
      'selection',
      ({ sequences, active }) => {
        this.#noteSelection(sequences, active);
        this.requestRender('selection');
      },
      { signal },
    );
    bus.on('filter', () => this.requestRender('filter'), { signal });
    bus.on('brush', (e) => e.source !== this.source && this.requestRender('brush'), { signal });
    // The thresholds change nothing here; only the colour mode repaints the swatches.
    bus.on('options', (e) => e.changed.includes('colorMode') && this.requestRender('options'), { signal });
    // A bus that already holds many sequences selected together narrows the table as it joins.
    this.#noteSelection(bus.selectedSequences, bus.activeSequence);
  }

  /**
   * Narrows the table to a selection that brought in many sequences at once (the bus does not
   * say who selected them: more than MANY_SELECTED, more than one of them new), and widens it
   * again when the selection is emptied, brings in several others, or makes a sequence outside
   * them active. Picking among them (a click, the arrow keys, Ctrl-click) keeps the narrowing,
   * so that they can be gone through one by one; adding one at a time never narrows.
   */
  #noteSelection(sequences: Uint32Array, active: number): void {
    const added = countAdded(sequences, this.#selectedBefore);
    this.#selectedBefore = sequences;
    if (sequences.length > MANY_SELECTED && added > 1) this.#only = sequences;
    else if (this.#only && (sequences.length === 0 || added > 1 || !includesSorted(this.#only, active)))
      this.#only = null;
  }

  protected override renderEmpty(text: string): void {
    this.#grid = this.#body = this.#count = null;
    this.#searchBox = this.#searchError = this.#onlyLine = this.#onlyText = null;
    this.#focusedRow = null;
    showMessage(this.#container, text);
  }

  protected render(changes: ReadonlySet<string>, data: StateDataset): void {
    const built = this.#build();
    // Made again only when what they come from changed, not on every redraw.
    const filtered = this.#refreshFilter(data);
    const brushed = this.#refreshBrushed(data);
    const searched = this.#refreshSearch(data);
    const narrowed = this.#refreshOnly(data);
    const sorted = changes.has('sort');
    const relist = built || filtered || brushed || searched || narrowed || sorted || changes.has('all');
    if (relist) this.#list(data);
    const active = this.bus.activeSequence;
    const activeMoved = active !== this.#activeShown;
    this.#activeShown = active;
    // Opened, sorted or searched: the user reads from the top, not from some active row (the
    // dashboard opens on the first sequence, which sorts far down).
    if (built || sorted || searched) this.#grid!.scrollTop = 0;
    else if (activeMoved) this.#scrollToActive();
    else if (filtered || brushed || narrowed) this.#scrollToActive(true);
    // The pointer moving over other views changes the focus often: move the mark, nothing else.
    if (!relist && changes.size === 1 && changes.has('focus')) return this.#markFocus(data);
    this.#drawRows(data);
  }

  #bodyHeight(): number {
    return this.height ?? 320;
  }

  /** Rows a Page Up or Page Down moves: those the box shows. */
  #pageRows(): number {
    return Math.max(1, Math.floor(this.#bodyHeight() / ROW_HEIGHT));
  }

  /** Creates the search line and the grid unless they exist; whether it did. */
  #build(): boolean {
    if (this.#grid) return false;
    const tools = document.createElement('div');
    tools.className = 'tools';
    const label = document.createElement('label');
    label.className = 'search';
    const caption = document.createElement('span');
    caption.textContent = 'Search';
    const searchBox = document.createElement('input');
    searchBox.type = 'search';
    searchBox.setAttribute('part', 'search');
    // The name says what is searched; the visible word is short, so that a message fits beside.
    searchBox.setAttribute('aria-label', 'Search ids and tokens');
    searchBox.placeholder = 'ids, tokens, or /regex/';
    searchBox.spellcheck = false;
    searchBox.autocomplete = 'off';
    searchBox.value = this.#query;
    // Read in the next frame: however fast the keys come, one search per frame.
    searchBox.addEventListener('input', () => (this.search = searchBox.value));
    label.append(caption, searchBox);
    const searchError = document.createElement('span');
    searchError.className = 'search-error';
    searchError.setAttribute('role', 'status');
    const onlyLine = document.createElement('div');
    onlyLine.className = 'only';
    onlyLine.hidden = true;
    const onlyText = document.createElement('span');
    const showAll = document.createElement('button');
    showAll.type = 'button';
    showAll.textContent = 'show all';
    showAll.addEventListener('click', () => this.#showAll());
    onlyLine.append(onlyText, ' · ', showAll);
    tools.append(label, searchError, onlyLine);

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
      const text = document.createElement('span');
      text.className = 'label';
      text.textContent = column.label;
      // The header's aria-sort says it; the arrow is for the eye.
      const arrow = document.createElement('span');
      arrow.className = 'arrow';
      arrow.setAttribute('aria-hidden', 'true');
      button.append(text, arrow);
      button.addEventListener('click', () => this.sortBy(column.key));
      header.append(button);
      head.append(header);
    }
    const body = document.createElement('div');
    body.className = 'body';
    body.setAttribute('role', 'rowgroup');
    grid.append(head, body);
    // A scroll may arrive after this grid was taken down (a dataset switch): only the current grid draws.
    grid.addEventListener('scroll', () => this.#grid === grid && this.data && this.#drawRows(this.data), {
      passive: true,
    });
    body.addEventListener('click', (event) => this.#click(event));
    grid.addEventListener('keydown', (event) => this.#key(event));
    const count = document.createElement('div');
    count.className = 'count';
    this.#container.replaceChildren(tools, grid, count);
    this.#grid = grid;
    this.#body = body;
    this.#count = count;
    this.#searchBox = searchBox;
    this.#searchError = searchError;
    this.#onlyLine = onlyLine;
    this.#onlyText = onlyText;
    this.#focusedRow = null;
    this.#searchedOf = '';
    this.#searchMatches = null;
    this.#onlyMaskOf = null;
    this.#onlyMask = null;
    this.#activeShown = this.bus.activeSequence;
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

  /** Matches the search again if its query changed; whether it did. */
  #refreshSearch(data: StateDataset): boolean {
    const query = this.#query;
    if (query === this.#searchedOf) return false;
    this.#searchedOf = query;
    if (query !== '') this.#searchTexts ??= searchTexts(data);
    const { matches, error } = matchSearch(this.#searchTexts ?? [], query);
    this.#searchMatches = matches;
    this.#searchError!.textContent = error ?? '';
    return true;
  }

  /** Makes the mask of the sequences selected at once again if they changed; whether they did. */
  #refreshOnly(data: StateDataset): boolean {
    if (this.#only === this.#onlyMaskOf) return false;
    this.#onlyMaskOf = this.#only;
    this.#onlyMask = null;
    if (this.#only) {
      this.#onlyMask = new Uint8Array(data.sequenceCount);
      for (const s of this.#only) if (s < data.sequenceCount) this.#onlyMask[s] = 1;
    }
    this.#onlyLine!.hidden = this.#only === null;
    this.#onlyText!.textContent = this.#only ? `showing the ${this.#only.length} selected` : '';
    return true;
  }

  /** "show all": lists every sequence again, the active row kept in view. */
  #showAll(): void {
    this.#only = null;
    // The button goes away with its line: the keyboard stays in the table.
    this.#grid?.focus({ preventScroll: true });
    this.requestRender('selection');
  }

  /** The rows listed, from the sorted sequences, the filters, the brushes and the search. */
  #list(data: StateDataset): void {
    this.#sorted ??= sortedSequences(data, this.#sortKey, this.#descending);
    const kept = [this.#searchMatches, this.#onlyMask].filter((mask) => mask !== null);
    this.#order = listedSequences(this.#sorted, this.#filter, this.#brushed, kept);
    this.#rowOf = new Int32Array(data.sequenceCount).fill(-1);
    for (let row = 0; row < this.#order.length; row++) this.#rowOf[this.#order[row]] = row;
    for (const header of this.#grid!.querySelectorAll<HTMLElement>('[role="columnheader"]')) {
      const sorted = header.dataset.key === this.#sortKey;
      header.setAttribute('aria-sort', sorted ? (this.#descending ? 'descending' : 'ascending') : 'none');
    }
    this.#grid!.setAttribute('aria-rowcount', String(this.#order.length + 1));
    this.#body!.style.height = `${this.#order.length * ROW_HEIGHT}px`;
    // The header row sits inside the scrolling box, above the rows; 2px for the borders.
    this.#grid!.style.height = `${this.#bodyHeight() + ROW_HEIGHT + 2}px`;
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
    return StepColors.of(data, 'expected').css(data.offsets[sequence + 1] - 1); // the final prediction
  }

  /**
   * Creates the rows in view (and a few more), reusing row elements, and marks each; the cells'
   * text is set (as text) only when a row element shows another sequence.
   */
  #drawRows(data: StateDataset): void {
    const grid = this.#grid!;
    const height = this.#bodyHeight();
    // Scrolled by the header's height less than the rows' own offset: the rows in view start at
    // scrollTop. The list may have just shrunk under a scroll position not clamped yet.
    const top = Math.min(grid.scrollTop, Math.max(0, this.#order.length * ROW_HEIGHT - height));
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
    let activeDrawn = false;
    for (let row = first; row < last; row++) {
      const element = body.children[row - first] as HTMLDivElement;
      const s = this.#order[row];
      element.style.transform = `translateY(${row * ROW_HEIGHT}px)`;
      element.setAttribute('aria-rowindex', String(row + 2));
      element.setAttribute('aria-selected', String(this.bus.isSelected(s)));
      element.classList.toggle('active', s === active);
      if (s === active) {
        element.id = ACTIVE_ROW_ID;
        activeDrawn = true;
      } else if (element.id) element.removeAttribute('id');
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
    // Screen readers follow the active row as the keys move it (the grid keeps the focus).
    if (activeDrawn) grid.setAttribute('aria-activedescendant', ACTIVE_ROW_ID);
    else grid.removeAttribute('aria-activedescendant');
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

  /**
   * Scrolls the least that brings the active row wholly into view (under the header). When it
   * is not listed: nothing, or with `orTop` the top (the old position means nothing in a new list).
   */
  #scrollToActive(orTop = false): void {
    const grid = this.#grid;
    if (!grid) return;
    const row = this.bus.activeSequence >= 0 ? (this.#rowOf[this.bus.activeSequence] ?? -1) : -1;
    if (row < 0) {
      if (orTop) grid.scrollTop = 0;
      return;
    }
    const height = this.#bodyHeight();
    const top = row * ROW_HEIGHT;
    if (top < grid.scrollTop) grid.scrollTop = top;
    else if (top + ROW_HEIGHT > grid.scrollTop + height) grid.scrollTop = top + ROW_HEIGHT - height;
  }

  #click(event: MouseEvent): void {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-sequence]');
    if (!row) return;
    const sequence = Number(row.dataset.sequence);
    const mode = event.ctrlKey || event.metaKey || event.shiftKey ? 'toggle' : 'replace';
    this.publishSelect(sequence, mode);
  }

  /** The row a navigation key moves to from `current` (-1: no active row listed), or null for other keys. */
  #target(key: string, current: number): number | null {
    const last = this.#order.length - 1;
    const page = this.#pageRows();
    switch (key) {
      case 'ArrowDown':
        return current < 0 ? 0 : current + 1;
      case 'ArrowUp':
        return current < 0 ? last : current - 1;
      case 'PageDown':
        return current < 0 ? 0 : current + page;
      case 'PageUp':
        return current < 0 ? 0 : current - page;
      case 'Home':
        return 0;
      case 'End':
        return last;
      default:
        return null;
    }
  }

  #key(event: KeyboardEvent): void {
    // Keys meant for a header's sort button (Enter, Space) stay with it.
    if (event.target !== event.currentTarget && event.key !== 'Escape') return;
    if (event.key === 'Escape') {
      this.publishSelection([]);
      return;
    }
    const current = this.bus.activeSequence >= 0 ? (this.#rowOf[this.bus.activeSequence] ?? -1) : -1;
    const next = this.#target(event.key, current);
    if (next === null) return;
    // The grid scrolls itself: the browser's own scrolling by these keys would move it twice.
    event.preventDefault();
    if (this.#order.length === 0) return;
    this.publishSelect(this.#order[Math.max(0, Math.min(this.#order.length - 1, next))]);
  }
}
