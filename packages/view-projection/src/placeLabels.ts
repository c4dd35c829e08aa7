/** Offsets tried around a point, in order: above right, above left, below right, below left. */
const CANDIDATES: readonly [number, number, 'start' | 'end'][] = [
  [5, -5, 'start'],
  [-5, -5, 'end'],
  [5, 14, 'start'],
  [-5, 14, 'end'],
];

/** Where {@link placeLabels} put each label. */
export interface LabelPlacementResult {
  /** Text anchor point per label (NaN when the label is left out: no free spot). */
  x: Float64Array;
  /** The anchor point's y per label (NaN when left out). */
  y: Float64Array;
  /** SVG `text-anchor` per label: text to the right (`start`) or left (`end`) of the point. */
  anchor: ('start' | 'end')[];
}

/**
 * Greedy label placement without overlaps: each label (in priority order) takes the first of
 * four spots around its point whose box is free, or is left out. Text width is estimated from the
 * character count (no layout reads, so it costs nothing per frame).
 */
export function placeLabels(
  points: ArrayLike<number>,
  texts: readonly string[],
  charWidth = 6.5,
  lineHeight = 12,
): LabelPlacementResult {
  const count = texts.length;
  const x = new Float64Array(count).fill(NaN);
  const y = new Float64Array(count).fill(NaN);
  const anchor: ('start' | 'end')[] = new Array(count).fill('start');
  const boxes: number[] = []; // x0, y0, x1, y1 of each placed label
  for (let i = 0; i < count; i++) {
    const width = texts[i].length * charWidth;
    for (const [dx, dy, side] of CANDIDATES) {
      const ax = points[2 * i] + dx;
      const ay = points[2 * i + 1] + dy;
      const x0 = side === 'start' ? ax : ax - width;
      const y0 = ay - lineHeight + 2;
      const x1 = x0 + width;
      const y1 = ay + 2;
      let free = true;
      for (let b = 0; b < boxes.length && free; b += 4) {
        free = x1 <= boxes[b] || x0 >= boxes[b + 2] || y1 <= boxes[b + 1] || y0 >= boxes[b + 3];
      }
      if (!free) continue;
      boxes.push(x0, y0, x1, y1);
      x[i] = ax;
      y[i] = ay;
      anchor[i] = side;
      break;
    }
  }
  return { x, y, anchor };
}
