import type { MapTransform } from './MapTransform.js';
import type { PointLayers } from './pointLayers.js';
import { pointStamp, splatPoints, type PointStamp } from './splatPoints.js';
import { WebglPoints, hasHardwareWebgl } from './WebglPoints.js';

/** The values of {@link RendererChoice}. */
export const RENDERER_CHOICES = Object.freeze(['auto', 'canvas', 'webgl'] as const);
/** Which renderer a map asks for: `auto` picks WebGL 2 on a hardware GPU, else Canvas 2D. */
export type RendererChoice = (typeof RENDERER_CHOICES)[number];

/**
 * Draws the map's points into its canvas: WebGL 2 on a real GPU, else Canvas 2D pixel splatting
 * (faster than WebGL on software rasterisers). A canvas keeps its first context type, so a switch
 * puts in a fresh canvas element; a lost WebGL context falls back to Canvas 2D for good.
 */
export class PointRenderer {
  /** The canvas in the page (replaced when the renderer changes). */
  canvas: HTMLCanvasElement;
  #context: CanvasRenderingContext2D | null = null;
  #webgl: WebglPoints | null = null;
  #webglFailed = false;
  #image: ImageData | null = null;
  #pixels: Uint32Array | null = null;
  #stamp: PointStamp | null = null;
  #stampSize = 0;
  #sizeKey = '';
  #ratio = 1;
  readonly #lost: () => void;

  /** `lost` is called when the GPU goes away (the next draw uses Canvas 2D). */
  constructor(canvas: HTMLCanvasElement, lost: () => void) {
    this.canvas = canvas;
    this.#lost = lost;
  }

  /** The renderer in use. */
  get active(): 'webgl' | 'canvas' {
    return this.#webgl ? 'webgl' : 'canvas';
  }

  /** Switches to the renderer asked for, when it is not the one in use. */
  use(choice: RendererChoice): void {
    const wantWebgl = !this.#webglFailed && (choice === 'webgl' || (choice === 'auto' && hasHardwareWebgl()));
    const current = this.#webgl ? 'webgl' : this.#context ? 'canvas' : 'none';
    if (wantWebgl ? current === 'webgl' : current === 'canvas') return;
    this.#sizeKey = '';
    if (!wantWebgl && current === 'none') {
      this.#context = this.canvas.getContext('2d'); // first draw: the canvas has no context yet
      return;
    }
    const canvas = this.canvas.ownerDocument.createElement('canvas');
    for (const name of ['part', 'role', 'aria-label']) {
      const value = this.canvas.getAttribute(name);
      if (value !== null) canvas.setAttribute(name, value);
    }
    let webgl: WebglPoints | null = null;
    if (wantWebgl) {
      try {
        webgl = new WebglPoints(canvas);
        canvas.addEventListener('webglcontextlost', () => {
          this.#webglFailed = true;
          this.#lost();
        });
      } catch {
        this.#webglFailed = true; // no WebGL 2 after all: Canvas 2D from now on
      }
    }
    this.canvas.replaceWith(canvas);
    this.canvas = canvas;
    this.#webgl = webgl;
    this.#context = webgl ? null : canvas.getContext('2d');
  }

  /** Sizes the canvas to width x height CSS pixels at the device pixel ratio; whether anything changed. */
  resize(width: number, height: number, ratio: number): boolean {
    const key = `${width}x${height}@${ratio}:${this.active}`;
    if (key === this.#sizeKey) return false;
    this.#sizeKey = key;
    this.#ratio = ratio;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.#image = this.#context ? this.#context.createImageData(this.canvas.width, this.canvas.height) : null;
    this.#pixels = this.#image ? new Uint32Array(this.#image.data.buffer) : null;
    this.#stamp = null;
    return true;
  }

  /** Draws the layers' points (in their order, with their colours) at `size` CSS pixels. */
  draw(coordinates: Float32Array, layers: PointLayers, t: MapTransform, size: number): void {
    const ratio = this.#ratio;
    const { ax, bx, ay, by } = t;
    if (this.#webgl) {
      const { order, count, colors } = layers;
      this.#webgl.draw(coordinates, order, count, colors, ax * ratio, bx * ratio, ay * ratio, by * ratio, size * ratio);
      return;
    }
    const image = this.#image;
    const pixels = this.#pixels;
    if (!image || !pixels || !this.#context) return;
    if (!this.#stamp || this.#stampSize !== size) {
      this.#stamp = pointStamp(size * ratio, image.width);
      this.#stampSize = size;
    }
    pixels.fill(0);
    splatPoints(
      pixels,
      image.width,
      image.height,
      coordinates,
      layers.order,
      layers.count,
      layers.colors,
      ax * ratio,
      bx * ratio,
      ay * ratio,
      by * ratio,
      this.#stamp,
    );
    this.#context.putImageData(image, 0, 0);
  }
}
