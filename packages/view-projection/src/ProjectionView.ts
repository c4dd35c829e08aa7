import { select, type Selection } from 'd3-selection';
import { brush as d3Brush, type BrushBehavior, type D3BrushEvent } from 'd3-brush';
import type { ColorMode, LinkBus } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import { FADED_OPACITY, StatescopeElement, StepColors } from '@statescope/view-base';
import { MapTransform } from './MapTransform.js';
import { SpatialGrid } from './SpatialGrid.js';
import { pointLayers, type PointLayers } from './pointLayers.js';
import { pointStamp, splatPoints, type PointStamp } from './splatPoints.js';
import { stepsInPolygon, stepsInRect } from './selectSteps.js';
import { drawTrajectories, type TrajectoryColor, type TrajectoryWidth } from './drawTrajectories.js';
import { jumpLabels, type LabelPlacement } from './jumpLabels.js';
import { drawJumpLabels } from './drawJumpLabels.js';
import { renderLegend } from './renderLegend.js';
import { fillTooltip } from './fillTooltip.js';
import { projectionStyles } from './projectionStyles.js';
import { principalPlane } from './principalPlane.js';
import { WebglPoints, hasHardwareWebgl } from './WebglPoints.js';

/** What a drag does: brush a rectangle, draw a lasso, or pan the map. */
export type InteractionMode = 'rect' | 'lasso' | 'pan';

/** The brushed region, kept in data coordinates so that it follows zoom and pan. */
type BrushShape =
  { kind: 'rect'; x0: number; y0: number; x1: number; y1: number } | { kind: 'lasso'; polygon: Float32Array } | null;

type Layer = Selection<SVGGElement, unknown, null, undefined>;

const COLOR_MODES: readonly ColorMode[] = ['expected', 'predicted', 'true'];
const MODES: readonly InteractionMode[] = ['rect', 'lasso', 'pan'];
/** How far from a point (CSS pixels) hovering and clicking still find it. */
const HOVER_RADIUS = 12;
/** A press that moves less than this (pixels) is a click. */
const CLICK_SLOP = 3;

interface Parts {
  frame: HTMLDivElement;
  canvas: HTMLCanvasElement;
  context: CanvasRenderingContext2D | null;
  /** Set when the points are drawn with WebGL (then `context` is null). */
  webgl: WebglPoints | null;
  svg: SVGSVGElement;
  trajectories: Layer;
  labels: Layer;
  focusRing: SVGCircleElement;
  lasso: SVGPathElement;
  brushLayer: Layer;
  toolbar: HTMLDivElement;
  colorSelect: HTMLSelectElement;
  legend: HTMLDivElement;
  tooltip: HTMLDivElement;
  message: HTMLDivElement;
}

/**
 * `<hs-projection>`: every hidden state of the dataset as a point of one 2-D map (t-SNE or PCA),
 * drawn by splatting pixels into a canvas (or WebGL 2 on a GPU) so that a million points redraw
 * within a frame; the selected sequences as trajectories with start and end rings and word labels
 * at their jumps; hover (nearest point through a uniform grid) publishes focus and shows a
 * tooltip; rectangle (d3-brush) and lasso brushing publish this view's brush clause; wheel zoom
 * and pan with reset.
 *
 * Keys: Esc clears this view's brush; + / - zoom, arrows pan, 0 resets. Shift-drag draws a
 * lasso, Alt-drag pans in any mode.
 *
 * @tagname hs-projection
 * @attr {string} projection - a stored projection's name (default `tsne`, else `pca`, else a PCA computed here)
 * @attr {'expected' | 'predicted' | 'true'} color-mode - `expected` | `predicted` | `true` (default: the bus option `colorMode`)
 * @attr {'rect' | 'lasso' | 'pan'} mode - what a drag does: `rect` (default) | `lasso` | `pan`
 * @attr {number} point-size - point size in pixels (default by point count: 4, 3 or 2)
 * @attr {'expected' | 'time'} trajectory-color - `expected` (default) | `time` (grey to black)
 * @attr {'constant' | 'time' | 'distance'} trajectory-width - `constant` (default) | `time` | `distance` (original-space step distance)
 * @attr {'after' | 'before'} label-placement - jump words at the state `after` (default) or `before` the jump
 * @attr {'none'} labels - `none` hides the jump labels
 * @attr {'auto' | 'canvas' | 'webgl'} renderer - `auto` (default: WebGL 2 on a hardware GPU, else Canvas 2D) | `canvas` | `webgl`
 * @csspart frame - the box holding every layer
 * @csspart points - the canvas of the points
 * @csspart overlay - the SVG of trajectories, labels, hover ring and brush
 * @csspart toolbar - brush, lasso, pan, reset and colour mode controls
 * @csspart legend - the colour legend
 * @csspart tooltip - the hovered step's details
 * @csspart empty - the message shown without data
 * @cssprop --hs-font - font of labels, legend and tooltip
 * @cssprop --hs-text - text colour
 * @cssprop --hs-muted - secondary text colour
 * @cssprop --hs-background - background
 * @cssprop --hs-focus - hover ring and brush colour (#696969)
 * @cssprop --hs-panel - background of legend, toolbar and tooltip
 * @fires {CustomEvent<{ step: number; length: number }>} hs-focus - a step was hovered (-1: none)
 * @fires {CustomEvent<{ sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] }>} hs-select - a point was clicked: its sequence was selected
 * @fires {CustomEvent<{ steps: StepSet | null; value: JsonValue }>} hs-brush - steps were brushed (null: cleared)
 * @fires {CustomEvent<{ options: Readonly<SharedOptions>; changed: (keyof SharedOptions)[] }>} hs-options - the colour menu changed the shared colour mode
 *
 * @example
 * In HTML: `<hs-projection src="data/imdb.json" bus="main"></hs-projection>`. In code:
 * ```ts
 * import { loadDataset } from '@statescope/core';
 * import '@statescope/view-projection/define'; // registers <hs-projection>
 *
 * const map = document.createElement('hs-projection');
 * map.setAttribute('color-mode', 'predicted'); // or map.colorMode = 'predicted'
 * map.setAttribute('trajectory-color', 'time');
 * map.style.height = '560px'; // it fills the height it is given (default 420px)
 * document.body.append(map);
 * // Shows the dataset's `tsne` projection, else `pca`, else its first one, else a PCA computed here.
 * map.data = await loadDataset('data/imdb.json');
 *
 * map.addEventListener('hs-select', (event) => console.log(`sequence ${event.detail.sequence} (${event.detail.mode})`));
 * map.addEventListener('hs-brush', (event) => console.log(`${event.detail.steps?.count() ?? 0} steps brushed`));
 * map.addEventListener('hs-focus', (event) => console.log(`hovered step ${event.detail.step}`));
 * map.bus.selectSequence(0, 'my-page'); // draws sequence 0's trajectory
 * ```
 */
export class ProjectionView extends StatescopeElement {
  static override get observedAttributes(): string[] {
    return [
      ...super.observedAttributes,
      'projection',
      'color-mode',
      'mode',
      'point-size',
      'trajectory-color',
      'trajectory-width',
      'label-placement',
      'labels',
      'renderer',
    ];
  }

  #parts: Parts | null = null;
  #brush: BrushBehavior<unknown> | null = null;
  readonly #transform = new MapTransform();
  #width = 0;
  #height = 0;
  #pixelRatio = 1;
  /** Size, pixel ratio and renderer the canvas was last set up for. */
  #canvasKey = '';
  #webglFailed = false;
  #image: ImageData | null = null;
  #pixels: Uint32Array | null = null;
  #stamp: PointStamp | null = null;

  #coordinatesOverride: Float32Array | null = null;
  /** The coordinates the map was last fitted to and indexed for. */
  #coordinatesInUse: Float32Array | null = null;
  #extent: [number, number, number, number] = [0, 0, 1, 1];
  #needsFit = true;
  #grid: SpatialGrid | null = null;
  #pcaFor: StateDataset | null = null;
  #pcaError: Error | null = null;

  readonly #stepColors = new Map<ColorMode, StepColors>();
  #layers: PointLayers | null = null;
  #layersMode: ColorMode | null = null;
  #legendKey = '';

  #brushShape: BrushShape = null;
  /** Animation frame that will publish the moving rectangle brush, or 0. */
  #brushFrame = 0;
  /** Where the current d3-brush gesture began (view pixels), to tell clicks from drags. */
  #brushStart: [number, number] | null = null;
  #hovered = -1;
  #drag: {
    kind: 'pan' | 'lasso';
    x: number;
    y: number;
    moved: boolean;
    points: number[];
    pointer: number;
  } | null = null;

  constructor() {
    super();
    this.addEventListener('keydown', (event) => this.#key(event));
  }

  // ---- properties --------------------------------------------------------------------------

  /** The name of the stored projection shown (attribute `projection`). */
  get projection(): string | null {
    return this.getAttribute('projection');
  }
  /** Shows another stored projection; null returns to the default choice. */
  set projection(name: string | null) {
    if (name === null) this.removeAttribute('projection');
    else this.setAttribute('projection', name);
  }

  /** The colour mode: the `color-mode` attribute when set, else the bus's shared option. */
  get colorMode(): ColorMode {
    const value = this.getAttribute('color-mode') as ColorMode | null;
    return value && COLOR_MODES.includes(value) ? value : this.bus.options.colorMode;
  }
  /** Sets the `color-mode` attribute: this view's colours then no longer follow the bus. */
  set colorMode(mode: ColorMode) {
    this.setAttribute('color-mode', mode);
  }

  /** What a drag does (attribute `mode`): `rect` brushing (default), `lasso` or `pan`. */
  get mode(): InteractionMode {
    const value = this.getAttribute('mode') as InteractionMode | null;
    return value && MODES.includes(value) ? value : 'rect';
  }
  /** Sets the `mode` attribute (and the toolbar's choice). */
  set mode(mode: InteractionMode) {
    this.setAttribute('mode', mode);
  }

  /**
   * Coordinates to show instead of a stored projection (N x 2, row-major), e.g. each
   * intermediate layout of a running t-SNE: setting them redraws in the next frame, refitting
   * the map and re-indexing it for hover, without rebuilding anything else. null returns to the
   * stored projection.
   */
  get coordinates(): Float32Array | null {
    return this.#coordinatesOverride;
  }
  /** Shows these coordinates (N x 2) from the next frame on; null returns to the stored projection. */
  set coordinates(value: Float32Array | null) {
    this.#coordinatesOverride = value;
    this.requestRender();
  }

  /**
   * Shows each layout of a running projection as it arrives (t-SNE progress reports or bare
   * arrays), one redraw per frame at most. Resolves when the updates end.
   */
  async followProjection(updates: AsyncIterable<Float32Array | { embedding: Float32Array }>): Promise<void> {
    for await (const update of updates) {
      this.coordinates = update instanceof Float32Array ? update : update.embedding;
    }
  }

  /** The on-screen position (CSS pixels from the view's top-left corner) of a step. */
  screenPosition(step: number): [number, number] {
    const coordinates = this.#coordinatesInUse ?? this.#resolveCoordinates();
    if (!coordinates) return [NaN, NaN];
    return [this.#transform.screenX(coordinates[2 * step]), this.#transform.screenY(coordinates[2 * step + 1])];
  }

  /** The visible step nearest to a view position (CSS pixels), within the hover radius, or -1. */
  stepAt(x: number, y: number, radius = HOVER_RADIUS): number {
    const coordinates = this.#coordinatesInUse;
    if (!coordinates || !this.data) return -1;
    this.#grid ??= new SpatialGrid(coordinates);
    const t = this.#transform;
    return this.#grid.nearest(t.dataX(x), t.dataY(y), radius / t.unit, this.#layers?.hidden);
  }

  /** Back to the fitted map (no zoom, no pan). */
  resetZoom(): void {
    this.#transform.reset();
    this.requestRender();
  }

  /** Removes this view's brush (rectangle or lasso) and its clause on the bus. */
  clearBrush(): void {
    this.#brushShape = null;
    this.#showBrushShape();
    this.publishBrush(null);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  override connectedCallback(): void {
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0; // so that Esc reaches the view
    this.#build();
    super.connectedCallback();
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'color-mode' || name === 'bus') this.#layers = null;
    if (name === 'point-size') this.#stamp = null;
    if (name === 'mode') this.#syncToolbar();
    super.attributeChangedCallback(name, previous, value);
  }

  protected override dataChanged(): void {
    this.#legendKey = '';
    this.#brushShape = null;
    this.#stepColors.clear();
    this.#layers = null;
    this.#grid = null;
    this.#coordinatesOverride = null;
    this.#coordinatesInUse = null;
    this.#hovered = -1;
    this.#pcaError = null;
    this.#transform.reset();
    this.#stamp = null;
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    this.#layers = null;
    const restyle = () => {
      this.#layers = null;
      this.requestRender();
    };
    bus.on('focus', (event) => this.#showFocus(event.step), { signal });
    bus.on('selection', restyle, { signal });
    bus.on('filter', restyle, { signal });
    bus.on('brush', (event) => event.source !== this.source && restyle(), { signal });
    // Options change labels and colours; the colour mode alone reaches the point layers (via #layersMode).
    bus.on('options', () => this.requestRender(), { signal });
  }

  // ---- drawing -----------------------------------------------------------------------------

  protected render(): void {
    const parts = this.#build();
    const data = this.data;
    const coordinates = data ? this.#resolveCoordinates() : null;
    if (!data || !coordinates) {
      parts.message.hidden = false;
      parts.message.textContent = this.#emptyMessage();
      this.#showContent(parts, false);
      return;
    }
    parts.message.hidden = true;
    this.#showContent(parts, true);
    this.#useRenderer(parts);
    this.#measure(parts);
    if (coordinates !== this.#coordinatesInUse) this.#useCoordinates(coordinates);
    if (this.#needsFit) {
      const [minX, minY, maxX, maxY] = this.#extent;
      this.#transform.fit(minX, minY, maxX, maxY, this.#width, this.#height);
      this.#needsFit = false;
    }
    this.#drawPoints(parts, data, coordinates);
    this.#drawOverlay(parts, data, coordinates);
  }

  #showContent(parts: Parts, shown: boolean): void {
    parts.canvas.hidden = parts.legend.hidden = parts.toolbar.hidden = !shown;
    parts.svg.style.display = shown ? '' : 'none';
  }

  #emptyMessage(): string {
    if (this.loadError) return `Could not load the data: ${this.loadError.message}`;
    if (this.#pcaError) return `Could not compute a projection: ${this.#pcaError.message}`;
    if (this.data) return 'Computing a PCA projection…';
    return this.getAttribute('src') ? 'Loading…' : 'No data';
  }

  /** The coordinates to show: the override, the named projection, tsne, pca, or a PCA computed now. */
  #resolveCoordinates(): Float32Array | null {
    const data = this.data;
    if (!data) return null;
    if (this.#coordinatesOverride && this.#coordinatesOverride.length === 2 * data.stepCount) {
      return this.#coordinatesOverride;
    }
    // A named projection the data lacks falls back like no name at all (a PCA computed here at worst).
    const name = this.projection;
    const stored =
      (name ? data.projection(name) : undefined) ??
      data.projection('tsne') ??
      data.projection('pca') ??
      (data.projectionNames.length ? data.projection(data.projectionNames[0]) : undefined);
    if (stored) return stored;
    this.#computePca(data);
    return null;
  }

  #computePca(data: StateDataset): void {
    if (this.#pcaFor === data) return;
    this.#pcaFor = data;
    // After this frame, so that the "computing" message shows first.
    setTimeout(() => {
      try {
        const layer = data.layer();
        if (!data.projection('pca')) data.addProjection('pca', principalPlane(layer.hidden, layer.dim));
      } catch (error) {
        this.#pcaError = error as Error;
      }
      if (this.data === data) this.requestRender();
    }, 0);
  }

  #useCoordinates(coordinates: Float32Array): void {
    this.#coordinatesInUse = coordinates;
    this.#grid = null; // rebuilt on the next hover
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < coordinates.length; i += 2) {
      const x = coordinates[i];
      const y = coordinates[i + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    this.#extent = minX <= maxX ? [minX, minY, maxX, maxY] : [0, 0, 1, 1];
    this.#needsFit = true;
    // Index for hover while the page is idle, so that the first hover after a new layout is fast
    // too; a hover before that builds it on the spot.
    const whenIdle = globalThis.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 50));
    whenIdle(() => {
      if (this.#coordinatesInUse === coordinates) this.#grid ??= new SpatialGrid(coordinates);
    });
  }

  /**
   * The renderer the `renderer` attribute asks for: `webgl`, `canvas`, or `auto` (default: WebGL 2
   * on a real GPU, Canvas 2D pixel splatting on software rasterisers, where it is faster). A
   * canvas keeps its first context type, so a switch puts in a fresh canvas element.
   */
  #useRenderer(parts: Parts): void {
    const requested = this.getAttribute('renderer');
    const wantWebgl = !this.#webglFailed && (requested === 'webgl' || (requested !== 'canvas' && hasHardwareWebgl()));
    const current = parts.webgl ? 'webgl' : parts.context ? 'canvas' : 'none';
    if (wantWebgl ? current === 'webgl' : current === 'canvas') return;
    this.#canvasKey = '';
    if (!wantWebgl && current === 'none') {
      parts.context = parts.canvas.getContext('2d'); // first draw: the canvas has no context yet
      return;
    }
    const canvas = this.ownerDocument.createElement('canvas');
    for (const name of ['part', 'role', 'aria-label']) {
      const value = parts.canvas.getAttribute(name);
      if (value !== null) canvas.setAttribute(name, value);
    }
    let webgl: WebglPoints | null = null;
    if (wantWebgl) {
      try {
        webgl = new WebglPoints(canvas);
        canvas.addEventListener('webglcontextlost', () => {
          this.#webglFailed = true; // the GPU went away: continue on Canvas 2D
          this.requestRender();
        });
      } catch {
        this.#webglFailed = true; // no WebGL 2 after all: Canvas 2D from now on
      }
    }
    parts.canvas.replaceWith(canvas);
    parts.canvas = canvas;
    parts.webgl = webgl;
    parts.context = webgl ? null : canvas.getContext('2d');
  }

  /** The renderer in use: `webgl` or `canvas`. */
  get activeRenderer(): 'webgl' | 'canvas' {
    return this.#parts?.webgl ? 'webgl' : 'canvas';
  }

  /** Sizes the canvas to the view (device pixels) and the brush to the overlay. */
  #measure(parts: Parts): void {
    const width = Math.max(1, parts.frame.clientWidth);
    const height = Math.max(1, parts.frame.clientHeight);
    const ratio = globalThis.devicePixelRatio || 1;
    const key = `${width}x${height}@${ratio}:${parts.webgl ? 'webgl' : 'canvas'}`;
    if (key === this.#canvasKey) return;
    this.#canvasKey = key;
    this.#width = width;
    this.#height = height;
    this.#pixelRatio = ratio;
    parts.canvas.width = Math.round(width * ratio);
    parts.canvas.height = Math.round(height * ratio);
    this.#image = parts.context ? parts.context.createImageData(parts.canvas.width, parts.canvas.height) : null;
    this.#pixels = this.#image ? new Uint32Array(this.#image.data.buffer) : null;
    this.#stamp = null;
    this.#needsFit = true;
    this.#brush?.extent([
      [0, 0],
      [width, height],
    ]);
    if (this.#brush) parts.brushLayer.call(this.#brush);
  }

  #pointSize(count: number): number {
    const requested = this.numberAttribute('point-size', NaN);
    if (requested > 0) return requested;
    if (count <= 20_000) return 4;
    if (count <= 200_000) return 3;
    return 2;
  }

  #colorsFor(data: StateDataset, mode: ColorMode): StepColors {
    let colors = this.#stepColors.get(mode);
    if (!colors) this.#stepColors.set(mode, (colors = new StepColors(data, mode)));
    return colors;
  }

  #drawPoints(parts: Parts, data: StateDataset, coordinates: Float32Array): void {
    const mode = this.colorMode;
    if (!this.#layers || this.#layersMode !== mode) {
      const bus = this.bus;
      this.#layers = pointLayers(data, this.#colorsFor(data, mode).packed(), {
        filters: bus.filters,
        brushed: bus.brushed(this.source),
        selected: bus.selectedSequences,
        fadedOpacity: FADED_OPACITY,
      });
      this.#layersMode = mode;
    }
    const ratio = this.#pixelRatio;
    const t = this.#transform;
    const layers = this.#layers;
    if (parts.webgl) {
      const size = this.#pointSize(data.stepCount) * ratio;
      const { ax, bx, ay, by } = t;
      parts.webgl.draw(
        coordinates,
        layers.order,
        layers.count,
        layers.colors,
        ax * ratio,
        bx * ratio,
        ay * ratio,
        by * ratio,
        size,
      );
      return;
    }
    const image = this.#image;
    const pixels = this.#pixels;
    if (!image || !pixels || !parts.context) return;
    this.#stamp ??= pointStamp(this.#pointSize(data.stepCount) * ratio, image.width);
    pixels.fill(0);
    splatPoints(
      pixels,
      image.width,
      image.height,
      coordinates,
      layers.order,
      layers.count,
      layers.colors,
      t.ax * ratio,
      t.bx * ratio,
      t.ay * ratio,
      t.by * ratio,
      this.#stamp,
    );
    parts.context.putImageData(image, 0, 0);
  }

  #drawOverlay(parts: Parts, data: StateDataset, coordinates: Float32Array): void {
    const bus = this.bus;
    const selected = bus.selectedSequences;
    const active = bus.activeSequence;
    const width = this.getAttribute('trajectory-width');
    drawTrajectories(parts.trajectories, data, selected, active, this.#transform, coordinates, {
      color: (this.getAttribute('trajectory-color') === 'time' ? 'time' : 'expected') as TrajectoryColor,
      width: (width === 'time' || width === 'distance' ? width : 'constant') as TrajectoryWidth,
      expectedColors: this.#colorsFor(data, 'expected'),
    });
    const showLabels = this.getAttribute('labels') !== 'none' && active >= 0 && active < data.sequenceCount;
    const labels = showLabels
      ? jumpLabels(data, active, {
          distanceThreshold: bus.options.distanceThreshold,
          predictionThreshold: bus.options.predictionThreshold,
          placement: (this.getAttribute('label-placement') === 'before' ? 'before' : 'after') as LabelPlacement,
        })
      : [];
    drawJumpLabels(parts.labels, data, labels, this.#transform, coordinates);
    this.#showFocus(bus.focus);
    this.#showBrushShape();
    const mode = this.colorMode;
    const legendKey = `${mode}:${selected.length > 0}`;
    if (legendKey !== this.#legendKey) {
      renderLegend(parts.legend, data, mode, selected.length > 0);
      parts.canvas.setAttribute(
        'aria-label',
        `Map of ${data.stepCount} hidden states of ${data.sequenceCount} sequences, coloured by ${
          parts.legend.firstElementChild?.textContent?.toLowerCase() ?? mode
        }`,
      );
      this.#legendKey = legendKey;
    }
    parts.colorSelect.value = mode;
  }

  /** Moves the hover ring to a step (or hides it); cheap, so it runs on every focus change. */
  #showFocus(step: number): void {
    const parts = this.#parts;
    const coordinates = this.#coordinatesInUse;
    if (!parts) return;
    const ring = parts.focusRing;
    if (step < 0 || !coordinates || 2 * step >= coordinates.length) {
      ring.setAttribute('visibility', 'hidden');
      return;
    }
    ring.setAttribute('cx', String(this.#transform.screenX(coordinates[2 * step])));
    ring.setAttribute('cy', String(this.#transform.screenY(coordinates[2 * step + 1])));
    ring.setAttribute('r', String(this.#pointSize(coordinates.length >>> 1) / 2 + 4));
    ring.setAttribute('data-step', String(step));
    ring.setAttribute('visibility', 'visible');
  }

  /** Redraws the brushed region (rectangle or lasso) at the current zoom. */
  #showBrushShape(): void {
    const parts = this.#parts;
    if (!parts || !this.#brush) return;
    const shape = this.#brushShape;
    const t = this.#transform;
    if (this.#brushStart) {
      // d3-brush is in the middle of a gesture: it draws its own rectangle.
    } else if (shape?.kind === 'rect') {
      const x0 = t.screenX(shape.x0);
      const x1 = t.screenX(shape.x1);
      const y0 = t.screenY(shape.y0);
      const y1 = t.screenY(shape.y1);
      parts.brushLayer.call(this.#brush.move, [
        [Math.min(x0, x1), Math.min(y0, y1)],
        [Math.max(x0, x1), Math.max(y0, y1)],
      ]);
    } else {
      parts.brushLayer.call(this.#brush.move, null);
    }
    if (shape?.kind === 'lasso') {
      const points = Array.from(shape.polygon, (v, k) => (k % 2 ? t.screenY(v) : t.screenX(v)));
      parts.lasso.setAttribute('d', lassoPath(points));
    } else {
      parts.lasso.removeAttribute('d');
    }
  }

  // ---- interaction -------------------------------------------------------------------------

  #local(event: MouseEvent): [number, number] {
    const box = this.#parts!.svg.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  }

  #hover(x: number, y: number): void {
    const data = this.data;
    const parts = this.#parts;
    if (!data || !parts) return;
    const step = this.stepAt(x, y);
    if (step !== this.#hovered) {
      this.#hovered = step;
      this.publishFocus(step);
      if (step >= 0) fillTooltip(parts.tooltip, data, step);
    }
    const tooltip = parts.tooltip;
    tooltip.hidden = step < 0;
    if (step >= 0) {
      // Beside the pointer, flipped to the other side near the right and bottom edges.
      const flipX = x > this.#width * 0.6;
      const flipY = y > this.#height * 0.6;
      tooltip.style.left = flipX ? '' : `${x + 14}px`;
      tooltip.style.right = flipX ? `${this.#width - x + 14}px` : '';
      tooltip.style.top = flipY ? '' : `${y + 14}px`;
      tooltip.style.bottom = flipY ? `${this.#height - y + 14}px` : '';
    }
  }

  #leave(): void {
    if (this.#parts) this.#parts.tooltip.hidden = true;
    if (this.#hovered === -1) return;
    this.#hovered = -1;
    this.publishFocus(-1);
  }

  /** A click: on a point selects its sequence (Ctrl/Cmd toggles it for comparison); elsewhere clears the brush. */
  #click(x: number, y: number, event: MouseEvent): boolean {
    const data = this.data;
    if (!data) return false;
    const step = this.stepAt(x, y);
    if (step < 0) {
      this.clearBrush();
      return false;
    }
    const sequence = data.sequenceOf(step);
    const mode = event.ctrlKey || event.metaKey ? 'toggle' : 'replace';
    this.publishSelect(sequence, mode);
    return true;
  }

  #onBrush(event: D3BrushEvent<unknown>): void {
    if (!event.sourceEvent) return; // moved by code (zoom, clear): nothing new to publish
    const coordinates = this.#coordinatesInUse;
    if (!coordinates) return;
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
        if (this.#click(x, y, event.sourceEvent as MouseEvent)) this.#showBrushShape(); // keep the brush drawn
        return;
      }
    }
    const selection = event.selection as [[number, number], [number, number]] | null;
    if (!selection) {
      if (event.type === 'end') this.clearBrush();
      return;
    }
    const t = this.#transform;
    const [[sx0, sy0], [sx1, sy1]] = selection;
    const shape = { kind: 'rect' as const, x0: t.dataX(sx0), y0: t.dataY(sy0), x1: t.dataX(sx1), y1: t.dataY(sy1) };
    this.#brushShape = shape;
    this.#parts?.lasso.removeAttribute('d');
    // While the rectangle moves, publish at most once per frame (each publication scans every
    // point and makes the other views redraw); the gesture's end publishes at once.
    if (this.#brushFrame) cancelAnimationFrame(this.#brushFrame);
    this.#brushFrame = 0;
    const publish = () => {
      this.#brushFrame = 0;
      if (this.#brushShape !== shape || !this.isConnected) return;
      // Every point in the shape, hidden or not: class filters are a constraint of their own, which
      // each view applies; folded in here, clearing the filter would not widen this brush.
      this.publishBrush(stepsInRect(coordinates, shape.x0, shape.y0, shape.x1, shape.y1), { ...shape });
    };
    if (event.type === 'end') publish();
    else this.#brushFrame = requestAnimationFrame(publish);
  }

  #pointerDown(event: PointerEvent): void {
    this.focus({ preventScroll: true });
    if (event.button !== 0 && event.button !== 1) return;
    const [x, y] = this.#local(event);
    const mode = this.mode;
    const kind =
      event.button === 1 || event.altKey || mode === 'pan'
        ? 'pan'
        : event.shiftKey || mode === 'lasso'
          ? 'lasso'
          : null;
    if (!kind) return; // rectangles are d3-brush's
    event.preventDefault();
    try {
      this.#parts!.svg.setPointerCapture(event.pointerId); // keep the drag when the pointer leaves the view
    } catch {
      // a synthetic pointer has nothing to capture
    }
    this.#drag = { kind, x, y, moved: false, points: [x, y], pointer: event.pointerId };
  }

  #pointerMove(event: PointerEvent): void {
    const [x, y] = this.#local(event);
    const drag = this.#drag;
    if (!drag || drag.pointer !== event.pointerId) {
      if (event.buttons === 0) this.#hover(x, y);
      return;
    }
    if (!drag.moved && Math.hypot(x - drag.x, y - drag.y) < CLICK_SLOP) return;
    drag.moved = true;
    if (drag.kind === 'pan') {
      this.#transform.pan(x - drag.points[0], y - drag.points[1]);
      drag.points[0] = x;
      drag.points[1] = y;
      this.requestRender();
    } else {
      drag.points.push(x, y);
      this.#parts!.lasso.setAttribute('d', lassoPath(drag.points));
    }
  }

  #pointerUp(event: PointerEvent): void {
    const drag = this.#drag;
    if (!drag || drag.pointer !== event.pointerId) return;
    this.#drag = null;
    const [x, y] = this.#local(event);
    if (!drag.moved) {
      this.#click(x, y, event);
      return;
    }
    if (drag.kind !== 'lasso') return;
    const coordinates = this.#coordinatesInUse;
    if (!coordinates || drag.points.length < 6) return;
    const t = this.#transform;
    const polygon = new Float32Array(drag.points.length);
    for (let k = 0; k < polygon.length; k += 2) {
      polygon[k] = t.dataX(drag.points[k]);
      polygon[k + 1] = t.dataY(drag.points[k + 1]);
    }
    this.#brushShape = { kind: 'lasso', polygon };
    this.#showBrushShape();
    this.publishBrush(stepsInPolygon(coordinates, polygon), { kind: 'lasso', polygon: Array.from(polygon) });
  }

  #wheel(event: WheelEvent): void {
    if (!this.#coordinatesInUse) return;
    event.preventDefault();
    const [x, y] = this.#local(event);
    const scale = event.deltaMode === 1 ? 0.05 : event.deltaMode === 2 ? 1 : 0.002;
    this.#transform.zoomAt(x, y, Math.exp(-event.deltaY * scale));
    this.requestRender();
  }

  /** Esc clears the brush; + and - zoom about the centre, the arrow keys pan, 0 resets. */
  #key(event: KeyboardEvent): void {
    // Keys typed into the toolbar's controls (the colour select) are theirs, not the map's.
    const target = event.composedPath()[0];
    if (target instanceof HTMLSelectElement || target instanceof HTMLInputElement) {
      return;
    }
    if (event.key === 'Escape') return this.clearBrush();
    if (!this.#coordinatesInUse || event.ctrlKey || event.metaKey || event.altKey) return;
    const t = this.#transform;
    const pans: Record<string, [number, number]> = {
      ArrowLeft: [40, 0],
      ArrowRight: [-40, 0],
      ArrowUp: [0, 40],
      ArrowDown: [0, -40],
    };
    if (event.key === '+' || event.key === '=') t.zoomAt(this.#width / 2, this.#height / 2, 1.25);
    else if (event.key === '-' || event.key === '_') t.zoomAt(this.#width / 2, this.#height / 2, 0.8);
    else if (event.key === '0') t.reset();
    else if (pans[event.key]) t.pan(...pans[event.key]);
    else return;
    event.preventDefault();
    this.requestRender();
  }

  #syncToolbar(): void {
    const parts = this.#parts;
    if (!parts) return;
    const mode = this.mode;
    for (const button of parts.toolbar.querySelectorAll<HTMLButtonElement>('button[data-mode]')) {
      button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
    }
  }

  /** Creates the shadow DOM once: canvas, SVG overlay, toolbar, legend, tooltip. */
  #build(): Parts {
    if (this.#parts) return this.#parts;
    const doc = this.ownerDocument;
    const frame = doc.createElement('div');
    frame.className = 'frame';
    frame.setAttribute('part', 'frame');
    const canvas = doc.createElement('canvas');
    canvas.setAttribute('part', 'points');
    canvas.setAttribute('role', 'img');
    const svgNode = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const svg = select(svgNode).attr('class', 'overlay').attr('part', 'overlay');
    const trajectories = svg.append('g').attr('class', 'trajectories');
    const labels = svg.append('g').attr('class', 'labels');
    const brushLayer = svg.append('g').attr('class', 'brush');
    const lasso = svg.append('path').attr('class', 'lasso').node()!;
    const focusRing = svg.append('g').attr('class', 'focus').append('circle').attr('visibility', 'hidden').node()!;

    const toolbar = doc.createElement('div');
    toolbar.className = 'toolbar panel';
    toolbar.setAttribute('part', 'toolbar');
    const button = (text: string, title: string, mode?: InteractionMode) => {
      const b = doc.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.title = title;
      if (mode) b.dataset.mode = mode;
      toolbar.append(b);
      return b;
    };
    button('▭', 'Brush a rectangle (drag)', 'rect').addEventListener('click', () => (this.mode = 'rect'));
    button('◌', 'Draw a lasso (drag; Shift-drag in any mode)', 'lasso').addEventListener(
      'click',
      () => (this.mode = 'lasso'),
    );
    button('✥', 'Pan (drag; Alt-drag in any mode); the wheel zooms', 'pan').addEventListener(
      'click',
      () => (this.mode = 'pan'),
    );
    button('⟲', 'Reset zoom').addEventListener('click', () => this.resetZoom());
    const colorSelect = doc.createElement('select');
    colorSelect.title = 'Colour points by';
    for (const [value, text] of [
      ['expected', 'expected prediction'],
      ['predicted', 'predicted class'],
      ['true', 'true class'],
    ]) {
      const option = doc.createElement('option');
      option.value = value;
      option.textContent = text;
      colorSelect.append(option);
    }
    colorSelect.addEventListener('change', () => {
      const mode = colorSelect.value as ColorMode;
      if (this.hasAttribute('color-mode')) this.colorMode = mode;
      else this.publishOptions({ colorMode: mode });
    });
    toolbar.append(colorSelect);

    const legend = doc.createElement('div');
    legend.className = 'legend panel';
    legend.setAttribute('part', 'legend');
    const tooltip = doc.createElement('div');
    tooltip.className = 'tooltip panel';
    tooltip.setAttribute('part', 'tooltip');
    tooltip.setAttribute('role', 'tooltip');
    tooltip.hidden = true;
    const message = doc.createElement('div');
    message.className = 'message';
    message.setAttribute('part', 'empty');
    frame.append(canvas, svgNode, toolbar, legend, tooltip, message);
    this.root.replaceChildren(frame);
    this.adoptStyles(projectionStyles);

    this.#brush = d3Brush()
      .keyModifiers(false)
      .filter((event: MouseEvent) => this.mode === 'rect' && !event.button && !event.shiftKey && !event.altKey)
      .on('start brush end', (event: D3BrushEvent<unknown>) => this.#onBrush(event));
    brushLayer.call(this.#brush);

    svgNode.addEventListener('pointerdown', (event) => this.#pointerDown(event));
    svgNode.addEventListener('pointermove', (event) => this.#pointerMove(event));
    svgNode.addEventListener('pointerup', (event) => this.#pointerUp(event));
    svgNode.addEventListener('pointercancel', () => {
      this.#drag = null;
      this.#showBrushShape(); // drop a half-drawn lasso
    });
    svgNode.addEventListener('pointerleave', () => this.#leave());
    svgNode.addEventListener('wheel', (event) => this.#wheel(event), { passive: false });
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => this.requestRender()).observe(frame);

    this.#parts = {
      frame,
      canvas,
      context: null,
      webgl: null,
      svg: svgNode,
      trajectories,
      labels,
      focusRing,
      lasso,
      brushLayer,
      toolbar,
      colorSelect,
      legend,
      tooltip,
      message,
    };
    this.#syncToolbar();
    return this.#parts;
  }
}

/** SVG path of a closed polygon given as flat [x0, y0, x1, y1, ...] screen points. */
function lassoPath(points: ArrayLike<number>): string {
  let d = '';
  for (let k = 0; k + 1 < points.length; k += 2) d += `${k ? 'L' : 'M'}${points[k]},${points[k + 1]}`;
  return d ? `${d}Z` : '';
}
