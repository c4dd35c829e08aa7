import { select, type Selection } from 'd3-selection';
import type { ScaleContinuousNumeric } from 'd3-scale';

/** A chart's own `<svg>` as a d3 selection. */
export type SvgSelection = Selection<SVGSVGElement, unknown, null, undefined>;

/** Room around the plot for the axes and their captions. */
export const CHART_MARGIN = { top: 10, right: 12, bottom: 28, left: 40 } as const;

/** An `<svg>` element the chart keeps between redraws. */
export function createChartSvg(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('part', 'svg');
  svg.setAttribute('role', 'figure');
  return svg;
}

/**
 * Puts a chart's `<svg>` in `container` in place of whatever it showed (a message, the other
 * chart) and sizes it; returns it as a selection.
 */
export function chartFrame(
  container: HTMLElement,
  svg: SVGSVGElement,
  width: number,
  height: number,
  title: string,
): SvgSelection {
  if (svg.parentNode !== container || container.childNodes.length !== 1) container.replaceChildren(svg);
  return select(svg)
    .attr('aria-label', title)
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`);
}

/** The y axis: a few tick values at the left, and a caption at the bottom left or the top right. */
export function drawYAxis(
  svg: SvgSelection,
  y: ScaleContinuousNumeric<number, number>,
  caption: string,
  at: 'bottom' | 'top',
): void {
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
    .attr('x', CHART_MARGIN.left - 4)
    .attr('y', (v) => y(v))
    .attr('text-anchor', 'end')
    .attr('dominant-baseline', 'middle')
    .text((v) => String(v));
  const right = Number(svg.attr('width')) - CHART_MARGIN.right;
  const [bottom, top] = y.range();
  axis
    .selectAll<SVGTextElement, string>('text.caption')
    .data([caption])
    .join('text')
    .attr('class', 'caption')
    .attr('x', at === 'top' ? right : CHART_MARGIN.left)
    .attr('y', at === 'top' ? top + 8 : bottom + 22)
    .attr('text-anchor', at === 'top' ? 'end' : 'start')
    .text((v) => v);
}

/**
 * The ring around the bar that has the keyboard focus, over everything else in the chart (a
 * stroke of the bar itself would lie under its neighbours); shown for keyboard focus, not for a
 * click. The svg's viewBox is its pixel size, so client offsets are user units.
 */
export function showKeyRing(svg: SVGSVGElement, bar: SVGGraphicsElement): void {
  hideKeyRing(svg);
  if (!bar.matches(':focus-visible')) return;
  const ring = select(svg)
    .selectAll<SVGRectElement, null>('rect.key-ring')
    .data([null])
    .join('rect')
    .attr('class', 'key-ring')
    .attr('aria-hidden', 'true')
    .raise()
    .node()!;
  const box = bar.getBoundingClientRect();
  const origin = svg.getBoundingClientRect();
  ring.setAttribute('x', String(box.left - origin.left));
  ring.setAttribute('y', String(box.top - origin.top));
  ring.setAttribute('width', String(box.width));
  // A bar of height 0 (no distance, an empty bin) still gets a ring one can see.
  ring.setAttribute('height', String(Math.max(2, box.height)));
  ring.classList.add('shown');
}

export function hideKeyRing(svg: SVGSVGElement): void {
  svg.querySelector('rect.key-ring')?.classList.remove('shown');
}

/**
 * Makes `bar` the chart's one tab stop (a roving tabindex): every other bar of `svg` leaves the
 * tab order. With `focus`, the keyboard moves to it too.
 */
export function rove(svg: SVGSVGElement, bar: SVGGraphicsElement, focus: boolean): void {
  for (const other of svg.querySelectorAll('[tabindex="0"].bar'))
    if (other !== bar) other.setAttribute('tabindex', '-1');
  bar.setAttribute('tabindex', '0');
  if (focus && bar.ownerDocument && (bar.getRootNode() as ShadowRoot | Document).activeElement !== bar) {
    bar.focus({ preventScroll: true });
  }
}
