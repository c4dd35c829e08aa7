import type { LinkBus } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import { StatescopeElement } from '@statescope/view-base';

/** Below this width (CSS pixels of the dashboard itself) the panels stack in one column. */
const ONE_COLUMN = 880;

const styles = `
:host { display: block; container-type: inline-size; font: var(--hs-font, 13px/1.4 system-ui, sans-serif); color: var(--hs-text, #222); }
:host([hidden]) { display: none; }
/*
 * Three columns that share the height the page gives the dashboard: the map over the table; the
 * tokens, heatmap and histogram of the selected sequences; the overview. Every view that answers
 * a hover is then in sight at once. Without a height (a page that sets none) each column takes
 * the height of its content and the map a height of its own.
 */
.layout {
  display: grid;
  grid-template-columns: minmax(0, 1.45fr) minmax(0, 1fr) minmax(280px, 0.72fr);
  grid-template-rows: minmax(0, 1fr) auto;
  gap: 10px;
  height: 100%;
}
/*
 * The tools under the columns (hidden units, nearest states): bars when closed; open, they take
 * over 40 % of the height (the table gives up rows, not the map) and share the width.
 */
.tools { grid-column: 1 / -1; display: flex; gap: 10px; min-height: 0; }
.layout.tools-open { grid-template-rows: minmax(0, 1.3fr) minmax(0, 1fr); }
.layout.tools-open .table { flex-basis: clamp(120px, 16vh, 300px); }
.tools > section { flex: 1 1 0; }
.tools > section.open { overflow: auto; }
.tools > section.units.open { flex-grow: 3; }
.tools > section.neighbors.open { flex-grow: 2; }
.tools > section.whatif.open { flex-grow: 2; }
.tools > section:not(.open) > :not(h2) { display: none; }
/* Beside an open tool, a closed one is just its heading. */
.layout.tools-open .tools > section:not(.open) { flex: 0 0 auto; align-self: flex-start; }
.tools h2 button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
.tools h2 button::before { content: '▸ '; }
.tools .open > h2 button::before { content: '▾ '; }
.column { display: flex; flex-direction: column; gap: 10px; min-width: 0; min-height: 0; }
section {
  display: flex;
  flex-direction: column;
  box-sizing: border-box;
  min-width: 0;
  min-height: 0;
  background: var(--hs-panel, #fff);
  border: 1px solid var(--hs-muted, #ddd);
  border-radius: 6px;
  padding: 4px 8px 6px;
}
section > h2 { flex: none; font-size: 0.92em; margin: 0 0 4px; color: var(--hs-muted, #555); font-weight: 600; }
section > * { flex: none; min-width: 0; }
.map { flex: 1 1 0; overflow: clip; }
.map hs-projection { flex: 1 1 0; height: auto; min-height: 300px; }
/* The table scrolls its own rows: its height is set to what the panel leaves it (see #fitTable). */
.table { flex: 0 0 clamp(170px, 30vh, 560px); overflow: clip; }
.sequence { flex: 1 1 0; min-height: 110px; }
.sequence hs-sequence { flex: 1 1 0; min-height: 0; overflow: auto; }
.heatmap, .overview { flex: 0 1 auto; overflow: auto; }
@container (max-width: ${ONE_COLUMN - 1}px) {
  /* One column, linked views adjacent: the map, the selected sequence's views, then the lists. */
  .layout { display: flex; flex-direction: column; height: auto; }
  .column { display: contents; }
  .map, .table, .sequence, .heatmap, .overview { flex: none; }
  .map { order: 1; }
  .map hs-projection { flex: none; height: clamp(280px, 85cqi, 560px); min-height: 0; }
  .sequence { order: 2; min-height: 0; }
  .sequence hs-sequence { flex: none; max-height: 320px; }
  .heatmap { order: 3; }
  .histogram { order: 4; }
  .table { order: 5; }
  .overview { order: 6; }
  .tools { order: 7; flex-direction: column; }
}
`;

type Area = 'overview' | 'table' | 'map' | 'sequence' | 'heatmap' | 'histogram' | Tool;

/** The panels under the columns, closed until asked for. */
type Tool = 'units' | 'neighbors' | 'whatif';
const TOOLS: readonly Tool[] = ['units', 'neighbors', 'whatif'];
/** States the map rings around a hovered one while the nearest states panel is open. */
const NEIGHBORS_RINGED = 10;

/** The panels of the dashboard: area, title and element, in the order of `views`. */
const PANELS: readonly [Area, string, string][] = [
  ['overview', 'Overview', 'hs-overview'],
  ['table', 'Sequences', 'hs-table'],
  ['map', 'Hidden states', 'hs-projection'],
  ['sequence', 'Input sequence', 'hs-sequence'],
  ['heatmap', 'Expected prediction per step', 'hs-heatmap'],
  ['histogram', 'State change per step', 'hs-histogram'],
  ['units', 'Hidden units', 'hs-units'],
  ['neighbors', 'Nearest states', 'hs-neighbors'],
  ['whatif', 'What if…', 'hs-whatif'],
];

/** Which column each panel sits in, top to bottom (the tools span them all, below). */
const COLUMNS: readonly Area[][] = [['map', 'table'], ['sequence', 'heatmap', 'histogram'], ['overview']];

/** What `hs-shown` tells: the dataset and bus the views now share. */
export interface DashboardShown {
  data: StateDataset | null;
  bus: LinkBus;
}

/**
 * `<hs-dashboard>`: every view on one bus, laid out so that everything answering a hover is in
 * sight together: the map of all hidden states over the sequence table; the selected sequence's
 * tokens, heatmap and distance histogram; the overview. It fills the height its page gives it
 * (the map grows with it) and follows live resizes; narrower than 880 px it is one column, the
 * linked views adjacent (map, tokens, heatmap, histogram, table, overview). Under the columns,
 * three tools open on demand (from their headings, or `unitsOpen` / `neighborsOpen` /
 * `whatifOpen`): the hidden units of the active sequence (`<hs-units>`), the nearest states of the
 * hovered one (`<hs-neighbors>`; while open, the map also rings them: `nearest="10"`) and a text
 * of your own run through the model (`<hs-whatif>`), taking over 40 % of the height while open.
 * It only arranges:
 * every view is its own element and they talk only through the bus, which is also this element's
 * `bus` property (join it to add views of your own).
 *
 * @tagname hs-dashboard
 * @csspart panel - each view's panel
 * @fires {CustomEvent<{ data: StateDataset | null; bus: LinkBus }>} hs-shown - the views were handed another dataset or bus (controls showing the dashboard's state read it again)
 * @fires {CustomEvent<{ step: number; length: number }>} hs-focus - bubbled from a view: a step was hovered
 * @fires {CustomEvent<{ sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] }>} hs-select - bubbled from a view: a sequence was picked
 * @fires {CustomEvent<{ steps: StepSet | null; value: JsonValue }>} hs-brush - bubbled from a view: steps were brushed (null: cleared)
 * @fires {CustomEvent<{ name: 'distanceThreshold' | 'predictionThreshold'; value: number }>} hs-threshold - bubbled from the histogram: a threshold was moved
 * @fires {CustomEvent<{ filters: Readonly<Filters> }>} hs-filter - bubbled from the overview: filters were changed
 * @fires {CustomEvent<{ options: Readonly<SharedOptions>; changed: (keyof SharedOptions)[] }>} hs-options - bubbled from a view: shared options were changed
 * @cssprop --hs-panel - background of the panels (default #fff)
 *
 * @example
 * In HTML: `<hs-dashboard src="data/imdb.json"></hs-dashboard>` (give it a height, e.g.
 * `height: calc(100vh - 80px)`, and the panels share it). In code, with a view of your own on the
 * dashboard's bus:
 * ```ts
 * import '@statescope/dashboard/define'; // registers <hs-dashboard> and the views it arranges
 *
 * const dashboard = document.createElement('hs-dashboard');
 * dashboard.setAttribute('src', 'data/imdb.json'); // or set dashboard.data to a StateDataset
 * dashboard.style.height = '900px'; // the panels share it; without one, each takes its content's
 * document.body.append(dashboard);
 *
 * // The views' events bubble out of the dashboard (they are composed).
 * dashboard.addEventListener('hs-select', (event) => console.log(`sequence ${event.detail.sequence}`));
 * dashboard.addEventListener('hs-error', (event) => console.error(event.detail.error.message));
 *
 * const distribution = document.createElement('hs-histogram');
 * distribution.mode = 'distribution';
 * distribution.bus = dashboard.bus; // links with every view of the dashboard
 * dashboard.addEventListener('hs-load', (event) => (distribution.data = event.detail.data));
 * document.body.append(distribution);
 * ```
 */
export class DashboardElement extends StatescopeElement {
  readonly #views: StatescopeElement[] = [];
  readonly #panels = new Map<Area, HTMLElement>();
  readonly #toggles = new Map<Tool, HTMLButtonElement>();
  readonly #layout: HTMLElement;
  #fitting: ResizeObserver | null = null;
  /** The dataset and bus last handed to the views, to announce a change once. */
  #shown: DashboardShown | null = null;

  constructor() {
    super();
    const container = (this.#layout = this.mount(styles));
    container.classList.add('layout');
    for (const [area, title, tag] of PANELS) {
      const section = document.createElement('section');
      section.className = area;
      section.setAttribute('part', 'panel');
      section.setAttribute('aria-label', title);
      const heading = document.createElement('h2');
      if ((TOOLS as readonly Area[]).includes(area)) heading.append(this.#toggle(area as Tool, title));
      else heading.textContent = title;
      const view = document.createElement(tag) as StatescopeElement;
      view.setAttribute('source', area);
      section.append(heading, view);
      this.#panels.set(area, section);
      this.#views.push(view);
    }
    for (const areas of COLUMNS) {
      const column = document.createElement('div');
      column.className = 'column';
      column.append(...areas.map((area) => this.#panels.get(area)!));
      container.append(column);
    }
    const tools = document.createElement('div');
    tools.className = 'tools';
    tools.append(...TOOLS.map((tool) => this.#panels.get(tool)!));
    container.append(tools);
  }

  /** Whether the hidden units panel is open (closed by default: a bar under the columns). */
  get unitsOpen(): boolean {
    return this.#isOpen('units');
  }

  /** Opens or closes the hidden units panel. */
  set unitsOpen(open: boolean) {
    this.#open('units', open);
  }

  /** Whether the nearest states panel is open (closed by default: a bar under the columns). */
  get neighborsOpen(): boolean {
    return this.#isOpen('neighbors');
  }

  /** Opens or closes the nearest states panel. */
  set neighborsOpen(open: boolean) {
    this.#open('neighbors', open);
  }

  /** Whether the what-if panel is open (closed by default: a bar under the columns). */
  get whatifOpen(): boolean {
    return this.#isOpen('whatif');
  }

  /** Opens or closes the what-if panel. */
  set whatifOpen(open: boolean) {
    this.#open('whatif', open);
  }

  #toggle(tool: Tool, title: string): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = title;
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', () => this.#open(tool, !this.#isOpen(tool)));
    this.#toggles.set(tool, button);
    return button;
  }

  #isOpen(tool: Tool): boolean {
    return this.#panels.get(tool)!.classList.contains('open');
  }

  #open(tool: Tool, open: boolean): void {
    this.#panels.get(tool)!.classList.toggle('open', open);
    // With the nearest states listed, the map rings them too (where they lie on the map).
    const map = this.#views.find((view) => view.localName === 'hs-projection');
    if (tool === 'neighbors' && map) {
      if (open) map.setAttribute('nearest', String(NEIGHBORS_RINGED));
      else map.removeAttribute('nearest');
    }
    this.#toggles.get(tool)!.setAttribute('aria-expanded', String(open));
    this.#layout.classList.toggle(
      'tools-open',
      TOOLS.some((t) => this.#isOpen(t)),
    );
  }

  /** The view elements, in panel order (overview, table, map, sequence, heatmap, histogram, units, neighbors, whatif). */
  get views(): readonly StatescopeElement[] {
    return this.#views;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observeTable();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#fitting?.disconnect();
    this.#fitting = null;
  }

  protected listen(bus: LinkBus): void {
    for (const view of this.#views) view.bus = bus;
  }

  /** Without a dataset the panels stay: each view says for itself that it has nothing to show. */
  protected override renderEmpty(): void {
    for (const view of this.#views) view.data = null;
    this.#announce();
  }

  protected render(): void {
    for (const view of this.#views) view.data = this.data;
    // Open on the first sequence so that every view has something to show.
    if (this.data && this.bus.activeSequence < 0) this.bus.selectSequence(0, this.source);
    this.#announce();
  }

  /** Tells the page, once per change, that the views show another dataset or share another bus. */
  #announce(): void {
    const shown = { data: this.data, bus: this.bus };
    if (this.#shown && this.#shown.data === shown.data && this.#shown.bus === shown.bus) return;
    this.#shown = shown;
    this.dispatchEvent(new CustomEvent<DashboardShown>('hs-shown', { detail: shown }));
  }

  /**
   * The table draws as many rows as its `height` attribute says; the panel's height comes from
   * the layout. Whenever either changes size, the table gets the height its panel leaves it.
   */
  #observeTable(): void {
    if (this.#fitting || typeof ResizeObserver === 'undefined') return;
    const table = this.#views[1] as StatescopeElement & { height: number | null };
    const panel = this.#panels.get('table')!;
    this.#fitting = new ResizeObserver(() => this.#fitTable(panel, table));
    this.#fitting.observe(panel);
    this.#fitting.observe(table);
  }

  #fitTable(panel: HTMLElement, table: StatescopeElement & { height: number | null }): void {
    if (table.offsetHeight === 0) return; // not drawn yet: its own chrome is unknown
    const body = table.height ?? 320;
    const tableBox = table.getBoundingClientRect();
    // What the table draws besides its scrolling body: search, header row, count line.
    const chrome = tableBox.height - body;
    const style = getComputedStyle(panel);
    const bottom =
      panel.getBoundingClientRect().bottom - parseFloat(style.borderBottomWidth) - parseFloat(style.paddingBottom);
    // Unrounded boxes: where the panel takes the table's own height (one column) this is `body`
    // again, so nothing changes; only a panel sized by the layout resizes the table.
    const next = Math.max(60, Math.round(bottom - tableBox.top - chrome));
    if (next !== body) table.height = next;
  }
}
