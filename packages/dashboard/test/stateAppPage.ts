/// <reference types="vite/client" />
// The dashboard app as main.ts wires it (the body of the real index.html, app.css, the t-SNE and
// projection control, the view controls and the state actions), started on the app's own
// datasets.json (the IMDB and Reuters demos), for the tests of the state in the URL and export.
import indexHtml from '../app/index.html?raw';
import '../app/app.css';
import { page } from 'vitest/browser';
import '@statescope/dashboard/define';
import type { DashboardElement } from '@statescope/dashboard';
import type { StatescopeElement } from '@statescope/view-base';
import type { DashboardApp } from '../app/DashboardApp.js';
import { startApp } from '../app/startApp.js';
import { centre, clickAt, drag, nextFrame } from '../../../test/browser/pointer.js';

const appList = new URL('../app/datasets.json', import.meta.url);

/** The test page's own URL without a query: what a fresh start sees. */
export const testPageUrl = location.href.split('?')[0];

export type PanelName = 'overview' | 'table' | 'map' | 'sequence' | 'heatmap' | 'histogram';
const PANELS: PanelName[] = ['overview', 'table', 'map', 'sequence', 'heatmap', 'histogram'];

export interface StateAppPage {
  app: DashboardApp;
  dashboard: DashboardElement;
  /** The dataset `<select>`. */
  select: HTMLSelectElement;
  alert: HTMLElement;
  /** The #state-actions container. */
  actions: HTMLElement;
  view(name: PanelName): StatescopeElement;
  /** A view's shadow root. */
  root(name: PanelName): ShadowRoot;
  /** A button of the state actions by its text. */
  button(text: string): HTMLButtonElement;
  /** Takes the page away, as leaving it would (the URL stays). */
  unmount(): void;
}

let mounted: StateAppPage | null = null;

/**
 * Mounts the app page and starts it as a browser opening `url` would: the test page's location
 * becomes `url`, and the app reads `?data=`, `?src=` and `?state=` from it.
 */
export async function openStateApp(url: string = testPageUrl): Promise<StateAppPage> {
  mounted?.unmount();
  await page.viewport(1600, 1000);
  if (url !== location.href) history.replaceState(null, '', url);
  const parsed = new DOMParser().parseFromString(indexHtml, 'text/html');
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
  const { app, dashboard, find, stop } = await startApp(new URL(location.href), appList);
  const actions = find('#state-actions');
  await settle();
  const opened: StateAppPage = {
    app,
    dashboard,
    select: find('#dataset'),
    alert: find('#alert'),
    actions,
    view: (name) => dashboard.views[PANELS.indexOf(name)],
    root: (name) => dashboard.views[PANELS.indexOf(name)].shadowRoot!,
    button(text) {
      const found = [...actions.querySelectorAll('button')].find((b) => b.textContent === text);
      if (!found) throw new Error(`the state actions have no button "${text}"`);
      return found;
    },
    unmount() {
      stop();
      document.body.replaceChildren();
      if (mounted === opened) mounted = null;
    },
  };
  mounted = opened;
  return opened;
}

/** Takes the app away and puts the test page's URL back. */
export function closeStateApp(): void {
  mounted?.unmount();
  history.replaceState(null, '', testPageUrl);
}

/** Waits until a redraw and what it scheduled (a resize observed, a table fitted) have run. */
export async function settle(frames = 4): Promise<void> {
  for (let i = 0; i < frames; i++) await nextFrame();
}

// ---- gestures on the app, as real pointer input ---------------------------------------------

/** Scrolls an element into view and returns its centre. */
export function reach(element: Element): [number, number] {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  return centre(element);
}

/** Clicks the table's `index`-th row (with Control: compares). */
export async function clickRow(app: StateAppPage, index: number, modifiers: 'Control'[] = []) {
  const rows = app.root('table').querySelectorAll('[role="rowgroup"] [role="row"]');
  await clickAt(...reach(rows[index]), modifiers);
  await settle();
}

/** Drags a rectangle on the map, corners as fractions of its canvas. */
export async function brushMap(app: StateAppPage, from: [number, number], to: [number, number]) {
  const canvas = app.root('map').querySelector('canvas')!;
  canvas.scrollIntoView({ block: 'center' });
  const box = canvas.getBoundingClientRect();
  const at = ([fx, fy]: [number, number]): [number, number] => [box.left + fx * box.width, box.top + fy * box.height];
  await drag(at(from), at([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]), at(to));
  await settle();
}

/** Clicks the overview's checkbox labelled `label`. */
export async function clickOverviewCheckbox(app: StateAppPage, label: string) {
  const found = [...app.root('overview').querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  if (!found) throw new Error(`the overview has no checkbox "${label}"`);
  await clickAt(...reach(found.querySelector('input')!));
  await settle();
}
