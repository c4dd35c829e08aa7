import type { ScaleContinuousNumeric } from 'd3-scale';
import type { SvgSelection } from './chartFrame.js';

/** Where the threshold line lies and how the chart measures distances. */
export interface ThresholdSliderLayout {
  /**
   * `horizontal`: a line across the plot at the distance's height (distances on the y axis);
   * `vertical`: a line up the plot at the distance's x (distances on the x axis).
   */
  orientation: 'horizontal' | 'vertical';
  /** The scale from a normalised distance to pixels along the distance axis. */
  scale: ScaleContinuousNumeric<number, number>;
  /** The plot's extent across the line: [x0, x1] for a horizontal line, [y0, y1] for a vertical one. */
  across: [number, number];
  /** The threshold, a normalised distance. */
  value: number;
  /** Asks for a new threshold (the caller clamps, rounds and publishes it). */
  change: (value: number) => void;
}

/** Threshold changes per key: 0.01 with the arrows, 0.1 with PageUp / PageDown. */
const KEY_STEPS: Readonly<Record<string, number>> = {
  ArrowUp: 0.01,
  ArrowRight: 0.01,
  ArrowDown: -0.01,
  ArrowLeft: -0.01,
  PageUp: 0.1,
  PageDown: -0.1,
};

/**
 * The jump threshold as a dashed line that is a slider: drag it, or focus it and use the arrow
 * keys (PageUp / PageDown for 0.1). Its handle is a 12 px strip along the line; a chart draws it
 * last, over its brush, so that it can always be caught.
 */
export function drawThresholdSlider(svg: SvgSelection, layout: ThresholdSliderLayout): void {
  const { orientation, scale, across, value, change } = layout;
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
      return g;
    })
    .attr('aria-orientation', orientation === 'horizontal' ? 'vertical' : 'horizontal')
    .attr('aria-valuenow', value.toFixed(2))
    .attr('aria-valuetext', `normalised distance ${value.toFixed(2)}`);
  // The handlers see this draw's scale and value: rebound on every draw.
  group.on('pointerdown', (event: PointerEvent) => dragThreshold(event, orientation, scale, change));
  group.on('keydown', (event: KeyboardEvent) => {
    if (!(event.key in KEY_STEPS)) return;
    event.preventDefault();
    change(value + KEY_STEPS[event.key]);
  });
  const at = scale(value);
  const [from, to] = across;
  const label = `threshold ${value.toFixed(2)}`;
  if (orientation === 'horizontal') {
    group.select('line').attr('x1', from).attr('x2', to).attr('y1', at).attr('y2', at);
    group
      .select('rect.handle')
      .attr('x', from)
      .attr('width', to - from)
      .attr('y', at - 6)
      .attr('height', 12);
    group
      .select('text')
      .attr('x', to)
      .attr('y', at - 4)
      .attr('text-anchor', 'end')
      .text(label);
  } else {
    group.select('line').attr('x1', at).attr('x2', at).attr('y1', from).attr('y2', to);
    group
      .select('rect.handle')
      .attr('x', at - 6)
      .attr('width', 12)
      .attr('y', from)
      .attr('height', to - from);
    group
      .select('text')
      .attr('x', at + 4)
      .attr('y', from + 22)
      .attr('text-anchor', 'start')
      .text(label);
  }
}

function dragThreshold(
  event: PointerEvent,
  orientation: 'horizontal' | 'vertical',
  scale: ScaleContinuousNumeric<number, number>,
  change: (value: number) => void,
): void {
  const handle = event.currentTarget as SVGGElement;
  const svg = handle.ownerSVGElement!;
  handle.setPointerCapture?.(event.pointerId);
  event.preventDefault();
  const move = (e: PointerEvent) => {
    const box = svg.getBoundingClientRect();
    change(scale.invert(orientation === 'horizontal' ? e.clientY - box.top : e.clientX - box.left));
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
