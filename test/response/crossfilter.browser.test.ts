// Crossfilter across views: each brush is a clause of its own on the bus, never folded into
// another, so clearing one brush widens what the others allow again; and a new dataset drops
// the old clauses, so the next brush works.
import { afterEach, expect, it } from 'vitest';
import { loadDataset, sequencesOfSteps } from '@statescope/core';
import {
  brushDistances,
  brushMap,
  mountLinked,
  press,
  settle,
  tableRow,
  unmountAll,
  type Linked,
} from './responseHarness.js';

afterEach(unmountAll);

/** The rows the table lists, from its "n of N" line. */
function listed(linked: Linked): number {
  const text = linked.root('table').textContent ?? '';
  const match = /(\d[\d,]*) of (\d[\d,]*) sequences/.exec(text);
  return match ? Number(match[1].replace(/,/g, '')) : linked.data.sequenceCount;
}

it('two views brush, one clears, and the other widens again', async () => {
  const linked = await mountLinked({ histogram: { mode: 'distribution' } });
  const { bus, data } = linked;
  await brushMap(linked, [0.2, 0.2], [0.7, 0.7]);
  const map = bus.clause('map')!.steps;
  expect(listed(linked)).toBe(sequencesOfSteps(data, map).count());

  await brushDistances(linked, 0.3, 0.7);
  const own = bus.clause('histogram')!.steps;
  const both = map.clone().intersect(own);
  expect(both.count()).toBeLessThan(map.count());
  expect(listed(linked)).toBe(sequencesOfSteps(data, both).count()); // the table follows both brushes

  // Esc on the map clears the map's brush only: the table widens to the histogram's brush alone.
  linked.views.map.focus();
  await press('Escape');
  expect(bus.clause('map')).toBeNull();
  expect(bus.clause('histogram')!.steps.equals(own)).toBe(true); // never folded with the map's
  expect(listed(linked)).toBe(sequencesOfSteps(data, own).count());
  expect(listed(linked)).toBeGreaterThan(sequencesOfSteps(data, both).count());
  expect(tableRow(linked, 0)).toBeTruthy();
});

it('a dataset swap followed by a brush raises nothing', async () => {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    const linked = await mountLinked({ histogram: { mode: 'distribution' } });
    await brushMap(linked, [0.2, 0.2], [0.6, 0.6]);
    await brushDistances(linked, 0.2, 0.5);
    expect(linked.bus.brushSources.sort()).toEqual(['histogram', 'map']);

    const reuters = await loadDataset(new URL('../../data/reuters.json', import.meta.url).href);
    for (const view of Object.values(linked.views)) view.data = reuters;
    await settle();
    expect(linked.bus.brushSources).toEqual([]); // clauses of the old steps are gone

    const swapped: Linked = { ...linked, data: reuters };
    await brushMap(swapped, [0.3, 0.3], [0.7, 0.7]);
    await brushDistances(swapped, 0.1, 0.4);
    expect(linked.bus.clause('map')!.steps.size).toBe(reuters.stepCount);
    expect(linked.bus.clause('histogram')!.steps.size).toBe(reuters.stepCount);
    expect(listed(swapped)).toBeLessThan(reuters.sequenceCount);
    expect(errors).toEqual([]);
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
});
