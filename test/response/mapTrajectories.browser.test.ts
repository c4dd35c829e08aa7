// The map with many selected sequences, its jump labels and its colours, in Chromium: at most
// twelve trajectories with a pager for the rest (selected from code and by a confusion-matrix cell
// of the overview), labels that never overlap on the Reuters demo, and one colour per class (the
// expected-prediction scale ends in the class colours, on the canvas and in the legend).
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { LinkBus } from '@statescope/bus';
import { loadDataset, type StateDataset } from '@statescope/core';
import { CLASS_COLORS, StepColors, packRgba } from '@statescope/view-base';
import type { ProjectionView } from '@statescope/view-projection';
import '@statescope/view-projection/define';
import { centre, clickAt, moveTo, nextFrame } from '../browser/pointer.js';
import { chooseColorMode, clickRow, mountLinked, settle, unmountAll, type Linked } from './responseHarness.js';

afterEach(unmountAll);

const map = (linked: Linked) => linked.views.map as unknown as ProjectionView;

/** The sequences whose trajectories the map draws, in drawing order. */
function drawnSequences(root: ShadowRoot): number[] {
  return [...root.querySelectorAll('g.trajectory')].map((g) => Number(g.getAttribute('data-sequence')));
}

function pager(root: ShadowRoot) {
  const panel = root.querySelector<HTMLElement>('[part="pager"]')!;
  const button = (name: string) => [...panel.querySelectorAll('button')].find((b) => b.textContent === name)!;
  return { panel, more: panel.querySelector('.more')!, previous: button('Previous'), next: button('Next') };
}

/** The canvas pixel (RGBA word) under a step. */
function pixelAt(view: ProjectionView, step: number): number {
  const canvas = view.shadowRoot!.querySelector('canvas')!;
  const [x, y] = view.screenPosition(step);
  const ratio = canvas.width / canvas.clientWidth;
  const rgba = canvas.getContext('2d')!.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data;
  return new Uint32Array(rgba.slice().buffer)[0];
}

/** Hue in degrees of an RGBA word (little-endian: red in the low byte). */
function hue(word: number): number {
  const [r, g, b] = [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff];
  return (Math.atan2(Math.sqrt(3) * (g - b), 2 * r - g - b) * 180) / Math.PI;
}

function intersects(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

describe('many selected sequences', () => {
  it('draws twelve trajectories with the active one, says "+28 more" and pages with Previous and Next', async () => {
    const linked = await mountLinked();
    const root = linked.root('map');
    const selected = Array.from({ length: 40 }, (_, k) => 3 + 17 * k); // ascending; the first is active
    linked.bus.setSelection(selected, 'test');
    await settle();
    const active = selected[0];
    expect(drawnSequences(root)).toEqual([...selected.slice(1, 12), active]); // the active one on top
    expect(root.querySelector('g.trajectory.active')!.getAttribute('data-sequence')).toBe(String(active));
    const { panel, more, previous, next } = pager(root);
    expect(panel.hidden).toBe(false);
    expect(more.textContent).toBe('+28 more');
    expect(previous.getAttribute('aria-disabled')).toBe('true');
    // Ids and jump words placed without overlaps, and off the panels over the map.
    const labels = [...root.querySelectorAll('.labels text')];
    expect(root.querySelectorAll('.labels text.sequence-id').length).toBeGreaterThan(3);
    const panels = ['toolbar', 'legend', 'pager'].map((part) =>
      root.querySelector(`[part="${part}"]`)!.getBoundingClientRect(),
    );
    labels.forEach((label, i) => {
      const box = label.getBoundingClientRect();
      for (const other of labels.slice(i + 1)) expect(intersects(box, other.getBoundingClientRect())).toBe(false);
      for (const panel of panels) expect(intersects(box, panel), label.textContent!).toBe(false);
    });

    await clickAt(...centre(next));
    await settle();
    expect(drawnSequences(root)).toEqual([...selected.slice(12, 23), active]);
    expect(more.textContent).toBe('+28 more');
    expect(previous.getAttribute('aria-disabled')).toBe('false');
    await clickAt(...centre(next));
    await clickAt(...centre(next));
    await settle();
    expect(drawnSequences(root)).toEqual([...selected.slice(34), active]); // the last six
    expect(more.textContent).toBe('+33 more');
    expect(next.getAttribute('aria-disabled')).toBe('true');
    await clickAt(...centre(next)); // nothing further
    await settle();
    expect(drawnSequences(root)).toEqual([...selected.slice(34), active]);
    await clickAt(...centre(previous));
    await settle();
    expect(drawnSequences(root)).toEqual([...selected.slice(23, 34), active]);

    // Every selected sequence's points stay at full strength, drawn or not; the rest are muted.
    const view = map(linked);
    for (const sequence of selected) {
      for (let step = linked.data.offsets[sequence]; step < linked.data.offsets[sequence + 1]; step += 9) {
        expect(pixelAt(view, step) >>> 24, `step ${step} of sequence ${sequence}`).toBe(255);
      }
    }
    const alphas = new Set<number>();
    for (let sequence = 0; sequence < 60; sequence++) {
      if (!selected.includes(sequence)) alphas.add(pixelAt(view, linked.data.offsets[sequence]) >>> 24);
    }
    expect(alphas).toContain(Math.round(0.4 * 255));

    // A selection of twelve or fewer needs no pager.
    linked.bus.setSelection(selected.slice(0, 12), 'test');
    await settle();
    expect(drawnSequences(root)).toHaveLength(12);
    expect(panel.hidden).toBe(true);
  });

  it('a confusion-matrix cell of 86 sequences draws 12 in one frame; a Ctrl-click adds one and shows it', async () => {
    const linked = await mountLinked();
    const { data } = linked;
    const root = linked.root('map');
    const C = data.classCount;
    const perCell = new Array<number>(C * C).fill(0);
    for (let s = 0; s < data.sequenceCount; s++) perCell[data.labels[s] * C + data.predictions[s]]++;
    // The largest cell under 100 sequences with more than twelve (IMDB: true negative, predicted positive).
    const index = perCell.reduce((best, n, i) => (n > 12 && n < 100 && n > (perCell[best] ?? 0) ? i : best), -1);
    expect(index).toBeGreaterThanOrEqual(0);
    const count = perCell[index];
    const cell = linked.root('overview').querySelectorAll('g.cell')[index];
    cell.scrollIntoView({ block: 'center' });
    await clickAt(...centre(cell.querySelector('rect.shade')!));
    expect(linked.bus.selectedSequences.length).toBe(count);
    // Drawn in the frame after the click: all twelve trajectories, the pager saying the rest.
    await nextFrame();
    expect(drawnSequences(root)).toHaveLength(12);
    expect(drawnSequences(root)).toContain(linked.bus.activeSequence);
    expect(pager(root).more.textContent).toBe(`+${count - 12} more`);

    // The map's whole redraw of this selection (points, twelve trajectories, labels, layout) is
    // well within a frame's budget on a slow machine (86 trajectories took 1.2 s): the median of
    // three redraws, so that one pause of a loaded machine does not decide.
    const view = map(linked);
    const cellSelection = linked.bus.selectedSequences;
    const times: number[] = [];
    for (let k = 0; k < 3; k++) {
      linked.bus.clearSelection('test');
      view.renderNow();
      linked.bus.setSelection(cellSelection, 'test');
      const start = performance.now();
      view.renderNow();
      root.querySelector('svg.overlay')!.getBoundingClientRect(); // and its layout
      times.push(performance.now() - start);
      expect(drawnSequences(root)).toHaveLength(12);
    }
    expect(times.sort((a, b) => a - b)[1]).toBeLessThan(200);

    // A Ctrl-click on a point of another sequence adds it: it becomes active and is drawn.
    const [sequence, x, y] = clickablePointOutside(view, data, new Set(linked.bus.selectedSequences));
    const box = root.querySelector('svg.overlay')!.getBoundingClientRect();
    await clickAt(box.left + x, box.top + y, ['Control']);
    await settle();
    expect(linked.bus.activeSequence).toBe(sequence);
    expect(linked.bus.selectedSequences.length).toBe(count + 1);
    expect(drawnSequences(root)).toHaveLength(12);
    expect(drawnSequences(root).at(-1)).toBe(sequence);
    expect(pager(root).more.textContent).toBe(`+${count + 1 - 12} more`);
  });
});

/**
 * A sequence outside `selected` and a whole-pixel map position where a click finds it (within a
 * pixel around it too, so that where the pointer lands does not matter).
 */
function clickablePointOutside(view: ProjectionView, data: StateDataset, selected: Set<number>): number[] {
  const at = (x: number, y: number) => {
    const step = view.stepAt(x, y);
    return step < 0 ? -1 : data.sequenceOf(step);
  };
  for (let step = 0; step < data.stepCount; step++) {
    const sequence = data.sequenceOf(step);
    if (selected.has(sequence)) continue;
    const [px, py] = view.screenPosition(step);
    const [x, y] = [Math.round(px), Math.round(py)];
    if (x < 100 || y < 100 || x > 400 || y > 400) continue; // clear of the panels
    if ([-1, 0, 1].every((dx) => [-1, 0, 1].every((dy) => at(x + dx, y + dy) === sequence))) return [sequence, x, y];
  }
  throw new Error('no clickable point outside the selection');
}

describe('jump labels on the Reuters demo', () => {
  it('never overlap each other or the panels, and keep the most important jump', async () => {
    const data = await loadDataset(new URL('../../data/reuters.json', import.meta.url).href);
    const bus = new LinkBus();
    const { distanceThreshold, predictionThreshold } = bus.options;
    const distances = data.normalizedStepDistances();
    const changes = data.expectedPredictionChanges();
    const classes = data.stepClasses();
    const jumpsOf = (s: number) => {
      const jumps: number[] = [];
      for (let t = data.offsets[s]; t + 1 < data.offsets[s + 1]; t++) {
        if (distances[t] > distanceThreshold || changes[t] > predictionThreshold || classes[t + 1] !== classes[t]) {
          jumps.push(t);
        }
      }
      return jumps;
    };
    let sequence = 0;
    for (let s = 1; s < data.sequenceCount; s++) if (jumpsOf(s).length > jumpsOf(sequence).length) sequence = s;
    const jumps = jumpsOf(sequence);
    expect(jumps.length).toBeGreaterThan(23);
    // Class changes first of all, then the largest distance or prediction change.
    const importance = (t: number) => (classes[t + 1] !== classes[t] ? 2 : 0) + Math.max(distances[t], changes[t]);
    const mostImportant = jumps.reduce((best, t) => (importance(t) > importance(best) ? t : best));

    await page.viewport(1600, 1000);
    const view = document.createElement('hs-projection');
    view.style.width = '560px';
    view.style.height = '560px';
    view.bus = bus;
    view.data = data;
    document.body.append(view);
    await settle();
    bus.selectSequence(sequence, 'test');
    await settle();

    const root = view.shadowRoot!;
    const labels = [...root.querySelectorAll<SVGTextElement>('text.jump')];
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.length).toBeLessThanOrEqual(jumps.length);
    const boxes = labels.map((label) => label.getBoundingClientRect());
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        expect(intersects(boxes[i], boxes[j]), `"${labels[i].textContent}" and "${labels[j].textContent}"`).toBe(false);
      }
    }
    const frame = view.getBoundingClientRect();
    const panels = ['toolbar', 'legend'].map((part) => root.querySelector(`[part="${part}"]`)!.getBoundingClientRect());
    for (const [k, box] of boxes.entries()) {
      for (const panel of panels)
        expect(intersects(box, panel), `"${labels[k].textContent}" under a panel`).toBe(false);
      expect(
        box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom,
      ).toBe(true);
    }
    const top = root.querySelector(`text.jump[data-from="${mostImportant}"]`);
    expect(top, `the jump after step ${mostImportant}`).not.toBeNull();
    expect(top!.textContent).toBe(data.token(mostImportant + 1));

    // A word left out stays reachable: hovering its point shows its token in the tooltip.
    const shown = new Set(labels.map((label) => Number(label.getAttribute('data-from'))));
    const overlay = root.querySelector('svg.overlay')!.getBoundingClientRect();
    const dropped = jumps.find((t) => {
      if (shown.has(t)) return false;
      const [x, y] = view.screenPosition(t + 1);
      return view.stepAt(Math.round(x), Math.round(y)) === t + 1;
    });
    expect(dropped).toBeDefined();
    const [x, y] = view.screenPosition(dropped! + 1);
    await moveTo(overlay.left + Math.round(x), overlay.top + Math.round(y));
    await settle();
    expect(bus.focus).toBe(dropped! + 1);
    expect(root.querySelector('.tooltip .token')!.textContent).toBe(data.token(dropped! + 1));
  });
});

describe('one colour per class', () => {
  it('a step of expected prediction ~1 has the hue of the positive class; the legend ends in the class colours', async () => {
    const linked = await mountLinked();
    const { data } = linked;
    const view = map(linked);
    const expected = new StepColors(data, 'expected').packed();
    // Steps drawn on top (their own colour is on the canvas), confidently of class 1 or of class 0.
    const confident = (cls: number) => {
      const steps: number[] = [];
      for (let t = 0; t < data.stepCount && steps.length < 20; t++) {
        const p = data.expectedPredictions[2 * t + 1];
        const sure = cls === 1 ? p >= 0.99 : p <= 0.01;
        if (sure && data.labels[data.sequenceOf(t)] === cls && pixelAt(view, t) === expected[t]) steps.push(t);
      }
      return steps;
    };
    const positive = confident(1);
    const negative = confident(0);
    expect(positive.length).toBe(20);
    expect(negative.length).toBe(20);
    const before = [...positive, ...negative].map((t) => pixelAt(view, t));

    await chooseColorMode(linked, 'true');
    [...positive, ...negative].forEach((t, k) => {
      const cls = k < positive.length ? 1 : 0;
      const now = pixelAt(view, t);
      expect(now).toBe(packRgba(CLASS_COLORS[cls])); // the same step, in its true class's colour
      expect(Math.abs(hue(before[k]) - hue(now)), `step ${t}`).toBeLessThan(6);
    });

    await chooseColorMode(linked, 'expected');
    const ramp = linked.root('map').querySelector<HTMLElement>('.legend .ramp')!;
    const stops = getComputedStyle(ramp).backgroundImage.match(/rgb\([^)]*\)/g)!;
    const css = (hex: string) => {
      const n = parseInt(hex.slice(1), 16);
      return `rgb(${n >> 16}, ${(n >> 8) & 0xff}, ${n & 0xff})`;
    };
    expect(stops[0]).toBe(css(CLASS_COLORS[0]));
    expect(stops.at(-1)).toBe(css(CLASS_COLORS[1]));
    const ends = [...linked.root('map').querySelectorAll('.legend .ramp-labels span')].map((s) => s.textContent);
    expect(ends).toEqual([...data.classes]);

    // The tokens view draws from the same palette: a confidently positive token in class 1's hue.
    await clickRow(linked, 0);
    const tokens = [...linked.root('tokens').querySelectorAll<HTMLElement>('.token[data-step]')];
    const p = (token: HTMLElement) => data.expectedPredictions[2 * Number(token.dataset.step) + 1];
    const positiveTokens = tokens.filter((token) => p(token) >= 0.99);
    const negativeTokens = tokens.filter((token) => p(token) <= 0.01);
    expect(positiveTokens.length + negativeTokens.length).toBeGreaterThan(0);
    const word = (color: string) => {
      const [r, g, b] = color.match(/\d+/g)!.map(Number);
      return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
    };
    for (const token of positiveTokens) {
      expect(
        Math.abs(hue(word(getComputedStyle(token).backgroundColor)) - hue(packRgba(CLASS_COLORS[1]))),
      ).toBeLessThan(6);
    }
    for (const token of negativeTokens) {
      expect(
        Math.abs(hue(word(getComputedStyle(token).backgroundColor)) - hue(packRgba(CLASS_COLORS[0]))),
      ).toBeLessThan(6);
    }
  });
});
