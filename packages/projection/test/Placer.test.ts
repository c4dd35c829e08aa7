import { describe, expect, it } from 'vitest';
import { Placer, nearestStates, place, tsne } from '../src/index.js';
import { threeClusters } from './clusters.js';

/** Share of placed points whose nearest map point belongs to the same cluster. */
function sameCluster(y: Float32Array, map: Float32Array, labels: Int32Array, first: number): number {
  const placed = y.length / 2;
  let ok = 0;
  for (let i = 0; i < placed; i++) {
    let best = Infinity;
    let bj = -1;
    for (let j = 0; j < map.length / 2; j++) {
      const d = (y[2 * i] - map[2 * j]) ** 2 + (y[2 * i + 1] - map[2 * j + 1]) ** 2;
      if (d < best) [best, bj] = [d, j];
    }
    if (labels[bj] === labels[first + i]) ok++;
  }
  return ok / placed;
}

describe('Placer', () => {
  const { data, labels } = threeClusters(390, 8);
  const reference = data.subarray(0, 300 * 8);
  const added = data.subarray(300 * 8);

  it('places new rows on every map given, next to their own cluster, as place() does, maps untouched', async () => {
    const map = await tsne(reference, { dim: 8, iterations: 150, exaggerationIterations: 60, worker: false });
    const flipped = map.map((v, i) => (i % 2 ? -v : v)); // a second map: the first mirrored
    const before = Float32Array.from(map);
    const placer = new Placer(await nearestStates(reference, { dim: 8 }), { iterations: 40 });
    const [onMap, onFlipped] = placer.place(added, [map, flipped]);
    expect(Array.from(map)).toEqual(Array.from(before));
    expect(onMap).toHaveLength(180);
    expect(sameCluster(onMap, map, labels, 300)).toBeGreaterThanOrEqual(0.95);
    let span = 0;
    for (let i = 0; i < map.length; i++) span = Math.max(span, Math.abs(map[i]));
    // The mirrored map gets the mirrored places (up to the grid's interpolation).
    for (let i = 0; i < onMap.length; i += 2) {
      expect(Math.abs(onFlipped[i] - onMap[i])).toBeLessThan(0.01 * span);
      expect(Math.abs(onFlipped[i + 1] + onMap[i + 1])).toBeLessThan(0.01 * span);
    }
    // place() finds the same neighbours here (exact search both): the same answer.
    const placed = await place(reference, map, added, { dim: 8, iterations: 40, worker: false });
    for (let i = 0; i < onMap.length; i++) expect(Math.abs(onMap[i] - placed[i])).toBeLessThan(1e-3 * span);
    // Placed again: the same answer (the kept grid changes nothing).
    expect(Array.from(placer.place(added, [map])[0])).toEqual(Array.from(onMap));
  });

  it('places with an approximate index searching few lists', async () => {
    const map = await tsne(reference, { dim: 8, iterations: 150, exaggerationIterations: 60, worker: false });
    const index = await nearestStates(reference, { dim: 8, method: 'approximate', lists: 12, worker: false });
    const [y] = new Placer(index, { probes: 2, iterations: 40 }).place(added, [map]);
    expect(sameCluster(y, map, labels, 300)).toBeGreaterThanOrEqual(0.95);
  });

  it('names what does not fit', async () => {
    const placer = new Placer(await nearestStates(reference, { dim: 8 }));
    expect(() => placer.place(new Float32Array(7), [])).toThrow(expect.objectContaining({ field: 'rows' }));
    expect(() => placer.place(added, [new Float32Array(10)])).toThrow(expect.objectContaining({ field: 'embeddings' }));
    expect(placer.place(new Float32Array(0), [new Float32Array(600)])[0]).toHaveLength(0);
    const one = await nearestStates(new Float32Array(8), { dim: 8 });
    expect(() => new Placer(one)).toThrow(expect.objectContaining({ field: 'index' }));
  });
});
