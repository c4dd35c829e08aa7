// The dashboard's state in the URL: gestures update it as the user works, a reload of that URL
// draws every view as before, back and forward walk through selections and datasets, and a
// malformed state is reported and ignored.
import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { centre, drag, moveTo } from '../../../test/browser/pointer.js';
import { normalizeMarkup } from '../../../test/support/normalizeMarkup.js';
import { STATE_PARAM, decodeState, encodeState, freshState } from '../app/urlState.js';
import {
  brushMap,
  clickOverviewCheckbox,
  clickRow,
  reach,
  closeStateApp,
  openStateApp,
  settle,
  testPageUrl,
  type PanelName,
  type StateAppPage,
} from './stateAppPage.js';

afterEach(closeStateApp);

const PANELS: PanelName[] = ['overview', 'table', 'map', 'sequence', 'heatmap', 'histogram'];

/** The sequence of the table's `index`-th row. */
function rowSequence(app: StateAppPage, index: number): number {
  const rows = app.root('table').querySelectorAll('[role="rowgroup"] [role="row"]');
  return Number(rows[index].getAttribute('data-sequence'));
}

/** Chooses in one of the view controls (the labelled selects under the header). */
async function chooseControl(name: string, value: string) {
  const label = [...document.querySelectorAll('#view-controls label')].find(
    (l) => l.querySelector('span')?.textContent === name,
  );
  if (!label) throw new Error(`the view controls have no "${name}"`);
  await userEvent.selectOptions(label.querySelector('select')!, value);
  await settle();
}

/** Drags a range of normalised distances [low, high] on the histogram in distribution mode. */
async function brushDistances(app: StateAppPage, low: number, high: number) {
  const root = app.root('histogram');
  root.host.scrollIntoView({ block: 'center' });
  const axis = [...root.querySelectorAll<SVGTextElement>('g.x-ticks text')];
  const [zero, one] = [centre(axis[0])[0], centre(axis[axis.length - 1])[0]];
  const overlay = root.querySelector('g.brush rect.overlay')!.getBoundingClientRect();
  const y = overlay.top + overlay.height / 2;
  const at = (d: number) => zero + d * (one - zero);
  await drag([at(low), y], [at((low + high) / 2), y + 5], [at(high), y]);
  await settle();
}

/** Moves the pointer onto the page's title, off every view (nothing hovered). */
async function leaveViews() {
  await moveTo(...reach(document.querySelector('h1')!));
  await settle();
}

/** The state the page's URL holds now (decoded; without a state parameter, the state a page opens in). */
async function stateInUrl() {
  const text = new URL(location.href).searchParams.get(STATE_PARAM);
  return text === null ? freshState() : decodeState(text);
}

/** Waits until the URL has caught up with the dashboard (it is updated a little after each gesture). */
async function urlCaughtUp(app: StateAppPage) {
  await expect.poll(stateInUrl, { timeout: 5000 }).toEqual(app.app.captureState());
}

/**
 * What a view shows: its normalised shadow markup without what is not displayed (a hidden tooltip
 * or hover mark keeps the last step hovered, which no user sees) and without tabindex (where Tab
 * enters a grid is where the keyboard was last, not state).
 */
function visibleMarkup(root: ShadowRoot): string {
  const copy = document.createElement('div');
  copy.append(...[...root.childNodes].map((node) => node.cloneNode(true)));
  const originals = [...root.querySelectorAll('*')];
  const copies = [...copy.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const element = copies[i];
    element.removeAttribute('tabindex');
    const style = getComputedStyle(original);
    if (style.display !== 'none' && style.visibility !== 'hidden') return;
    element.replaceChildren();
    for (const name of element.getAttributeNames())
      if (!['class', 'part'].includes(name)) element.removeAttribute(name);
  });
  return normalizeMarkup(copy);
}

/** Scrolls the table's rows to the top: which rows a scrolled list draws is where the user scrolled, not state. */
async function tableToTop(app: StateAppPage) {
  const grid = app.root('table').querySelector<HTMLElement>('[role="grid"]')!;
  grid.scrollTop = 0;
  grid.dispatchEvent(new Event('scroll'));
  window.scrollTo(0, 0);
  await settle();
}

/** What each view shows: its visible markup, and for the map its canvas pixels too. */
function drawing(app: StateAppPage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of PANELS) result[name] = visibleMarkup(app.root(name));
  const canvas = app.root('map').querySelector('canvas')!;
  const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let hash = 0;
  for (let i = 0; i < pixels.length; i++) hash = (Math.imul(hash, 31) + pixels[i]) | 0;
  result.mapPixels = `${canvas.width}x${canvas.height}:${hash}`;
  return result;
}

it('the URL follows the gestures, and reloading it draws every view as before', async () => {
  const first = await openStateApp('?data=imdb');
  await clickRow(first, 1);
  await clickRow(first, 4, ['Control']); // compared
  const projection = document.querySelector<HTMLSelectElement>('#projection')!;
  await expect.poll(() => projection.disabled).toBe(false);
  await userEvent.selectOptions(projection, 'pca');
  await settle();
  await brushMap(first, [0.25, 0.3], [0.6, 0.7]);
  await chooseControl('Histogram', 'distribution');
  await brushDistances(first, 0.2, 0.6);
  await chooseControl('Heatmap', 'aggregate');
  await clickOverviewCheckbox(first, 'fade misclassified');
  await userEvent.selectOptions(first.root('map').querySelector('select')!, 'predicted');
  await leaveViews();
  await urlCaughtUp(first);
  const url = location.href;
  const { bus } = first.dashboard;
  expect(new URL(url).searchParams.get('data')).toBe('imdb');
  const state = (await stateInUrl())!;
  expect(state.bus.selection.sequences).toHaveLength(2);
  expect(state.bus.clauses.map((c) => c.source)).toEqual(['map', 'histogram']);
  expect(state.bus.filters.fadeWrong).toBe(true);
  expect(state.bus.options.colorMode).toBe('predicted');
  expect(state.views).toEqual({
    map: { projection: 'pca' },
    heatmap: { mode: 'aggregate' },
    histogram: { mode: 'distribution' },
  });
  expect(bus.clause('map')!.steps.count()).toBeGreaterThan(1000);
  await tableToTop(first);
  const before = drawing(first);
  const snapshot = bus.snapshot();
  first.unmount();

  // A reload: a new page on the same URL.
  const second = await openStateApp(url);
  expect(second.alert.hidden).toBe(true);
  await leaveViews();
  expect(second.dashboard.bus.snapshot()).toEqual(snapshot);
  await tableToTop(second);
  const after = drawing(second);
  for (const name of Object.keys(before)) expect(after[name], name).toBe(before[name]);
  expect(location.href).toBe(url); // the restored state writes itself back unchanged
});

it('back and forward walk through selections and datasets', async () => {
  const app = await openStateApp('?data=imdb');
  const { dashboard } = app;
  expect(location.search).toBe('?data=imdb'); // the state a page opens in needs no parameter
  const entries = history.length;
  const selected = () => [dashboard.bus.activeSequence, ...dashboard.bus.selectedSequences];

  await clickRow(app, 2);
  const a = rowSequence(app, 2);
  await urlCaughtUp(app);
  await clickRow(app, 5);
  const b = rowSequence(app, 5);
  await urlCaughtUp(app);
  await clickRow(app, 3, ['Control']);
  const c = rowSequence(app, 3);
  await urlCaughtUp(app);
  expect(selected()).toEqual([c, ...[b, c].sort((x, y) => x - y)]);
  expect(history.length).toBe(entries + 3); // one entry per new selection

  await userEvent.selectOptions(app.select, 'data:reuters');
  await expect.poll(() => dashboard.data?.classCount, { timeout: 20_000 }).toBe(5);
  await clickRow(app, 1);
  const r = rowSequence(app, 1);
  await urlCaughtUp(app);
  expect(new URL(location.href).searchParams.get('data')).toBe('reuters');

  // Restoring a state decodes it first (asynchronously): wait for what it draws, not for frames.
  const navigate = async (go: () => void, classCount: number) => {
    const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    go();
    await popped;
    await expect.poll(() => dashboard.data?.classCount, { timeout: 20_000 }).toBe(classCount);
    await settle();
  };
  await navigate(() => history.back(), 5); // before Reuters' own selection
  await expect.poll(selected, { timeout: 10_000 }).toEqual([0, 0]);
  await navigate(() => history.back(), 2); // IMDB as it was left
  expect(app.select.value).toBe('data:imdb');
  await expect.poll(selected, { timeout: 10_000 }).toEqual([c, ...[b, c].sort((x, y) => x - y)]);
  await navigate(() => history.back(), 2);
  await expect.poll(selected, { timeout: 10_000 }).toEqual([b, b]);
  await navigate(() => history.back(), 2);
  await expect.poll(selected, { timeout: 10_000 }).toEqual([a, a]);
  const tokens = () => [...app.root('sequence').querySelectorAll('[part~="token"]')].map((t) => t.textContent);
  await expect.poll(tokens, { timeout: 10_000 }).toEqual(dashboard.data!.tokensOf(a));
  await navigate(() => history.forward(), 2);
  await navigate(() => history.forward(), 2);
  await navigate(() => history.forward(), 5);
  await navigate(() => history.forward(), 5);
  expect(app.select.value).toBe('data:reuters');
  await expect.poll(selected, { timeout: 10_000 }).toEqual([r, r]);
  await expect.poll(tokens, { timeout: 10_000 }).toEqual(dashboard.data!.tokensOf(r));
  // Walking the history wrote none.
  expect(history.length).toBe(entries + 5); // a, b, b and c, Reuters, r
});

it('reports a malformed state in the alert, and opens the dataset as usual', async () => {
  const cases: [string, RegExp][] = [
    ['not*base64', /state: expected base64url text/],
    ['AAAA', /state: not a state this app wrote/],
    [
      await encodeState({
        bus: {
          format: 'statescope-bus',
          version: 1,
          stepCount: null,
          focus: -1,
          focusLength: 1,
          selection: { active: 7, sequences: [1, 2] },
          clauses: [],
          filters: { fadeCorrect: false, fadeWrong: false, classes: null },
          options: { colorMode: 'expected', distanceThreshold: 0.4, predictionThreshold: 0.3, units: null },
        },
        views: {},
      }),
      /snapshot\.selection\.active: expected one of the selected sequences, or -1/,
    ],
    [
      await encodeState({
        bus: {
          format: 'statescope-bus',
          version: 1,
          stepCount: null,
          focus: -1,
          focusLength: 1,
          selection: { active: 5000, sequences: [5000] },
          clauses: [],
          filters: { fadeCorrect: false, fadeWrong: false, classes: null },
          options: { colorMode: 'expected', distanceThreshold: 0.4, predictionThreshold: 0.3, units: null },
        },
        views: {},
      }),
      /snapshot\.selection\.sequences: sequence 5000 is not in this dataset \(1000 sequences\)/,
    ],
  ];
  for (const [text, message] of cases) {
    const app = await openStateApp(`${testPageUrl}?data=imdb&${STATE_PARAM}=${text}`);
    expect(app.alert.hidden).toBe(false);
    expect(app.alert.textContent).toMatch(/The dashboard state in the link was not restored/);
    expect(app.alert.textContent).toMatch(message);
    expect(app.dashboard.bus.activeSequence).toBe(0);
    expect([...app.dashboard.bus.selectedSequences]).toEqual([0]);
    // The URL now holds the state shown (the one a page opens in: no parameter), not the malformed one.
    expect(location.search).toBe('?data=imdb');
    app.unmount();
  }
});
