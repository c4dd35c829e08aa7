import { scaleLinear, scaleSqrt } from 'd3-scale';
import { brushSelection, brushX, type D3BrushEvent } from 'd3-brush';
import { CHART_MARGIN, chartFrame, createChartSvg, drawYAxis, hideKeyRing, rove, showKeyRing } from './chartFrame.js';
import { drawThresholdSlider } from './thresholdSlider.js';

/** Fill of a bin below the jump threshold, and of one above it (those stand out). */
const BIN_FILL = '#8a8a8a';
const JUMP_FILL = '#3d3d3d';

/** What the distribution chart draws. */
export interface DistanceDistributionInput {
  /** Steps per equal-width bin of normalised distance over [0, 1], every step shown. */
  counts: Uint32Array;
  /** The same for the steps other views' brushes allow, or null when none brushes. */
  brushedCounts: Uint32Array | null;
  /** Whether the filters hide some classes (their steps are left out of the counts). */
  classesHidden: boolean;
  /** The jump threshold: bins above it stand out. */
  threshold: number;
  /** The view's own brushed distance range (from its clause on the bus), or null. */
  range: readonly [number, number] | null;
  width: number;
  height: number;
}

/** What the distribution chart asks of its view. */
export interface DistanceDistributionCallbacks {
  /** The user brushed a distance range ([low, high]), or cleared it (null). */
  brush(range: [number, number] | null): void;
  /** The threshold slider asked for a new threshold. */
  threshold(value: number): void;
}

/**
 * The `distribution` mode of `<hs-histogram>`: how many steps fall in each bin of normalised
 * distance (square-root counts), the distribution of the steps other views brushed drawn over
 * it, a d3-brush over the distance axis for the view's own range, and the threshold as a
 * draggable vertical line. It draws into the given container and holds no bus: the brushed
 * range goes to the callbacks, and the range it shows is the one it is given (the view's
 * clause), so that a restored clause is drawn too.
 *
 * By keyboard the bins are one tab stop (a roving tabindex): Left and Right move to the previous
 * and next bin, Home and End to the first and last; Enter or Space brushes the bin's range,
 * Shift with Left, Right, Home or End stretches the brushed range from the bin where it began,
 * and Escape clears it.
 */
export class DistanceDistributionChart {
  readonly #container: HTMLElement;
  readonly #svg = createChartSvg();
  readonly #callbacks: DistanceDistributionCallbacks;
  readonly #brush = brushX<null>();
  /** The distance scale of the last draw: brush pixels to distances. */
  #x = scaleLinear();
  /** Bins of the last draw. */
  #bins = 1;
  /** While the user drags the brush, a redraw leaves its selection alone. */
  #dragging = false;
  /** The bin that holds the chart's one tab stop. */
  #cursor = 0;
  /** Where a keyboard brush began (Enter or the first Shift+arrow), or -1. */
  #anchor = -1;

  constructor(container: HTMLElement, callbacks: DistanceDistributionCallbacks) {
    this.#container = container;
    this.#callbacks = callbacks;
    this.#brush.on('start end', (event: D3BrushEvent<null>) => this.#brushed(event));
    container.addEventListener('keydown', (event) => this.#key(event));
    container.addEventListener('focusin', (event) => this.#focusBin(event.target as Element));
    container.addEventListener('focusout', (event) => {
      if (!this.#binOf(event.relatedTarget as Element | null)) hideKeyRing(this.#svg);
    });
  }

  /** Whether the container shows this chart (not a message, not the other chart). */
  get shown(): boolean {
    return this.#svg.parentNode === this.#container;
  }

  draw(input: DistanceDistributionInput): void {
    const { counts, brushedCounts, classesHidden, threshold, range, width, height } = input;
    const bins = (this.#bins = counts.length);
    const [top, bottom] = [CHART_MARGIN.top, height - CHART_MARGIN.bottom];
    const x = (this.#x = scaleLinear()
      .domain([0, 1])
      .range([CHART_MARGIN.left, width - CHART_MARGIN.right]));
    // Square-root counts: step distances are heavy-tailed, and the jumps live in the tail.
    const y = scaleSqrt()
      .domain([0, Math.max(1, ...counts)])
      .range([bottom, top])
      .nice();
    const total = sum(counts);
    const svg = chartFrame(
      this.#container,
      this.#svg,
      width,
      height,
      `Distribution of the distances between consecutive hidden states${classesHidden ? ' of the classes shown' : ''}, ` +
        `${total} steps${brushedCounts ? `, ${sum(brushedCounts)} of them brushed in other views` : ''}`,
    );
    const binWidth = Math.max(1, x(1 / bins) - x(0) - 1);
    const jump = (b: number) => b / bins >= threshold;
    const range3 = (b: number) => `distance ${(b / bins).toFixed(3)} to ${((b + 1) / bins).toFixed(3)}`;
    // A bin wholly inside this view's brushed range says so: the brush itself is drawn only.
    const inRange = (b: number) =>
      range && b / bins >= range[0] - 1e-9 && (b + 1) / bins <= range[1] + 1e-9 ? ', brushed' : '';
    const hadFocus = this.#focusedBin() !== null;

    svg
      .selectAll<SVGRectElement, null>('rect.focus-bin')
      .data([null])
      .join('rect')
      .attr('class', 'focus-bin')
      .attr('aria-hidden', 'true')
      .attr('width', binWidth + 2)
      .attr('y', top)
      .attr('height', bottom - top);
    svg
      .selectAll<SVGGElement, null>('g.bars')
      .data([null])
      .join('g')
      .attr('class', 'bars')
      .selectAll<SVGRectElement, number>('rect')
      .data(Array.from({ length: bins }, (_, b) => b))
      .join('rect')
      .attr('role', 'img')
      .attr('tabindex', -1) // one bin gets 0 below: the chart is one tab stop
      .attr('class', (b) => `bar${jump(b) ? ' jump' : ''}${brushedCounts ? ' behind' : ''}`)
      .attr('data-bin', (b) => b)
      .attr('aria-label', (b) => `${range3(b)}: ${plural(counts[b], 'step')}${inRange(b)}`)
      .attr('x', (b) => x(b / bins) + 0.5)
      .attr('width', binWidth)
      .attr('y', (b) => y(counts[b]))
      .attr('height', (b) => y(0) - y(counts[b]))
      .attr('fill', (b) => (jump(b) ? JUMP_FILL : BIN_FILL));
    // The brushed steps' distribution over the full one, on the same scale: it nests inside it.
    svg
      .selectAll<SVGGElement, null>('g.brushed-bars')
      .data(brushedCounts ? [null] : [])
      .join((enter) => enter.insert('g', 'g.y-axis'))
      .attr('class', 'brushed-bars')
      .selectAll<SVGRectElement, number>('rect')
      .data(brushedCounts ? Array.from({ length: bins }, (_, b) => b) : [])
      .join('rect')
      .attr('role', 'img')
      .attr('class', (b) => `bar brushed${jump(b) ? ' jump' : ''}`)
      .attr('data-bin', (b) => b)
      .attr('aria-label', (b) => `${range3(b)}: ${plural(brushedCounts![b], 'brushed step')}`)
      .attr('x', (b) => x(b / bins) + 0.5)
      .attr('width', binWidth)
      .attr('y', (b) => y(brushedCounts![b]))
      .attr('height', (b) => y(0) - y(brushedCounts![b]))
      .attr('fill', (b) => (jump(b) ? JUMP_FILL : BIN_FILL));
    drawYAxis(svg, y, 'steps (square-root scale)', 'top');
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
      .attr('y', bottom + 14)
      .attr('text-anchor', 'middle')
      .text((v) => String(v));

    this.#brush.extent([
      [CHART_MARGIN.left, top],
      [width - CHART_MARGIN.right, bottom],
    ]);
    const brushGroup = svg
      .selectAll<SVGGElement, null>('g.brush')
      .data([null])
      .join('g')
      .attr('class', 'brush')
      .call(this.#brush); // again on every draw: the extent follows the width
    // The range shown is the clause's, so that a restored or cleared clause is drawn as it is.
    if (!this.#dragging) {
      const target = range ? [x(range[0]), x(range[1])] : null;
      const current = brushSelection(brushGroup.node()!) as [number, number] | null;
      const same =
        target && current
          ? Math.abs(target[0] - current[0]) + Math.abs(target[1] - current[1]) < 0.5
          : target === current;
      if (!same) brushGroup.call(this.#brush.move, target as [number, number] | null);
    }
    drawThresholdSlider(svg, {
      orientation: 'vertical',
      scale: x,
      across: [top, bottom],
      value: threshold,
      change: (value) => this.#callbacks.threshold(value),
    });
    this.#cursor = Math.min(this.#cursor, bins - 1);
    const bin = this.#bars()[this.#cursor];
    rove(svg.node()!, bin, hadFocus);
    if (this.#focusedBin() === bin) showKeyRing(this.#svg, bin);
  }

  /** The bins' bars (not the brushed steps' bars drawn over them). */
  #bars(): SVGRectElement[] {
    return Array.from(this.#svg.querySelectorAll<SVGRectElement>(':scope > g.bars > rect.bar'));
  }

  /** The bin of one of our bars, or null. */
  #binOf(target: Element | null): number | null {
    if (!(target instanceof SVGRectElement) || target.parentElement?.getAttribute('class') !== 'bars') return null;
    return this.#svg.contains(target) ? Number(target.dataset.bin) : null;
  }

  #focusedBin(): SVGRectElement | null {
    const active = (this.#svg.getRootNode() as ShadowRoot | Document).activeElement;
    return this.#binOf(active) === null ? null : (active as SVGRectElement);
  }

  #key(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const bin = this.#binOf(event.target as Element);
    if (bin === null) return;
    const last = this.#bins - 1;
    const moves: Record<string, number> = { ArrowLeft: bin - 1, ArrowRight: bin + 1, Home: 0, End: last };
    if (event.key in moves) {
      event.preventDefault();
      const next = Math.max(0, Math.min(last, moves[event.key]));
      if (event.shiftKey) {
        // Stretch the range from where the keyboard brush began (here, if it has not begun).
        if (this.#anchor < 0) this.#anchor = bin;
        this.#brushBins(this.#anchor, next);
      }
      this.#bars()[next].focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#anchor = bin;
      this.#brushBins(bin, bin);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.#anchor = -1;
      this.#callbacks.brush(null);
    }
  }

  /** The range of the bins from `a` to `b` (either order) as this view's brush. */
  #brushBins(a: number, b: number): void {
    const [low, high] = [Math.min(a, b), Math.max(a, b) + 1];
    this.#callbacks.brush([low / this.#bins, high / this.#bins]);
  }

  #focusBin(target: Element): void {
    const bin = this.#binOf(target);
    if (bin === null) return;
    this.#cursor = bin;
    rove(this.#svg, target as SVGRectElement, false);
    showKeyRing(this.#svg, target as SVGRectElement);
  }

  /** Marks the bin holding the focused step's distance (-1: none). */
  paintFocus(bin: number): void {
    const column = this.#svg.querySelector<SVGRectElement>('rect.focus-bin');
    if (column) {
      column.classList.toggle('shown', bin >= 0);
      if (bin >= 0) column.setAttribute('x', String(this.#x(bin / this.#bins) - 0.5));
    }
    for (const bar of this.#svg.querySelectorAll<SVGRectElement>('rect.bar')) {
      bar.classList.toggle('focused', Number(bar.dataset.bin) === bin);
    }
  }

  #brushed(event: D3BrushEvent<null>): void {
    if (!event.sourceEvent) return; // moved by draw(), not by the user
    if (event.type === 'start') {
      this.#dragging = true;
      this.#anchor = -1; // a brush by pointer: the keyboard's begins anew
      return;
    }
    this.#dragging = false;
    const selection = event.selection as [number, number] | null;
    this.#callbacks.brush(selection ? [this.#x.invert(selection[0]), this.#x.invert(selection[1])] : null);
  }
}

function sum(counts: Uint32Array): number {
  let total = 0;
  for (const count of counts) total += count;
  return total;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
