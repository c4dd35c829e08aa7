import { afterEach, expect, it } from 'vitest';
import { brushMap, clickRow, hoverToken, mountLinked, unmountAll } from './responseHarness.js';

afterEach(unmountAll);

it('harness gestures reach the bus', async () => {
  const linked = await mountLinked();
  await clickRow(linked, 0);
  expect(linked.bus.activeSequence).toBeGreaterThanOrEqual(0);
  await clickRow(linked, 1, ['Control']);
  expect(linked.bus.selectedSequences.length).toBe(2);
  await hoverToken(linked, 3);
  expect(linked.bus.focus).toBeGreaterThanOrEqual(0);
  await brushMap(linked, [0.3, 0.3], [0.6, 0.6]);
  expect(linked.bus.clause('map')?.steps.count()).toBeGreaterThan(0);
});
