import { select, type Selection } from 'd3-selection';
import type { ColorMode, LinkBus, ProvisionalSequence, UnitSelection } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import {
  FADED_OPACITY,
  StatescopeElement,
  StepColors,
  numberAttribute,
  oneOfAttribute,
  stringAttribute,
  withAttributes,
} from '@statescope/view-base';
import { activationColors, type ActivationColoring } from './activationColors.js';
import { MapCoordinates } from './MapCoordinates.js';
import { MapGestures } from './MapGestures.js';
import { MapToolbar } from './MapToolbar.js';
import { MapTransform } from './MapTransform.js';
import { PointRenderer, RENDERER_CHOICES } from './PointRenderer.js';
import { brushShape, brushValue, type BrushShape } from './brushShape.js';
import { drawMapLabels } from './drawMapLabels.js';
import { drawNearest, noteNearest, type NearestRings } from './drawNearest.js';
import { drawProvisional } from './drawProvisional.js';
import { TRAJECTORY_COLORS, TRAJECTORY_WIDTHS, drawTrajectories } from './drawTrajectories.js';
import { fillProvisionalTooltip } from './fillProvisionalTooltip.js';
import { fillTooltip } from './fillTooltip.js';
import { INTERACTION_MODES } from './interactionModes.js';
import { LABEL_PLACEMENTS, jumpLabels, rankJumpLabels } from './jumpLabels.js';
import { MAP_COLOR_MODES, type MapColorMode } from './mapColorModes.js';
import { pointLayers, type PointLayers } from './pointLayers.js';
import { projectionStyles } from './projectionStyles.js';
import { renderLegend } from './renderLegend.js';
import { stepsInPolygon, stepsInRect } from './selectSteps.js';
import { shownProjection } from './shownProjection.js';
import { TextMeasure } from './TextMeasure.js';
import { TrajectoryPager, trajectoryPage } from './TrajectoryPager.js';

type Layer = Selection<SVGGElement, unknown, null, undefined>;

/** How far from a point (CSS pixels) hovering and clicking still find it. */
const HOVER_RADIUS = 12;

interface Parts {
  frame: HTMLDivElement;
  svg: SVGSVGElement;
  trajectories: Layer;
  provisional: Layer;
  nearest: Layer;
  labels: Layer;
  focusRing: SVGCircleElement;
  toolbar: MapToolbar;
  pager: TrajectoryPager;
  legend: HTMLDivElement;
  tooltip: HTMLDivElement;
  message: HTMLDivElement;
}

/**
 * `<hs-projection>`: every hidden state of the dataset as a point of one 2-D map (t-SNE or PCA),
 * drawn by splatting pixels into a canvas (or WebGL 2 on a GPU) so that a million points redraw
 * within a frame; the selected sequences as trajectories with start and end rings and word labels
 * at their jumps (12 trajectories at most, paged, the active one always among them; labels placed
 * without overlaps, the most important kept); hover (nearest point through a uniform grid)
 * publishes focus and shows a tooltip; rectangle (d3-brush) and lasso brushing publish this
 * view's brush clause, and every clause on the bus (its own too) dims the points outside it;
 * wheel, trackpad and touch pinch zoom (d3-zoom) and pan with reset. A step focused in another view is ringed, with its tooltip.
 * The bus's provisional sequence (a what-if text) is drawn apart, on the map shown where it has
 * coordinates for it; a change of it redraws the overlay only, not the points.
 * With `nearest="k"`, a focused step's k nearest states in the model's own hidden space (the top
 * layer's, Euclidean, through the page's shared index, built on the first focus that needs it)
 * are ringed on the overlay, so the map shows which true neighbours it kept close; the tooltip
 * gives their mean distance.
 *
 * Keys: Esc clears this view's brush; + / - zoom, arrows pan, 0 resets. Shift-drag draws a
 * lasso, Alt-drag pans in any mode.
 *
 * @tagname hs-projection
 * @csspart frame - the box holding every layer
 * @csspart points - the canvas of the points
 * @csspart overlay - the SVG of trajectories, labels, hover ring and brush
 * @csspart toolbar - brush, lasso, pan, reset and colour mode controls
 * @csspart legend - the colour legend
 * @csspart pager - "+N more" and Previous / Next, while more sequences are selected than drawn
 * @csspart tooltip - the hovered step's details
 * @csspart empty - the message shown without data
 * @cssprop --hs-font - font of labels, legend and tooltip
 * @cssprop --hs-text - text colour
 * @cssprop --hs-muted - secondary text colour
 * @cssprop --hs-background - background
 * @cssprop --hs-focus - hover ring and brush colour (#696969)
 * @cssprop --hs-nearest-color - rings of the focused step's nearest states in the model's space, and their tooltip line (#1f4fd1)
 * @cssprop --hs-panel - background of legend, toolbar, pager and tooltip
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
 * map.colorMode = 'predicted'; // or the attribute color-mode="predicted"
 * map.trajectoryColor = 'time';
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
export class ProjectionView extends withAttributes(StatescopeElement, {
  /** A stored projection's name; null (default) shows `tsne`, else `pca`, else the first stored, else a PCA computed here. */
  projection: stringAttribute(),
  /**
   * This map's own colour mode (`expected`, `predicted`, `true`, or `activation`: the mean
   * activation of the units picked on the bus, `options.units`); null (default) follows the bus
   * option `colorMode`.
   */
  colorMode: oneOfAttribute(MAP_COLOR_MODES, null),
  /** What a drag does: `rect` brushing (default), `lasso`, or `pan`. */
  mode: oneOfAttribute(INTERACTION_MODES, 'rect'),
  /** Point size in CSS pixels; null (default) picks 4, 3 or 2 by point count. */
  pointSize: numberAttribute({ min: 0.5, max: 64 }),
  /** Trajectory colour: `expected` prediction (default) or `time` (grey to black). */
  trajectoryColor: oneOfAttribute(TRAJECTORY_COLORS, 'expected'),
  /** Trajectory width: `constant` (default), growing with `time`, or the step's `distance` in the original space. */
  trajectoryWidth: oneOfAttribute(TRAJECTORY_WIDTHS, 'constant'),
  /** Jump words at the state `after` (default) or `before` the jump. */
  labelPlacement: oneOfAttribute(LABEL_PLACEMENTS, 'after'),
  /** `jumps` (default) labels the active sequence's jumps with their words; `none` hides the labels. */
  labels: oneOfAttribute(['jumps', 'none'], 'jumps'),
  /** `auto` (default: WebGL 2 on a hardware GPU, else Canvas 2D), `canvas` or `webgl`. */
  renderer: oneOfAttribute(RENDERER_CHOICES, 'auto'),
  /**
   * How many of the focused step's nearest states in the model's hidden space (top layer,
   * Euclidean) to ring, 0 to 50 (whole numbers; a fraction is rounded down); null or 0 (default)
   * rings none and builds no index.
   */
  nearest: numberAttribute({ min: 0, max: 50 }),
}) {
  #parts: Parts | null = null;
  #renderer: PointRenderer | null = null;
  #gestures: MapGestures | null = null;
  readonly #transform = new MapTransform();
  readonly #source = new MapCoordinates((data) => this.data === data && this.requestRender());
  #override: Float32Array | null = null;
  #width = 0;
  #height = 0;
  #needsFit = true;

  #layers: PointLayers | null = null;
  /** What the point layers' colours show: the colour mode, or the units coloured by. */
  #layersKey = '';
  #legendKey = '';
  #activation: { data: StateDataset; picked: UnitSelection | null; coloring: ActivationColoring } | null = null;
  /** Whether the colour menu set this map's own `activation` mode (and a class mode gives the bus's back). */
  #menuChoseActivation = false;

  /** The page of selected sequences whose trajectories are drawn. */
  #page = 0;
  /** The selection that page is of: a different set of sequences starts at the first page. */
  #pagedSelection: Uint32Array = new Uint32Array(0);
  readonly #text = new TextMeasure();

  #brushShape: BrushShape = null;
  /** Animation frame that will publish the moving rectangle brush, or 0. */
  #brushFrame = 0;
  #hovered = -1;
  /** The provisional step under the pointer, or -1. */
  #hoveredProvisional = -1;
  /** The sequences whose trajectories were last drawn (the provisional sequence's original may be among them). */
  #shownSequences: readonly number[] = [];
  /** The provisional sequence drawn and its coordinates on the map shown; null while none is drawn. */
  #provisional: ProvisionalDrawn | null = null;
  /** The focused step's nearest states ringed, or null. */
  #nearest: NearestRings | null = null;
  /** Draws the rings again once the shared index is built, if a step is still focused. */
  readonly #nearestBuilt = () => this.#showNearest(this.bus.focus);

  constructor() {
    super();
    this.addEventListener('keydown', (event) => this.#gestures?.key(event));
  }

  // ---- properties --------------------------------------------------------------------------

  /**
   * Coordinates to show instead of a stored projection (N x 2, row-major), e.g. each
   * intermediate layout of a running t-SNE: setting them redraws in the next frame, refitting
   * the map and re-indexing it for hover, without rebuilding anything else. null returns to the
   * stored projection.
   */
  get coordinates(): Float32Array | null {
    return this.#override;
  }
  /** Shows these coordinates (N x 2) from the next frame on; null returns to the stored projection. */
  set coordinates(value: Float32Array | null) {
    this.#override = value;
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

  /**
   * The steps ringed as the focused step's nearest in the model's space (attribute `nearest`),
   * nearest first; null while none are (no focus, `nearest` 0, or the index still building).
   */
  get nearestSteps(): Uint32Array | null {
    return this.#nearest?.steps ?? null;
  }

  /** The renderer in use: `webgl` or `canvas`. */
  get activeRenderer(): 'webgl' | 'canvas' {
    return this.#renderer?.active ?? 'canvas';
  }

  /** The on-screen position (CSS pixels from the view's top-left corner) of a step. */
  screenPosition(step: number): [number, number] {
    const data = this.data;
    const coordinates = this.#source.inUse ?? (data && this.#source.resolve(data, this.#override, this.projection));
    if (!coordinates) return [NaN, NaN];
    return [this.#transform.screenX(coordinates[2 * step]), this.#transform.screenY(coordinates[2 * step + 1])];
  }

  /** The visible step nearest to a view position (CSS pixels), within the hover radius, or -1. */
  stepAt(x: number, y: number, radius = HOVER_RADIUS): number {
    const grid = this.data ? this.#source.grid() : null;
    if (!grid) return -1;
    const t = this.#transform;
    return grid.nearest(t.dataX(x), t.dataY(y), radius / t.unit, this.#layers?.hidden);
  }

  /** Back to the fitted map (no zoom, no pan). */
  resetZoom(): void {
    this.#gestures?.resetZoom();
  }

  /** Removes this view's brush (rectangle or lasso) and its clause on the bus. */
  clearBrush(): void {
    this.#brushShape = null;
    this.#gestures?.showShape(null);
    this.publishBrush(null);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /** The map fills the height the page gives it: a new height redraws it too. */
  protected override get fillsHeight(): boolean {
    return true;
  }

  override connectedCallback(): void {
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0; // so that Esc reaches the view
    this.#build();
    super.connectedCallback();
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'color-mode' || name === 'bus') this.#layers = null;
    super.attributeChangedCallback(name, previous, value);
  }

  protected override dataChanged(): void {
    this.#hideTooltip(); // it describes a step of the old dataset
    this.#legendKey = '';
    this.#brushShape = null;
    this.#layers = null;
    this.#override = null;
    this.#provisional = null;
    this.#nearest = null;
    this.#source.reset();
    this.#page = 0;
    this.#pagedSelection = new Uint32Array(0);
    this.#gestures?.resetZoom();
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    this.#hideTooltip(); // it answered the old bus's focus
    this.#layers = null;
    this.#page = 0;
    this.#pagedSelection = bus.selectedSequences;
    const restyle = () => {
      this.#layers = null;
      this.requestRender();
    };
    bus.on('focus', (event) => this.#showFocus(event.step, event.source !== this.source), { signal });
    bus.on(
      'selection',
      ({ sequences }) => {
        // Another set of sequences starts at the first page; a new active one alone keeps the page.
        if (!sameSequences(sequences, this.#pagedSelection)) this.#page = 0;
        this.#pagedSelection = sequences;
        restyle();
      },
      { signal },
    );
    bus.on('filter', restyle, { signal });
    bus.on(
      'brush',
      (event) => {
        // Its own clause may come from elsewhere (a restored snapshot): draw what it says.
        if (event.source === this.source) this.#brushShape = brushShape(event.value);
        restyle();
      },
      { signal },
    );
    // Options change labels and colours; the colour mode alone reaches the point layers (via #layersMode).
    bus.on('options', () => this.requestRender(), { signal });
    // The provisional sequence lies over the points: a change of it redraws its layer alone.
    bus.on(
      'provisional',
      () => {
        this.#hideProvisionalTooltip(); // its step may be gone
        this.requestRender('provisional');
      },
      { signal },
    );
  }

  // ---- drawing -----------------------------------------------------------------------------

  protected override renderEmpty(message: string): void {
    const parts = this.#build();
    parts.message.hidden = false;
    parts.message.textContent = message;
    this.#showContent(parts, false);
  }

  protected render(changes: ReadonlySet<string>, data: StateDataset): void {
    const parts = this.#build();
    const coordinates = this.#source.resolve(data, this.#override, this.projection);
    if (changes.size === 1 && changes.has('provisional') && coordinates && coordinates === this.#source.inUse) {
      this.#measure(parts);
      if (!this.#needsFit && this.#layers) {
        this.#drawProvisional(parts, data, coordinates);
        this.#updateLegend(parts, data);
        return;
      }
    }
    if (!coordinates) {
      const error = this.#source.error;
      return this.renderEmpty(
        error ? `Could not compute a projection: ${error.message}` : 'Computing a PCA projection…',
      );
    }
    parts.message.hidden = true;
    this.#showContent(parts, true);
    this.#measure(parts);
    if (coordinates !== this.#source.inUse) {
      this.#source.use(coordinates);
      this.#needsFit = true;
    }
    if (this.#needsFit) {
      const [minX, minY, maxX, maxY] = this.#source.extent;
      this.#transform.fit(minX, minY, maxX, maxY, this.#width, this.#height);
      this.#needsFit = false;
    }
    this.#drawPoints(data, coordinates);
    this.#drawOverlay(parts, data, coordinates);
  }

  #showContent(parts: Parts, shown: boolean): void {
    this.#renderer!.canvas.hidden = parts.legend.hidden = parts.toolbar.element.hidden = !shown;
    if (!shown) parts.pager.element.hidden = true;
    parts.svg.style.display = shown ? '' : 'none';
  }

  /** Sizes the canvas, brush and zoom to the view; the map is fitted again when the size changed. */
  #measure(parts: Parts): void {
    const renderer = this.#renderer!;
    renderer.use(this.renderer);
    const width = Math.max(1, parts.frame.clientWidth);
    const height = Math.max(1, parts.frame.clientHeight);
    if (!renderer.resize(width, height, globalThis.devicePixelRatio || 1)) return;
    this.#width = width;
    this.#height = height;
    this.#needsFit = true;
    this.#gestures!.resize(width, height);
  }

  /** The colour mode in use: this map's own, else the bus's. */
  #colorMode(): MapColorMode {
    return this.colorMode ?? this.bus.options.colorMode;
  }

  /** In `activation` mode, the colouring by the bus's units (made again when they change), else null. */
  #activationColoring(data: StateDataset): ActivationColoring | null {
    if (this.#colorMode() !== 'activation') return null;
    const picked = this.bus.options.units;
    if (this.#activation?.data !== data || this.#activation.picked !== picked) {
      this.#activation = { data, picked, coloring: activationColors(data, picked) };
    }
    return this.#activation.coloring;
  }

  /** Key of what the points' colours show. */
  #colorKey(activation: ActivationColoring | null): string {
    if (!activation) return this.#colorMode();
    const { layer, state, units } = activation.units;
    return `activation:${layer}:${state}:${units.join(',')}`;
  }

  #pointSize(count: number): number {
    const requested = this.pointSize;
    if (requested !== null) return requested;
    if (count <= 20_000) return 4;
    if (count <= 200_000) return 3;
    return 2;
  }

  #drawPoints(data: StateDataset, coordinates: Float32Array): void {
    const mode = this.#colorMode();
    const activation = this.#activationColoring(data);
    const key = this.#colorKey(activation);
    if (!this.#layers || this.#layersKey !== key) {
      const bus = this.bus;
      const packed = activation ? activation.packed : StepColors.of(data, mode as ColorMode).packed();
      this.#layers = pointLayers(data, packed, {
        filters: bus.filters,
        // Every clause, this map's own too: what it brushed stands out, the rest dims.
        brushed: bus.brushed(),
        selected: bus.selectedSequences,
        fadedOpacity: FADED_OPACITY,
      });
      this.#layersKey = key;
    }
    this.#renderer!.draw(coordinates, this.#layers, this.#transform, this.#pointSize(data.stepCount));
  }

  #drawOverlay(parts: Parts, data: StateDataset, coordinates: Float32Array): void {
    const bus = this.bus;
    const selected = bus.selectedSequences;
    const active = bus.activeSequence;
    const shown = trajectoryPage(selected, active < data.sequenceCount ? active : -1, this.#page);
    this.#page = shown.page;
    parts.pager.show(shown);
    this.#shownSequences = shown.sequences;
    this.#drawProvisional(parts, data, coordinates);
    const mode = this.#colorMode();
    const activation = this.#activationColoring(data);
    this.#updateLegend(parts, data);
    const unitCount = activation ? data.layer(activation.units.layer).dim : 0;
    parts.toolbar.show(this.mode, mode, activation, unitCount);
    // Read the panels' boxes and the font before the overlay changes: one layout, not two.
    const obstacles = this.#panelBoxes(parts);
    this.#text.use(parts.labels.node()!);

    drawTrajectories(parts.trajectories.node()!, data, shown.sequences, active, this.#transform, coordinates, {
      color: this.trajectoryColor,
      width: this.trajectoryWidth,
      expectedColors: StepColors.of(data, 'expected'),
    });
    const showLabels = this.labels !== 'none' && active >= 0 && active < data.sequenceCount;
    const jumps = showLabels
      ? rankJumpLabels(
          data,
          jumpLabels(data, active, {
            distanceThreshold: bus.options.distanceThreshold,
            predictionThreshold: bus.options.predictionThreshold,
            placement: this.labelPlacement,
          }),
        )
      : [];
    // Ids tell compared trajectories apart; the active one's first. Jump words go first of all.
    const ids = shown.sequences.length > 1 ? [...shown.sequences].reverse() : [];
    drawMapLabels(parts.labels, data, jumps, ids, this.#transform, coordinates, this.#text, {
      // Unmeasured (a DOM without layout): nothing to keep the labels inside.
      bounds: this.#width > 1 && this.#height > 1 ? [this.#width, this.#height] : [Infinity, Infinity],
      obstacles,
    });
    this.#showFocus(bus.focus, false);
    this.#gestures!.showShape(this.#brushShape);
  }

  /** Fills the legend again when what it shows changed (colours, a trajectory, the provisional sequence). */
  #updateLegend(parts: Parts, data: StateDataset): void {
    const mode = this.#colorMode();
    const activation = this.#activationColoring(data);
    const trajectory = this.bus.selectedSequences.length > 0;
    const provisional = this.#provisional?.sequence.id ?? null;
    // JSON: the id is data, and no separator could be told from it.
    const legendKey = JSON.stringify([this.#colorKey(activation), trajectory, provisional]);
    if (legendKey === this.#legendKey) return;
    renderLegend(parts.legend, data, mode, trajectory, activation, provisional);
    this.#renderer!.canvas.setAttribute(
      'aria-label',
      `Map of ${data.stepCount} hidden states of ${data.sequenceCount} sequences, coloured by ${
        parts.legend.firstElementChild?.textContent?.toLowerCase() ?? mode
      }`,
    );
    this.#legendKey = legendKey;
  }

  /**
   * Draws the bus's provisional sequence on the map shown, when it has coordinates for it (none
   * for coordinates set by code, or a map it was not placed on) and was made for this dataset.
   */
  #drawProvisional(parts: Parts, data: StateDataset, coordinates: Float32Array): void {
    const sequence = this.bus.provisional;
    const name = sequence && fitsDataset(sequence, data) ? shownProjection(data, coordinates) : null;
    const xy = name !== null && Object.hasOwn(sequence!.coordinates, name) ? sequence!.coordinates[name] : null;
    this.#provisional = xy && { sequence: sequence!, coordinates: xy };
    drawProvisional(
      parts.provisional.node()!,
      sequence,
      data,
      this.#transform,
      xy && { coordinates: xy, originalShown: this.#shownSequences.includes(sequence!.original) },
    );
  }

  /** The boxes of the visible panels over the map (toolbar, legend, pager), in map pixels. */
  #panelBoxes(parts: Parts): number[] {
    const frame = parts.frame.getBoundingClientRect();
    const boxes: number[] = [];
    for (const panel of [parts.toolbar.element, parts.legend, parts.pager.element]) {
      if (panel.hidden) continue;
      const box = panel.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) {
        boxes.push(box.left - frame.left, box.top - frame.top, box.right - frame.left, box.bottom - frame.top);
      }
    }
    return boxes;
  }

  /**
   * Moves the hover ring to a step (or hides it); cheap, so it runs on every focus change. A step
   * focused in another view (`elsewhere`) also gets its tooltip, beside the ring.
   */
  #showFocus(step: number, elsewhere: boolean): void {
    const parts = this.#parts;
    const coordinates = this.#source.inUse;
    const data = this.data;
    if (!parts) return;
    const ring = parts.focusRing;
    if (step < 0 || !coordinates || !data || 2 * step >= coordinates.length) {
      ring.setAttribute('visibility', 'hidden');
      if (elsewhere) parts.tooltip.hidden = true;
      return this.#showNearest(-1);
    }
    const x = this.#transform.screenX(coordinates[2 * step]);
    const y = this.#transform.screenY(coordinates[2 * step + 1]);
    ring.setAttribute('cx', String(x));
    ring.setAttribute('cy', String(y));
    ring.setAttribute('r', String(this.#pointSize(coordinates.length >>> 1) / 2 + 4));
    ring.setAttribute('data-step', String(step));
    ring.setAttribute('visibility', 'visible');
    if (elsewhere) {
      fillTooltip(parts.tooltip, data, step, this.#activationColoring(data));
      this.#placeTooltip(x, y);
    }
    this.#showNearest(step);
  }

  /** Rings the step's nearest states in the model's space (see drawNearest) and notes them in its tooltip. */
  #showNearest(step: number): void {
    const parts = this.#parts;
    const coordinates = this.#source.inUse;
    const data = this.data;
    if (!parts) return;
    const layer = parts.nearest.node()!;
    this.#nearest = null;
    if (data && coordinates) {
      this.#nearest = drawNearest(layer, {
        dataset: data,
        step,
        k: Math.floor(this.nearest ?? 0),
        coordinates,
        transform: this.#transform,
        radius: this.#pointSize(coordinates.length >>> 1) / 2 + 4,
        built: this.#nearestBuilt,
      });
    } else layer.replaceChildren();
    if (this.#hoveredProvisional < 0) noteNearest(parts.tooltip, step, this.#nearest);
  }

  /** Shows the tooltip beside (x, y), flipped to the other side near the right and bottom edges. */
  #placeTooltip(x: number, y: number): void {
    const tooltip = this.#parts!.tooltip;
    const inside = x >= 0 && y >= 0 && x <= this.#width && y <= this.#height;
    tooltip.hidden = !inside;
    if (!inside) return;
    const flipX = x > this.#width * 0.6;
    const flipY = y > this.#height * 0.6;
    tooltip.style.left = flipX ? '' : `${x + 14}px`;
    tooltip.style.right = flipX ? `${this.#width - x + 14}px` : '';
    tooltip.style.top = flipY ? '' : `${y + 14}px`;
    tooltip.style.bottom = flipY ? `${this.#height - y + 14}px` : '';
  }

  // ---- gestures (see MapGestures) ----------------------------------------------------------

  #hover(x: number, y: number): void {
    const data = this.data;
    const parts = this.#parts;
    if (!data || !parts) return;
    const provisional = this.#provisionalStepAt(x, y);
    if (provisional >= 0) {
      // Drawn over the points, so it wins; it has no global index: the bus's focus is let go.
      if (this.#hovered !== -1) {
        this.#hovered = -1;
        this.publishFocus(-1);
      }
      if (provisional !== this.#hoveredProvisional) {
        this.#hoveredProvisional = provisional;
        fillProvisionalTooltip(parts.tooltip, data, this.#provisional!.sequence, provisional);
      }
      this.#placeTooltip(x, y);
      return;
    }
    const leftProvisional = this.#hoveredProvisional >= 0;
    this.#hoveredProvisional = -1;
    const step = this.stepAt(x, y);
    if (step !== this.#hovered || (leftProvisional && step >= 0)) {
      this.#hovered = step;
      this.publishFocus(step);
      if (step >= 0) {
        fillTooltip(parts.tooltip, data, step, this.#activationColoring(data));
        noteNearest(parts.tooltip, step, this.#nearest);
      }
    }
    if (step >= 0) this.#placeTooltip(x, y);
    else parts.tooltip.hidden = true;
  }

  /** The provisional step drawn nearest to a view position, within the hover radius, or -1. */
  #provisionalStepAt(x: number, y: number): number {
    const xy = this.#provisional?.coordinates;
    if (!xy) return -1;
    const t = this.#transform;
    let nearest = -1;
    let best = HOVER_RADIUS * HOVER_RADIUS;
    for (let k = 0; 2 * k < xy.length; k++) {
      const dx = t.screenX(xy[2 * k]) - x;
      const dy = t.screenY(xy[2 * k + 1]) - y;
      const d = dx * dx + dy * dy;
      if (d <= best) [best, nearest] = [d, k];
    }
    return nearest;
  }

  #hideTooltip(): void {
    if (this.#parts) this.#parts.tooltip.hidden = true;
    this.#hovered = -1;
    this.#hoveredProvisional = -1;
  }

  /** Hides the tooltip when it shows a provisional step. */
  #hideProvisionalTooltip(): void {
    if (this.#hoveredProvisional < 0) return;
    this.#hoveredProvisional = -1;
    if (this.#parts) this.#parts.tooltip.hidden = true;
  }

  #leave(): void {
    this.#hoveredProvisional = -1;
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
    this.publishSelect(data.sequenceOf(step), event.ctrlKey || event.metaKey ? 'toggle' : 'replace');
    this.#gestures!.showShape(this.#brushShape); // a click inside the rectangle keeps it drawn
    return true;
  }

  #brushed(shape: BrushShape, final: boolean): void {
    const coordinates = this.#source.inUse;
    if (!coordinates || shape?.kind !== 'rect') return;
    this.#brushShape = shape;
    // While the rectangle moves, publish at most once per frame (each publication scans every
    // point and makes the other views redraw); the gesture's end publishes at once.
    if (this.#brushFrame) cancelAnimationFrame(this.#brushFrame);
    this.#brushFrame = 0;
    const publish = () => {
      this.#brushFrame = 0;
      if (this.#brushShape !== shape || !this.isConnected) return;
      // Every point in the shape, hidden or not: class filters are a constraint of their own, which
      // each view applies; folded in here, clearing the filter would not widen this brush.
      this.publishBrush(stepsInRect(coordinates, shape.x0, shape.y0, shape.x1, shape.y1), brushValue(shape));
    };
    if (final) publish();
    else this.#brushFrame = requestAnimationFrame(publish);
  }

  #lassoed(polygon: Float32Array): void {
    const coordinates = this.#source.inUse;
    if (!coordinates) return;
    const shape: BrushShape = { kind: 'lasso', polygon };
    this.#brushShape = shape;
    this.#gestures!.showShape(shape);
    this.publishBrush(stepsInPolygon(coordinates, polygon), brushValue(shape));
  }

  /** Creates the shadow DOM once: canvas, SVG overlay, toolbar, legend, tooltip; and the gestures. */
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
    const provisional = svg.append('g').attr('class', 'provisional').attr('pointer-events', 'none');
    const nearest = svg.append('g').attr('class', 'nearest').attr('pointer-events', 'none');
    const labels = svg.append('g').attr('class', 'labels');
    const brushLayer = svg.append('g').attr('class', 'brush').node()!;
    const lasso = svg.append('path').attr('class', 'lasso').node()!;
    const focusRing = svg.append('g').attr('class', 'focus').append('circle').attr('visibility', 'hidden').node()!;

    const toolbar = new MapToolbar(doc, {
      setMode: (mode) => (this.mode = mode),
      resetZoom: () => this.resetZoom(),
      chooseColor: (mode) => {
        // Activation is this map's alone: the bus's colour mode stays a class mode for the other views.
        if (mode === 'activation') {
          this.#menuChoseActivation ||= this.colorMode === null;
          this.colorMode = mode;
        } else if (this.#menuChoseActivation) {
          this.#menuChoseActivation = false;
          this.colorMode = null;
          this.publishOptions({ colorMode: mode });
        } else if (this.colorMode !== null) this.colorMode = mode;
        else this.publishOptions({ colorMode: mode });
      },
      chooseUnit: (unit) => {
        const { layer, state } = this.#activation?.coloring.units ?? {
          layer: this.data!.layer().name,
          state: 'hidden' as const,
        };
        this.publishOptions({ units: { layer, state, units: [unit] } });
      },
    });
    const pager = new TrajectoryPager(doc, (by) => {
      this.#page = Math.max(0, this.#page + by);
      this.requestRender();
    });
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
    frame.append(canvas, svgNode, toolbar.element, pager.element, legend, tooltip, message);
    this.root.replaceChildren(frame);
    this.adoptStyles(projectionStyles);

    this.#renderer = new PointRenderer(canvas, () => this.requestRender());
    this.#gestures = new MapGestures(svgNode, brushLayer, lasso, {
      dragMode: () => this.mode,
      transform: this.#transform,
      zoomed: () => this.requestRender(),
      hover: (x, y) => this.#hover(x, y),
      leave: () => this.#leave(),
      click: (x, y, event) => this.#click(x, y, event),
      brushed: (shape, final) => this.#brushed(shape, final),
      lassoed: (polygon) => this.#lassoed(polygon),
      clearBrush: () => this.clearBrush(),
    });
    this.#parts = {
      frame,
      svg: svgNode,
      trajectories,
      provisional,
      nearest,
      labels,
      focusRing,
      toolbar,
      pager,
      legend,
      tooltip,
      message,
    };
    return this.#parts;
  }
}

function sameSequences(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

interface ProvisionalDrawn {
  sequence: ProvisionalSequence;
  coordinates: Float32Array;
}

/** Whether a provisional sequence's rows fit this dataset's classes (one made for another dataset is not drawn). */
function fitsDataset(sequence: ProvisionalSequence, data: StateDataset): boolean {
  return sequence.expected.length === sequence.tokens.length * data.classCount;
}
