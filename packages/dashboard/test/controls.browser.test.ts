// The dashboard app's view controls and projection menu, used as a person uses them (pointer,
// keyboard, native selects) on the IMDB demo, each checked on what the view it drives draws.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { DEFAULT_OPTIONS } from '@statescope/bus';
import { pca } from '@statescope/projection';
import { centre, clickAt } from '../../../test/browser/pointer.js';
import { expectNoSeriousViolations } from '../../../test/support/axe.js';
import { openApp, settle, type AppPage } from './appUnderTest.js';

const fixture = new URL('../../core/test/fixtures/numpy/manifest.json', import.meta.url).href;

/** A native control of the page by its visible name (its label's text), as a person finds it. */
function control<T extends HTMLSelectElement | HTMLInputElement = HTMLSelectElement>(name: string): T {
  const label = [...document.querySelectorAll('header label')].find(
    (candidate) =>
      candidate.textContent?.replace(/\s+/g, ' ').trim().startsWith(name) && candidate.querySelector('select, input'),
  );
  const found = label?.querySelector<T>('select, input');
  if (!found) throw new Error(`no control named "${name}"`);
  expect(found.labels?.[0]).toBe(label);
  return found;
}

/** The views the controls drive. */
const shadow = (app: AppPage, index: number) => app.dashboard.views[index].shadowRoot!;
const OVERVIEW = 0;
const TABLE = 1;
const TOKENS = 3;
const HEATMAP = 4;
const HISTOGRAM = 5;

async function choose(name: string, value: string): Promise<void> {
  await userEvent.selectOptions(control(name), value);
  await settle();
}

async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'nearest' });
  await clickAt(...centre(element));
  await settle();
}

async function press(key: string): Promise<void> {
  await userEvent.keyboard(`{${key}}`);
  await settle();
}

/** Every status the line shows from now on, text by text. */
function recordStatus(output: HTMLOutputElement): { texts: string[]; stop: () => void } {
  const texts: string[] = [output.value];
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) texts.push(node.textContent ?? '');
    }
  });
  observer.observe(output, { childList: true, characterData: true, subtree: true });
  return { texts, stop: () => observer.disconnect() };
}

describe('the view controls', () => {
  let app: AppPage;
  beforeAll(async () => {
    await page.viewport(1600, 1000);
    app = await openApp('?data=imdb');
  }, 60_000);
  afterAll(() => app.close());

  it('each has a visible text name, and axe finds nothing serious in the controls', async () => {
    const controls = [
      ...document.querySelectorAll<HTMLInputElement>(
        '#view-controls :is(select, input), #projection-controls :is(select, input)',
      ),
    ];
    expect(controls.length).toBeGreaterThanOrEqual(15);
    for (const element of controls) {
      const label = element.labels?.[0];
      expect(label?.textContent?.trim(), element.outerHTML).toBeTruthy();
      expect(label!.getBoundingClientRect().width).toBeGreaterThan(0);
    }
    await expectNoSeriousViolations({ context: { include: [['#view-controls'], ['#projection-controls']] } });
  });

  it('colour mode: publishes the bus option the views draw by, and follows the map menu', async () => {
    const map = app.map.shadowRoot!;
    const legendTitle = () => map.querySelector('.legend-title')?.textContent;
    const tokenColour = () => getComputedStyle(shadow(app, TOKENS).querySelector('[part~="token"]')!).backgroundColor;
    const expected = tokenColour();
    expect(legendTitle()).toMatch(/expected/i);

    await choose('Colour by', 'true');
    expect(app.dashboard.bus.options.colorMode).toBe('true');
    expect(legendTitle()).toMatch(/true class/i);
    expect(map.querySelector<HTMLSelectElement>('[part="toolbar"] select')!.value).toBe('true');
    expect(tokenColour()).not.toBe(expected);

    // The map's own colour menu changes the shared option: the control shows it.
    await userEvent.selectOptions(map.querySelector<HTMLSelectElement>('[part="toolbar"] select')!, 'predicted');
    await settle();
    expect(control('Colour by').value).toBe('predicted');
    await choose('Colour by', 'expected');
    expect(tokenColour()).toBe(expected);
  });

  it('heatmap: selected sequences, or the mean by position aligned at the start or the end', async () => {
    const heading = () => shadow(app, HEATMAP).querySelector('[part~="heading"]')?.textContent ?? '';
    expect(heading()).not.toMatch(/mean/i);
    expect(control('Align').disabled).toBe(true); // alignment is for the aggregate only

    await choose('Heatmap', 'aggregate');
    expect(app.dashboard.views[HEATMAP].getAttribute('mode')).toBe('aggregate');
    expect(heading()).toMatch(/^Mean expected prediction per position over .*aligned at the start/);
    expect(control('Align').disabled).toBe(false);
    await choose('Align', 'end');
    expect(heading()).toMatch(/aligned at the end/);

    await choose('Heatmap', 'sequence');
    expect(heading()).not.toMatch(/mean/i);
    expect(control('Align').disabled).toBe(true);
    await choose('Heatmap', 'aggregate');
    expect(heading()).toMatch(/aligned at the end/); // the alignment chosen stays
    await choose('Heatmap', 'sequence');
  });

  it('histogram: the selected sequence per step, or the distribution of every distance', async () => {
    const root = shadow(app, HISTOGRAM);
    const distanceAxis = () => root.querySelectorAll('g.x-ticks text').length;
    const brushable = () => root.querySelector('g.brush rect.overlay');
    expect(brushable()).toBeNull();

    await choose('Histogram', 'distribution');
    expect(app.dashboard.views[HISTOGRAM].getAttribute('mode')).toBe('distribution');
    expect(distanceAxis()).toBeGreaterThanOrEqual(2);
    expect(brushable()).not.toBeNull();

    await choose('Histogram', 'steps');
    expect(brushable()).toBeNull();
  });

  it('trajectory colour and width: the active trajectory drawn by time, in widths by time or distance', async () => {
    const segments = () => [
      ...app.map.shadowRoot!.querySelectorAll<SVGLineElement>(
        '.trajectory.active line.segment, [data-sequence="0"] line.segment',
      ),
    ];
    const grey = (line: SVGLineElement) => {
      const [r, g, b] = getComputedStyle(line).stroke.match(/\d+/g)!.map(Number);
      return r === g && g === b;
    };
    const widths = () => segments().map((line) => Number(line.getAttribute('stroke-width')));
    expect(segments().length).toBeGreaterThan(10);
    expect(segments().every(grey)).toBe(false); // the expected prediction: pinks and greens

    await choose('Trajectory colour', 'time');
    expect(segments().every(grey)).toBe(true);
    const shade = (line: SVGLineElement) => Number(getComputedStyle(line).stroke.match(/\d+/)![0]);
    expect(shade(segments()[0])).toBeGreaterThan(shade(segments().at(-1)!)); // light grey to black

    expect(new Set(widths())).toEqual(new Set([2]));
    await choose('Trajectory width', 'time');
    expect(widths()[0]).toBeLessThan(1.2);
    expect(widths().at(-1)).toBeGreaterThan(3.8);
    await choose('Trajectory width', 'distance');
    expect(new Set(widths()).size).toBeGreaterThan(5);

    await choose('Trajectory colour', 'expected');
    await choose('Trajectory width', 'constant');
    expect(segments().every(grey)).toBe(false);
    expect(new Set(widths())).toEqual(new Set([2]));
  });

  it('point size: larger points cover more of the map, auto is the size the map picks by count', async () => {
    const covered = () => {
      const canvas = app.map.shadowRoot!.querySelector('canvas')!;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
      return count;
    };
    const auto = covered();
    await choose('Point size', '3');
    expect(app.map.pointSize).toBe(3);
    const three = covered();
    expect(three).toBe(auto); // 96,617 points: the map's own choice is 3 px
    await choose('Point size', '1');
    expect(covered()).toBeLessThan(0.5 * three);
    // Larger points fill the gaps at the edges of the clusters (their middles are covered already).
    await choose('Point size', '8');
    expect(covered()).toBeGreaterThan(1.1 * three);
    await choose('Point size', '');
    expect(app.map.pointSize).toBeNull();
    expect(covered()).toBe(auto);
  });

  it('jump labels: on and off, and placed at the state after or before the jump', async () => {
    const jumps = () => [...app.map.shadowRoot!.querySelectorAll('text.jump')];
    expect(jumps().length).toBeGreaterThan(0);
    for (const label of jumps())
      expect(Number(label.getAttribute('data-step'))).toBe(Number(label.getAttribute('data-from')) + 1);

    await choose('Labels at', 'before');
    expect(jumps().length).toBeGreaterThan(0);
    for (const label of jumps()) expect(label.getAttribute('data-step')).toBe(label.getAttribute('data-from'));

    await click(control<HTMLInputElement>('Jump labels'));
    expect(app.map.labels).toBe('none');
    expect(jumps()).toHaveLength(0);
    expect(control('Labels at').disabled).toBe(true);
    await click(control<HTMLInputElement>('Jump labels'));
    expect(jumps().length).toBeGreaterThan(0);
    await choose('Labels at', 'after');
  });

  it('distance threshold: moves the histogram line and the jumps on the map; follows the line when dragged by key', async () => {
    const slider = () => shadow(app, HISTOGRAM).querySelector('g.threshold')!;
    const distanceJumps = () => app.map.shadowRoot!.querySelectorAll('text.jump[data-reasons~="distance"]').length;
    const range = control<HTMLInputElement>('Distance threshold');
    expect(range.type).toBe('range');
    expect(range.value).toBe(String(DEFAULT_OPTIONS.distanceThreshold));

    await click(range); // the middle of the slider: 0.5
    await press('End');
    expect(app.dashboard.bus.options.distanceThreshold).toBe(1);
    expect(slider().getAttribute('aria-valuenow')).toBe('1.00');
    expect(range.labels![0].querySelector('output')!.value).toBe('1.00');
    expect(distanceJumps()).toBe(0);
    await press('Home');
    expect(app.dashboard.bus.options.distanceThreshold).toBe(0);
    expect(slider().getAttribute('aria-valuenow')).toBe('0.00');
    expect(distanceJumps()).toBeGreaterThan(0);

    // The histogram's own line, moved by its arrow keys: the control shows the new value.
    (slider() as SVGGElement).focus();
    await press('PageUp');
    expect(app.dashboard.bus.options.distanceThreshold).toBeCloseTo(0.1);
    expect(range.value).toBe('0.1');
    expect(range.labels![0].querySelector('output')!.value).toBe('0.10');
    app.dashboard.bus.setOptions({ distanceThreshold: DEFAULT_OPTIONS.distanceThreshold }, 'test');
    await settle();
  });

  it('prediction threshold: the heatmap marks the steps whose expected prediction changes by more', async () => {
    const marks = () => shadow(app, HEATMAP).querySelectorAll('rect.jump').length;
    const atDefault = marks();
    const range = control<HTMLInputElement>('Prediction threshold');
    await click(range);
    await press('Home');
    expect(app.dashboard.bus.options.predictionThreshold).toBe(0);
    const all = marks();
    expect(all).toBeGreaterThan(atDefault);
    await press('End');
    expect(app.dashboard.bus.options.predictionThreshold).toBe(1);
    expect(marks()).toBe(0);
    app.dashboard.bus.setOptions({ predictionThreshold: DEFAULT_OPTIONS.predictionThreshold }, 'test');
    await settle();
    expect(range.value).toBe(String(DEFAULT_OPTIONS.predictionThreshold));
    expect(marks()).toBe(atDefault);
  });

  it('fades: correct or misclassified sequences faded in the table; the overview and the controls agree', async () => {
    const faded = () => shadow(app, TABLE).querySelectorAll('[role="rowgroup"] [role="row"].faded').length;
    const overviewBox = (text: string) =>
      [...shadow(app, OVERVIEW).querySelectorAll('label')]
        .find((l) => l.textContent?.trim() === text)!
        .querySelector('input')!;
    expect(faded()).toBe(0);

    await click(control<HTMLInputElement>('Fade correct'));
    expect(app.dashboard.bus.filters.fadeCorrect).toBe(true);
    expect(faded()).toBeGreaterThan(0);
    expect(overviewBox('fade correct').checked).toBe(true);

    // The overview's own checkbox: the control follows.
    await click(overviewBox('fade misclassified'));
    expect(control<HTMLInputElement>('Fade misclassified').checked).toBe(true);
    await click(control<HTMLInputElement>('Fade misclassified'));
    await click(control<HTMLInputElement>('Fade correct'));
    expect(app.dashboard.bus.filters).toMatchObject({ fadeCorrect: false, fadeWrong: false });
    expect(faded()).toBe(0);
  });

  it('after a dataset switch, every control shows the state of the new dataset', async () => {
    await click(control<HTMLInputElement>('Fade correct'));
    await choose('Heatmap', 'aggregate');
    await choose('Colour by', 'predicted');
    expect(control<HTMLInputElement>('Fade correct').checked).toBe(true);

    await userEvent.selectOptions(app.find<HTMLSelectElement>('#dataset'), 'data:reuters');
    await vi.waitFor(() => expect(app.dashboard.data?.classCount).toBe(5), { timeout: 30_000 });
    await settle();
    const bus = app.dashboard.bus;
    // The new dataset starts on a fresh bus: the controls show its filters and options.
    expect(control<HTMLInputElement>('Fade correct').checked).toBe(bus.filters.fadeCorrect);
    expect(control<HTMLInputElement>('Fade misclassified').checked).toBe(bus.filters.fadeWrong);
    expect(control('Colour by').value).toBe(bus.options.colorMode);
    expect(control<HTMLInputElement>('Distance threshold').value).toBe(String(bus.options.distanceThreshold));
    expect(control('Heatmap').value).toBe(app.dashboard.views[HEATMAP].getAttribute('mode') ?? 'sequence');
    expect(bus.filters.fadeCorrect).toBe(false);
    // And they drive the views on the new bus.
    await click(control<HTMLInputElement>('Fade correct'));
    expect(app.dashboard.bus.filters.fadeCorrect).toBe(true);
  }, 60_000);
});

describe('the projection menu and the in-tab t-SNE', () => {
  let app: AppPage;
  beforeAll(async () => {
    await page.viewport(1600, 1000);
    app = await openApp('?data=imdb');
  }, 60_000);
  afterAll(() => app.close());

  const STEPS = [0, 517, 4096, 60_000];
  const positions = () => STEPS.map((step) => app.map.screenPosition(step));
  const optionTexts = () => [...app.find<HTMLSelectElement>('#projection').options].map((option) => option.text);

  it('lists the stored projections and shows the one chosen; switching back restores its coordinates', async () => {
    const menu = control('Projection');
    expect(optionTexts()).toEqual(['pca', 'tsne']);
    expect(menu.value).toBe('tsne');
    const tsne = positions();

    await choose('Projection', 'pca');
    expect(app.map.projection).toBe('pca');
    expect(positions()).not.toEqual(tsne);
    const pcaPositions = positions();

    await choose('Projection', 'tsne');
    expect(app.map.projection).toBe('tsne');
    expect(positions()).toEqual(tsne);
    await choose('Projection', 'pca');
    expect(positions()).toEqual(pcaPositions);
    await choose('Projection', 'tsne');
  });

  it('Run becomes Stop with a progress line from the first second; Stop keeps the stored projection', async () => {
    const run = app.find<HTMLButtonElement>('#run-tsne');
    const status = app.find<HTMLOutputElement>('#tsne-status');
    const stored = positions();
    expect(run.textContent).toBe('Run t-SNE');
    const recorded = recordStatus(status);

    await click(run);
    expect(run.textContent).toBe('Stop');
    // Above 50,000 states: a t-SNE of a random sample, the others placed on it afterwards.
    expect(status.value).toMatch(/^t-SNE of 19,000 sampled states \(of 96,617\): preparing… 0 s$/);
    expect(control('Projection').selectedOptions[0].text).toBe('tsne-p30 (running…)');
    // The line moves on while the worker prepares the sampled states.
    const sampled = /^t-SNE of 19,000 sampled states \(of 96,617\): (preparing… [1-9]\d* s|iteration \d+ of 750, KL)/;
    await vi.waitFor(() => expect(status.value).toMatch(sampled), {
      timeout: 5000,
      interval: 50,
    });

    await click(run);
    recorded.stop();
    expect(run.textContent).toBe('Run t-SNE');
    expect(status.value).toMatch(/^stopped( at iteration \d+ of 750)? after \d+ s$/);
    expect(app.map.coordinates).toBeNull();
    expect(control('Projection').value).toBe('tsne');
    expect(optionTexts()).toEqual(['pca', 'tsne']); // nothing half-done was added
    await settle();
    expect(positions()).toEqual(stored);
    for (const text of recorded.texts) expect(text).not.toMatch(/NaN|undefined/);
  });

  it('Stop during the iterations (Reuters): the map, which followed the layout, shows the stored projection again', async () => {
    await userEvent.selectOptions(app.find<HTMLSelectElement>('#dataset'), 'data:reuters');
    await vi.waitFor(() => expect(app.dashboard.data?.classCount).toBe(5), { timeout: 30_000 });
    await settle();
    const run = app.find<HTMLButtonElement>('#run-tsne');
    const status = app.find<HTMLOutputElement>('#tsne-status');
    const stored = positions();
    const recorded = recordStatus(status);
    await click(run);
    await vi.waitFor(
      () => expect(status.value).toMatch(/^iteration [1-9]\d* of 750, KL \d+\.\d\d, \d+ s elapsed, about /),
      {
        timeout: 30_000,
        interval: 20,
      },
    );
    expect(app.map.coordinates).not.toBeNull(); // the map follows the layout as it forms
    expect(recorded.texts.some((text) => /^iteration 0 of 750, KL —/.test(text))).toBe(true);

    await click(run);
    recorded.stop();
    expect(status.value).toMatch(/^stopped at iteration [1-9]\d* of 750 after \d+ s$/);
    expect(app.map.coordinates).toBeNull();
    expect(control('Projection').value).toBe('tsne');
    await settle();
    expect(positions()).toEqual(stored);
    for (const text of recorded.texts) expect(text).not.toMatch(/NaN|undefined/);
    // No stray report after the stop.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(status.value).toMatch(/^stopped at iteration/);
  }, 60_000);
});

describe('the in-tab t-SNE on a small dataset', () => {
  let app: AppPage;
  beforeAll(async () => {
    await page.viewport(1600, 1000);
    app = await openApp(`?src=${encodeURIComponent(fixture)}`);
  }, 60_000);
  afterAll(() => app.close());

  it('offers PCA where the dataset has none, computes it once chosen, and lists it as computed here', async () => {
    expect(optionTextsOf(app)).toEqual(['tsne', 'pca (compute here)']);
    const tsne = app.map.screenPosition(5);
    await choose('Projection', 'pca');
    await vi.waitFor(() => expect(app.map.projection).toBe('pca'));
    await settle();
    expect(optionTextsOf(app)).toEqual(['tsne', 'pca (computed here)']);
    expect(control('Projection').value).toBe('pca');
    const { hidden, dim } = app.dashboard.data!.layer();
    expect(app.dashboard.data!.projection('pca')).toEqual(await pca(hidden, { dim, worker: false }));
    expect(app.map.screenPosition(5)).not.toEqual(tsne);
    await choose('Projection', 'tsne');
    expect(app.map.screenPosition(5)).toEqual(tsne);
  });

  it('a run to its end: iteration 0 says KL —, never NaN; the result is listed and the stored ones stay reachable', async () => {
    const status = app.find<HTMLOutputElement>('#tsne-status');
    const tsne = app.map.screenPosition(5);
    const recorded = recordStatus(status);
    await click(app.find('#run-tsne'));
    await vi.waitFor(() => expect(status.value).toMatch(/^\d+ states in \d+ s: tsne-p30$/), {
      timeout: 20_000,
      interval: 20,
    });
    recorded.stop();
    const progress = recorded.texts.filter((text) => text.startsWith('iteration'));
    expect(progress[0]).toMatch(/^iteration 0 of 750, KL —, \d+ s elapsed, estimating time left$/);
    expect(progress.some((text) => /KL \d+\.\d\d, \d+ s elapsed, about \d+ s left$/.test(text))).toBe(true);
    for (const text of recorded.texts) expect(text).not.toMatch(/NaN|undefined/);

    expect(app.map.projection).toBe('tsne-p30');
    expect(app.map.coordinates).toBeNull();
    expect(optionTextsOf(app)).toEqual(['tsne', 'pca (computed here)', 'tsne-p30 (computed here)']);
    expect(control('Projection').value).toBe('tsne-p30');
    expect(app.find('#run-tsne').textContent).toBe('Run t-SNE');
    await choose('Projection', 'tsne');
    expect(app.map.screenPosition(5)).toEqual(tsne);
  });
});

function optionTextsOf(app: AppPage): string[] {
  return [...app.find<HTMLSelectElement>('#projection').options].map((option) => option.text);
}
