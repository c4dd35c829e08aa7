/**
 * The k best (distance, step) pairs seen so far, as a bounded max-heap in typed arrays: the root
 * is the worst kept pair, so most candidates are rejected by one comparison. Ties in distance
 * rank the lower step first, which makes every answer independent of scan order.
 */
export class NearestHeap {
  readonly #dist: Float64Array;
  readonly #step: Uint32Array;
  readonly #capacity: number;
  #size = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#dist = new Float64Array(capacity);
    this.#step = new Uint32Array(capacity);
  }

  /** The distance a candidate must beat (or tie with a lower step) to enter. */
  get bound(): number {
    return this.#size < this.#capacity ? Infinity : this.#dist[0];
  }

  get size(): number {
    return this.#size;
  }

  /** Offers one candidate. */
  push(distance: number, step: number): void {
    const dist = this.#dist;
    const steps = this.#step;
    if (this.#size < this.#capacity) {
      // Sift up from the new leaf.
      let i = this.#size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(distance, step, dist[parent], steps[parent])) break;
        dist[i] = dist[parent];
        steps[i] = steps[parent];
        i = parent;
      }
      dist[i] = distance;
      steps[i] = step;
      return;
    }
    if (!worse(dist[0], steps[0], distance, step)) return;
    // Replace the root and sift down.
    const n = this.#size;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      let child = left;
      const right = left + 1;
      if (right < n && worse(dist[right], steps[right], dist[left], steps[left])) child = right;
      if (!worse(dist[child], steps[child], distance, step)) break;
      dist[i] = dist[child];
      steps[i] = steps[child];
      i = child;
    }
    dist[i] = distance;
    steps[i] = step;
  }

  /** The kept pairs, nearest first; `map` turns a stored distance into the reported one. */
  sorted(map: (distance: number) => number): { steps: Uint32Array; distances: Float32Array } {
    const n = this.#size;
    const order = Array.from({ length: n }, (_, i) => i);
    const dist = this.#dist;
    const steps = this.#step;
    order.sort((a, b) => dist[a] - dist[b] || steps[a] - steps[b]);
    const outSteps = new Uint32Array(n);
    const distances = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      outSteps[i] = steps[order[i]];
      distances[i] = map(dist[order[i]]);
    }
    return { steps: outSteps, distances };
  }
}

/** Whether pair a ranks after pair b. */
function worse(distA: number, stepA: number, distB: number, stepB: number): boolean {
  return distA > distB || (distA === distB && stepA > stepB);
}
