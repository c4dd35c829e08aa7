// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MapTransform } from '../src/MapTransform.js';
import { SpatialGrid } from '../src/SpatialGrid.js';
import { pointInPolygon } from '../src/pointInPolygon.js';
import { pointStamp, splatPoints } from '../src/splatPoints.js';
import { stepsInPolygon, stepsInRect } from '../src/selectSteps.js';

function randomPoints(count: number, seed = 7): Float32Array {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 4294967296;
  return Float32Array.from({ length: 2 * count }, () => random() * 100 - 50);
}

describe('SpatialGrid', () => {
  it('finds the same nearest point as a brute-force scan, within the radius only', () => {
    const points = randomPoints(5000);
    const grid = new SpatialGrid(points);
    const queries = randomPoints(300, 99);
    for (let q = 0; q < 300; q++) {
      const [x, y] = [queries[2 * q], queries[2 * q + 1]];
      let best = -1;
      let bestDistance = 2 * 2;
      for (let i = 0; i < 5000; i++) {
        const d = (points[2 * i] - x) ** 2 + (points[2 * i + 1] - y) ** 2;
        if (d < bestDistance) [best, bestDistance] = [i, d];
      }
      expect(grid.nearest(x, y, 2)).toBe(best);
    }
  });

  it('skips hidden points and copes with one point and with identical points', () => {
    const points = new Float32Array([1, 1, 1, 1, 5, 5]);
    const grid = new SpatialGrid(points);
    expect(grid.nearest(1, 1, 1)).toBe(0); // ties go to the lower index
    expect(grid.nearest(1, 1, 1, new Uint8Array([1, 0, 0]))).toBe(1);
    expect(grid.nearest(3, 3, 1)).toBe(-1);
    expect(new SpatialGrid(new Float32Array([2, 3])).nearest(2, 3, 0.1)).toBe(0);
  });
});

describe('rectangle and lasso selection', () => {
  it('the lasso test is even-odd ray casting, concave shapes included', () => {
    const square = [0, 0, 10, 0, 10, 10, 0, 10];
    expect(pointInPolygon(5, 5, square)).toBe(true);
    expect(pointInPolygon(11, 5, square)).toBe(false);
    const u = [0, 0, 9, 0, 9, 9, 6, 9, 6, 3, 3, 3, 3, 9, 0, 9]; // a U: its notch is outside
    expect(pointInPolygon(4.5, 6, u)).toBe(false);
    expect(pointInPolygon(1.5, 6, u)).toBe(true);
    expect(pointInPolygon(4.5, 1.5, u)).toBe(true);
  });

  it('stepsInRect and stepsInPolygon agree with a direct test of every point', () => {
    const points = randomPoints(2000);
    const rect = stepsInRect(points, 10, -20, -5, 30); // corners in any order
    const triangle = [-40, -40, 40, -40, 0, 40];
    const lasso = stepsInPolygon(points, triangle);
    for (let i = 0; i < 2000; i++) {
      const [x, y] = [points[2 * i], points[2 * i + 1]];
      expect(rect.has(i)).toBe(x >= -5 && x <= 10 && y >= -20 && y <= 30);
      expect(lasso.has(i)).toBe(pointInPolygon(x, y, triangle));
    }
    const hidden = new Uint8Array(2000).fill(1);
    expect(stepsInRect(points, -50, -50, 50, 50, hidden).count()).toBe(0);
  });
});

describe('MapTransform', () => {
  it('fits the extent with equal units, inverts, and applies a zoom transform on top', () => {
    const t = new MapTransform();
    t.fit(0, 0, 10, 5, 220, 220, 10);
    expect(t.screenX(5)).toBeCloseTo(110);
    expect(t.screenY(2.5)).toBeCloseTo(110);
    expect(t.screenY(5)).toBeLessThan(t.screenY(0)); // y grows upwards
    expect(Math.abs(t.ax)).toBeCloseTo(Math.abs(t.ay)); // equal units
    const [fitX, fitY] = [t.screenX(3.3), t.screenY(1.2)];
    t.setZoom(3, 5, -5); // d3-zoom: scale 3, then move by (5, -5)
    expect(t.screenX(3.3)).toBeCloseTo(3 * fitX + 5);
    expect(t.screenY(1.2)).toBeCloseTo(3 * fitY - 5);
    expect(t.dataX(t.screenX(3.3))).toBeCloseTo(3.3);
    expect(t.screenX(1)).toBeCloseTo(1 * t.ax + t.bx);
    expect(t.unit).toBeCloseTo(3 * 20);
  });
});

describe('splatPoints', () => {
  it('fills each point’s stamp, later points on top, clipped at the edges', () => {
    const width = 8;
    const pixels = new Uint32Array(width * 6);
    const coordinates = new Float32Array([1, 1, 2, 1, 7.9, 5.9, -5, -5]);
    const order = Uint32Array.from([0, 1, 2, 3]);
    const colors = Uint32Array.from([0xff0000ff, 0xff00ff00, 0xffff0000, 0xffffffff]);
    splatPoints(pixels, width, 6, coordinates, order, 4, colors, 1, 0, 1, 0, pointStamp(2, width));
    expect(pixels[1 * width + 1]).toBe(0xff00ff00); // point 1 overwrote point 0 where they overlap
    expect(pixels[0 * width + 0]).toBe(0xff0000ff);
    expect(pixels[5 * width + 7]).toBe(0xffff0000); // clipped at the corner
    expect(pixels.filter((p) => p === 0xffffffff)).toHaveLength(0); // off canvas
    const single = new Uint32Array(width * 6);
    splatPoints(single, width, 6, coordinates, order, 2, colors, 1, 0, 1, 0, pointStamp(1, width));
    expect(single.filter((p) => p !== 0)).toHaveLength(2);
    expect(pointStamp(6, 100).offsets.length).toBeLessThan(36); // a disc, not a square
  });

  it('draws every point size as its stamp says, inside and at the edges, later points on top', () => {
    const [width, height] = [23, 17];
    const count = 400;
    const coordinates = new Float32Array(2 * count);
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    // Points all over the canvas and a little beyond it, on and off pixel centres.
    for (let k = 0; k < count; k++) {
      coordinates[2 * k] = random() * (width + 8) - 4;
      coordinates[2 * k + 1] = random() * (height + 8) - 4;
    }
    const order = Uint32Array.from({ length: count }, (_, k) => (k * 7) % count);
    const colors = Uint32Array.from({ length: count }, (_, k) => 0xff000000 + k + 1);
    for (const size of [1, 2, 3, 4, 5]) {
      const stamp = pointStamp(size, width);
      const pixels = new Uint32Array(width * height);
      splatPoints(pixels, width, height, coordinates, order, count, colors, 1, 0, 1, 0, stamp);
      // What the stamp says, pixel by pixel: the point's top-left pixel, then each offset.
      const expected = new Uint32Array(width * height);
      for (const i of order) {
        const px = Math.floor(coordinates[2 * i] - stamp.size / 2 + 0.5);
        const py = Math.floor(coordinates[2 * i + 1] - stamp.size / 2 + 0.5);
        for (let o = 0; o < stamp.dx.length; o++) {
          const [x, y] = [px + stamp.dx[o], py + stamp.dy[o]];
          if (x >= 0 && y >= 0 && x < width && y < height) expected[y * width + x] = colors[i];
        }
      }
      expect(Array.from(pixels), `size ${size}`).toEqual(Array.from(expected));
    }
  });
});
