import { select, type Selection } from 'd3-selection';
import { brush as d3Brush, type BrushBehavior, type D3BrushEvent } from 'd3-brush';
import { zoom as d3Zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import type { BrushShape } from './brushShape.js';
import type { InteractionMode } from './interactionModes.js';
import type { MapTransform } from './MapTransform.js';

/** A press that moves less than this (pixels) is a click. */
const CLICK_SLOP = 3;
/** Zoom limits, as factors of the fitted map. */
const SCALE_EXTENT: [number, number] = [0.25, 4096];

/** What the gestures ask of the map; positions are CSS pixels from the map's top-left corner. */
export interface MapGestureHost {
  /** What a drag does now. */
  dragMode(): InteractionMode;
  /** Data to screen; the gestures set its zoom. */
  readonly transform: MapTransform;
  /** The zoom or pan changed: redraw. */
  zoomed(): void;
  /** The pointer rests at (x, y) with no button down. */
  hover(x: number, y: number): void;
  /** The pointer left the map. */
  leave(): void;
  /** A press without a drag at (x, y); whether it hit a point. */
  click(x: number, y: number, event: MouseEvent): boolean;
  /** A rectangle in data coordinates, while it is drawn (`final` false) and when it is let go. */
  brushed(shape: BrushShape, final: boolean): void;
  /** A lasso was drawn: its polygon in data coordinates, flat [x0, y0, x1, y1, ...]. */
  lassoed(polygon: Float32Array): void;
  /** Esc, or a click away from every point: the brush goes. */
  clearBrush(): void;
}

/**
 * The map's gestures on its SVG overlay: d3-zoom for wheel, trackpad pinch (a wheel with Ctrl),
 * touch pinch, pan drags (in pan mode, with Alt, or the middle button) and the keyboard (+ - 0
 * and arrows); d3-brush for rectangles; a lasso of its own; hover and clicks. It keeps no map
 * state but the zoom, which it writes into the host's transform.
 */
export class MapGestures {
  readonly #host: MapGestureHost;
  readonly #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly #brushLayer: Selection<SVGGElement, unknown, null, undefined>;
  readonly #lasso: SVGPathElement;
  readonly #zoom: ZoomBehavior<SVGSVGElement, unknown>;
  readonly #brush: BrushBehavior<unknown>;
  /** Where a d3-brush gesture began, to tell clicks from drags; null between gestures. */
  #brushStart: [number, number] | null = null;
  /** A press of ours (lasso, or a click in lasso and pan modes) in progress. */
  #press: { x: number; y: number; lasso: boolean; moved: boolean; points: number[]; pointer: number } | null = null;
  #width = 1;
  #height = 1;

  /** Takes the gestures on `svg`; d3-brush draws into `brushLayer`, the lasso into `lasso`. */
  constructor(svg: SVGSVGElement, brushLayer: SVGGElement, lasso: SVGPathElement, host: MapGestureHost) {
    this.#host = host;
    this.#lasso = lasso;
    this.#svg = select(svg);
    this.#brushLayer = select(brushLayer);

    this.#zoom = d3Zoom<SVGSVGElement, unknown>()
      .scaleExtent(SCALE_EXTENT)
      .filter((event: Event) => {
        if (event.type === 'wheel' || event.type.startsWith('touch')) return true;
        const mouse = event as MouseEvent;
        return event.type === 'mousedown' && (host.dragMode() === 'pan' || mouse.altKey || mouse.button === 1);
      })
      .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
        const { k, x, y } = event.transform;
        host.transform.setZoom(k, x, y);
        host.zoomed();
      });
    this.#svg.call(this.#zoom).on('dblclick.zoom', null);

    this.#brush = d3Brush()
      .keyModifiers(false)
      .filter((event: MouseEvent & { touches?: TouchList }) => {
        const pinch = (event.touches?.length ?? 0) > 1; // two fingers zoom, even over the brush
        return host.dragMode() === 'rect' && !event.button && !event.shiftKey && !event.altKey && !pinch;
      })
      .on('start brush end', (event: D3BrushEvent<unknown>) => this.#onBrush(event));
    this.#brushLayer.call(this.#brush);

    svg.addEventListener('pointerdown', (event) => this.#pointerDown(event));
    svg.addEventListener('pointermove', (event) => this.#pointerMove(event));
    svg.addEventListener('pointerup', (event) => this.#pointerUp(event));
    svg.addEventListener('pointercancel', () => (this.#press = null));
    svg.addEventListener('pointerleave', () => host.leave());
  }

  /** Whether d3-brush is in the middle of a gesture (it draws its own rectangle then). */
  get brushing(): boolean {
    return this.#brushStart !== null;
  }

  /** Fits the brush and the zoom to a new size of the map. */
  resize(width: number, height: number): void {
    this.#width = width;
    this.#height = height;
    const extent: [[number, number], [number, number]] = [
      [0, 0],
      [width, height],
    ];
    this.#brush.extent(extent);
    this.#brushLayer.call(this.#brush);
    this.#zoom.extent(extent);
  }

  /** Back to the fitted map (no zoom, no pan). */
  resetZoom(): void {
    this.#svg.call(this.#zoom.transform, zoomIdentity);
  }

  /** Draws the brushed shape at the current zoom (a restored one too), unless a gesture draws it. */
  showShape(shape: BrushShape): void {
    const t = this.#host.transform;
    if (this.#brushStart) {
      // d3-brush is in the middle of a gesture: it draws its own rectangle.
    } else if (shape?.kind === 'rect') {
      const x0 = t.screenX(shape.x0);
      const x1 = t.screenX(shape.x1);
      const y0 = t.screenY(shape.y0);
      const y1 = t.screenY(shape.y1);
      this.#brushLayer.call(this.#brush.move, [
        [Math.min(x0, x1), Math.min(y0, y1)],
        [Math.max(x0, x1), Math.max(y0, y1)],
      ]);
    } else {
      this.#brushLayer.call(this.#brush.move, null);
    }
    if (shape?.kind === 'lasso') {
      this.#lasso.setAttribute(
        'd',
        lassoPath(Array.from(shape.polygon, (v, k) => (k % 2 ? t.screenY(v) : t.screenX(v)))),
      );
    } else if (!this.#press?.lasso) {
      this.#lasso.removeAttribute('d');
    }
  }

  /** Esc clears the brush; + and - zoom about the centre, the arrow keys pan, 0 resets. */
  key(event: KeyboardEvent): void {
    // Keys typed into the toolbar's controls (the colour select) are theirs, not the map's.
    const target = event.composedPath()[0];
    if (target instanceof HTMLSelectElement || target instanceof HTMLInputElement) return;
    if (event.key === 'Escape') return this.#host.clearBrush();
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const centre: [number, number] = [this.#width / 2, this.#height / 2];
    const k = this.#host.transform.k;
    const pans: Record<string, [number, number]> = {
      ArrowLeft: [40, 0],
      ArrowRight: [-40, 0],
      ArrowUp: [0, 40],
      ArrowDown: [0, -40],
    };
    if (event.key === '+' || event.key === '=') this.#svg.call(this.#zoom.scaleBy, 1.25, centre);
    else if (event.key === '-' || event.key === '_') this.#svg.call(this.#zoom.scaleBy, 0.8, centre);
    else if (event.key === '0') this.resetZoom();
    else if (pans[event.key]) this.#svg.call(this.#zoom.translateBy, pans[event.key][0] / k, pans[event.key][1] / k);
    else return;
    event.preventDefault();
  }

  #local(event: MouseEvent): [number, number] {
    const box = this.#svg.node()!.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  }

  #onBrush(event: D3BrushEvent<unknown>): void {
    if (!event.sourceEvent) return; // moved by code (zoom, restore, clear): nothing new
    const [x, y] = this.#local(event.sourceEvent as MouseEvent);
    if (event.type === 'start') {
      this.#brushStart = [x, y];
      return;
    }
    const start = this.#brushStart;
    if (event.type === 'end') {
      this.#brushStart = null;
      // A press without a drag is a click, whether on the overlay or inside the brushed rectangle.
      if (start && Math.hypot(x - start[0], y - start[1]) < CLICK_SLOP) {
        this.#host.click(x, y, event.sourceEvent as MouseEvent);
        return;
      }
    }
    const selection = event.selection as [[number, number], [number, number]] | null;
    if (!selection) {
      if (event.type === 'end') this.#host.clearBrush();
      return;
    }
    const t = this.#host.transform;
    const [[sx0, sy0], [sx1, sy1]] = selection;
    const shape = { kind: 'rect' as const, x0: t.dataX(sx0), y0: t.dataY(sy0), x1: t.dataX(sx1), y1: t.dataY(sy1) };
    this.#lasso.removeAttribute('d');
    this.#host.brushed(shape, event.type === 'end');
  }

  /** Presses d3-brush and d3-zoom do not take: lasso drags, and clicks in lasso and pan modes. */
  #pointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    const mode = this.#host.dragMode();
    const lasso = !event.altKey && (event.shiftKey || mode === 'lasso');
    if (!lasso && (mode === 'rect' || event.altKey)) return; // d3-brush's, or a pan
    if (lasso) {
      event.preventDefault();
      try {
        this.#svg.node()!.setPointerCapture(event.pointerId); // keep the lasso when the pointer leaves the map
      } catch {
        // a synthetic pointer has nothing to capture
      }
    }
    const [x, y] = this.#local(event);
    this.#press = { x, y, lasso, moved: false, points: [x, y], pointer: event.pointerId };
  }

  #pointerMove(event: PointerEvent): void {
    const [x, y] = this.#local(event);
    const press = this.#press;
    if (!press || press.pointer !== event.pointerId) {
      if (event.buttons === 0) this.#host.hover(x, y);
      return;
    }
    if (!press.moved && Math.hypot(x - press.x, y - press.y) < CLICK_SLOP) return;
    press.moved = true;
    if (!press.lasso) return; // d3-zoom pans
    press.points.push(x, y);
    this.#lasso.setAttribute('d', lassoPath(press.points));
  }

  #pointerUp(event: PointerEvent): void {
    const press = this.#press;
    if (!press || press.pointer !== event.pointerId) return;
    this.#press = null;
    const [x, y] = this.#local(event);
    if (!press.moved) {
      this.#host.click(x, y, event);
      return;
    }
    if (!press.lasso || press.points.length < 6) return;
    const t = this.#host.transform;
    const polygon = new Float32Array(press.points.length);
    for (let k = 0; k < polygon.length; k += 2) {
      polygon[k] = t.dataX(press.points[k]);
      polygon[k + 1] = t.dataY(press.points[k + 1]);
    }
    this.#host.lassoed(polygon);
  }
}

/** SVG path of a closed polygon given as flat [x0, y0, x1, y1, ...] screen points. */
function lassoPath(points: ArrayLike<number>): string {
  let d = '';
  for (let k = 0; k + 1 < points.length; k += 2) d += `${k ? 'L' : 'M'}${points[k]},${points[k + 1]}`;
  return d ? `${d}Z` : '';
}
