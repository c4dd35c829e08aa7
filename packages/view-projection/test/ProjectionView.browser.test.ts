import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { LinkBus } from '@statescope/bus';
import { encodeDatasetJson, type StateDataset } from '@statescope/core';
import { StepColors, sharedBus } from '@statescope/view-base';
import { ProjectionView } from '@statescope/view-projection';
import { activationColors } from '../src/activationColors.js';
import '@statescope/view-projection/define';
import { syntheticDataset } from './syntheticDataset.js';
import { drag } from '../../../test/browser/pointer.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

async function mount(data: StateDataset = syntheticDataset({ sequences: 30, length: 20 })) {
  const bus = new LinkBus();
  const view = document.createElement('hs-projection');
  view.style.cssText = 'width: 400px; height: 300px';
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  await nextFrame();
  view.renderNow();
  return { view, bus, data, overlay: view.shadowRoot!.querySelector('svg.overlay') as SVGSVGElement };
}

/** The canvas pixel under a step, as the RGBA word ImageData's Uint32Array holds. */
function pixelAt(view: ProjectionView, step: number): number {
  const canvas = view.shadowRoot!.querySelector('canvas')!;
  const [x, y] = view.screenPosition(step);
  const ratio = canvas.width / canvas.clientWidth;
  const rgba = canvas.getContext('2d')!.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data;
  return new Uint32Array(rgba.slice().buffer)[0];
}

afterEach(() => document.body.replaceChildren());

describe('<hs-projection> in Chromium', () => {
  it('a pointer drag brushes exactly the steps inside the rectangle, and Esc clears it', async () => {
    const { view, bus, data, overlay } = await mount();
    const from = { x: 60, y: 50 };
    const to = { x: 300, y: 190 };
    // Copies: the driver rewrites the positions it is given.
    await userEvent.dragAndDrop(overlay, overlay, { sourcePosition: { ...from }, targetPosition: { ...to } });
    const clause = bus.clause(view.source)!.steps;
    expect(clause).not.toBeNull();
    // The rectangle the brush drew: the pointer lands within a pixel of where it was sent.
    const drawn = view.shadowRoot!.querySelector('.brush .selection')!;
    const [left, top, width, height] = ['x', 'y', 'width', 'height'].map((a) => Number(drawn.getAttribute(a)));
    expect(Math.abs(left - from.x)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(top - from.y)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(left + width - to.x)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(top + height - to.y)).toBeLessThanOrEqual(1.5);
    let inside = 0;
    for (let step = 0; step < data.stepCount; step++) {
      const [x, y] = view.screenPosition(step);
      // Sub-pixel rounding decides only within half a pixel of an edge.
      const right = left + width;
      const bottom = top + height;
      const margin = Math.min(Math.abs(x - left), Math.abs(x - right), Math.abs(y - top), Math.abs(y - bottom));
      if (margin < 1e-3) continue;
      const expected = x >= left && x <= right && y >= top && y <= bottom;
      expect(clause!.has(step), `step ${step} at ${x}, ${y}`).toBe(expected);
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(10);
    expect(clause!.count()).toBeGreaterThanOrEqual(inside);

    await userEvent.keyboard('{Escape}');
    expect(bus.clause(view.source)).toBeNull();
  });

  it('a click on empty space clears the brush; a click on a point selects its sequence', async () => {
    const { view, bus, data, overlay } = await mount();
    await userEvent.dragAndDrop(overlay, overlay, {
      sourcePosition: { x: 60, y: 50 },
      targetPosition: { x: 300, y: 190 },
    });
    expect(bus.clause(view.source)).not.toBeNull();
    const step = 7 * 20 + 5;
    const [x, y] = view.screenPosition(step);
    await userEvent.click(overlay, { position: { x, y } });
    expect(bus.activeSequence).toBe(data.sequenceOf(view.stepAt(x, y)));
    expect(bus.clause(view.source)).not.toBeNull();
    let empty = { x: 0, y: 0 };
    for (let k = 0; k < 400 && view.stepAt(empty.x, empty.y) >= 0; k++)
      empty = { x: 40 + (k % 20) * 16, y: 60 + Math.floor(k / 20) * 8 };
    expect(view.stepAt(empty.x, empty.y)).toBe(-1);
    await userEvent.click(overlay, { position: { ...empty } });
    expect(bus.clause(view.source)).toBeNull();
  });

  it('hover focuses the nearest step and shows its tooltip', async () => {
    const { view, bus, data, overlay } = await mount();
    const [px, py] = view.screenPosition(123);
    const at = { x: px + 2, y: py + 1 };
    await userEvent.hover(overlay, { position: { ...at } });
    let nearest = -1;
    let best = Infinity;
    for (let step = 0; step < data.stepCount; step++) {
      const [x, y] = view.screenPosition(step);
      const d = Math.hypot(x - at.x, y - at.y);
      if (d < best) [best, nearest] = [d, step];
    }
    expect(bus.focus).toBe(nearest);
    const tooltip = view.shadowRoot!.querySelector('.tooltip') as HTMLElement;
    expect(tooltip.hidden).toBe(false);
    expect(tooltip.querySelector('.token')!.textContent).toBe(data.token(nearest));
    const ring = view.shadowRoot!.querySelector('.focus circle')!;
    expect(Number(ring.getAttribute('cx'))).toBeCloseTo(view.screenPosition(nearest)[0], 3);

    bus.setFocus(5, 'elsewhere'); // focus from another view is highlighted too
    expect(ring.getAttribute('data-step')).toBe('5');
  });

  it('the selected sequence’s trajectory starts and ends at its first and last states', async () => {
    const { view, bus, data } = await mount();
    bus.selectSequence(3, 'test');
    await nextFrame();
    await nextFrame();
    const trajectory = view.shadowRoot!.querySelector('g.trajectory[data-sequence="3"]')!;
    const start = trajectory.querySelector('circle.start')!;
    const end = trajectory.querySelector('circle.end')!;
    const [sx, sy] = view.screenPosition(data.offsets[3]);
    const [ex, ey] = view.screenPosition(data.offsets[4] - 1);
    expect(Number(start.getAttribute('cx'))).toBeCloseTo(sx, 3);
    expect(Number(start.getAttribute('cy'))).toBeCloseTo(sy, 3);
    expect(Number(end.getAttribute('cx'))).toBeCloseTo(ex, 3);
    expect(Number(end.getAttribute('cy'))).toBeCloseTo(ey, 3);
    expect(start.getAttribute('stroke')).toBe('rgb(110, 110, 110)');
    expect(trajectory.querySelectorAll('line.segment')).toHaveLength(19);

    bus.selectSequence(8, 'test', 'add'); // compared sequences are told apart by dashes
    view.renderNow();
    const other = view.shadowRoot!.querySelector('g.trajectory[data-sequence="3"] line.segment')!;
    expect(other.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(view.shadowRoot!.querySelector('g.trajectory.active')!.getAttribute('data-sequence')).toBe('8');
  });

  it('colour modes switch through the bus and the color-mode attribute', async () => {
    const { view, bus, data } = await mount(syntheticDataset({ sequences: 12, length: 10, classes: 3 }));
    const last = data.stepCount - 1; // drawn last, so its pixel is its own colour
    const legendTitle = () => view.shadowRoot!.querySelector('.legend-title')!.textContent;
    expect(pixelAt(view, last)).toBe(new StepColors(data, 'expected').packed()[last]);
    expect(legendTitle()).toBe('Expected prediction');
    bus.setOptions({ colorMode: 'true' }, 'test');
    view.renderNow();
    expect(pixelAt(view, last)).toBe(new StepColors(data, 'true').packed()[last]);
    expect(legendTitle()).toBe('True class');
    view.setAttribute('color-mode', 'predicted');
    view.renderNow();
    expect(pixelAt(view, last)).toBe(new StepColors(data, 'predicted').packed()[last]);
    expect(legendTitle()).toBe('Predicted class');
  });

  it('colours by the activation of a unit picked in the toolbar or on the bus, and gives the class modes back', async () => {
    const { view, bus, data } = await mount(syntheticDataset({ sequences: 12, length: 10 }));
    const root = view.shadowRoot!;
    const last = data.stepCount - 1;
    const layer = data.layer().name;
    const legendTitle = () => root.querySelector('.legend-title')!.textContent;
    const menu = root.querySelector<HTMLSelectElement>('select[aria-label="Colour points by"]')!;
    const unitInput = root.querySelector<HTMLInputElement>('input[aria-label="Unit"]')!;
    expect(unitInput.hidden).toBe(true);

    await userEvent.selectOptions(menu, 'activation');
    view.renderNow();
    expect(view.colorMode).toBe('activation');
    expect(bus.options.colorMode).toBe('expected'); // the other views keep their class colours
    expect(legendTitle()).toBe(`Activation of unit 0 (${layer}, h)`);
    expect(pixelAt(view, last)).toBe(activationColors(data, null).packed[last]);
    // The colour reads the sign: this synthetic model's unit 0 is the state's x.
    const [r, , b] = new Uint8Array(Uint32Array.of(pixelAt(view, last)).buffer);
    expect(data.layer().hidden[2 * last] > 0 ? r > b : b > r).toBe(true);
    expect(unitInput.hidden).toBe(false);
    expect(unitInput.value).toBe('0');

    await userEvent.fill(unitInput, '1');
    unitInput.dispatchEvent(new Event('change'));
    expect(bus.options.units).toEqual({ layer, state: 'hidden', units: [1] });
    view.renderNow();
    expect(legendTitle()).toBe(`Activation of unit 1 (${layer}, h)`);
    expect(pixelAt(view, last)).toBe(activationColors(data, bus.options.units).packed[last]);

    // A selection of several units (as the units view publishes it): their mean.
    unitInput.blur(); // (the field is left alone while it has the focus)
    bus.setOptions({ units: { layer, state: 'hidden', units: [0, 1] } }, 'units-view');
    view.renderNow();
    expect(legendTitle()).toBe(`Activation of 2 units (mean) (${layer}, h)`);
    const mean = (data.layer().hidden[2 * last] + data.layer().hidden[2 * last + 1]) / 2;
    expect(activationColors(data, bus.options.units).values[last]).toBeCloseTo(mean, 6);
    expect(pixelAt(view, last)).toBe(activationColors(data, bus.options.units).packed[last]);
    expect(unitInput.value).toBe('');

    await userEvent.selectOptions(menu, 'true');
    view.renderNow();
    expect(view.colorMode).toBeNull();
    expect(bus.options.colorMode).toBe('true');
    expect(pixelAt(view, last)).toBe(new StepColors(data, 'true').packed()[last]);
    expect(unitInput.hidden).toBe(true);
  });

  it('works from plain HTML with attributes: src, bus, color-mode', async () => {
    const data = syntheticDataset({ sequences: 10, length: 8 });
    const url = URL.createObjectURL(new Blob([JSON.stringify(encodeDatasetJson(data))], { type: 'application/json' }));
    document.body.innerHTML = `<hs-projection src="${url}" bus="html-page" color-mode="true" style="width:300px;height:200px"></hs-projection>`;
    const view = document.querySelector('hs-projection')!;
    expect(view).toBeInstanceOf(ProjectionView);
    await new Promise((resolve) => view.addEventListener('hs-load', resolve, { once: true }));
    view.renderNow();
    expect(view.data!.stepCount).toBe(80);
    expect(view.bus).toBe(sharedBus('html-page'));
    expect(view.shadowRoot!.querySelector('.legend-title')!.textContent).toBe('True class');
    expect(pixelAt(view, 79)).toBe(new StepColors(view.data!, 'true').packed()[79]);
    URL.revokeObjectURL(url);
  });

  it('computes a PCA when the data has no projection, and follows new coordinates', async () => {
    const data = syntheticDataset({ sequences: 6, length: 5, projection: null });
    const { view } = await mount(data);
    for (let k = 0; k < 100 && !data.projection('pca'); k++) await new Promise((r) => setTimeout(r, 10));
    expect(data.projection('pca')).toBeDefined();
    view.renderNow();
    expect(Number.isFinite(view.screenPosition(0)[0])).toBe(true);
    const moved = new Float32Array(2 * data.stepCount).map((_, k) => (k % 2 ? 1 : k));
    view.coordinates = moved;
    view.renderNow();
    const [x0, y0] = view.screenPosition(0);
    const [x1, y1] = view.screenPosition(data.stepCount - 1);
    expect(y0).toBeCloseTo(y1, 6); // every point on one horizontal line now
    expect(x1).toBeGreaterThan(x0);
  });

  it('a real pointer drag in lasso mode brushes the steps inside the path it traced', async () => {
    const { view, bus, data, overlay } = await mount();
    view.setAttribute('mode', 'lasso');
    const box = overlay.getBoundingClientRect();
    const polygon = [60, 50, 330, 80, 180, 240]; // a triangle, in view pixels
    const at = (k: number): [number, number] => [box.left + polygon[k], box.top + polygon[k + 1]];
    await drag(at(0), at(2), at(4));
    const clause = bus.clause(view.source)!.steps;
    expect(clause).not.toBeNull();
    const { pointInPolygon } = await import('../src/pointInPolygon.js');
    let inside = 0;
    let disagreements = 0;
    for (let step = 0; step < data.stepCount; step++) {
      const [x, y] = view.screenPosition(step);
      const expected = pointInPolygon(x, y, polygon);
      // The browser delivers whole-pixel positions: only points within a pixel of an edge may differ.
      if (clause.has(step) !== expected) disagreements++;
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(5);
    expect(disagreements).toBeLessThanOrEqual(2);
  });

  it('draws a lasso with Shift-drag and brushes the steps inside it', async () => {
    const { view, bus, data, overlay } = await mount();
    const box = overlay.getBoundingClientRect();
    const polygon = [80, 60, 320, 70, 200, 220]; // a triangle, in view pixels
    const send = (type: string, x: number, y: number) =>
      overlay.dispatchEvent(
        new PointerEvent(type, {
          clientX: box.left + x,
          clientY: box.top + y,
          shiftKey: true,
          bubbles: true,
          pointerId: 7,
          buttons: type === 'pointerup' ? 0 : 1,
        }),
      );
    send('pointerdown', polygon[0], polygon[1]);
    for (let k = 2; k < polygon.length; k += 2) send('pointermove', polygon[k], polygon[k + 1]);
    send('pointerup', polygon[4], polygon[5]);
    const clause = bus.clause(view.source)!.steps;
    expect(clause).not.toBeNull();
    const { pointInPolygon } = await import('../src/pointInPolygon.js');
    let inside = 0;
    for (let step = 0; step < data.stepCount; step++) {
      const [x, y] = view.screenPosition(step);
      const expected = pointInPolygon(x, y, polygon);
      expect(clause.has(step), `step ${step}`).toBe(expected);
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(5);
    expect(view.shadowRoot!.querySelector('path.lasso')!.getAttribute('d')).toMatch(/^M.*Z$/);
  });

  it('zooms with the wheel and a trackpad pinch about the pointer, and resets', async () => {
    const { view, overlay } = await mount();
    const before = view.screenPosition(10);
    const box = overlay.getBoundingClientRect();
    const wheel = (deltaY: number, ctrlKey = false) =>
      overlay.dispatchEvent(
        new WheelEvent('wheel', {
          deltaY,
          ctrlKey, // how a trackpad pinch arrives
          clientX: box.left + 200,
          clientY: box.top + 150,
          bubbles: true,
          cancelable: true,
        }),
      );
    wheel(-200);
    view.renderNow();
    const after = view.screenPosition(10);
    // The point under the pointer stays put; the others move away from it.
    expect(Math.hypot(after[0] - 200, after[1] - 150)).toBeGreaterThan(Math.hypot(before[0] - 200, before[1] - 150));
    const reset = view.shadowRoot!.querySelector('button[aria-label="Reset zoom"]') as HTMLButtonElement;
    reset.click();
    view.renderNow();
    wheel(-20, true); // a pinch zooms ten times faster than a wheel notch of the same delta
    view.renderNow();
    const pinched = view.screenPosition(10);
    expect(pinched[0]).toBeCloseTo(after[0], 3);
    expect(pinched[1]).toBeCloseTo(after[1], 3);
    reset.click();
    view.renderNow();
    expect(view.screenPosition(10)[0]).toBeCloseTo(before[0], 6);
    view.focus();
    await userEvent.keyboard('++{ArrowLeft}');
    view.renderNow();
    expect(view.screenPosition(10)[0]).not.toBeCloseTo(before[0], 1);
    await userEvent.keyboard('0');
    view.renderNow();
    expect(view.screenPosition(10)[0]).toBeCloseTo(before[0], 6);
  });

  it('pans with a real drag in pan mode (d3-zoom), brushing nothing', async () => {
    const { view, bus, overlay } = await mount();
    const before = view.screenPosition(10);
    const box = overlay.getBoundingClientRect();
    view.mode = 'pan';
    await drag([box.left + 100, box.top + 100], [box.left + 130, box.top + 120], [box.left + 160, box.top + 140]);
    view.renderNow();
    const after = view.screenPosition(10);
    expect(after[0] - before[0]).toBeCloseTo(60, 0);
    expect(after[1] - before[1]).toBeCloseTo(40, 0);
    expect(bus.brushSources).toEqual([]);
    expect(view.shadowRoot!.querySelector('button[aria-label="Pan"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('fades filtered sequences and steps outside other views’ brushes', async () => {
    const { view, bus, data } = await mount();
    const last = data.stepCount - 1;
    expect(pixelAt(view, last) >>> 24).toBe(255);
    bus.setFilters({ fadeCorrect: true, fadeWrong: true }, 'test');
    view.renderNow();
    expect(pixelAt(view, last) >>> 24).toBe(Math.round(0.15 * 255));
    bus.setFilters({ fadeCorrect: false, fadeWrong: false }, 'test');
    const { StepSet } = await import('@statescope/core');
    bus.brush('histogram', StepSet.of(data.stepCount, [0, 1, 2]));
    view.renderNow();
    expect(pixelAt(view, last) >>> 24).toBe(Math.round(0.15 * 255));
    bus.brush('histogram', StepSet.of(data.stepCount, [last]));
    view.renderNow();
    expect(pixelAt(view, last) >>> 24).toBe(255);
  });

  it('shows tokens and class names as text, never as markup', async () => {
    const data = syntheticDataset({ sequences: 4, length: 6 });
    const { StateDataset } = await import('@statescope/core');
    const hostile = new StateDataset({
      classes: ['<b>neg</b>', '<img src=x onerror=alert(1)>'],
      tokens: Array.from({ length: 4 }, (_, s) => data.tokensOf(s).map((t, k) => (k === 2 ? '<img src=x>' : t))),
      labels: data.labels,
      layers: data.layers,
      expectedPredictions: data.expectedPredictions,
      projections: { tsne: data.projection('tsne')! },
    });
    const { view, overlay } = await mount(hostile);
    const [x, y] = view.screenPosition(2);
    await userEvent.hover(overlay, { position: { x, y } });
    const shadow = view.shadowRoot!;
    expect(shadow.querySelector('.tooltip .token')!.textContent).toBe(hostile.token(view.bus.focus));
    expect(shadow.querySelectorAll('img, b')).toHaveLength(0);
    expect(shadow.querySelector('.legend')!.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('draws the same points with WebGL 2 when asked (here on SwiftShader), and back on Canvas 2D', async () => {
    const data = syntheticDataset({ sequences: 12, length: 10, classes: 3 });
    const { view } = await mount(data);
    expect(view.activeRenderer).toBe('canvas'); // auto: software WebGL is slower than splatting
    view.setAttribute('renderer', 'webgl');
    view.renderNow();
    expect(view.activeRenderer).toBe('webgl');
    const canvas = view.shadowRoot!.querySelector('canvas')!;
    const gl = canvas.getContext('webgl2')!;
    const last = data.stepCount - 1;
    const [x, y] = view.screenPosition(last);
    const rgba = new Uint8Array(4);
    gl.readPixels(Math.floor(x), canvas.height - 1 - Math.floor(y), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
    expect(new Uint32Array(rgba.buffer)[0]).toBe(new StepColors(data, 'expected').packed()[last]);
    gl.getExtension('WEBGL_lose_context')!.loseContext(); // the GPU goes away: Canvas 2D takes over
    for (let k = 0; k < 20 && view.activeRenderer === 'webgl'; k++) {
      await nextFrame();
      view.renderNow();
    }
    expect(view.activeRenderer).toBe('canvas');
    expect(pixelAt(view, last)).toBe(new StepColors(data, 'expected').packed()[last]);
    view.removeAttribute('renderer');
    view.setAttribute('renderer', 'canvas');
    view.renderNow();
    expect(view.activeRenderer).toBe('canvas');
    expect(pixelAt(view, last)).toBe(new StepColors(data, 'expected').packed()[last]);
  });
});
