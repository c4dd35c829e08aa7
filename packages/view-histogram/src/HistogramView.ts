import { select, type Selection } from 'd3-selection';
import { scaleBand, scaleLinear, scaleSqrt, type ScaleContinuousNumeric } from 'd3-scale';
import { brushX, type BrushBehavior, type D3BrushEvent } from 'd3-brush';
import type { LinkBus } from '@statescope/bus';
import { StepSet, type DistanceMetric, type StateDataset } from '@statescope/core';
import { StatescopeElement, StepColors, baseStyles, showMessage } from '@statescope/view-base';
import { binDistances, type DistanceBins } from './binDistances.js';

const styles = `
${baseStyles}
.bar { shape-rendering: crispEdges; }
.bar.jump { stroke: var(--hs-text, #222); stroke-width: 1; }
.bar.focused { stroke: var(--hs-focus-color); stroke-width: 2; }
.bar.outside { opacity: 0.25; }
.threshold line { stroke: var(--hs-text, #222); stroke-dasharray: 4 3; stroke-width: 1.5; }
.threshold .handle { fill: transparent; cursor: ns-resize; }
.threshold:focus-visible line { stroke: var(--hs-focus-color); stroke-width: 3; }
.threshold-marker line { stroke: var(--hs-text, #222); stroke-dasharray: 4 3; }
.threshold-marker text { font-size: 11px; }
.threshold text { font-size: 11px; paint-order: stroke; stroke: var(--hs-background, #fff); stroke-width: 3px; }
.caption { fill: var(--hs-muted, #777); font-size: 11px; }
`;

type ChartSelection = Selection<SVGSVGElement, null, HTMLDivElement, unknown>;

const MARGIN = { top: 10, right: 12, bottom: 28, left: 40 };
const BINS = 40;

/**
 * `<hs-histogram>`: how far the hidden state moves at each step. In the default `steps` mode,
 * one bar per step of the active sequence: the original-space distance from h_t to h_t+1,
 * normalised by the dataset's maximum, coloured by the expected prediction at t. A dashed
 * line marks the jump threshold shared on the bus (the map's labels use it); drag it, or focus
 * it and use the arrow keys. Hovering a bar focuses both of its steps.
 *
 * In `mode="distribution"`, the histogram of all step distances of the dataset (or of the steps
 * other views brushed); brushing a range selects those steps into the bus.
 *
 * @tagname hs-histogram
 * @attr {'steps' | 'distribution'} mode - `steps` (default) | `distribution`
 * @attr {string} layer - the layer whose states are measured (default: the first)
 * @attr {'euclidean' | 'cosine'} metric - `euclidean` (default) | `cosine`
 * @attr {number} width - drawing width in pixels (default: the element's width, else 640)
 * @attr {number} height - drawing height in pixels (default 180)
 * @csspart svg - the chart
 * @csspart empty - the message shown when nothing is selected
 * @fires {CustomEvent<{ step: number; length: number }>} hs-focus - a bar was hovered
 * @fires {CustomEvent<{ name: 'distanceThreshold' | 'predictionThreshold'; value: number }>} hs-threshold - the threshold was moved
 * @fires {CustomEvent<{ options: Readonly<SharedOptions>; changed: (keyof SharedOptions)[] }>} hs-options - the threshold was moved (the shared option)
 * @fires {CustomEvent<{ steps: StepSet | null; value: JsonValue }>} hs-brush - a distance range was brushed (distribution mode)
 *
 * @example
 * In HTML: `<hs-histogram src="data/imdb.json" bus="main"></hs-histogram>`. In code:
 * ```ts
 * import { LinkBus } from '@statescope/bus';
 * import { loadDataset } from '@statescope/core';
 * import '@statescope/view-histogram/define'; // registers <hs-histogram>
 *
 * const bus = new LinkBus();
 * const dataset = await loadDataset('data/imdb.json');
 * const histogram = document.createElement('hs-histogram');
 * histogram.bus = bus;
 * histogram.data = dataset;
 * document.body.append(histogram);
 * bus.selectSequence(0, 'my-page'); // one bar per step of sequence 0
 *
 * // Dragging the threshold line sets the shared jump threshold, which the map's labels use.
 * histogram.addEventListener('hs-threshold', (event) => console.log(`${event.detail.name} = ${event.detail.value}`));
 * bus.on('options', ({ options }) => console.log(options.distanceThreshold));
 *
 * // Every step's distance as a distribution; brushing a range of it brushes those steps.
 * const distribution = document.createElement('hs-histogram');
 * distribution.mode = 'distribution';
 * distribution.bus = bus;
 * distribution.data = dataset;
 * document.body.append(distribution);
 * distribution.addEventListener('hs-brush', (event) => console.log(`${event.detail.steps?.count() ?? 0} steps`));
 * ```
 */
export class HistogramView extends StatescopeElement {
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'mode', 'layer', 'metric', 'width', 'height'];
  }

  readonly #container: HTMLDivElement;
  #colors: StepColors | null = null;
  /** Bars on show in steps mode (0 in distribution mode or when empty). */
  #barCount = 0;
  #y = scaleLinear();
  #bins: DistanceBins | null = null;
  #brush: BrushBehavior<null> | null = null;
  /** Set while this view moves its own brush, so that the move is not taken for the user's. */
  #movingBrush = false;

  constructor() {
    super();
    this.#container = this.mount(styles);
    this.#container.addEventListener('pointerover', (event) => this.#hover(event));
    this.#container.addEventListener('pointerleave', () => this.#barCount && this.publishFocus(-1));
  }

  /** `steps` (one bar per step of the active sequence, the default) or `distribution` (attribute `mode`). */
  get mode(): 'steps' | 'distribution' {
    return this.getAttribute('mode') === 'distribution' ? 'distribution' : 'steps';
  }

  /** Sets the `mode` attribute. */
  set mode(value: 'steps' | 'distribution') {
    this.setAttribute('mode', value);
  }

  protected override dataChanged(): void {
    this.#colors = null;
    this.#bins = null;
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'layer' || name === 'metric' || name === 'mode') this.#bins = null;
    super.attributeChangedCallback(name, previous, value);
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => this.mode === 'steps' && this.requestRender('focus'), { signal });
    bus.on('selection', () => this.requestRender(), { signal });
    bus.on('options', () => this.requestRender(), { signal });
    bus.on(
      'brush',
      (e) => {
        if (e.source === this.source) return; // our own clause never filters us
        this.#bins = null;
        this.requestRender();
      },
      { signal },
    );
  }

  #distances(data: StateDataset): Float32Array {
    const metric = (this.getAttribute('metric') === 'cosine' ? 'cosine' : 'euclidean') as DistanceMetric;
    return data.normalizedStepDistances({ layer: this.getAttribute('layer') ?? undefined, metric });
  }

  #size(): { width: number; height: number } {
    return {
      width: this.numberAttribute('width', this.clientWidth || 640),
      height: this.numberAttribute('height', 180),
    };
  }

  protected render(changes: ReadonlySet<string>): void {
    if (!changes.has('all') && this.#barCount) return this.#paintFocus();
    const data = this.data;
    if (this.loadError) return showMessage(this.#container, `Could not load the dataset: ${this.loadError.message}`);
    if (!data) return showMessage(this.#container, 'No dataset yet.');
    if (this.mode === 'distribution') return this.#renderDistribution(data);
    const sequence = this.bus.activeSequence;
    this.#barCount = 0;
    if (sequence < 0 || sequence >= data.sequenceCount) {
      return showMessage(this.#container, 'Select a sequence to see how far its hidden state moves at each step.');
    }
    if (data.sequenceLength(sequence) < 2) {
      return showMessage(this.#container, 'This sequence has a single step: there is no distance to show.');
    }
    const first = data.offsets[sequence];
    const count = data.sequenceLength(sequence) - 1;
    this.#barCount = count;
    const distances = this.#distances(data);
    const mode = this.bus.options.colorMode;
    if (this.#colors?.mode !== mode) this.#colors = new StepColors(data, mode);
    const colors = this.#colors;
    const threshold = this.bus.options.distanceThreshold;
    const { width, height } = this.#size();
    const x = scaleBand<number>()
      .domain(Array.from({ length: count }, (_, b) => b))
      .range([MARGIN.left, width - MARGIN.right])
      .paddingInner(count > 60 ? 0 : 0.15);
    const y = (this.#y = scaleLinear()
      .domain([0, 1])
      .range([height - MARGIN.bottom, MARGIN.top]));
    const svg = this.#svg(
      width,
      height,
      `Distance from each step's hidden state to the next, sequence ${data.ids[sequence]}`,
    );
    svg.selectAll('g.brush, g.x-ticks, g.threshold-marker').remove();
    this.#bars(svg, count)
      .attr('class', (b) => `bar${distances[first + b] > threshold ? ' jump' : ''}`)
      .attr('data-step', (b) => first + b)
      .attr('aria-label', (b) => {
        const d = distances[first + b];
        return `step ${b + 1} to ${b + 2} ("${data.token(first + b)}" to "${data.token(first + b + 1)}"): distance ${d.toFixed(2)}${d > threshold ? ', a jump' : ''}`;
      })
      .attr('x', (b) => x(b)!)
      .attr('width', Math.max(1, x.bandwidth()))
      .attr('y', (b) => y(distances[first + b]))
      .attr('height', (b) => y(0) - y(distances[first + b]))
      .attr('fill', (b) => colors.css(first + b));
    this.#yAxis(svg, y, 'distance to next (normalised)', 'bottom');
    this.#threshold(svg, y, width, threshold);
    this.#paintFocus();
  }

  /**
   * Marks the bars of the focused steps: for one focused step, the two bars that touch it; for
   * a focused pair (a hovered bar), that bar.
   */
  #paintFocus(): void {
    const focus = this.bus.focus;
    const length = this.bus.focusLength;
    for (const bar of this.#container.querySelectorAll<SVGRectElement>('rect.bar')) {
      const t = Number(bar.dataset.step);
      const focused = length === 1 ? t === focus || t + 1 === focus : t >= focus && t + 1 < focus + length;
      bar.classList.toggle('focused', focused);
    }
  }

  #renderDistribution(data: StateDataset): void {
    this.#barCount = 0;
    const distances = this.#distances(data);
    const others = this.bus.brushed(this.source);
    const only = others && others.size === data.stepCount ? others : null;
    if (!this.#bins) this.#bins = binDistances(distances, BINS, only);
    const { counts } = this.#bins;
    const { width, height } = this.#size();
    const x = scaleLinear()
      .domain([0, 1])
      .range([MARGIN.left, width - MARGIN.right]);
    const most = Math.max(1, ...counts);
    // Square-root counts: step distances are heavy-tailed, and the jumps live in the tail.
    const y = scaleSqrt()
      .domain([0, most])
      .range([height - MARGIN.bottom, MARGIN.top])
      .nice();
    const clause = this.bus.clause(this.source);
    const total = counts.reduce((a, b) => a + b, 0);
    const svg = this.#svg(
      width,
      height,
      `Distribution of the distances between consecutive hidden states, ${total} ${only ? 'brushed ' : ''}steps`,
    );
    svg.selectAll('g.threshold').remove();
    this.#bars(svg, BINS)
      .attr('class', 'bar')
      .attr('data-step', null)
      .attr(
        'aria-label',
        (b) => `distance ${(b / BINS).toFixed(3)} to ${((b + 1) / BINS).toFixed(3)}: ${counts[b]} steps`,
      )
      .attr('x', (b) => x(b / BINS) + 0.5)
      .attr('width', Math.max(1, x(1 / BINS) - x(0) - 1))
      .attr('y', (b) => y(counts[b]))
      .attr('height', (b) => y(0) - y(counts[b]))
      .attr('fill', '#8a8a8a');
    this.#yAxis(svg, y, 'steps (square-root scale)', 'top');
    const threshold = this.bus.options.distanceThreshold;
    const marker = svg
      .selectAll<SVGGElement, null>('g.threshold-marker')
      .data([null])
      .join((enter) => {
        const g = enter.append('g').attr('class', 'threshold-marker').attr('aria-hidden', 'true');
        g.append('line');
        g.append('text');
        return g;
      });
    marker
      .select('line')
      .attr('x1', x(threshold))
      .attr('x2', x(threshold))
      .attr('y1', MARGIN.top)
      .attr('y2', height - MARGIN.bottom);
    marker
      .select('text')
      .attr('x', x(threshold) + 4)
      .attr('y', MARGIN.top + 22)
      .text(`threshold ${threshold.toFixed(2)}`);
    svg
      .selectAll<SVGGElement, null>('g.x-ticks')
      .data([null])
      .join('g')
      .attr('class', 'x-ticks axis')
      .attr('aria-hidden', 'true')
      .selectAll<SVGTextElement, number>('text')
      .data([0, 0.25, 0.5, 0.75, 1])
      .join('text')
      .attr('x', (v) => x(v))
      .attr('y', height - MARGIN.bottom + 14)
      .attr('text-anchor', 'middle')
      .text((v) => String(v));

    const brush = (this.#brush ??= brushX<null>()
      .extent([
        [MARGIN.left, MARGIN.top],
        [width - MARGIN.right, height - MARGIN.bottom],
      ])
      .on('end', (event: D3BrushEvent<null>) => this.#brushed(event, x.invert.bind(x))));
    const brushGroup = svg.selectAll<SVGGElement, null>('g.brush').data([null]).join('g').attr('class', 'brush');
    if (brushGroup.select('.overlay').empty()) brushGroup.call(brush);
    if (!clause) {
      this.#movingBrush = true;
      brushGroup.call(brush.move, null);
      this.#movingBrush = false;
    }
  }

  /** The brushed distance range becomes this view's clause: every step whose distance falls in it. */
  #brushed(event: D3BrushEvent<null>, invert: (px: number) => number): void {
    if (this.#movingBrush || !event.sourceEvent) return;
    const data = this.data;
    if (!data) return;
    if (!event.selection) {
      this.publishBrush(null);
      return;
    }
    const [x0, x1] = event.selection as [number, number];
    const [low, high] = [invert(x0), invert(x1)];
    const steps = this.selectDistanceRange(low, high);
    this.publishBrush(steps, { range: [low, high] });
  }

  /**
   * The steps whose normalised distance lies in [low, high]: what a brush over that range
   * selects. Other views' brushes are not folded in (each view combines the clauses itself), so
   * clearing one of them widens the result again.
   */
  selectDistanceRange(low: number, high: number): StepSet {
    const data = this.data;
    if (!data) throw new Error('hs-histogram has no data');
    const distances = this.#distances(data);
    const steps = new StepSet(data.stepCount);
    for (let t = 0; t < distances.length; t++) {
      const d = distances[t];
      if (d >= low && d <= high) steps.add(t);
    }
    return steps;
  }

  /** The bar rectangles, one per index 0..count-1, each an image with an accessible name. */
  #bars(svg: ChartSelection, count: number) {
    return svg
      .selectAll<SVGGElement, null>('g.bars')
      .data([null])
      .join('g')
      .attr('class', 'bars')
      .selectAll<SVGRectElement, number>('rect')
      .data(Array.from({ length: count }, (_, b) => b))
      .join('rect')
      .attr('role', 'img');
  }

  #svg(width: number, height: number, title: string): ChartSelection {
    this.#container.querySelector(':scope > .empty')?.remove();
    return select(this.#container)
      .selectAll<SVGSVGElement, null>('svg')
      .data([null])
      .join('svg')
      .attr('part', 'svg')
      .attr('role', 'figure')
      .attr('aria-label', title)
      .attr('width', width)
      .attr('height', height)
      .attr('viewBox', `0 0 ${width} ${height}`);
  }

  #yAxis(svg: ChartSelection, y: ScaleContinuousNumeric<number, number>, caption: string, at: 'bottom' | 'top'): void {
    const axis = svg
      .selectAll<SVGGElement, null>('g.y-axis')
      .data([null])
      .join('g')
      .attr('class', 'y-axis axis')
      .attr('aria-hidden', 'true');
    axis
      .selectAll<SVGTextElement, number>('text.tick')
      .data(y.ticks(4))
      .join('text')
      .attr('class', 'tick')
      .attr('x', MARGIN.left - 4)
      .attr('y', (v) => y(v))
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'middle')
      .text((v) => String(v));
    const right = Number(svg.attr('width')) - MARGIN.right;
    axis
      .selectAll<SVGTextElement, string>('text.caption')
      .data([caption])
      .join('text')
      .attr('class', 'caption')
      .attr('x', at === 'top' ? right : MARGIN.left)
      .attr('y', at === 'top' ? MARGIN.top + 8 : y.range()[0] + 22)
      .attr('text-anchor', at === 'top' ? 'end' : 'start')
      .text((v) => v);
  }

  #threshold(svg: ChartSelection, y: ScaleContinuousNumeric<number, number>, width: number, value: number): void {
    const group = svg
      .selectAll<SVGGElement, null>('g.threshold')
      .data([null])
      .join((enter) => {
        const g = enter
          .append('g')
          .attr('class', 'threshold')
          .attr('role', 'slider')
          .attr('tabindex', 0)
          .attr('aria-label', 'Jump threshold')
          .attr('aria-valuemin', 0)
          .attr('aria-valuemax', 1);
        g.append('line');
        g.append('rect').attr('class', 'handle');
        g.append('text');
        g.on('pointerdown', (event: PointerEvent) => this.#dragThreshold(event));
        g.on('keydown', (event: KeyboardEvent) => this.#keyThreshold(event));
        return g;
      })
      .attr('aria-valuenow', value.toFixed(2))
      .attr('aria-valuetext', `normalised distance ${value.toFixed(2)}`);
    const py = y(value);
    group
      .select('line')
      .attr('x1', MARGIN.left)
      .attr('x2', width - MARGIN.right)
      .attr('y1', py)
      .attr('y2', py);
    group
      .select('rect.handle')
      .attr('x', MARGIN.left)
      .attr('width', width - MARGIN.left - MARGIN.right)
      .attr('y', py - 6)
      .attr('height', 12);
    group
      .select('text')
      .attr('x', width - MARGIN.right)
      .attr('y', py - 4)
      .attr('text-anchor', 'end')
      .text(`threshold ${value.toFixed(2)}`);
  }

  #setThreshold(value: number): void {
    const clamped = Math.round(Math.max(0, Math.min(1, value)) * 100) / 100;
    // A drag repeats the same value: the threshold event only for a change, like hs-options.
    if (this.publishOptions({ distanceThreshold: clamped })) {
      this.emit('hs-threshold', { name: 'distanceThreshold', value: clamped });
    }
  }

  #dragThreshold(event: PointerEvent): void {
    const handle = event.currentTarget as SVGGElement;
    const svg = handle.ownerSVGElement!;
    handle.setPointerCapture?.(event.pointerId);
    event.preventDefault();
    const move = (e: PointerEvent) => {
      const top = svg.getBoundingClientRect().top;
      this.#setThreshold(this.#y.invert(e.clientY - top));
    };
    const stop = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', stop);
      handle.removeEventListener('pointercancel', stop);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', stop);
    handle.addEventListener('pointercancel', stop);
  }

  #keyThreshold(event: KeyboardEvent): void {
    const steps: Record<string, number> = {
      ArrowUp: 0.01,
      ArrowRight: 0.01,
      ArrowDown: -0.01,
      ArrowLeft: -0.01,
      PageUp: 0.1,
      PageDown: -0.1,
    };
    if (!(event.key in steps)) return;
    event.preventDefault();
    this.#setThreshold(this.bus.options.distanceThreshold + steps[event.key]);
  }

  #hover(event: PointerEvent): void {
    const step = (event.target as Element | null)?.getAttribute?.('data-step');
    if (step == null || this.mode !== 'steps') return;
    this.publishFocus(Number(step), 2); // a bar joins two steps
  }
}
