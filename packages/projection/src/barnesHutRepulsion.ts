/**
 * Barnes-Hut estimate of the t-SNE repulsion. For every point i of the 2-D embedding `y`
 * (interleaved x, y) writes into `force` the unnormalised sum over j of w_ij^2 (y_i - y_j), with
 * w_ij = 1 / (1 + |y_i - y_j|^2), and returns Z = sum over i != j of w_ij. Cells seen under an
 * angle below `theta` act as one mass. The quadtree lives in typed arrays, rebuilt each call.
 */
export function barnesHutRepulsion(y: Float64Array, rows: number, theta: number, force: Float64Array): number {
  const tree = QuadTree.build(y, rows);
  const { comX, comY, count, size, firstChild, childCount, start, end, perm } = tree;
  const theta2 = theta * theta;
  const stack = new Int32Array(64 * 4 + 8);
  let z = 0;
  for (let i = 0; i < rows; i++) {
    const xi = y[2 * i];
    const yi = y[2 * i + 1];
    let fx = 0;
    let fy = 0;
    let zi = 0;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      const dx = xi - comX[node];
      const dy = yi - comY[node];
      const d2 = dx * dx + dy * dy;
      const nc = childCount[node];
      if (size[node] * size[node] < theta2 * d2) {
        const w = 1 / (1 + d2);
        const m = count[node];
        zi += m * w;
        const mw2 = m * w * w;
        fx += mw2 * dx;
        fy += mw2 * dy;
      } else if (nc === 0) {
        // Leaf: exact over its few points.
        for (let e = start[node]; e < end[node]; e++) {
          const j = perm[e];
          if (j === i) continue;
          const ex = xi - y[2 * j];
          const ey = yi - y[2 * j + 1];
          const w = 1 / (1 + ex * ex + ey * ey);
          zi += w;
          const w2 = w * w;
          fx += w2 * ex;
          fy += w2 * ey;
        }
      } else {
        const c0 = firstChild[node];
        for (let c = 0; c < nc; c++) stack[top++] = c0 + c;
      }
    }
    force[2 * i] = fx;
    force[2 * i + 1] = fy;
    z += zi;
  }
  return z;
}

/** Points a leaf may hold: fewer, deeper nodes cost more in traversal than a few exact pairs. */
const LEAF_SIZE = 6;

/** Quadtree over a permutation of the points; children of a node are stored contiguously. */
class QuadTree {
  comX: Float64Array;
  comY: Float64Array;
  count: Int32Array;
  size: Float64Array;
  firstChild: Int32Array;
  childCount: Int8Array;
  start: Int32Array;
  end: Int32Array;
  readonly perm: Int32Array;
  nodes = 0;

  private constructor(rows: number) {
    const cap = Math.max(16, 2 * rows);
    this.comX = new Float64Array(cap);
    this.comY = new Float64Array(cap);
    this.count = new Int32Array(cap);
    this.size = new Float64Array(cap);
    this.firstChild = new Int32Array(cap);
    this.childCount = new Int8Array(cap);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.perm = new Int32Array(rows);
  }

  static build(y: Float64Array, rows: number): QuadTree {
    const t = new QuadTree(rows);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < rows; i++) {
      t.perm[i] = i;
      const a = y[2 * i];
      const b = y[2 * i + 1];
      if (a < minX) minX = a;
      if (a > maxX) maxX = a;
      if (b < minY) minY = b;
      if (b > maxY) maxY = b;
    }
    const side = Math.max(maxX - minX, maxY - minY) * (1 + 1e-9) + 1e-12;
    // Per pending node: its index, lower corner and depth (corner and depth in parallel arrays).
    const pending: number[] = [];
    const corner: number[] = [];
    t.alloc(1);
    t.start[0] = 0;
    t.end[0] = rows;
    t.size[0] = side;
    pending.push(0, 0);
    corner.push(minX, minY);
    const bounds = new Int32Array(5);
    while (pending.length > 0) {
      const depth = pending.pop()!;
      const node = pending.pop()!;
      const cy = corner.pop()!;
      const cx = corner.pop()!;
      const s = t.start[node];
      const e = t.end[node];
      let sx = 0;
      let sy = 0;
      for (let p = s; p < e; p++) {
        const j = t.perm[p];
        sx += y[2 * j];
        sy += y[2 * j + 1];
      }
      const n = e - s;
      t.comX[node] = sx / n;
      t.comY[node] = sy / n;
      t.count[node] = n;
      if (n <= LEAF_SIZE || depth >= 48) continue;
      const half = t.size[node] / 2;
      const midX = cx + half;
      const midY = cy + half;
      // Two in-place partitions: by y, then each half by x, giving quadrants SW, SE, NW, NE.
      const m = partition(t.perm, y, 1, midY, s, e);
      const m0 = partition(t.perm, y, 0, midX, s, m);
      const m1 = partition(t.perm, y, 0, midX, m, e);
      bounds[0] = s;
      bounds[1] = m0;
      bounds[2] = m;
      bounds[3] = m1;
      bounds[4] = e;
      let kids = 0;
      for (let q = 0; q < 4; q++) if (bounds[q + 1] > bounds[q]) kids++;
      const first = t.alloc(kids);
      t.firstChild[node] = first;
      t.childCount[node] = kids;
      let c = first;
      for (let q = 0; q < 4; q++) {
        if (bounds[q + 1] === bounds[q]) continue;
        t.start[c] = bounds[q];
        t.end[c] = bounds[q + 1];
        t.size[c] = half;
        pending.push(c, depth + 1);
        corner.push(q & 1 ? midX : cx, q & 2 ? midY : cy);
        c++;
      }
    }
    return t;
  }

  /** Reserves `n` consecutive nodes, growing the arrays when full. */
  private alloc(n: number): number {
    const first = this.nodes;
    this.nodes += n;
    if (this.nodes > this.comX.length) {
      const cap = this.nodes * 2;
      const grow = <T extends Float64Array | Int32Array | Int8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(cap);
        b.set(a);
        return b;
      };
      this.comX = grow(this.comX);
      this.comY = grow(this.comY);
      this.count = grow(this.count);
      this.size = grow(this.size);
      this.firstChild = grow(this.firstChild);
      this.childCount = grow(this.childCount);
      this.start = grow(this.start);
      this.end = grow(this.end);
    }
    for (let i = first; i < this.nodes; i++) this.childCount[i] = 0;
    return first;
  }
}

/** Moves the points of perm[s..e) whose coordinate `axis` is below `pivot` to the front. */
function partition(perm: Int32Array, y: Float64Array, axis: number, pivot: number, s: number, e: number): number {
  let i = s;
  let j = e - 1;
  while (i <= j) {
    if (y[2 * perm[i] + axis] < pivot) i++;
    else {
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
      j--;
    }
  }
  return i;
}
