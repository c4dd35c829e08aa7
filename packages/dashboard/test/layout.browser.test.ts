// The dashboard app's layout at the window sizes people use: every view that answers a hover in
// sight together from 1366x768 up, the map growing with the window, every view following a live
// resize, and one column on a narrow screen with the linked views adjacent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { openApp, settle, type AppPage } from './appUnderTest.js';

/** The views in the order of the narrow column, with their place in `dashboard.views`. */
const COLUMN_ORDER = [
  ['map', 2],
  ['tokens', 3],
  ['heatmap', 4],
  ['histogram', 5],
  ['table', 1],
  ['overview', 0],
] as const;

let app: AppPage;

beforeAll(async () => {
  await page.viewport(1600, 1000);
  app = await openApp('?data=imdb');
}, 60_000);

afterAll(() => app.close());

/** Sets the window size and waits until the views have redrawn at it. */
async function resize(width: number, height: number): Promise<void> {
  await page.viewport(width, height);
  await settle(6);
}

const box = (element: Element) => element.getBoundingClientRect();
/** The panel (section) around a view. */
const panelOf = (view: Element) => view.closest('section')!;
const mapCanvas = () => app.map.shadowRoot!.querySelector('canvas')!;

/** The part of the box outside the window, in pixels on each side (all 0 when inside). */
function outside(rect: DOMRect): { left: number; top: number; right: number; bottom: number } {
  return {
    left: Math.max(0, -rect.left),
    top: Math.max(0, -rect.top),
    right: Math.max(0, Math.ceil(rect.right) - innerWidth),
    bottom: Math.max(0, Math.ceil(rect.bottom) - innerHeight),
  };
}
const INSIDE = { left: 0, top: 0, right: 0, bottom: 0 };

describe('the dashboard app at desktop sizes', () => {
  it.each([
    [1366, 768],
    [1600, 1000],
    [2560, 1440],
  ])('at %ix%i every linked view is in the window, the page does not scroll', async (width, height) => {
    await resize(width, height);
    expect([innerWidth, innerHeight]).toEqual([width, height]);
    expect(document.documentElement.scrollHeight).toBeLessThanOrEqual(height);
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(width);
    for (const [name, index] of COLUMN_ORDER) {
      const view = app.dashboard.views[index];
      // The panel of every view is wholly in sight, and so is every view but the overview,
      // which scrolls inside its panel when its facts are longer than the panel is high; what it
      // answers with (the class bars and the confusion matrix) comes first and stays in sight.
      expect({ name, ...outside(box(panelOf(view))) }).toEqual({ name, ...INSIDE });
      if (name !== 'overview') expect({ name, ...outside(box(view)) }).toEqual({ name, ...INSIDE });
      else for (const chart of view.shadowRoot!.querySelectorAll('svg')) expect(outside(box(chart))).toEqual(INSIDE);
      expect(box(view).width, name).toBeGreaterThan(200);
      expect(box(view).height, name).toBeGreaterThan(100);
    }
    // The table shows rows: its body is fitted to what its panel leaves it, at least four rows.
    const rows = app.dashboard.views[1].shadowRoot!.querySelectorAll('[role="rowgroup"] [role="row"]');
    const visible = [...rows].filter((row) => {
      const r = box(row);
      return r.top >= box(panelOf(app.dashboard.views[1])).top && r.bottom <= height;
    });
    expect(visible.length).toBeGreaterThanOrEqual(4);
    // ... and fills it: the table ends where its panel does (less the panel's padding).
    const gap = box(panelOf(app.dashboard.views[1])).bottom - box(app.dashboard.views[1]).bottom;
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(12);
  });

  it('the map grows with the window: far larger at 2560x1440 than at 1366x768, its canvas at its size', async () => {
    await resize(1366, 768);
    const small = box(mapCanvas());
    await resize(2560, 1440);
    const large = box(mapCanvas());
    expect(large.width).toBeGreaterThan(1.6 * small.width);
    expect(large.height).toBeGreaterThan(1.6 * small.height);
    expect(large.height).toBeGreaterThan(700); // not a fixed height
    // The canvas draws at its new size (device pixels), not a stretched old bitmap.
    expect(mapCanvas().width).toBe(Math.round(large.width * devicePixelRatio));
    expect(mapCanvas().height).toBe(Math.round(large.height * devicePixelRatio));
  });

  it('every view follows a live resize of the window: the map in both directions, the others in width', async () => {
    await resize(1600, 1000);
    const widthOf = (index: number) => {
      const svgs = [...app.dashboard.views[index].shadowRoot!.querySelectorAll('svg')];
      return Math.max(...svgs.map((svg) => svg.getBoundingClientRect().width));
    };
    const before = {
      canvas: [mapCanvas().width, mapCanvas().height],
      heatmap: widthOf(4),
      histogram: widthOf(5),
      overview: widthOf(0),
      table: box(app.dashboard.views[1]).width,
    };
    await resize(1366, 900);
    // The map's canvas is redrawn at the new size, both ways.
    const canvas = box(mapCanvas());
    expect(mapCanvas().width).toBe(Math.round(canvas.width * devicePixelRatio));
    expect(mapCanvas().height).toBe(Math.round(canvas.height * devicePixelRatio));
    expect(mapCanvas().width).toBeLessThan(before.canvas[0]);
    expect(mapCanvas().height).toBeLessThan(before.canvas[1]);
    // Heatmap, histogram and overview draw their SVGs at their new, narrower width.
    expect(widthOf(4)).toBeLessThan(before.heatmap);
    expect(widthOf(5)).toBeLessThan(before.histogram);
    expect(widthOf(0)).toBeLessThan(before.overview);
    expect(box(app.dashboard.views[1]).width).toBeLessThan(before.table);
    for (const index of [4, 5]) {
      expect(widthOf(index)).toBeLessThanOrEqual(box(app.dashboard.views[index]).width + 1);
    }

    // Only taller: the map alone redraws at its new height, the others keep their drawing.
    const narrowHeatmap = widthOf(4);
    await resize(1366, 1000);
    const taller = box(mapCanvas());
    expect(taller.height).toBeGreaterThan(canvas.height);
    expect(mapCanvas().height).toBe(Math.round(taller.height * devicePixelRatio));
    expect(widthOf(4)).toBe(narrowHeatmap);
  });
});

describe('the dashboard app on a narrow screen', () => {
  it('at 800x1000 it is one column: map, tokens, heatmap, histogram, table, overview, each as wide as the page', async () => {
    await resize(800, 1000);
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(800);
    let bottom = -Infinity;
    for (const [name, index] of COLUMN_ORDER) {
      const panel = box(panelOf(app.dashboard.views[index]));
      expect(panel.top, `${name} below the one before`).toBeGreaterThanOrEqual(bottom);
      // Adjacent: no more than the gap between panels between them.
      if (bottom > -Infinity) expect(panel.top - bottom, name).toBeLessThan(20);
      expect(panel.width, name).toBeGreaterThan(700);
      expect(box(app.dashboard.views[index]).height, name).toBeGreaterThan(80);
      bottom = panel.bottom;
    }
    // Settled: nothing keeps resizing (the table keeps the height its own rows give its panel).
    const table = app.dashboard.views[1] as (typeof app.dashboard.views)[1] & { height: number | null };
    const [height, page] = [table.height, document.documentElement.scrollHeight];
    await settle(10);
    expect([table.height, document.documentElement.scrollHeight]).toEqual([height, page]);
    // The map keeps a usable size and its canvas draws at it.
    const canvas = box(mapCanvas());
    expect(canvas.height).toBeGreaterThanOrEqual(280);
    expect(mapCanvas().width).toBe(Math.round(canvas.width * devicePixelRatio));
    // The tokens follow the map at once: a hover on the map and its answer in the tokens are close.
    expect(box(panelOf(app.dashboard.views[3])).top - box(mapCanvas()).bottom).toBeLessThan(40);
  });

  it('back to a wide window: three columns again, all in sight', async () => {
    await resize(800, 1000);
    await resize(1366, 768);
    const map = box(panelOf(app.map));
    const tokens = box(panelOf(app.dashboard.views[3]));
    const overview = box(panelOf(app.dashboard.views[0]));
    expect(tokens.left).toBeGreaterThan(map.right);
    expect(overview.left).toBeGreaterThan(tokens.right);
    expect(outside(map)).toEqual(INSIDE);
    expect(document.documentElement.scrollHeight).toBeLessThanOrEqual(768);
  });
});

describe('the tools under the columns (hidden units, nearest states)', () => {
  it('are bars until opened; open, they share the width below the columns, the map keeps its room', async () => {
    await resize(1600, 1000);
    const [units, neighbors] = [app.dashboard.views[6], app.dashboard.views[7]];
    const table = box(panelOf(app.dashboard.views[1]));
    for (const bar of [box(panelOf(units)), box(panelOf(neighbors))]) {
      expect(bar.top).toBeGreaterThanOrEqual(table.bottom);
      expect(bar.height).toBeLessThan(40);
      expect(outside(bar)).toEqual(INSIDE);
    }
    const closedMap = box(mapCanvas()).height;
    const left = box(panelOf(app.map)).left;
    const right = box(panelOf(app.dashboard.views[0])).right;

    panelOf(units)
      .querySelector('h2 button')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await settle(6);
    const open = box(panelOf(units));
    expect(open.left).toBeLessThanOrEqual(left);
    expect(open.width).toBeGreaterThan(0.8 * (right - left)); // the closed tool beside it is just its heading
    expect(open.height).toBeGreaterThan(300);
    expect(outside(open)).toEqual(INSIDE);
    expect(document.documentElement.scrollHeight).toBeLessThanOrEqual(1000);
    // The table gives up rows; the map keeps a usable height.
    expect(box(mapCanvas()).height).toBeGreaterThan(Math.min(250, closedMap));

    app.dashboard.neighborsOpen = true;
    await settle(6);
    const [both, beside] = [box(panelOf(units)), box(panelOf(neighbors))];
    expect(beside.left).toBeGreaterThan(both.right);
    expect(beside.right).toBeLessThanOrEqual(right + 1);
    expect(both.width).toBeGreaterThan(beside.width); // the units get the larger share
    expect(outside(beside)).toEqual(INSIDE);

    app.dashboard.unitsOpen = false;
    app.dashboard.neighborsOpen = false;
    await settle(6);
    expect(box(mapCanvas()).height).toBe(closedMap);
  });
});
