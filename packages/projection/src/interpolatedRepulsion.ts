import type { InterpolationGrid } from './InterpolationGrid.js';

/**
 * The t-SNE repulsion by FFT-accelerated interpolation: same contract as barnesHutRepulsion
 * (unnormalised sums of w^2 (y_i - y_j) into `force`, returns Z), using the identity
 * sum_j w_ij = sum_j w_ij^2 (1 + |y_i|^2 - 2 y_i.y_j + |y_j|^2) for Z.
 */
export function interpolatedRepulsion(
  y: Float64Array,
  rows: number,
  grid: InterpolationGrid,
  force: Float64Array,
): number {
  grid.charge(y, rows);
  const phi = new Float64Array(4);
  let z = 0;
  for (let i = 0; i < rows; i++) {
    const px = y[2 * i];
    const py = y[2 * i + 1];
    grid.evaluateCharge(i, phi);
    force[2 * i] = px * phi[0] - phi[1];
    force[2 * i + 1] = py * phi[0] - phi[2];
    z += (1 + px * px + py * py) * phi[0] - 2 * (px * phi[1] + py * phi[2]) + phi[3];
  }
  return z - rows;
}
