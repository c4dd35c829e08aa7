import { brushX, type BrushBehavior, type D3BrushEvent } from 'd3-brush';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { select, type Selection } from 'd3-selection';
import { SEQUENCE_SHOWN } from '@statescope/bus';
import type { StateDataset, StepSet } from '@statescope/core';
import { FADED_OPACITY, shortenText, type StepColors } from '@statescope/view-base';
import { COLOR_STEPS } from './activationScale.js';

/** Room around a panel's plot: unit ticks at the left, the colour strip and tokens below. */
export const PANEL_MARGIN = { top: 6, right: 8, bottom: 64, left: 34 } as const;

/** Height of the strip under the plot coloured per step in the shared colour mode. */
const STRIP = 5;

/** What one panel draws: one sequence's activations. */
export interface PanelInput {
  data: StateDataset;
  sequence: number;
  /** The active sequence's panel: it has the brush. */
  active: boolean;
  /** stepCount x dim activations of the layer's state (row-major). */
  values: Float32Array;
  dim: number;
  /** The shared scale: activations run over [-extent, extent]. */
  extent: number;
  /** Unit order: heatmap rows top to bottom, and the drawing order of the lines. */
  order: Uint32Array;
  display: 'lines' | 'heatmap';
  /** 1 for a selected unit (indexed by unit). */
  selected: Uint8Array;
  threshold: number;
  /** Global steps [start, end) to draw brushed (the query or a clicked match), or null. */
  range: [number, number] | null;
  /** What that range is: the selection's own range or a match shown. */
  rangeKind: 'query' | 'match';
  /** Steps other views' brushes allow, or null when none brushes. */
  brushed: StepSet | null;
  colors: StepColors;
  /** The filters' level of the sequence (see sequenceFilter). */
  level: number;
  /** Heatmap colours (see activationColors). */
  palette: Uint32Array;
  width: number;
  height: number;
}

/** What a panel asks of its view. */
export interface PanelCallbacks {
  /** The pointer is over step `step` (global) and unit `unit` (-1: no unit under it). */
  hover(step: number, unit: number): void;
  /** The pointer left the plot. */
  leave(): void;
  /** The user brushed steps [start, end) (global) on the active panel. */
  range(start: number, end: number): void;
  /** The user clicked a unit's line or row. */
  toggle(unit: number): void;
}

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

/**
 * One sequence of `<hs-units>`: the activations of every unit over its steps, as one polyline
 * per unit (LSTMVis's lines) or as a units x steps heatmap on a canvas, with its tokens under the
 * steps. The active sequence's panel carries a d3-brush along the steps. It holds no bus:
 * gestures go to the callbacks; focus and hover are repainted without a redraw.
 */
export class UnitsPanel {
  readonly element = document.createElement('figure');
  readonly #title = document.createElement('figcaption');
  readonly #plot = document.createElement('div');
  readonly #canvas = document.createElement('canvas');
  readonly #svgNode = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  readonly #svg: Svg = select(this.#svgNode);
  readonly #callbacks: PanelCallbacks;
  readonly #brush: BrushBehavior<null> = brushX<null>();
  #input: PanelInput | null = null;
  #y: ScaleLinear<number, number> = scaleLinear();
  /** Pixels per step along x. */
  #band = 1;
  #hoverUnit = -1;

  constructor(callbacks: PanelCallbacks) {
    this.#callbacks = callbacks;
    this.element.className = 'panel';
    this.element.setAttribute('part', 'panel');
    this.#plot.className = 'plot';
    this.#canvas.className = 'heat';
    this.#canvas.setAttribute('aria-hidden', 'true');
    this.#svgNode.setAttribute('part', 'svg');
    this.#svgNode.setAttribute('role', 'img');
    this.#plot.append(this.#canvas, this.#svgNode);
    this.element.append(this.#title, this.#plot);
    this.#brush.on('end', (event: D3BrushEvent<null>) => this.#brushed(event));
    this.#svgNode.addEventListener('pointermove', (event) => this.#pointer(event));
    this.#svgNode.addEventListener('pointerleave', () => callbacks.leave());
    this.#svgNode.addEventListener('click', (event) => {
      const at = this.#locate(event);
      if (at && at.unit >= 0) callbacks.toggle(at.unit);
    });
  }

  /** The sequence drawn, or -1. */
  get sequence(): number {
    return this.#input?.sequence ?? -1;
  }

  draw(input: PanelInput): void {
    this.#input = input;
    const { data, sequence, display, width, height, extent, level } = input;
    const length = data.sequenceLength(sequence);
    const left = PANEL_MARGIN.left;
    const right = width - PANEL_MARGIN.right;
    const top = PANEL_MARGIN.top;
    const bottom = Math.max(top + 10, height - PANEL_MARGIN.bottom);
    this.#band = (right - left) / Math.max(1, length);
    this.#y = scaleLinear().domain([-extent, extent]).range([bottom, top]);

    const note = level === SEQUENCE_SHOWN ? '' : ' (faded by the filters)';
    this.#title.textContent = `${input.active ? '' : 'compared: '}${data.ids[sequence]}${note}`;
    this.element.classList.toggle('active', input.active);
    this.element.style.opacity = level === SEQUENCE_SHOWN ? '' : String(FADED_OPACITY * 3);
    const svg = this.#svg
      .attr('width', width)
      .attr('height', height)
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('data-sequence', sequence)
      .attr(
        'aria-label',
        `Activations of ${input.dim} units over the ${length} steps of sequence ${data.ids[sequence]}, as ${display === 'lines' ? 'lines' : 'a heatmap'}`,
      );

    if (display === 'heatmap') this.#drawHeatmap(input, length, left, top, right - left, bottom - top);
    else this.#canvas.hidden = true;
    this.#drawLines(svg, display === 'lines' ? input : null, length, left);
    this.#drawRows(svg, display === 'heatmap' ? input : null, left, right, top, bottom);
    this.#drawThreshold(svg, display === 'lines' ? input.threshold : null, left, right);
    this.#drawSteps(svg, input, length, left, bottom);
    this.#drawYTicks(svg, input, left, top, bottom);
    this.#drawFocusColumn(svg, top, bottom);
    this.#drawBrush(svg, input, left, right, top, bottom);
    this.paintHover(this.#hoverUnit);
  }

  #drawHeatmap(input: PanelInput, length: number, left: number, top: number, w: number, h: number): void {
    const { data, sequence, values, dim, order, extent, palette } = input;
    const canvas = this.#canvas;
    canvas.hidden = false;
    if (canvas.width !== length) canvas.width = length;
    if (canvas.height !== dim) canvas.height = dim;
    Object.assign(canvas.style, { left: `${left}px`, top: `${top}px`, width: `${w}px`, height: `${h}px` });
    const context = canvas.getContext('2d');
    if (!context) return; // no canvas (a DOM without one): the rows' outlines still show
    const image = context.createImageData(length, dim);
    const pixels = new Uint32Array(image.data.buffer);
    const first = data.offsets[sequence];
    const scale = (COLOR_STEPS - 1) / (2 * extent);
    for (let row = 0; row < dim; row++) {
      const unit = order[row];
      for (let t = 0; t < length; t++) {
        const k = Math.round((values[(first + t) * dim + unit] + extent) * scale);
        pixels[row * length + t] = palette[k < 0 ? 0 : k >= COLOR_STEPS ? COLOR_STEPS - 1 : k];
      }
    }
    context.putImageData(image, 0, 0);
  }

  #drawLines(svg: Svg, input: PanelInput | null, length: number, left: number): void {
    let units: number[] = [];
    if (input) {
      // Selected units last: drawn over the others.
      const { order, selected } = input;
      const rest: number[] = [];
      const picked: number[] = [];
      for (const unit of order) (selected[unit] ? picked : rest).push(unit);
      units = rest.concat(picked);
    }
    const { values, dim, data, sequence } = input ?? this.#input!;
    const first = data.offsets[sequence];
    const y = this.#y;
    const band = this.#band;
    svg
      .selectAll<SVGGElement, null>('g.lines')
      .data([null])
      .join((enter) => enter.insert('g', ':first-child'))
      .attr('class', 'lines')
      .selectAll<SVGPathElement, number>('path')
      .data(units, (u) => u)
      .join('path')
      .attr('class', (u) => (input!.selected[u] ? 'unit selected' : 'unit'))
      .attr('data-unit', (u) => u)
      .attr('d', (u) => {
        let d = '';
        for (let t = 0; t < length; t++) {
          const x = left + (t + 0.5) * band;
          d += `${t ? 'L' : 'M'}${x.toFixed(1)},${y(values[(first + t) * dim + u]).toFixed(1)}`;
        }
        return d;
      })
      .order();
  }

  #drawRows(svg: Svg, input: PanelInput | null, left: number, right: number, top: number, bottom: number): void {
    const rows: number[] = [];
    const rowHeight = input ? (bottom - top) / input.dim : 0;
    if (input) input.order.forEach((unit, row) => input.selected[unit] && rows.push(row));
    svg
      .selectAll<SVGRectElement, number>('rect.selected-row')
      .data(rows)
      .join('rect')
      .attr('class', 'selected-row')
      .attr('data-unit', (row) => input!.order[row])
      .attr('x', left - 6)
      .attr('width', right - left + 6)
      .attr('y', (row) => top + row * rowHeight)
      .attr('height', Math.max(1, rowHeight));
    svg
      .selectAll<SVGRectElement, null>('rect.hover-row')
      .data(input ? [null] : [])
      .join('rect')
      .attr('class', 'hover-row')
      .attr('x', left)
      .attr('width', right - left)
      .attr('height', Math.max(1, rowHeight));
  }

  #drawThreshold(svg: Svg, threshold: number | null, left: number, right: number): void {
    const group = svg
      .selectAll<SVGGElement, number>('g.threshold')
      .data(threshold === null ? [] : [threshold])
      .join((enter) => {
        const g = enter.append('g').attr('class', 'threshold').attr('aria-hidden', 'true');
        g.append('line');
        g.append('text');
        return g;
      });
    if (threshold === null) return;
    const at = this.#y(threshold);
    group.select('line').attr('x1', left).attr('x2', right).attr('y1', at).attr('y2', at);
    group
      .select('text')
      .attr('x', right)
      .attr('y', at - 3)
      .attr('text-anchor', 'end')
      .text(`on from ${threshold}`);
  }

  /** The colour strip (shared colour mode), the marks of other views' brushes, and the tokens. */
  #drawSteps(svg: Svg, input: PanelInput, length: number, left: number, bottom: number): void {
    const { data, sequence, colors, brushed } = input;
    const first = data.offsets[sequence];
    const band = this.#band;
    const steps = Array.from({ length }, (_, t) => t);
    svg
      .selectAll<SVGGElement, null>('g.strip')
      .data([null])
      .join('g')
      .attr('class', 'strip')
      .attr('aria-hidden', 'true')
      .selectAll<SVGRectElement, number>('rect')
      .data(steps)
      .join('rect')
      .attr('x', (t) => left + t * band)
      .attr('width', Math.max(1, band))
      .attr('y', bottom + 2)
      .attr('height', STRIP)
      .attr('fill', (t) => colors.css(first + t));
    svg
      .selectAll<SVGGElement, null>('g.brushed-marks')
      .data([null])
      .join('g')
      .attr('class', 'brushed-marks')
      .attr('aria-hidden', 'true')
      .selectAll<SVGRectElement, number>('rect')
      .data(brushed ? steps.filter((t) => brushed.has(first + t)) : [])
      .join('rect')
      .attr('data-step', (t) => first + t)
      .attr('x', (t) => left + t * band)
      .attr('width', Math.max(1, band))
      .attr('y', bottom + 3 + STRIP)
      .attr('height', 3);
    // Every token when there is room; else every k-th, so that labels never overlap.
    const every = Math.max(1, Math.ceil(11 / band));
    const labelled = steps.filter((t) => t % every === 0);
    const y = bottom + 10 + STRIP;
    svg
      .selectAll<SVGGElement, null>('g.tokens')
      .data([null])
      .join('g')
      .attr('class', 'tokens')
      .attr('aria-hidden', 'true')
      .selectAll<SVGTextElement, number>('text')
      .data(labelled)
      .join('text')
      .attr('data-step', (t) => first + t)
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'middle')
      .attr('transform', (t) => `translate(${(left + (t + 0.5) * band).toFixed(1)},${y}) rotate(-60)`)
      .text((t) => shortenText(data.token(first + t), 10));
  }

  #drawYTicks(svg: Svg, input: PanelInput, left: number, top: number, bottom: number): void {
    const lines = input.display === 'lines';
    const ticks = lines ? [-input.extent, 0, input.extent] : [];
    svg
      .selectAll<SVGGElement, null>('g.y-axis')
      .data([null])
      .join('g')
      .attr('class', 'y-axis axis')
      .attr('aria-hidden', 'true')
      .selectAll<SVGTextElement, number>('text')
      .data(ticks)
      .join('text')
      .attr('x', left - 4)
      .attr('y', (v) => this.#y(v))
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'middle')
      .text((v) => String(Math.round(v * 100) / 100));
    // The heatmap's rows: units top to bottom in the chosen order; say so at the left.
    svg
      .selectAll<SVGTextElement, null>('text.rows-caption')
      .data(lines ? [] : [null])
      .join('text')
      .attr('class', 'rows-caption caption')
      .attr('aria-hidden', 'true')
      .attr('transform', `translate(${left - 8},${(top + bottom) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .text('units');
  }

  #drawFocusColumn(svg: Svg, top: number, bottom: number): void {
    svg
      .selectAll<SVGRectElement, null>('rect.focus-column')
      .data([null])
      .join('rect')
      .attr('class', 'focus-column')
      .attr('aria-hidden', 'true')
      .attr('y', top)
      .attr('height', bottom - top + STRIP + 2)
      .attr('width', Math.max(2, this.#band));
  }

  #drawBrush(svg: Svg, input: PanelInput, left: number, right: number, top: number, bottom: number): void {
    const group = svg
      .selectAll<SVGGElement, null>('g.brush')
      .data(input.active ? [null] : [])
      .join('g')
      .attr('class', `brush ${input.rangeKind}`);
    if (!input.active) return;
    this.#brush.extent([
      [left, top],
      [right, bottom],
    ]);
    group.call(this.#brush);
    group.selectAll('.overlay').attr('aria-hidden', 'true'); // selectAll: select would pass the group's datum down
    this.#moveBrush(input.range);
  }

  /** Draws `range` (global steps) as the brush, snapped to whole steps; null clears it. */
  #moveBrush(range: [number, number] | null): void {
    const input = this.#input;
    const group = this.#svg.select<SVGGElement>('g.brush') as unknown as Selection<SVGGElement, null, null, undefined>;
    if (!input || group.empty()) return;
    const first = input.data.offsets[input.sequence];
    const last = first + input.data.sequenceLength(input.sequence);
    const inside = range && range[0] >= first && range[1] <= last && range[1] > range[0];
    const x = (t: number) => PANEL_MARGIN.left + (t - first) * this.#band;
    group.call(this.#brush.move, inside ? [x(range[0]), x(range[1])] : null);
  }

  #brushed(event: D3BrushEvent<null>): void {
    const input = this.#input;
    if (!event.sourceEvent || !input) return; // moved by draw(), not by the user
    const selection = event.selection as [number, number] | null;
    if (!selection) return this.#moveBrush(input.range); // a click: it picks a unit, keeps the range
    // The steps whose centres the brush covers (at least the one nearest its middle).
    const length = input.data.sequenceLength(input.sequence);
    const at = (px: number) => (px - PANEL_MARGIN.left) / this.#band - 0.5;
    // A little slack: an edge dragged to a step's centre (to the pixel) takes that step.
    let from = Math.max(0, Math.ceil(at(selection[0]) - 0.2));
    let to = Math.min(length - 1, Math.floor(at(selection[1]) + 0.2));
    if (to < from) from = to = Math.max(0, Math.min(length - 1, Math.round((at(selection[0]) + at(selection[1])) / 2)));
    const first = input.data.offsets[input.sequence];
    const range: [number, number] = [first + from, first + to + 1];
    this.#moveBrush(range);
    this.#callbacks.range(range[0], range[1]);
  }

  /** The step and unit under the pointer, or null outside the plot. */
  #locate(event: MouseEvent): { step: number; unit: number } | null {
    const input = this.#input;
    if (!input) return null;
    const box = this.#svgNode.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    const length = input.data.sequenceLength(input.sequence);
    const t = Math.floor((px - PANEL_MARGIN.left) / this.#band);
    const [bottom, top] = this.#y.range();
    if (t < 0 || t >= length || py < top || py > bottom) return null;
    const step = input.data.offsets[input.sequence] + t;
    let unit = -1;
    if (input.display === 'heatmap') {
      const row = Math.floor(((py - top) / (bottom - top)) * input.dim);
      unit = input.order[Math.max(0, Math.min(input.dim - 1, row))];
    } else {
      // The line nearest the pointer at this step, if within a few pixels.
      let best = 6;
      for (let u = 0; u < input.dim; u++) {
        const distance = Math.abs(this.#y(input.values[step * input.dim + u]) - py);
        if (distance < best || (distance === best && input.selected[u])) [best, unit] = [distance, u];
      }
    }
    return { step, unit };
  }

  #pointer(event: PointerEvent): void {
    const at = this.#locate(event);
    if (at) this.#callbacks.hover(at.step, at.unit);
    else this.#callbacks.leave();
  }

  /** Outlines the column of `step` (global), when it lies in this panel's sequence. */
  paintFocus(step: number): void {
    const input = this.#input;
    const column = this.#svgNode.querySelector<SVGRectElement>('rect.focus-column');
    if (!input || !column) return;
    const first = input.data.offsets[input.sequence];
    const inside = step >= first && step < first + input.data.sequenceLength(input.sequence);
    column.classList.toggle('shown', inside);
    column.setAttribute('data-step', inside ? String(step) : '');
    if (inside) column.setAttribute('x', String(PANEL_MARGIN.left + (step - first) * this.#band));
  }

  /** Marks the hovered unit: its line raised and dark, or its heatmap row outlined (-1: none). */
  paintHover(unit: number): void {
    this.#hoverUnit = unit;
    const input = this.#input;
    if (!input) return;
    for (const path of this.#svgNode.querySelectorAll<SVGPathElement>('path.unit.hovered'))
      path.classList.remove('hovered');
    const row = this.#svgNode.querySelector<SVGRectElement>('rect.hover-row');
    if (unit < 0) return row?.classList.remove('shown');
    const path = this.#svgNode.querySelector<SVGPathElement>(`path.unit[data-unit="${unit}"]`);
    if (path) {
      path.classList.add('hovered');
      path.parentNode!.append(path); // over the others
    }
    if (row) {
      const r = input.order.indexOf(unit);
      const [bottom, top] = this.#y.range();
      row.setAttribute('y', String(top + (r * (bottom - top)) / input.dim));
      row.classList.add('shown');
    }
  }
}
