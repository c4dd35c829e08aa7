/** A point's footprint: pixel offsets (dy * width + dx) from its top-left pixel. */
export interface PointStamp {
  /** Side of the stamp's bounding square, in pixels. */
  size: number;
  /** Offsets into the pixel array for a row width, one per covered pixel. */
  offsets: Int32Array;
  /** dx and dy of each covered pixel (for the clipped path at the canvas edges). */
  dx: Int8Array;
  /** dy of each covered pixel (see {@link dx}). */
  dy: Int8Array;
}

/** A square (size <= 3) or a disc (size >= 4) of `size` pixels across, for rows `width` pixels wide. */
export function pointStamp(size: number, width: number): PointStamp {
  const side = Math.max(1, Math.min(32, Math.round(size)));
  const dxs: number[] = [];
  const dys: number[] = [];
  const r = side / 2;
  for (let dy = 0; dy < side; dy++) {
    for (let dx = 0; dx < side; dx++) {
      const cx = dx + 0.5 - r;
      const cy = dy + 0.5 - r;
      if (side <= 3 || cx * cx + cy * cy <= r * r) {
        dxs.push(dx);
        dys.push(dy);
      }
    }
  }
  return {
    size: side,
    offsets: Int32Array.from(dxs, (dx, k) => dys[k] * width + dx),
    dx: Int8Array.from(dxs),
    dy: Int8Array.from(dys),
  };
}

/**
 * Splats points into an RGBA pixel buffer (an ImageData's Uint32Array view): for each step in
 * `order[0..count-1]`, pixel = round(x * ax + bx, y * ay + by) and the stamp is filled with
 * `colors[step]` (alpha included). Later points overwrite earlier ones: callers order the faded
 * points first. One pass over typed arrays; no objects, no closures.
 */
export function splatPoints(
  pixels: Uint32Array,
  width: number,
  height: number,
  coordinates: Float32Array,
  order: Uint32Array,
  count: number,
  colors: Uint32Array,
  ax: number,
  bx: number,
  ay: number,
  by: number,
  stamp: PointStamp,
): void {
  const side = stamp.size;
  const half = side / 2;
  const offsets = stamp.offsets;
  const pixelsPerPoint = offsets.length;
  const maxX = width - side;
  const maxY = height - side;
  // Shift by half a stamp so that the stamp is centred on the point.
  const bxs = bx - half;
  const bys = by - half;
  if (pixelsPerPoint === 1) {
    for (let k = 0; k < count; k++) {
      const i = order[k];
      const fx = coordinates[2 * i] * ax + bxs + 0.5;
      const fy = coordinates[2 * i + 1] * ay + bys + 0.5;
      if (fx >= 0 && fy >= 0 && fx < width && fy < height) pixels[(fy | 0) * width + (fx | 0)] = colors[i];
    }
    return;
  }
  // Squares of 2 and 3 pixels (the point sizes of large maps at one device pixel per CSS pixel)
  // are written pixel by pixel rather than through the offsets: a third less time at a million.
  const square = pixelsPerPoint === side * side && (side === 2 || side === 3) ? side : 0;
  for (let k = 0; k < count; k++) {
    const i = order[k];
    const fx = coordinates[2 * i] * ax + bxs + 0.5;
    const fy = coordinates[2 * i + 1] * ay + bys + 0.5;
    if (!(fx > -side && fy > -side && fx < width && fy < height)) continue; // off canvas or NaN
    const px = Math.floor(fx);
    const py = Math.floor(fy);
    const color = colors[i];
    if (px >= 0 && py >= 0 && px <= maxX && py <= maxY) {
      const base = py * width + px;
      if (square === 2) {
        pixels[base] = pixels[base + 1] = pixels[base + width] = pixels[base + width + 1] = color;
      } else if (square === 3) {
        const below = base + width;
        const last = below + width;
        pixels[base] = pixels[base + 1] = pixels[base + 2] = color;
        pixels[below] = pixels[below + 1] = pixels[below + 2] = color;
        pixels[last] = pixels[last + 1] = pixels[last + 2] = color;
      } else {
        for (let o = 0; o < pixelsPerPoint; o++) pixels[base + offsets[o]] = color;
      }
    } else {
      // At an edge: clip pixel by pixel.
      for (let o = 0; o < pixelsPerPoint; o++) {
        const x = px + stamp.dx[o];
        const y = py + stamp.dy[o];
        if (x >= 0 && y >= 0 && x < width && y < height) pixels[y * width + x] = color;
      }
    }
  }
}
