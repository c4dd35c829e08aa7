import { select } from 'd3-selection';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { LinkBus } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import {
  StatescopeElement,
  baseStyles,
  bidi,
  classColor,
  contrastText,
  fitSvgText,
  showMessage,
} from '@statescope/view-base';

const styles = `
${baseStyles}
.facts { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0 0 10px; }
.facts dt { color: var(--hs-muted, #777); }
.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
h3 { font-size: 1em; margin: 10px 0 4px; }
.controls { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 6px 0; }
.controls label { display: inline-flex; gap: 4px; align-items: center; min-width: 0; max-width: 100%; overflow-wrap: anywhere; }
.swatch, .controls input { flex: none; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.cell { cursor: pointer; }
.cell:hover rect, .cell:focus-visible rect { stroke: var(--hs-focus-color); stroke-width: 2; }
.cell text { pointer-events: none; text-anchor: middle; dominant-baseline: middle; }
.bar-label { dominant-baseline: middle; text-anchor: end; }
.bar-count { dominant-baseline: middle; font-size: 11px; }
.axis-title { fill: var(--hs-muted, #777); font-size: 11px; }
`;

const MISCLASSIFIED = '#d0d0d0';
/** Left of the bars and the matrix: room for the class names, cut to fit (whole on hover). */
const LEFT = 90;
const LABEL_WIDTH = LEFT - 10;

/**
 * `<hs-overview>`: what the dataset holds and how well the model did: sequence, step and class
 * counts, the model description, the accuracy recomputed from the predictions (and the one the
 * producer stated); per class, a bar of correctly and wrongly classified sequences; the
 * confusion matrix. Clicking a matrix cell selects its sequences on the bus (for comparison);
 * checkboxes fade correct or misclassified sequences and choose the classes shown everywhere.
 *
 * @tagname hs-overview
 * @attr {number} width - drawing width in pixels (default: the element's width, else 360)
 * @csspart empty - the message shown without data
 * @fires {CustomEvent<{ sequence: number; mode: 'replace' | 'add' | 'toggle'; sequences: number[] }>} hs-select - a confusion matrix cell was clicked
 * @fires {CustomEvent<{ filters: Readonly<Filters> }>} hs-filter - a fade or class checkbox was changed
 *
 * @example
 * In HTML: `<hs-overview src="data/reuters.json" bus="main"></hs-overview>`. In code:
 * ```ts
 * import { LinkBus } from '@statescope/bus';
 * import { loadDataset } from '@statescope/core';
 * import '@statescope/view-overview/define'; // registers <hs-overview>
 *
 * const bus = new LinkBus();
 * const overview = document.createElement('hs-overview');
 * overview.bus = bus;
 * overview.data = await loadDataset('data/reuters.json');
 * document.body.append(overview);
 *
 * // A click on a confusion matrix cell selects all of its sequences on the bus.
 * overview.addEventListener('hs-select', () => console.log(`${bus.selectedSequences.length} sequences selected`));
 * // Its checkboxes set the bus filters, which the other views follow.
 * bus.on('filter', ({ filters }) => console.log(filters.fadeCorrect, filters.fadeWrong, filters.classes));
 * ```
 */
export class OverviewView extends StatescopeElement {
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'width'];
  }

  readonly #container: HTMLDivElement;

  constructor() {
    super();
    this.#container = this.mount(styles);
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    // Our own checkboxes already show our changes; redrawing would take the keyboard focus away.
    bus.on('filter', (e) => e.source !== this.source && this.requestRender(), { signal });
  }

  protected render(): void {
    const data = this.data;
    if (this.loadError) return showMessage(this.#container, `Could not load the dataset: ${this.loadError.message}`);
    if (!data) return showMessage(this.#container, 'No dataset yet.');
    const width = this.numberAttribute('width', this.clientWidth || 360);
    this.#container.replaceChildren(
      this.#facts(data),
      this.#controls(data),
      heading('Correct and misclassified per class'),
      this.#classBars(data, width),
      heading('Confusion matrix'),
      this.#confusion(data, width),
    );
  }

  #facts(data: StateDataset): HTMLDListElement {
    const list = document.createElement('dl');
    list.className = 'facts';
    const stated = data.metadata.accuracy;
    // Names from the data go in <bdi>: a right-to-left one cannot reorder the counts beside it.
    const rows: [string, (string | Node)[]][] = [
      ['sequences', [data.sequenceCount.toLocaleString('en')]],
      ['hidden states', [data.stepCount.toLocaleString('en')]],
      ['classes', joined(data.classes.map((name) => [bidi(name)]))],
      [
        'layers',
        joined(data.layers.map((l) => [bidi(l.name), ` (${l.dim} units${l.cell ? ', with cell states' : ''})`])),
      ],
      ['accuracy', [`${percent(data.accuracy())}${stated === undefined ? '' : ` (stated: ${percent(stated)})`}`]],
    ];
    if (data.metadata.model) rows.splice(0, 0, ['model', [bidi(data.metadata.model)]]);
    for (const [term, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.append(...value);
      list.append(dt, dd);
    }
    return list;
  }

  #controls(data: StateDataset): HTMLDivElement {
    const { fadeCorrect, fadeWrong, classes } = this.bus.filters;
    const controls = document.createElement('div');
    controls.className = 'controls';
    controls.append(
      checkbox('fade correct', fadeCorrect, (on) => this.publishFilters({ fadeCorrect: on })),
      checkbox('fade misclassified', fadeWrong, (on) => this.publishFilters({ fadeWrong: on })),
    );
    const shown = new Set(classes ?? data.classes.map((_, c) => c));
    data.classes.forEach((name, c) => {
      const box = checkbox(bidi(name), shown.has(c), (on) => {
        const next = new Set(this.bus.filters.classes ?? data.classes.map((_, k) => k));
        if (on) next.add(c);
        else next.delete(c);
        this.publishFilters({ classes: next.size === data.classCount ? null : [...next] });
      });
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = classColor(c);
      box.prepend(swatch);
      controls.append(box);
    });
    return controls;
  }

  #classBars(data: StateDataset, width: number): SVGSVGElement {
    const counts = data.classCounts();
    const correct = data.correctness();
    const right = new Uint32Array(data.classCount);
    for (let s = 0; s < data.sequenceCount; s++) if (correct[s]) right[data.labels[s]]++;
    const left = LEFT;
    const rowHeight = 18;
    const height = data.classCount * rowHeight + 4;
    const x = scaleLinear()
      .domain([0, Math.max(1, ...counts)])
      .range([left, width - 60]);
    const svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
      .attr('width', width)
      .attr('height', height)
      .attr('role', 'list')
      .attr('aria-label', 'Correct and misclassified sequences per true class');
    const rows = svg
      .selectAll('g')
      .data(data.classes)
      .join('g')
      .attr('role', 'listitem')
      .attr(
        'aria-label',
        (name, c) => `${name}: ${right[c]} correct, ${counts[c] - right[c]} misclassified of ${counts[c]}`,
      )
      .attr('transform', (_, c) => `translate(0,${c * rowHeight + 2})`);
    rows
      .append('text')
      .attr('class', 'bar-label')
      .attr('x', left - 6)
      .attr('y', rowHeight / 2 - 1)
      .each(function (name) {
        fitSvgText(this, name, LABEL_WIDTH);
      });
    rows
      .append('rect')
      .attr('x', left)
      .attr('height', rowHeight - 4)
      .attr('width', (_, c) => x(right[c]) - left)
      .attr('fill', (_, c) => classColor(c));
    rows
      .append('rect')
      .attr('x', (_, c) => x(right[c]))
      .attr('height', rowHeight - 4)
      .attr('width', (_, c) => x(counts[c]) - x(right[c]))
      .attr('fill', MISCLASSIFIED);
    rows
      .append('text')
      .attr('class', 'bar-count')
      .attr('x', (_, c) => x(counts[c]) + 4)
      .attr('y', rowHeight / 2 - 1)
      .text((_, c) => `${right[c]} / ${counts[c]}`);
    return svg.node()!;
  }

  #confusion(data: StateDataset, width: number): SVGSVGElement {
    const C = data.classCount;
    const matrix = data.confusionMatrix();
    const left = LEFT;
    const top = 16;
    const size = Math.max(80, Math.min(width - left - 8, C * 48));
    const band = scaleBand<number>()
      .domain(data.classes.map((_, c) => c))
      .range([0, size]);
    const most = Math.max(1, ...matrix);
    const shade = scaleLinear<string>().domain([0, most]).range(['#f7f7f7', '#3a3a3a']);
    const svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
      .attr('width', left + size + 8)
      .attr('height', top + size + 20)
      .attr('role', 'grid')
      .attr('aria-label', 'Confusion matrix: rows are true classes, columns predicted classes');
    svg.append('text').attr('class', 'axis-title').attr('x', left).attr('y', 10).text('predicted →');
    const rows = svg
      .selectAll<SVGGElement, string>('g.row')
      .data(data.classes)
      .join('g')
      .attr('class', 'row')
      .attr('role', 'row')
      .attr('transform', (_, t) => `translate(${left},${top + band(t)!})`);
    rows
      .append('text')
      .attr('class', 'bar-label')
      .attr('x', -6)
      .attr('y', band.bandwidth() / 2)
      .each(function (name) {
        fitSvgText(this, name, LABEL_WIDTH);
      });
    const cells = rows
      .selectAll<SVGGElement, number>('g.cell')
      .data((_, t) => data.classes.map((__, p) => t * C + p))
      .join('g')
      .attr('class', 'cell')
      .attr('role', 'gridcell')
      .attr('tabindex', 0)
      .attr('aria-label', (i) => {
        const [t, p] = [Math.floor(i / C), i % C];
        return `true ${data.classes[t]}, predicted ${data.classes[p]}: ${matrix[i]} sequences`;
      })
      .attr('transform', (i) => `translate(${band(i % C)!},0)`)
      .on('click', (_, i) => this.#selectCell(data, i))
      .on('keydown', (event: KeyboardEvent, i) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          this.#selectCell(data, i);
        }
      });
    cells
      .append('rect')
      .attr('width', band.bandwidth() - 2)
      .attr('height', band.bandwidth() - 2)
      .attr('fill', (i) => shade(matrix[i]));
    cells
      .append('text')
      .attr('x', band.bandwidth() / 2 - 1)
      .attr('y', band.bandwidth() / 2 - 1)
      .style('fill', (i) => contrastText(shade(matrix[i]))) // a style: the sheet's text fill beats attributes
      .text((i) => String(matrix[i]));
    svg
      .append('text')
      .attr('class', 'axis-title')
      .attr('x', 4)
      .attr('y', top + size + 14)
      .text('↑ true');
    return svg.node()!;
  }

  /** Selects every sequence of one confusion matrix cell (the first becomes active). */
  #selectCell(data: StateDataset, cell: number): void {
    const C = data.classCount;
    const [truth, predicted] = [Math.floor(cell / C), cell % C];
    const sequences: number[] = [];
    for (let s = 0; s < data.sequenceCount; s++) {
      if (data.labels[s] === truth && data.predictions[s] === predicted) sequences.push(s);
    }
    if (sequences.length === 0) return;
    this.publishSelection(sequences); // the event names them all, the first active
  }
}

function heading(text: string): HTMLHeadingElement {
  const h = document.createElement('h3');
  h.textContent = text;
  return h;
}

/** Items separated by commas, as nodes and text. */
function joined(items: (string | Node)[][]): (string | Node)[] {
  return items.flatMap((item, k) => (k ? [', ', ...item] : item));
}

function checkbox(label: string | Node, checked: boolean, change: (on: boolean) => void): HTMLLabelElement {
  const element = document.createElement('label');
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.checked = checked;
  input.addEventListener('change', () => change(input.checked));
  element.append(input, label);
  return element;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}
