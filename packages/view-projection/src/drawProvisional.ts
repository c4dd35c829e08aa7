import type { ProvisionalSequence } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import { provisionalColors } from '@statescope/view-base';
import { END_RING, START_RING } from './drawTrajectories.js';
import type { MapTransform } from './MapTransform.js';
import { partingStep } from './partingStep.js';

/** The dark line under a provisional trajectory's coloured segments. */
export const PROVISIONAL_LINE = '#1f1f1f';
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface ProvisionalDrawing {
  /** The provisional sequence's coordinates on the map shown (tokens.length x 2). */
  coordinates: Float32Array;
  /** Whether the sequence it was edited from is drawn as a trajectory: then their parting step is marked. */
  originalShown: boolean;
}

/**
 * Draws the provisional sequence (a what-if text, not in the dataset) into its own overlay layer,
 * apart from the dataset's trajectories: a white halo, a thick dark line and, on it, segments
 * coloured by the expected prediction of the step they leave; a dot per step, start and end rings
 * and its id at its end. When the sequence it was edited from is drawn too, the step where the two
 * part (the first different token) gets a marker and a small label naming the change. `drawing`
 * null (no sequence, or none placed on this map) empties the layer. Tokens and the id are set as
 * text. Marks carry data-step (the provisional step) for tests and hover.
 */
export function drawProvisional(
  layer: SVGGElement,
  sequence: ProvisionalSequence | null,
  dataset: StateDataset,
  transform: MapTransform,
  drawing: ProvisionalDrawing | null,
): void {
  if (!sequence || !drawing) {
    layer.replaceChildren();
    return;
  }
  const doc = layer.ownerDocument;
  const make = (tag: string, attributes: Record<string, string | number>) => {
    const element = doc.createElementNS(SVG_NS, tag);
    for (const name in attributes) element.setAttribute(name, String(attributes[name]));
    return element;
  };
  const length = sequence.tokens.length;
  const classCount = dataset.classCount;
  const xy = drawing.coordinates;
  const xs = new Float64Array(length);
  const ys = new Float64Array(length);
  let points = '';
  for (let k = 0; k < length; k++) {
    xs[k] = transform.screenX(xy[2 * k]);
    ys[k] = transform.screenY(xy[2 * k + 1]);
    points += `${xs[k]},${ys[k]} `;
  }
  const line = (className: string, stroke: string, width: number, opacity: number) =>
    make('polyline', {
      class: className,
      points,
      fill: 'none',
      stroke,
      'stroke-opacity': opacity,
      'stroke-width': width,
      'stroke-linejoin': 'round',
      'stroke-linecap': 'round',
    });
  const marks: Element[] = [line('halo-line', '#fff', 10, 0.85), line('dark-line', PROVISIONAL_LINE, 6, 1)];
  const colors = provisionalColors(sequence, classCount, 'expected');
  for (let k = 0; k + 1 < length; k++) {
    marks.push(
      make('line', {
        class: 'segment',
        'data-step': k,
        x1: xs[k],
        y1: ys[k],
        x2: xs[k + 1],
        y2: ys[k + 1],
        stroke: colors[k],
        'stroke-width': 3,
        'stroke-linecap': 'round',
      }),
    );
  }
  for (let k = 0; k < length; k++) {
    marks.push(
      make('circle', {
        class: 'step',
        'data-step': k,
        cx: xs[k],
        cy: ys[k],
        r: 3,
        fill: colors[k],
        stroke: PROVISIONAL_LINE,
        'stroke-width': 1,
      }),
    );
  }
  // Double rings (a white one inside) so that they differ from the dataset trajectories' rings.
  const ring = (kind: string, k: number, stroke: string) => [
    make('circle', {
      class: `${kind} ring-halo`,
      cx: xs[k],
      cy: ys[k],
      r: 8,
      fill: 'none',
      stroke: '#fff',
      'stroke-width': 5,
    }),
    make('circle', {
      class: kind,
      'data-step': k,
      cx: xs[k],
      cy: ys[k],
      r: 8,
      fill: 'none',
      stroke,
      'stroke-width': 2.5,
    }),
  ];
  marks.push(...ring('start', 0, START_RING), ...ring('end', length - 1, END_RING));
  const label = (className: string, x: number, y: number, text: string) => {
    const element = make('text', { class: `halo ${className}`, x, y });
    element.textContent = text;
    return element;
  };
  marks.push(label('provisional-id', xs[length - 1] + 11, ys[length - 1] - 9, sequence.id));

  const original = sequence.original;
  if (drawing.originalShown && original >= 0 && original < dataset.sequenceCount) {
    const k = partingStep(sequence, dataset, original);
    if (k >= 0) {
      // Where the text ends first, the mark sits at its last step; the label says what the original read there.
      const at = Math.min(k, length - 1);
      const start = dataset.offsets[original];
      const originalLength = dataset.offsets[original + 1] - start;
      const was = k < originalLength ? dataset.token(start + k) : '';
      const now = k < length ? sequence.tokens[k] : '';
      const text = was && now ? `${was} → ${now}` : now ? `+ ${now}` : `− ${was}`;
      marks.push(
        make('rect', {
          class: 'parting',
          'data-step': k,
          x: xs[at] - 5,
          y: ys[at] - 5,
          width: 10,
          height: 10,
          transform: `rotate(45 ${xs[at]} ${ys[at]})`,
          fill: '#fff',
          stroke: PROVISIONAL_LINE,
          'stroke-width': 2,
        }),
        label('parting-label', xs[at] + 9, ys[at] + 16, text),
      );
    }
  }
  layer.replaceChildren(...marks);
}
