import type { LinkBus } from '@statescope/bus';
import { StatescopeElement } from '@statescope/view-base';

const styles = `
:host { display: block; font: var(--hs-font, 13px/1.4 system-ui, sans-serif); color: var(--hs-text, #222); }
:host([hidden]) { display: none; }
.layout {
  display: grid;
  grid-template-columns: minmax(280px, 1fr) minmax(420px, 2fr) minmax(320px, 1.3fr);
  grid-template-areas: 'overview map sequence' 'overview map heatmap' 'table table histogram';
  grid-template-rows: auto 1fr auto;
  gap: 12px;
  align-items: start;
}
section { background: var(--hs-panel, #fff); border: 1px solid var(--hs-muted, #ddd); border-radius: 6px; padding: 8px 10px; min-width: 0; }
section > h2 { font-size: 0.95em; margin: 0 0 6px; color: var(--hs-muted, #555); font-weight: 600; }
.overview { grid-area: overview; }
.table { grid-area: table; }
.map { grid-area: map; }
.map hs-projection { height: 640px; }
.sequence { grid-area: sequence; }
.heatmap { grid-area: heatmap; }
.histogram { grid-area: histogram; }
@media (max-width: 1100px) {
  .layout { grid-template-columns: 1fr; grid-template-areas: 'overview' 'map' 'sequence' 'heatmap' 'histogram' 'table'; }
}
`;

/** The panels of the dashboard: title, element, and the area it takes. */
const PANELS = [
  ['overview', 'Overview', 'hs-overview'],
  ['table', 'Sequences', 'hs-table'],
  ['map', 'Hidden states', 'hs-projection'],
  ['sequence', 'Input sequence', 'hs-sequence'],
  ['heatmap', 'Expected prediction per step', 'hs-heatmap'],
  ['histogram', 'State change per step', 'hs-histogram'],
] as const;

/**
 * `<hs-dashboard>`: the paper's layout: overview and sequence table on the left, the map of all
 * hidden states in the centre, the selected sequence's tokens, heatmap and distance histogram on
 * the right, all on one bus. It only arranges: every view is its own element and they talk only
 * through the bus, which is also this element's `bus` property (join it to add views of your own).
 *
 * @tagname hs-dashboard
 * @csspart panel - each view's panel
 * @fires {CustomEvent<{ step: number; length: number }>} hs-focus - bubbled from a view: a step was hovered
 * @fires {CustomEvent<{ sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] }>} hs-select - bubbled from a view: a sequence was picked
 * @fires {CustomEvent<{ steps: StepSet | null; value: JsonValue }>} hs-brush - bubbled from a view: steps were brushed (null: cleared)
 * @fires {CustomEvent<{ name: 'distanceThreshold' | 'predictionThreshold'; value: number }>} hs-threshold - bubbled from the histogram: a threshold was moved
 * @fires {CustomEvent<{ filters: Readonly<Filters> }>} hs-filter - bubbled from the overview: filters were changed
 * @fires {CustomEvent<{ options: Readonly<SharedOptions>; changed: (keyof SharedOptions)[] }>} hs-options - bubbled from a view: shared options were changed
 * @cssprop --hs-panel - background of the panels (default #fff)
 *
 * @example
 * In HTML: `<hs-dashboard src="data/imdb.json"></hs-dashboard>`. In code, with a view of your
 * own on the dashboard's bus:
 * ```ts
 * import '@statescope/dashboard/define'; // registers <hs-dashboard> and the views it arranges
 *
 * const dashboard = document.createElement('hs-dashboard');
 * dashboard.setAttribute('src', 'data/imdb.json'); // or set dashboard.data to a StateDataset
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

  constructor() {
    super();
    const container = this.mount(styles);
    container.classList.add('layout');
    for (const [area, title, tag] of PANELS) {
      const section = document.createElement('section');
      section.className = area;
      section.setAttribute('part', 'panel');
      section.setAttribute('aria-label', title);
      const heading = document.createElement('h2');
      heading.textContent = title;
      const view = document.createElement(tag) as StatescopeElement;
      view.setAttribute('source', area);
      section.append(heading, view);
      container.append(section);
      this.#views.push(view);
    }
  }

  /** The view elements, in panel order (overview, table, map, sequence, heatmap, histogram). */
  get views(): readonly StatescopeElement[] {
    return this.#views;
  }

  protected listen(bus: LinkBus): void {
    for (const view of this.#views) view.bus = bus;
  }

  /** Without a dataset the panels stay: each view says for itself that it has nothing to show. */
  protected override renderEmpty(): void {
    for (const view of this.#views) view.data = null;
  }

  protected render(): void {
    for (const view of this.#views) view.data = this.data;
    // Open on the first sequence so that every view has something to show.
    if (this.data && this.bus.activeSequence < 0) this.bus.selectSequence(0, this.source);
  }
}
