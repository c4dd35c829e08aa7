/**
 * A uniform grid over N points (row-major N x 2 coordinates), for nearest-point queries at a
 * million points: points are bucketed once by counting sort into typed arrays (no per-point
 * objects), and a query visits only the cells its search radius touches.
 */
export class SpatialGrid {
  /** The points indexed, row-major N x 2. */
  readonly coordinates: Float32Array;
  /** Cells along x. */
  readonly columns: number;
  /** Cells along y. */
  readonly rows: number;
  /** Left edge of the grid (the smallest x). */
  readonly minX: number;
  /** Bottom edge of the grid (the smallest y). */
  readonly minY: number;
  /** Side of a square cell, in data units. */
  readonly cellSize: number;
  /** Points of cell c are items[cellStart[c]]..items[cellStart[c + 1] - 1]. */
  readonly cellStart: Uint32Array;
  /** Point indices, grouped by cell (see {@link cellStart}). */
  readonly items: Uint32Array;

  /** `pointsPerCell`: the average occupancy the grid is sized for. */
  constructor(coordinates: Float32Array, pointsPerCell = 4) {
    this.coordinates = coordinates;
    const count = coordinates.length >>> 1;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < count; i++) {
      const x = coordinates[2 * i];
      const y = coordinates[2 * i + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (!(minX <= maxX)) minX = maxX = minY = maxY = 0; // no finite point
    const span = Math.max(maxX - minX, maxY - minY, 1e-12);
    const side = Math.max(1, Math.min(4096, Math.ceil(Math.sqrt(count / pointsPerCell))));
    this.cellSize = (span / side) * (1 + 1e-9);
    this.minX = minX;
    this.minY = minY;
    this.columns = Math.max(1, Math.ceil((maxX - minX) / this.cellSize) || 1);
    this.rows = Math.max(1, Math.ceil((maxY - minY) / this.cellSize) || 1);
    const cells = this.columns * this.rows;
    const cellOf = new Uint32Array(count);
    const start = new Uint32Array(cells + 1);
    for (let i = 0; i < count; i++) {
      const c = this.#cell(coordinates[2 * i], coordinates[2 * i + 1]);
      cellOf[i] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < cells; c++) start[c + 1] += start[c];
    const fill = start.slice(0, cells);
    const items = new Uint32Array(count);
    for (let i = 0; i < count; i++) items[fill[cellOf[i]]++] = i;
    this.cellStart = start;
    this.items = items;
  }

  /** Cell index of a point; points that are not finite share cell 0 and are never returned. */
  #cell(x: number, y: number): number {
    const cx = Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.minX) / this.cellSize)));
    const cy = Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cellSize)));
    return (cy * this.columns + cx) | 0;
  }

  /**
   * The point nearest to (x, y) within `maxDistance`, or -1. Points whose `skip` entry is
   * non-zero (hidden points) are ignored; ties go to the lower index.
   */
  nearest(x: number, y: number, maxDistance: number, skip?: Uint8Array | null): number {
    const coordinates = this.coordinates;
    const size = this.cellSize;
    const x0 = Math.max(0, Math.floor((x - maxDistance - this.minX) / size));
    const x1 = Math.min(this.columns - 1, Math.floor((x + maxDistance - this.minX) / size));
    const y0 = Math.max(0, Math.floor((y - maxDistance - this.minY) / size));
    const y1 = Math.min(this.rows - 1, Math.floor((y + maxDistance - this.minY) / size));
    let best = -1;
    let bestDistance = maxDistance * maxDistance;
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const c = cy * this.columns + cx;
        for (let k = this.cellStart[c], end = this.cellStart[c + 1]; k < end; k++) {
          const i = this.items[k];
          if (skip && skip[i]) continue;
          const dx = coordinates[2 * i] - x;
          const dy = coordinates[2 * i + 1] - y;
          const d = dx * dx + dy * dy;
          if (d < bestDistance || (d === bestDistance && (best === -1 || i < best))) {
            bestDistance = d;
            best = i;
          }
        }
      }
    }
    return best;
  }
}
