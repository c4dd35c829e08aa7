import { SEQUENCE_HIDDEN, sequenceFilter, shownSequences, type Filters, type LinkBus } from '@statescope/bus';
import { DISTANCE_METRICS, StepSet, type StateDataset } from '@statescope/core';
import {
  StatescopeElement,
  StepColors,
  baseStyles,
  numberAttribute,
  oneOfAttribute,
  showMessage,
  stringAttribute,
  withAttributes,
  MUTED_COLOR,
} from '@statescope/view-base';
import { binDistances, distanceBin } from './binDistances.js';
import { DistanceDistributionChart } from './DistanceDistributionChart.js';
import { provisionalDistances } from './provisionalDistances.js';
import { MAX_SHOWN_SEQUENCES, StepDistanceChart, type ProvisionalBars } from './StepDistanceChart.js';

const styles = `
${baseStyles}
.bar { shape-rendering: crispEdges; outline: none; }
/* The keyboard's bar: a ring over the chart (a stroke of the bar itself would lie under its neighbours). */
.key-ring { fill: none; stroke: var(--hs-text, #222); stroke-width: 2; pointer-events: none; display: none; }
.key-ring.shown { display: inline; }
.bar.jump { stroke: var(--hs-text, #222); stroke-width: 1; }
.bar.outside { opacity: 0.25; }
.bar.behind { opacity: 0.3; }
.bars.compared .bar { fill: none; stroke: currentColor; stroke-width: 1.5; }
.bars.compared .bar.jump { stroke-width: 3; }
.bar.focused, .bars.compared .bar.focused { stroke: var(--hs-focus-color); stroke-width: 2; }
.brushed-bars { pointer-events: none; }
.focus-bin { fill: var(--hs-focus-color); opacity: 0.2; display: none; pointer-events: none; }
.focus-bin.shown { display: inline; }
.legend rect { fill: none; stroke: currentColor; stroke-width: 1.5; }
.legend .active rect { fill: var(--hs-muted, ${MUTED_COLOR}); stroke: none; }
.legend text { font-size: 11px; }
.provisional-bars rect { pointer-events: none; fill: none; stroke: var(--hs-text, #222); stroke-width: 1.5; stroke-dasharray: 4 2; }
.provisional-bars rect.jump { stroke-width: 2.5; }
.legend .legend-provisional rect { stroke: var(--hs-text, #222); stroke-dasharray: 3 2; }
.legend .more { fill: var(--hs-muted, ${MUTED_COLOR}); }
.threshold line { stroke: var(--hs-text, #222); stroke-dasharray: 4 3; stroke-width: 1.5; }
.threshold .handle { fill: transparent; cursor: ns-resize; }
.threshold[aria-orientation='horizontal'] .handle { cursor: ew-resize; }
.threshold:focus-visible line { stroke: var(--hs-focus-color); stroke-width: 3; }
.threshold text { font-size: 11px; paint-order: stroke; stroke: var(--hs-background, #fff); stroke-width: 3px; }
.caption { fill: var(--hs-muted, ${MUTED_COLOR}); font-size: 11px; }
`;

/** Bins of the distribution. */
const BINS = 40;

/** What the filters do, derived once per filter change. */
interface FilterState {
  data: StateDataset;
  filters: Readonly<Filters>;
  /** sequenceFilter's level of each sequence. */
  levels: Uint8Array;
  /** The steps of sequences whose class is shown, or null when no class is hidden. */
  shownSteps: StepSet | null;
}

/** Bin counts, kept until what they were counted from changes. */
interface CountsCache {
  distances: Float32Array;
  shownSteps: StepSet | null;
  /** The other views' brushed steps counted (overlay only). */
  brushed: StepSet | null;
  counts: Uint32Array;
}

/**
 * `<hs-histogram>`: how far the hidden state moves at each step. In the default `steps` mode,
 * one bar per step of the active sequence: the original-space distance from h_t to h_t+1,
 * normalised by the dataset's maximum, coloured by the expected prediction at t. A dashed
 * line marks the jump threshold shared on the bus (the map's labels use it); drag it, or focus
 * it and use the arrow keys; bars above it are outlined. Hovering a bar focuses both of its
 * steps. Compared sequences (the other selected ones) are overlaid as outlines, a tint each,
 * with a legend of their ids; bars of steps other views brushed stay bright while the rest dim;
 * a sequence the filters fade or hide is drawn faded. By keyboard the bars are one tab stop: the
 * arrow keys (Up and Down between the sequences drawn), Home and End move the focused bar, which
 * focuses its steps as hovering does; Enter or Space on a compared sequence's bar makes it active.
 * The bus's provisional (what-if) sequence is overlaid as dashed outlines on the dataset's scale,
 * with a legend entry of its id; its bars publish nothing (its steps have no global index).
 *
 * In `mode="distribution"`, the histogram of all step distances of the dataset (without the
 * classes the filters hide), with the distribution of the steps other views brushed drawn over
 * it and the bin of the focused step marked; brushing a range selects those steps into the bus,
 * and the range drawn is the one of this view's clause (also after `bus.restore`). By keyboard:
 * the arrow keys, Home and End move over the bins, Enter or Space brushes one, Shift with them
 * stretches the brushed range, Escape clears it.
 *
 * @tagname hs-histogram
 * @csspart svg - the chart
 * @csspart empty - the message shown when nothing is selected
 * @fires {CustomEvent<{ step: number; length: number }>} hs-focus - a bar was hovered, or focused by keyboard
 * @fires {CustomEvent<{ sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] }>} hs-select - Enter or Space on a compared sequence's bar made it active
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
export class HistogramView extends withAttributes(StatescopeElement, {
  /** `steps` (default): one bar per step of the selected sequences; `distribution`: every step distance of the dataset. */
  mode: oneOfAttribute(['steps', 'distribution'], 'steps'),
  /** The layer whose states are measured; null (default): the first. */
  layer: stringAttribute(),
  /** `euclidean` (default) or `cosine` distance between consecutive states. */
  metric: oneOfAttribute(DISTANCE_METRICS, 'euclidean'),
  /** Drawing width in CSS pixels; null (default) takes the element's width, else 640. */
  width: numberAttribute({ min: 1 }),
  /** Drawing height in CSS pixels; null (default): 180. */
  height: numberAttribute({ min: 1 }),
}) {
  readonly #container: HTMLDivElement;
  readonly #stepsChart: StepDistanceChart;
  readonly #distributionChart: DistanceDistributionChart;
  #filterState: FilterState | null = null;
  #counts: CountsCache | null = null;
  #brushedCounts: CountsCache | null = null;

  constructor() {
    super();
    this.#container = this.mount(styles);
    this.#stepsChart = new StepDistanceChart(this.#container, {
      focus: (step, length) => this.publishFocus(step, length),
      threshold: (value) => this.#setThreshold(value),
      activate: (sequence) => this.publishSelect(sequence, 'add'),
      // Only the keyboard's own focus: a hover since then is the pointer's.
      blur: (step) => this.bus.focus === step && this.bus.focusLength === 2 && this.publishFocus(-1),
    });
    this.#distributionChart = new DistanceDistributionChart(this.#container, {
      brush: (range) => this.#brushRange(range),
      threshold: (value) => this.#setThreshold(value),
    });
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    // A distance range brushed in distribution mode means nothing in steps mode, and would go on
    // filtering the other views unseen.
    if (name === 'mode' && this.mode === 'steps') this.publishBrush(null);
    super.attributeChangedCallback(name, previous, value);
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => this.requestRender('focus'), { signal });
    bus.on('selection', () => this.mode === 'steps' && this.requestRender(), { signal });
    bus.on('options', () => this.requestRender(), { signal });
    bus.on('filter', () => this.requestRender(), { signal });
    bus.on('provisional', () => this.mode === 'steps' && this.requestRender('provisional'), { signal });
    bus.on(
      'brush',
      (e) => {
        // Our own clause never filters us (crossfilter); in distribution mode it is the range drawn.
        if (e.source === this.source && this.mode !== 'distribution') return;
        this.requestRender();
      },
      { signal },
    );
  }

  #distances(data: StateDataset): Float32Array {
    return data.normalizedStepDistances({ layer: this.layer ?? undefined, metric: this.metric });
  }

  #size(): { width: number; height: number } {
    return {
      width: this.width ?? (this.clientWidth || 640),
      height: this.height ?? 180,
    };
  }

  protected render(changes: ReadonlySet<string>, data: StateDataset): void {
    const distribution = this.mode === 'distribution';
    const chart = distribution ? this.#distributionChart : this.#stepsChart;
    if (!changes.has('all') && chart.shown) {
      // A provisional change alone redraws its bars and the legend (or, shown alone, everything).
      if (changes.has('provisional') && !distribution) {
        if (this.bus.provisional || this.bus.selectedSequences.length > 0) {
          this.#stepsChart.setProvisional(this.#provisional(data));
        } else {
          this.#renderSteps(data);
        }
      }
      return this.#paintFocus(data);
    }
    if (distribution) this.#renderDistribution(data);
    else this.#renderSteps(data);
    if (chart.shown) this.#paintFocus(data);
  }

  #renderSteps(data: StateDataset): void {
    // The active sequence, then the compared ones up to the cap; the legend counts the rest.
    const { shown: sequences, more: omitted } = shownSequences(this.bus, data.sequenceCount, MAX_SHOWN_SEQUENCES);
    const provisional = this.#provisional(data);
    if (sequences.length === 0 && !provisional) {
      return showMessage(this.#container, 'Select a sequence to see how far its hidden state moves at each step.');
    }
    if (sequences.every((s) => data.sequenceLength(s) < 2) && (provisional?.tokens.length ?? 0) < 2) {
      return showMessage(this.#container, 'This sequence has a single step: there is no distance to show.');
    }
    const mode = this.bus.options.colorMode;
    this.#stepsChart.draw({
      data,
      distances: this.#distances(data),
      sequences,
      omitted,
      colors: StepColors.of(data, mode),
      threshold: this.bus.options.distanceThreshold,
      brushed: this.bus.brushed(this.source),
      levels: this.#filters(data).levels,
      provisional,
      ...this.#size(),
    });
  }

  /** The bus's provisional sequence as bars on the dataset's scale, or null (none, or not of this layer). */
  #provisional(data: StateDataset): ProvisionalBars | null {
    const sequence = this.bus.provisional;
    const distances = sequence && provisionalDistances(data, sequence, this.layer, this.metric);
    return sequence && distances ? { id: sequence.id, tokens: sequence.tokens, distances } : null;
  }

  #renderDistribution(data: StateDataset): void {
    const distances = this.#distances(data);
    const { shownSteps } = this.#filters(data);
    const counts = this.#countsOf(distances, shownSteps);
    const brushed = this.bus.brushed(this.source);
    this.#distributionChart.draw({
      counts,
      brushedCounts: brushed && this.#brushedCountsOf(distances, shownSteps, brushed),
      classesHidden: shownSteps !== null,
      threshold: this.bus.options.distanceThreshold,
      range: this.#ownRange(),
      ...this.#size(),
    });
  }

  /** The filters' level of every sequence and the steps of the classes shown, recomputed when the filters change. */
  #filters(data: StateDataset): FilterState {
    const filters = this.bus.filters;
    const cached = this.#filterState;
    if (cached?.data === data && cached.filters === filters) return cached;
    const levels = sequenceFilter(data, filters);
    let shownSteps: StepSet | null = null;
    if (levels.includes(SEQUENCE_HIDDEN)) {
      const ranges: number[] = [];
      for (let s = 0; s < data.sequenceCount; s++) {
        const [start, end] = [data.offsets[s], data.offsets[s + 1]];
        if (levels[s] !== SEQUENCE_HIDDEN && end > start) ranges.push(start, end);
      }
      shownSteps = StepSet.fromRanges(data.stepCount, ranges);
    }
    return (this.#filterState = { data, filters, levels, shownSteps });
  }

  /** The distribution of every step of the classes shown. */
  #countsOf(distances: Float32Array, shownSteps: StepSet | null): Uint32Array {
    const cached = this.#counts;
    if (cached?.distances === distances && cached.shownSteps === shownSteps) return cached.counts;
    const counts = binDistances(distances, BINS, shownSteps).counts;
    this.#counts = { distances, shownSteps, brushed: null, counts };
    return counts;
  }

  /**
   * The distribution of the steps other views brushed, among the classes shown. Recounted only
   * when those steps change: the bus hands out a new set whenever any clause changes, our own
   * included, so an equal set keeps the counts.
   */
  #brushedCountsOf(distances: Float32Array, shownSteps: StepSet | null, brushed: StepSet): Uint32Array {
    const cached = this.#brushedCounts;
    if (
      cached?.distances === distances &&
      cached.shownSteps === shownSteps &&
      (cached.brushed === brushed || cached.brushed?.equals(brushed))
    ) {
      cached.brushed = brushed;
      return cached.counts;
    }
    const only = shownSteps ? brushed.clone().intersect(shownSteps) : brushed;
    const counts = binDistances(distances, BINS, only).counts;
    this.#brushedCounts = { distances, shownSteps, brushed, counts };
    return counts;
  }

  /** This view's brushed range, from its clause on the bus (so also after a restore), or null. */
  #ownRange(): [number, number] | null {
    const value = this.bus.clause(this.source)?.value;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const range = value.range;
    if (!Array.isArray(range) || range.length !== 2) return null;
    const [low, high] = range;
    if (typeof low !== 'number' || typeof high !== 'number' || !(low <= high)) return null;
    return [Math.max(0, low), Math.min(1, high)];
  }

  /**
   * Marks the focus: in steps mode the bars touching the focused step; in distribution mode the
   * bin of its distance (to the next step; for a sequence's last step, from the one before).
   */
  #paintFocus(data: StateDataset): void {
    const { focus, focusLength } = this.bus;
    if (this.mode === 'steps') return this.#stepsChart.paintFocus(focus, focusLength);
    let bin = -1;
    if (focus >= 0 && focus < data.stepCount) {
      const distances = this.#distances(data);
      let distance = distances[focus];
      if (Number.isNaN(distance) && focus > 0) distance = distances[focus - 1];
      if (!Number.isNaN(distance)) bin = distanceBin(distance, BINS);
    }
    this.#distributionChart.paintFocus(bin);
  }

  /** The brushed distance range becomes this view's clause: every step whose distance falls in it. */
  #brushRange(range: [number, number] | null): void {
    if (!this.data) return;
    if (!range) return this.publishBrush(null);
    const [low, high] = range;
    this.publishBrush(this.selectDistanceRange(low, high), { range: [low, high] });
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

  #setThreshold(value: number): void {
    const clamped = Math.round(Math.max(0, Math.min(1, value)) * 100) / 100;
    // A drag repeats the same value: the threshold event only for a change, like hs-options.
    if (this.publishOptions({ distanceThreshold: clamped })) {
      this.emit('hs-threshold', { name: 'distanceThreshold', value: clamped });
    }
  }
}
