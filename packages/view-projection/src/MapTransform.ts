import { scaleLinear, type ScaleLinear } from 'd3-scale';

/**
 * Data coordinates to screen pixels (CSS pixels, y downwards): a d3 linear fit of the data's
 * extent into the view, equal units on both axes so that distances keep their meaning, then the
 * user's zoom and pan (d3-zoom's transform) on top. Exposed as the coefficients of
 * screen = data * a + b, which the point splatting loop uses directly.
 */
export class MapTransform {
  #x: ScaleLinear<number, number> = scaleLinear();
  #y: ScaleLinear<number, number> = scaleLinear();
  /** Zoom factor on top of the fit. */
  k = 1;
  /** Horizontal pan, in pixels. */
  tx = 0;
  /** Vertical pan, in pixels. */
  ty = 0;

  /** Fits [minX, maxX] x [minY, maxY] into width x height with a margin, centred. */
  fit(minX: number, minY: number, maxX: number, maxY: number, width: number, height: number, margin = 12): void {
    const spanX = Math.max(maxX - minX, 1e-12);
    const spanY = Math.max(maxY - minY, 1e-12);
    const unit = Math.max(1e-12, Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY));
    const cx = (minX + maxX) / 2;
    const cy = (minY + maxY) / 2;
    this.#x = scaleLinear()
      .domain([cx - width / 2 / unit, cx + width / 2 / unit])
      .range([0, width]);
    this.#y = scaleLinear()
      .domain([cy - height / 2 / unit, cy + height / 2 / unit])
      .range([height, 0]);
  }

  /** Scale of screen x = data x * ax + bx. */
  get ax(): number {
    return (this.#x(1) - this.#x(0)) * this.k;
  }
  /** Offset of screen x = data x * ax + bx. */
  get bx(): number {
    return this.#x(0) * this.k + this.tx;
  }
  /** Scale of screen y = data y * ay + by (negative: y grows downwards on screen). */
  get ay(): number {
    return (this.#y(1) - this.#y(0)) * this.k;
  }
  /** Offset of screen y = data y * ay + by. */
  get by(): number {
    return this.#y(0) * this.k + this.ty;
  }

  /** Screen x (CSS pixels) of a data x. */
  screenX(x: number): number {
    return this.#x(x) * this.k + this.tx;
  }
  /** Screen y (CSS pixels) of a data y. */
  screenY(y: number): number {
    return this.#y(y) * this.k + this.ty;
  }
  /** Data x of a screen x. */
  dataX(px: number): number {
    return this.#x.invert((px - this.tx) / this.k);
  }
  /** Data y of a screen y. */
  dataY(py: number): number {
    return this.#y.invert((py - this.ty) / this.k);
  }
  /** Pixels per data unit at the current zoom. */
  get unit(): number {
    return Math.abs(this.ax);
  }

  /** Sets the user's zoom on top of the fit: a d3-zoom transform (scale k, then translate x, y). */
  setZoom(k: number, x: number, y: number): void {
    this.k = k;
    this.tx = x;
    this.ty = y;
  }
}
