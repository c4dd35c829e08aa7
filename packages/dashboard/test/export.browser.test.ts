// Export from the app's header: the selected (or brushed) sequences as CSV and JSON, the map as
// PNG and SVG, and "Copy link". Each download is caught at its <a download> click and its
// content read back: CSV parsed, JSON parsed, PNG and SVG decoded.
import { afterEach, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { SEQUENCE_HIDDEN, sequenceFilter } from '@statescope/bus';
import { sequencesOfSteps, type StateDataset } from '@statescope/core';
import type { ProjectionView } from '@statescope/view-projection';
import { clickAt } from '../../../test/browser/pointer.js';
import { STATE_PARAM, decodeState } from '../app/urlState.js';
import { brushMap, clickRow, reach, closeStateApp, openStateApp, settle } from './stateAppPage.js';

let stopCatching: (() => void) | null = null;

afterEach(() => {
  stopCatching?.();
  stopCatching = null;
  vi.restoreAllMocks();
  closeStateApp();
});

/** Catches the files the page saves: each `<a download>` click is stopped and its file kept. */
function catchDownloads() {
  const caught: { name: string; href: string }[] = [];
  const onClick = (event: MouseEvent) => {
    const link = (event.target as Element).closest?.('a[download]') as HTMLAnchorElement | null;
    if (!link) return;
    event.preventDefault(); // no file lands on the test machine
    caught.push({ name: link.download, href: link.href });
  };
  document.addEventListener('click', onClick, true);
  stopCatching = () => document.removeEventListener('click', onClick, true);
  /** Clicks a button and resolves with the file it saved. */
  return async (button: HTMLButtonElement): Promise<{ name: string; blob: Blob }> => {
    const before = caught.length;
    await clickAt(...reach(button));
    await expect.poll(() => caught.length, { timeout: 10_000 }).toBe(before + 1);
    const { name, href } = caught[before];
    expect(href).toMatch(/^blob:/); // an object URL
    return { name, blob: await (await fetch(href)).blob() };
  };
}

/** RFC 4180 parsing, written here independently of the app's writer: rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`a bare line break in an unquoted field at ${i}`);
    else field += c;
  }
  if (field !== '' || row.length) throw new Error('the last row does not end with CRLF');
  return rows;
}

/** A text cell as a spreadsheet must get it: a leading = + - @ would make a formula. */
const guarded = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** What the export must say of sequence s. */
function expected(data: StateDataset, s: number) {
  const last = data.offsets[s + 1] - 1;
  const p = data.classes.map((_, c) => data.expectedPredictions[last * data.classCount + c]);
  return {
    id: data.ids[s],
    trueLabel: data.classes[data.labels[s]],
    predictedLabel: data.classes[data.predictions[s]],
    p,
    correct: data.labels[s] === data.predictions[s],
    text: data.tokensOf(s).join(' '),
  };
}

function expectCsvRows(csv: string, data: StateDataset, sequences: number[]) {
  const [header, ...rows] = parseCsv(csv);
  expect(header).toEqual([
    'index',
    'id',
    'true label',
    'predicted label',
    ...data.classes.map((c) => `final p(${c})`),
    'correct',
    'text',
  ]);
  expect(rows.map((row) => Number(row[0]))).toEqual(sequences);
  rows.forEach((row, i) => {
    const want = expected(data, sequences[i]);
    const p = row.slice(4, 4 + data.classCount).map(Number);
    expect(row.slice(1, 4)).toEqual([guarded(want.id), guarded(want.trueLabel), guarded(want.predictedLabel)]);
    p.forEach((value, c) => expect(value).toBeCloseTo(want.p[c], 5));
    expect(row.slice(4 + data.classCount)).toEqual([String(want.correct), guarded(want.text)]);
  });
}

it('saves the selected sequences as CSV and JSON, with their labels, predictions and text', async () => {
  const app = await openStateApp('?data=imdb');
  const data = app.dashboard.data!;
  const download = catchDownloads();
  // Sequences whose text holds a comma and a quote, so that the CSV must quote and escape.
  const tricky = [...Array(data.sequenceCount).keys()].filter((s) => {
    const text = data.tokensOf(s).join(' ');
    return text.includes(',') && text.includes('"');
  });
  // And one whose text starts as a spreadsheet formula would (a review opening with "-").
  const formula = [...Array(data.sequenceCount).keys()].find((s) => /^[=+\-@]/.test(data.token(data.offsets[s])));
  expect(tricky.length).toBeGreaterThan(0);
  expect(formula).toBeDefined();
  await clickRow(app, 1);
  await clickRow(app, 3, ['Control']);
  // Added as a Ctrl-click on their rows would.
  app.dashboard.bus.selectSequence(tricky[0], 'test', 'add').selectSequence(formula!, 'test', 'add');
  await settle();
  const selected = [...app.dashboard.bus.selectedSequences];
  expect(selected).toHaveLength(4);
  const scope = app.actions.querySelector('select')!;
  expect(scope.value).toBe('selected');
  expect(scope.selectedOptions[0].textContent).toBe('4 sequences selected');

  const csv = await download(app.button('Sequences as CSV'));
  expect(csv.name).toBe('imdb-selected-4.csv');
  expect(csv.blob.type).toBe('text/csv;charset=utf-8');
  const text = await csv.blob.text();
  expect(text).toMatch(/"[^"]*"".*""[^"]*"/); // a quoted field with doubled quotes
  expect(text).toMatch(/,"?'[-=+@]/); // a guarded formula
  expectCsvRows(text, data, selected);

  const json = await download(app.button('Sequences as JSON'));
  expect(json.name).toBe('imdb-selected-4.json');
  const parsed = JSON.parse(await json.blob.text());
  expect(parsed.classes).toEqual([...data.classes]);
  expect(parsed.exported).toBe('selected');
  expect(parsed.sequences.map((r: { index: number }) => r.index)).toEqual(selected);
  parsed.sequences.forEach((record: any, i: number) => {
    const want = expected(data, selected[i]);
    expect(record).toMatchObject({
      id: want.id,
      trueLabel: want.trueLabel,
      predictedLabel: want.predictedLabel,
      correct: want.correct,
      text: want.text, // JSON needs no guard: it is not opened as a spreadsheet
    });
    data.classes.forEach((name, c) => expect(record.finalExpectedPrediction[name]).toBeCloseTo(want.p[c], 5));
  });
  expect(app.actions.querySelector('output')!.textContent).toBe('Saved imdb-selected-4.json');
});

it('with nothing selected, saves the brushed sequences', async () => {
  const app = await openStateApp('?data=imdb');
  const data = app.dashboard.data!;
  const download = catchDownloads();
  await brushMap(app, [0.4, 0.4], [0.55, 0.55]);
  // Esc in the table clears the selection.
  app.root('table').querySelector<HTMLElement>('[role="grid"]')!.focus();
  await userEvent.keyboard('{Escape}');
  await settle();
  expect(app.dashboard.bus.selectedSequences).toHaveLength(0);
  const bus = app.dashboard.bus;
  const hidden = sequenceFilter(data, bus.filters);
  const brushed = [...sequencesOfSteps(data, bus.brushed()!).toArray()].filter((s) => hidden[s] !== SEQUENCE_HIDDEN);
  expect(brushed.length).toBeGreaterThan(3);
  const scope = app.actions.querySelector('select')!;
  expect(scope.value).toBe('brushed');
  expect(scope.selectedOptions[0].textContent).toBe(`${brushed.length} sequences brushed`);

  const csv = await download(app.button('Sequences as CSV'));
  expect(csv.name).toBe(`imdb-brushed-${brushed.length}.csv`);
  expectCsvRows(await csv.blob.text(), data, brushed);
  const json = JSON.parse(await (await download(app.button('Sequences as JSON'))).blob.text());
  expect(json.exported).toBe('brushed');
  expect(json.sequences.map((r: { index: number }) => r.index)).toEqual(brushed);
});

/** The RGBA pixels of an image. */
async function pixelsOf(blob: Blob): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return {
    width: bitmap.width,
    height: bitmap.height,
    data: context.getImageData(0, 0, bitmap.width, bitmap.height).data,
  };
}

it('saves the map as a PNG of its points with the trajectories drawn on top', async () => {
  const app = await openStateApp('?data=imdb');
  const download = catchDownloads();
  await clickRow(app, 2);
  await clickRow(app, 6, ['Control']);
  const canvas = app.root('map').querySelector('canvas')!;
  const png = await download(app.button('Map as PNG'));
  expect(png.name).toBe('imdb-map.png');
  expect(png.blob.type).toBe('image/png');
  const image = await pixelsOf(png.blob);
  expect([image.width, image.height]).toEqual([canvas.width, canvas.height]);

  // Not blank: the points cover much of it, in more than one colour.
  const [r0, g0, b0] = image.data; // a corner: the background
  let drawn = 0;
  const colours = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i], image.data[i + 1], image.data[i + 2]];
    if (r !== r0 || g !== g0 || b !== b0) drawn++;
    colours.add((r << 16) | (g << 8) | b);
  }
  expect(drawn).toBeGreaterThan(image.width * image.height * 0.02);
  expect(colours.size).toBeGreaterThan(20);

  // The overlay is on top: pixels the points canvas alone does not have, along the trajectories.
  const points = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let overlaid = 0;
  for (let i = 0; i < points.length; i += 4) {
    const opaquePoint = points[i + 3] === 255;
    if (opaquePoint && (points[i] !== image.data[i] || points[i + 1] !== image.data[i + 1])) overlaid++;
  }
  expect(overlaid).toBeGreaterThan(200);
});

it('saves the points of a WebGL map too, frames after it drew them', async () => {
  const app = await openStateApp('?data=imdb');
  const download = catchDownloads();
  app.view('map').setAttribute('renderer', 'webgl');
  await settle();
  // Headless Chromium has WebGL 2 in software; where a browser has none the map draws on Canvas 2D.
  expect((app.view('map') as ProjectionView).activeRenderer).toBe('webgl');
  await settle(10); // frames pass: a WebGL drawing buffer may be cleared once composited
  const image = await pixelsOf((await download(app.button('Map as PNG'))).blob);
  const colours = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) {
    colours.add((image.data[i] << 16) | (image.data[i + 1] << 8) | image.data[i + 2]);
  }
  expect(colours.size).toBeGreaterThan(20);
});

it('saves the map as an SVG: its trajectories and labels as vectors over the points as an embedded PNG', async () => {
  const app = await openStateApp('?data=imdb');
  const download = catchDownloads();
  await clickRow(app, 2);
  await clickRow(app, 6, ['Control']);
  const selected = [...app.dashboard.bus.selectedSequences].map(String);
  const map = app.root('map');
  const canvas = map.querySelector('canvas')!;
  const box = canvas.getBoundingClientRect();

  const file = await download(app.button('Map as SVG'));
  expect(file.name).toBe('imdb-map.svg');
  expect(file.blob.type).toBe('image/svg+xml');
  const svg = new DOMParser().parseFromString(await file.blob.text(), 'image/svg+xml');
  expect(svg.querySelector('parsererror')).toBeNull();
  const root = svg.documentElement;
  expect(root.localName).toBe('svg');
  expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
  expect([Number(root.getAttribute('width')), Number(root.getAttribute('height'))]).toEqual([box.width, box.height]);
  expect(root.querySelector('title')!.textContent).toMatch(/IMDB/);

  // The trajectories, one per selected sequence, with the colours the view's stylesheet gave them.
  const trajectories = [...root.querySelectorAll('.trajectories [data-sequence]')];
  expect(trajectories.map((t) => t.getAttribute('data-sequence')).sort()).toEqual([...selected].sort());
  const segments = root.querySelectorAll('.trajectories line.segment');
  expect(segments.length).toBe(map.querySelectorAll('.trajectories line.segment').length);
  expect(segments.length).toBeGreaterThan(10);
  const labels = [...root.querySelectorAll('text.jump')].map((t) => t.textContent);
  expect(labels.length).toBeGreaterThan(0);
  expect(labels).toEqual([...map.querySelectorAll('text.jump')].map((t) => t.textContent));
  for (const label of root.querySelectorAll('text.jump')) {
    expect(label.getAttribute('stroke')).toBe('rgb(255, 255, 255)'); // the halo, from the stylesheet
  }
  // Nothing that only serves the gestures, nothing hidden.
  expect(root.querySelector('.brush .overlay, .brush .handle, [style], [cursor]')).toBeNull();

  // The points: an embedded PNG of the canvas.
  const image = root.querySelector('image')!;
  const href = image.getAttribute('href')!;
  expect(href).toMatch(/^data:image\/png;base64,/);
  const points = await pixelsOf(await (await fetch(href)).blob());
  expect([points.width, points.height]).toEqual([canvas.width, canvas.height]);
  expect(points.data.some((v, i) => i % 4 === 3 && v > 0)).toBe(true);
});

it('copies a link that holds the dashboard state, and says so', async () => {
  const app = await openStateApp('?data=imdb');
  await clickRow(app, 3);
  await brushMap(app, [0.3, 0.3], [0.5, 0.5]);
  const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
  // At once, before the URL has caught up by itself.
  await clickAt(...reach(app.button('Copy link')));
  await expect.poll(() => writeText.mock.calls.length).toBe(1);
  const link = new URL(writeText.mock.calls[0][0]);
  expect(link.searchParams.get('data')).toBe('imdb');
  expect(await decodeState(link.searchParams.get(STATE_PARAM)!)).toEqual(app.app.captureState());
  const said = app.actions.querySelector('output')!;
  expect(said.textContent).toBe('Link copied');
  expect(said.checkVisibility()).toBe(true);
});
