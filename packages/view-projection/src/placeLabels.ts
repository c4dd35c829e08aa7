/** Where a label may go around its point: its text anchor's offset and which way the text runs. */
type Candidate = [dx: number, dy: (ascent: number) => number, side: 'start' | 'end'];

/** Spots tried around a point, in order: above right, above left, below right, below left. */
const CANDIDATES: readonly Candidate[] = [
  [5, () => -5, 'start'],
  [-5, () => -5, 'end'],
  [5, (ascent) => ascent + 3, 'start'],
  [-5, (ascent) => ascent + 3, 'end'],
];

/** How big labels are and where they may not go. */
export interface PlacementOptions {
  /** Height of the text above its baseline, in pixels (default 10, a 12 px font). */
  ascent?: number;
  /** Depth of the text below its baseline (default 3). */
  descent?: number;
  /** Free space kept around every label (its white halo and a little air), default 2. */
  gap?: number;
  /** Width and height of the drawing: no label leaves it. */
  bounds?: readonly [number, number];
  /** Boxes no label may cover (toolbar, legend, panels), flat x0, y0, x1, y1 per box. */
  obstacles?: ArrayLike<number>;
}

/** Where {@link placeLabels} put each label. */
export interface LabelPlacementResult {
  /** Text anchor point per label (NaN when the label is left out: no free spot). */
  x: Float64Array;
  /** The anchor point's y per label (NaN when left out). */
  y: Float64Array;
  /** SVG `text-anchor` per label: text to the right (`start`) or left (`end`) of the point. */
  anchor: ('start' | 'end')[];
  /** The box each placed label covers, gap included, flat x0, y0, x1, y1 per label (NaN when left out). */
  boxes: Float64Array;
}

/**
 * Greedy label placement without overlaps: each label, in the order given (most important
 * first), takes the first of four spots around its point whose box is inside the bounds, clear of
 * every obstacle and of every label placed before it; a label with no such spot is left out.
 * Widths come from the caller (measured text, see `TextMeasure`), so placement reads no layout.
 */
export function placeLabels(
  points: ArrayLike<number>,
  widths: ArrayLike<number>,
  options: PlacementOptions = {},
): LabelPlacementResult {
  const { ascent = 10, descent = 3, gap = 2, bounds, obstacles = [] } = options;
  const count = widths.length;
  const x = new Float64Array(count).fill(NaN);
  const y = new Float64Array(count).fill(NaN);
  const boxes = new Float64Array(4 * count).fill(NaN);
  const anchor: ('start' | 'end')[] = new Array(count).fill('start');
  const taken: number[] = Array.from(obstacles);
  const [right, bottom] = bounds ?? [Infinity, Infinity];
  for (let i = 0; i < count; i++) {
    const width = widths[i];
    const px = points[2 * i];
    const py = points[2 * i + 1];
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    for (const [dx, dy, side] of CANDIDATES) {
      const ax = px + dx;
      const ay = py + dy(ascent);
      const x0 = (side === 'start' ? ax : ax - width) - gap;
      const x1 = (side === 'start' ? ax + width : ax) + gap;
      const y0 = ay - ascent - gap;
      const y1 = ay + descent + gap;
      if (x0 < 0 || y0 < 0 || x1 > right || y1 > bottom) continue;
      let free = true;
      for (let b = 0; b < taken.length && free; b += 4) {
        free = x1 <= taken[b] || x0 >= taken[b + 2] || y1 <= taken[b + 1] || y0 >= taken[b + 3];
      }
      if (!free) continue;
      taken.push(x0, y0, x1, y1);
      boxes.set([x0, y0, x1, y1], 4 * i);
      x[i] = ax;
      y[i] = ay;
      anchor[i] = side;
      break;
    }
  }
  return { x, y, anchor, boxes };
}
