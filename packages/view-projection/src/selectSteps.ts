import { StepSet } from '@statescope/core';
import { pointInPolygon } from './pointInPolygon.js';

/**
 * The steps whose coordinates (row-major N x 2) lie in the closed rectangle [x0, x1] x [y0, y1],
 * skipping those with a non-zero `skip` entry (hidden points). One pass over typed arrays.
 */
export function stepsInRect(
  coordinates: Float32Array,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  skip?: Uint8Array | null,
): StepSet {
  const count = coordinates.length >>> 1;
  const set = new StepSet(count);
  const words = set.words;
  const left = Math.min(x0, x1);
  const right = Math.max(x0, x1);
  const bottom = Math.min(y0, y1);
  const top = Math.max(y0, y1);
  for (let i = 0; i < count; i++) {
    const x = coordinates[2 * i];
    const y = coordinates[2 * i + 1];
    if (x >= left && x <= right && y >= bottom && y <= top && !(skip && skip[i])) words[i >>> 5] |= 1 << (i & 31);
  }
  return set;
}

/** The steps inside a lasso polygon (flat [x0, y0, x1, y1, ...] in the same space as the coordinates). */
export function stepsInPolygon(
  coordinates: Float32Array,
  polygon: ArrayLike<number>,
  skip?: Uint8Array | null,
): StepSet {
  const count = coordinates.length >>> 1;
  const set = new StepSet(count);
  if (polygon.length < 6) return set;
  let left = Infinity;
  let right = -Infinity;
  let bottom = Infinity;
  let top = -Infinity;
  for (let k = 0; k < polygon.length; k += 2) {
    left = Math.min(left, polygon[k]);
    right = Math.max(right, polygon[k]);
    bottom = Math.min(bottom, polygon[k + 1]);
    top = Math.max(top, polygon[k + 1]);
  }
  const words = set.words;
  for (let i = 0; i < count; i++) {
    const x = coordinates[2 * i];
    const y = coordinates[2 * i + 1];
    // The bounding box rejects most points before the exact test.
    if (x < left || x > right || y < bottom || y > top || (skip && skip[i])) continue;
    if (pointInPolygon(x, y, polygon)) words[i >>> 5] |= 1 << (i & 31);
  }
  return set;
}
