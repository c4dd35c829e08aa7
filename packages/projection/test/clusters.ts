/** Three well separated Gaussian clusters in `dim` dimensions, seeded; labels 0..2 by row % 3. */
export function threeClusters(rows: number, dim: number, seed = 3): { data: Float32Array; labels: Int32Array } {
  let state = seed;
  const uniform = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state + 0.5) / 2147483648;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const data = new Float32Array(rows * dim);
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = i % 3;
    labels[i] = c;
    for (let a = 0; a < dim; a++) data[i * dim + a] = gauss() + (a === c ? 20 : 0);
  }
  return { data, labels };
}

/** Share of rows whose nearest other point in the 2-D layout has the same label. */
export function oneNn(embedding: Float32Array, labels: Int32Array): number {
  const n = labels.length;
  let ok = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let bj = -1;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (embedding[2 * i] - embedding[2 * j]) ** 2 + (embedding[2 * i + 1] - embedding[2 * j + 1]) ** 2;
      if (d < best) {
        best = d;
        bj = j;
      }
    }
    if (labels[bj] === labels[i]) ok++;
  }
  return ok / n;
}
