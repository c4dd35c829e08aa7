import { select } from 'd3-selection';
import { StepColors } from '@statescope/view-base';
import type { StateDataset } from '@statescope/core';

/** Waits until the frame after the next one has been produced (a painted frame). */
export const painted = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));

/**
 * The reference tool's approach, as the peer: one SVG circle per state, drawn with a d3 join.
 * Returns the milliseconds from the join to the painted frame, and the SVG for further tests.
 */
export async function svgCircles(
  data: StateDataset,
  coordinates: Float32Array,
  count: number,
  width: number,
  height: number,
): Promise<{ ms: number; svg: SVGSVGElement; remove: () => void }> {
  const colors = new StepColors(data, 'expected');
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    minX = Math.min(minX, coordinates[2 * i]);
    maxX = Math.max(maxX, coordinates[2 * i]);
    minY = Math.min(minY, coordinates[2 * i + 1]);
    maxY = Math.max(maxY, coordinates[2 * i + 1]);
  }
  const sx = (x: number) => ((x - minX) / (maxX - minX)) * (width - 20) + 10;
  const sy = (y: number) => height - 10 - ((y - minY) / (maxY - minY)) * (height - 20);
  const host = document.createElement('div');
  host.style.cssText = `position:absolute;left:0;top:0;width:${width}px;height:${height}px`;
  document.body.append(host);
  const start = performance.now();
  const svg = select(host).append('svg').attr('width', width).attr('height', height);
  svg
    .selectAll('circle')
    .data(Uint32Array.from({ length: count }, (_, i) => i))
    .join('circle')
    .attr('cx', (i) => sx(coordinates[2 * i]))
    .attr('cy', (i) => sy(coordinates[2 * i + 1]))
    .attr('r', 3)
    .attr('fill', (i) => colors.css(i));
  await painted();
  return { ms: performance.now() - start, svg: svg.node()!, remove: () => host.remove() };
}
