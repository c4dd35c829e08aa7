import { afterEach, describe, expect, it, vi } from 'vitest';
import '@statescope/dashboard/define';
import type { ProjectionView } from '@statescope/view-projection';
import { DashboardApp } from '../app/DashboardApp.js';
import { TsneControl } from '../app/TsneControl.js';
import { hiddenStatesVis } from './hiddenStatesVis.js';

// The app's page logic in Chromium: real fetches from the test server, real File objects, real
// drop and change events, the real <hs-dashboard>.
const listUrl = new URL('./fixtures/datasets.json', import.meta.url);
// A file, not a folder: Vite rewrites `new URL(literal, import.meta.url)`, and folders come out wrong.
const manifestUrl = new URL('../../core/test/fixtures/numpy/manifest.json', import.meta.url);
const pageUrl = location.href;

let app: DashboardApp | null = null;

afterEach(() => {
  app?.destroy();
  app = null;
  document.body.replaceChildren();
  history.replaceState(history.state, '', pageUrl);
});

function mount() {
  document.body.innerHTML = `
    <select id="dataset"></select>
    <input id="files" type="file" multiple accept=".json,.bin,.npy,.npz" />
    <output id="status"></output>
    <select id="perplexity"><option value="30">30</option></select>
    <button id="run" type="button">Run</button>
    <output id="tsne-status"></output>
    <div id="alert"></div>
    <hs-dashboard></hs-dashboard>`;
  const find = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
  const parts = {
    dashboard: find<HTMLElementTagNameMap['hs-dashboard']>('hs-dashboard'),
    select: find<HTMLSelectElement>('#dataset'),
    fileInput: find<HTMLInputElement>('#files'),
    alert: find<HTMLElement>('#alert'),
    status: find<HTMLElement>('#status'),
    dropTarget: document.documentElement,
  };
  const tsne = new TsneControl({
    dashboard: parts.dashboard,
    perplexity: find('#perplexity'),
    run: find('#run'),
    status: find('#tsne-status'),
  });
  app = new DashboardApp(parts, { onSwitch: () => tsne.reset() });
  return { ...parts, app, tsne, runButton: find<HTMLButtonElement>('#run'), tsneStatus: find('#tsne-status') };
}

/** Starts the app on the fixture list, as if the page had been opened with `query`. */
async function started(query = '') {
  const page = mount();
  await page.app.start(new URL(query, pageUrl), listUrl);
  return page;
}

const jsonFile = (name: string, json: unknown) => new File([JSON.stringify(json)], name, { type: 'application/json' });

async function fixtureFiles(...names: string[]): Promise<File[]> {
  return Promise.all(
    names.map(async (name) => new File([await (await fetch(new URL(name, manifestUrl))).arrayBuffer()], name)),
  );
}

function drop(files: File[], on: Element = document.body) {
  const dataTransfer = new DataTransfer();
  for (const file of files) dataTransfer.items.add(file);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    on.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true, composed: true }));
  }
}

function pick(input: HTMLInputElement, files: File[]) {
  const dataTransfer = new DataTransfer();
  for (const file of files) dataTransfer.items.add(file);
  input.files = dataTransfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const optionLabels = (select: HTMLSelectElement) => [...select.options].map((option) => option.textContent);

/** The tokens the dashboard's input-sequence view draws. */
function shownTokens(dashboard: HTMLElementTagNameMap['hs-dashboard']) {
  const sequence = dashboard.views[3].shadowRoot!;
  return [...sequence.querySelectorAll('[role="button"]')].map((token) => token.textContent);
}

describe('the dashboard app', () => {
  it('lists datasets.json (src relative to the list) and shows the first one', async () => {
    const { select, dashboard, alert } = await started();
    expect(optionLabels(select)).toEqual(['NumPy fixture', 'A file that is not there']);
    expect(select.value).toBe('data:numpy');
    expect(dashboard.data?.tokensOf(0)).toEqual(['oil', 'prices', 'rose', '.']);
    await vi.waitFor(() => expect(shownTokens(dashboard)).toEqual(['oil', 'prices', 'rose', '.']));
    expect(new URL(location.href).searchParams.get('data')).toBe('numpy');
    expect(alert.hidden).toBe(true);
  });

  it('shows a dropped hiddenStatesVis JSON, on a reset bus, and adds it to the list', async () => {
    const { select, dashboard } = await started();
    const old = dashboard.bus;
    dashboard.bus.selectSequence(2, 'test', 'replace').selectSequence(1, 'test', 'add').setFocus(7, 'test');
    dashboard.bus.setFilters({ fadeWrong: true }, 'test').setOptions({ colorMode: 'predicted' }, 'test');

    drop([
      jsonFile(
        'tiny-model.json',
        hiddenStatesVis([
          ['a', 'dull', 'film'],
          ['loved', 'it'],
        ]),
      ),
    ]);
    expect(document.documentElement.hasAttribute('data-dropping')).toBe(false);
    await vi.waitFor(() => expect(select.value).toBe('file:tiny-model.json'));

    expect(optionLabels(select)).toEqual(['NumPy fixture', 'A file that is not there', 'tiny-model.json (opened)']);
    expect(dashboard.data?.classes).toEqual(['negative', 'positive']);
    await vi.waitFor(() => expect(shownTokens(dashboard)).toEqual(['a', 'dull', 'film']));
    // The old dataset's selection, focus and filters are gone; the view options stay.
    expect(dashboard.bus).not.toBe(old);
    expect(dashboard.bus.activeSequence).toBe(0);
    expect([...dashboard.bus.selectedSequences]).toEqual([0]);
    expect(dashboard.bus.focus).toBe(-1);
    expect(dashboard.bus.filters.fadeWrong).toBe(false);
    expect(dashboard.bus.options.colorMode).toBe('predicted');
    expect(dashboard.views.every((view) => view.bus === dashboard.bus)).toBe(true);
    // No URL can name a dropped file. (The URL is written once the state of the dataset left has
    // been encoded into its own history entry: a moment after the switch.)
    await vi.waitFor(() => {
      const params = new URL(location.href).searchParams;
      expect(params.has('data') || params.has('src') || params.has('state')).toBe(false);
    });
  });

  it('reports a broken dropped file with its place and keeps the dataset shown and selected', async () => {
    const { select, dashboard, alert } = await started();
    const shown = dashboard.data;
    const broken = hiddenStatesVis([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    (broken.hiddenStates[1][0] as unknown[])[2] = 'NaN';

    drop([jsonFile('broken.json', broken)]);
    await vi.waitFor(() => expect(alert.hidden).toBe(false));

    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('broken.json');
    expect(alert.textContent).toContain(
      'field "hiddenStates", sequence 1, step 0: value 2 is NaN; values must be finite numbers',
    );
    expect(dashboard.data).toBe(shown);
    expect(select.value).toBe('data:numpy');
    expect(optionLabels(select)).not.toContain('broken.json (opened)');
    expect(shownTokens(dashboard)).toEqual(['oil', 'prices', 'rose', '.']);
    expect(new URL(location.href).searchParams.get('data')).toBe('numpy');

    alert.querySelector('button')!.click(); // Dismiss
    expect(alert.hidden).toBe(true);
    expect(alert.textContent).toBe('');
  });

  it('opens a manifest picked together with its .npz and .npy files', async () => {
    const { fileInput, select, dashboard, alert } = mount();
    await app!.start(new URL(pageUrl), new URL('./fixtures/no-such-list.json', import.meta.url));
    pick(fileInput, await fixtureFiles('manifest.json', 'states.npz', 'outputs.npz', 'tsne.npy'));
    await vi.waitFor(() => expect(select.value).toBe('file:manifest.json'));
    expect(optionLabels(select)).toEqual(['manifest.json (opened)']);
    expect(dashboard.data?.layer('lstm').hidden[7]).toBe(Math.fround(Math.sin(0.7 * 1 + 0.3 * 2))); // from states.npz
    expect(dashboard.data?.projection('tsne')![17]).toBe(8.25); // from tsne.npy
    await vi.waitFor(() => expect(shownTokens(dashboard)).toEqual(['oil', 'prices', 'rose', '.']));
    expect(alert.hidden).toBe(true);
    expect(fileInput.value).toBe(''); // the same files can be picked again
  });

  it('names the file to add when a manifest comes without its companion', async () => {
    const { fileInput, select, dashboard, alert } = await started();
    const shown = dashboard.data;
    pick(fileInput, await fixtureFiles('manifest.json', 'outputs.npz', 'tsne.npy'));
    await vi.waitFor(() => expect(alert.hidden).toBe(false));
    // The file name is isolated (FSI ... PDI): a right-to-left name cannot reorder the message.
    expect(alert.textContent).toMatch(
      /\u2068manifest\.json\u2069: field "layers\[0\]\.hidden": refers to "states\.npz"/,
    );
    expect(alert.textContent).toContain('open "states.npz" together with "manifest.json"');
    expect(dashboard.data).toBe(shown);
    expect(select.value).toBe('data:numpy');
  });

  it('says what to open when only arrays are dropped', async () => {
    const { alert } = await started();
    drop(await fixtureFiles('states.npz'));
    await vi.waitFor(() => expect(alert.hidden).toBe(false));
    expect(alert.textContent).toContain("states.npz: no .json among them; open the dataset's .json");
  });

  it('reports an unknown ?data= id instead of showing another dataset', async () => {
    const { select, dashboard, alert, status } = await started('?data=nope');
    expect(alert.textContent).toContain('no dataset "nope"; available: numpy, gone');
    expect(dashboard.data).toBeNull();
    expect(select.value).toBe('');
    expect(status.textContent).toMatch(/^Choose a dataset/);
  });

  it('loads the listed dataset ?data= names, and reports its failed load', async () => {
    const { select, alert } = await started('?data=gone');
    expect(alert.textContent).toMatch(
      /Could not load \u2068A file that is not there\u2069: .*no-such-dataset\.json: HTTP 404/,
    );
    expect(select.value).toBe('');
  });

  it('loads ?src= URLs into the list under their file names and shows the first', async () => {
    const { select, dashboard, alert } = await started(`?src=${encodeURIComponent(manifestUrl.href)}`);
    expect(alert.hidden).toBe(true);
    expect(optionLabels(select)).toEqual(['NumPy fixture', 'A file that is not there', 'manifest.json']);
    expect(select.value).toBe(`src:${manifestUrl.href}`);
    expect(dashboard.data?.sequenceCount).toBe(3);
    expect(new URL(location.href).searchParams.get('src')).toBe(manifestUrl.href);
  });

  it('keeps the shown dataset when choosing one that fails to load', async () => {
    const { select, dashboard, alert } = await started();
    const shown = dashboard.data;
    select.value = 'data:gone';
    select.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(alert.hidden).toBe(false));
    expect(alert.textContent).toMatch(/no-such-dataset\.json: HTTP 404/);
    expect(select.value).toBe('data:numpy');
    expect(dashboard.data).toBe(shown);
  });

  it('works without datasets.json: an empty list that asks for a file', async () => {
    const { select, alert, status, dashboard } = mount();
    await app!.start(new URL(pageUrl), new URL('./fixtures/no-such-list.json', import.meta.url));
    expect(alert.hidden).toBe(true);
    expect(select.disabled).toBe(true);
    expect(status.textContent).toMatch(/^Open a file to begin/);
    expect(dashboard.data).toBeNull();
  });

  it('highlights the page while files are dragged over it', () => {
    mount();
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(jsonFile('x.json', {}));
    const drag = (type: string, on: Element) =>
      on.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true }));
    const html = document.documentElement;
    drag('dragenter', document.body);
    drag('dragenter', document.querySelector('hs-dashboard')!); // moving onto a child...
    drag('dragleave', document.body); // ...leaves the parent
    expect(html.hasAttribute('data-dropping')).toBe(true);
    drag('dragleave', document.querySelector('hs-dashboard')!);
    expect(html.hasAttribute('data-dropping')).toBe(false);
  });

  it('stops a running t-SNE when another dataset is shown, and runs one to the end', async () => {
    const { dashboard, tsne, runButton, tsneStatus } = await started();
    const map = dashboard.views[2] as ProjectionView;
    const texts = Array.from({ length: 30 }, (_, s) => Array.from({ length: 8 }, (_, t) => `w${s}-${t}`));
    drop([jsonFile('bigger.json', hiddenStatesVis(texts))]);
    await vi.waitFor(() => expect(dashboard.data?.sequenceCount).toBe(30));

    await tsne.run();
    expect(tsneStatus.textContent).toMatch(/^240 states in/);
    expect(map.projection).toBe('tsne-p30');
    expect(dashboard.data?.projection('tsne-p30')).toHaveLength(480);

    const running = tsne.run();
    await vi.waitFor(() => expect(tsneStatus.textContent).toMatch(/^iteration/), { timeout: 5000, interval: 5 });
    expect(runButton.textContent).toBe('Stop'); // Run becomes Stop while it runs
    dashboard.parentElement!.querySelector('select')!.value = 'data:numpy';
    dashboard.parentElement!.querySelector('select')!.dispatchEvent(new Event('change'));
    await running;
    expect(dashboard.data?.sequenceCount).toBe(3);
    expect(tsneStatus.textContent).toBe('stopped');
    expect(runButton.textContent).toBe('Run t-SNE');
    expect(map.coordinates).toBeNull();
    expect(map.projection).toBeNull(); // the new dataset's own projection, not the old one's tsne-p30
  });
});
