// <hs-projection> at a million points, against the reference tool's one-SVG-circle-per-state
// approach measured in the same page. Run with `npm run bench:browser -- projection`.
import { LinkBus } from '@statescope/bus';
import type { StateDataset, StepSet } from '@statescope/core';
import { ProjectionView } from '@statescope/view-projection';
import { SpatialGrid } from '../../packages/view-projection/src/SpatialGrid.js';
import '@statescope/view-projection/define';
import { syntheticDataset } from '../../packages/view-projection/test/syntheticDataset.js';
import { painted, svgCircles } from './projectionPeer.js';

type Row = Record<string, string | number>;
const WIDTH = 800;
const HEIGHT = 600;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mount(data: StateDataset): { view: ProjectionView; bus: LinkBus; overlay: SVGSVGElement } {
  const view = document.createElement('hs-projection');
  view.style.cssText = `position:absolute;left:0;top:0;width:${WIDTH}px;height:${HEIGHT}px`;
  const bus = new LinkBus();
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  view.renderNow();
  return { view, bus, overlay: view.shadowRoot!.querySelector('svg.overlay') as SVGSVGElement };
}

/**
 * Median ms of a full redraw (all points splatted, overlay redrawn), each after a small zoom;
 * `finish` runs inside the timing (WebGL: read a pixel back, to wait for the frame).
 */
function redraw(view: ProjectionView, runs: number, finish: () => void = () => {}): number {
  const times: number[] = [];
  const overlay = view.shadowRoot!.querySelector('svg.overlay')!;
  for (let k = 0; k < runs; k++) {
    // A wheel step: zoom in and out alternately, so that every redraw moves every point.
    overlay.dispatchEvent(
      new WheelEvent('wheel', {
        deltaY: k % 2 ? 20 : -20,
        clientX: 400,
        clientY: 300,
        bubbles: true,
        cancelable: true,
      }),
    );
    const start = performance.now();
    view.renderNow();
    finish();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Median ms from a pointer move to the highlight ring and tooltip being updated (synchronous). */
function hover(view: ProjectionView, overlay: SVGSVGElement, data: StateDataset, runs: number): number {
  const times: number[] = [];
  const tooltip = view.shadowRoot!.querySelector('.tooltip') as HTMLElement;
  const ring = view.shadowRoot!.querySelector('.focus circle')!;
  for (let k = 0; k < runs; k++) {
    const step = Math.floor(((k * 7919) / runs) * 1000) % data.stepCount;
    const [x, y] = view.screenPosition(step);
    const start = performance.now();
    overlay.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, pointerId: 1 }));
    times.push(performance.now() - start);
    const focused = Number(ring.getAttribute('data-step'));
    if (tooltip.hidden || !(focused >= 0) || view.bus.focus !== focused)
      throw new Error(`hover at step ${step} showed nothing`);
  }
  return median(times);
}

/** Median ms from a brushing mouse move and release (d3-brush) to the bus's brush event, plus steps brushed. */
function brushing(view: ProjectionView, bus: LinkBus, runs: number): { ms: number; steps: number } {
  const brushOverlay = view.shadowRoot!.querySelector('.brush .overlay')!;
  const times: number[] = [];
  let steps = 0;
  let arrived = 0;
  let last: StepSet | null = null;
  const off = bus.on('brush', (event) => {
    arrived = performance.now();
    last = event.steps;
  });
  for (let k = 0; k < runs; k++) {
    const mouse = (type: string, x: number, y: number) =>
      new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true, view: window, button: 0 });
    brushOverlay.dispatchEvent(mouse('mousedown', 100, 80));
    // The view publishes a moving rectangle once per frame and its final one at the release:
    // timed from the move to that publication.
    const start = performance.now();
    window.dispatchEvent(mouse('mousemove', 600 + k, 500));
    window.dispatchEvent(mouse('mouseup', 600 + k, 500));
    times.push(arrived - start);
    steps = last ? (last as StepSet).count() : 0;
    if (steps === 0) throw new Error('the brush reached no step');
    view.clearBrush();
  }
  off();
  return { ms: median(times), steps };
}

interface Figures {
  firstPaint: number;
  redraw: number;
  hover: number;
  brush: number;
  brushed: number;
}

async function ours(data: StateDataset): Promise<Figures> {
  const start = performance.now();
  const { view, bus, overlay } = mount(data);
  await painted();
  const firstPaint = performance.now() - start;
  const figures = {
    firstPaint,
    redraw: redraw(view, 21),
    hover: hover(view, overlay, data, 51),
    ...(({ ms, steps }) => ({ brush: ms, brushed: steps }))(brushing(view, bus, 21)),
  };
  view.remove();
  return figures;
}

async function peer(data: StateDataset): Promise<Figures> {
  const count = data.stepCount;
  const { ms, svg, remove } = await svgCircles(data, data.projection('tsne')!, count, WIDTH, HEIGHT);
  // Hover: the browser's hit test over the circles and a highlight restyle, as a mouseover does.
  const hoverTimes: number[] = [];
  const circles = svg.querySelectorAll('circle');
  for (let k = 0; k < 21; k++) {
    const circle = circles[(k * 7919) % count];
    const box = svg.getBoundingClientRect();
    const start = performance.now();
    const hit = svg.ownerDocument.elementFromPoint(
      box.left + Number(circle.getAttribute('cx')),
      box.top + Number(circle.getAttribute('cy')),
    ) as SVGCircleElement | null;
    hit?.setAttribute('stroke', '#696969');
    hit?.getBoundingClientRect(); // style and layout, as the next frame would
    hoverTimes.push(performance.now() - start);
    hit?.removeAttribute('stroke');
  }
  // Brushing: test every circle's position and restyle it, as a d3-brush handler over SVG does.
  const brushTimes: number[] = [];
  let brushed = 0;
  for (let k = 0; k < 3; k++) {
    const start = performance.now();
    brushed = 0;
    for (let i = 0; i < circles.length; i++) {
      const c = circles[i];
      const x = Number(c.getAttribute('cx'));
      const y = Number(c.getAttribute('cy'));
      const inside = x >= 100 && x <= 600 + k && y >= 80 && y <= 500;
      c.classList.toggle('brushed', inside);
      brushed += inside ? 1 : 0;
    }
    svg.getBoundingClientRect();
    brushTimes.push(performance.now() - start);
  }
  remove();
  await painted();
  return { firstPaint: ms, redraw: NaN, hover: median(hoverTimes), brush: median(brushTimes), brushed };
}

const TARGETS: Partial<Record<keyof Figures, number>> = { redraw: 50, hover: 16, brush: 50 };
const LABELS: Record<keyof Figures, string> = {
  firstPaint: 'first paint (ms)',
  redraw: 'full redraw, median (ms)',
  hover: 'hover to ring + tooltip, median (ms)',
  brush: 'brush move + release to bus event, median (ms)',
  brushed: 'steps brushed',
};

export default async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const add = (points: number, mine: Figures, theirs: Figures | null, measures: (keyof Figures)[]) => {
    for (const key of measures) {
      const target = points >= 100_000 && key !== 'firstPaint' ? TARGETS[key] : undefined;
      const value = mine[key];
      const other = theirs ? theirs[key] : NaN;
      rows.push({
        points: points.toLocaleString('en'),
        measure: LABELS[key],
        'hs-projection': value,
        'SVG circle per point (peer)': Number.isNaN(other) ? '-' : other,
        ratio: Number.isNaN(other) || key === 'brushed' ? '' : `${(other / value).toFixed(0)}x`,
        target: target === undefined ? '' : `<= ${target}`,
        met: target === undefined ? '' : value <= target ? 'yes' : 'NO',
      });
    }
  };
  for (const [sequences, seed] of [
    [100, 3],
    [1_000, 2],
  ]) {
    const data = syntheticDataset({ sequences, length: 100, seed });
    const theirs = await peer(data);
    add(data.stepCount, await ours(data), theirs, ['firstPaint', 'hover', 'brush', 'brushed']);
    if (sequences === 1_000) {
      const mine = await ours(data);
      add(data.stepCount, mine, null, ['redraw']);
    }
  }

  // A million points: the peer is not run (about 25 s to first paint at this size).
  const million = syntheticDataset({ sequences: 10_000, length: 100 });
  const big = await ours(million);
  add(1_000_000, big, null, ['firstPaint', 'redraw', 'hover', 'brush', 'brushed']);
  const { view, bus } = mount(million);
  await painted();
  bus.selectSequence(1234, 'bench');
  view.renderNow();
  const withTrajectory = redraw(view, 21);
  const restyle: number[] = [];
  for (const mode of ['predicted', 'true', 'expected', 'predicted', 'true'] as const) {
    bus.setOptions({ colorMode: mode }, 'bench');
    const start = performance.now();
    view.renderNow();
    restyle.push(performance.now() - start);
  }
  const gridStart = performance.now();
  new SpatialGrid(million.projection('tsne')!); // what the view builds when idle after a new layout
  const gridBuild = performance.now() - gridStart;
  // WebGL 2, here on SwiftShader (a CPU rasteriser): reading one pixel back waits for the frame.
  view.setAttribute('renderer', 'webgl');
  view.renderNow();
  let webglRedraw = NaN;
  if (view.activeRenderer === 'webgl') {
    const canvas = view.shadowRoot!.querySelector('canvas')!;
    const gl = canvas.getContext('webgl2')!;
    const pixel = new Uint8Array(4);
    webglRedraw = redraw(view, 9, () => gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel));
  }
  view.remove();
  const extra = (measure: string, value: number, target?: number) =>
    rows.push({
      points: '1,000,000',
      measure,
      'hs-projection': value,
      'SVG circle per point (peer)': '-',
      ratio: '',
      target: target ? `<= ${target}` : '',
      met: target ? (value <= target ? 'yes' : 'NO') : '',
    });
  extra('full redraw with a trajectory + labels, median (ms)', withTrajectory, 50);
  extra('colour mode switch + redraw, median (ms)', median(restyle));
  extra('hover index build, once per layout, when idle (ms)', gridBuild);
  extra('full redraw with WebGL 2 on SwiftShader (software), median (ms)', webglRedraw);
  return rows;
}
