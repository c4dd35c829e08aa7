import { InterpolationGrid } from './InterpolationGrid.js';

/**
 * A fixed 2-D map new points are placed on: its points (as float64) and the repulsive
 * potentials they exert, interpolated from one FFT grid charged once. Placing any number of
 * batches on the same map reuses both.
 */
export class PlacementMap {
  /** N x 2 positions of the map's points, interleaved. */
  readonly anchor: Float64Array;
  readonly grid = new InterpolationGrid(170);

  constructor(embedding: Float32Array) {
    this.anchor = Float64Array.from(embedding);
    this.grid.charge(this.anchor, embedding.length / 2);
  }
}
