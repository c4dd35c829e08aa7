import type { WhatIfModel } from './loadWhatIfModel.js';

/**
 * The `k` words whose embedding rows are nearest (cosine) to the row of `tokenId`, most similar
 * first; the unknown token and the word itself are left out. None for the unknown token: its
 * row stands for every word the vocabulary lacks.
 */
export function nearestWords({ model, vocabulary }: WhatIfModel, tokenId: number, k = 5): string[] {
  if (tokenId <= 0 || tokenId >= vocabulary.size || k <= 0) return [];
  const embedding = model.group('embedding');
  const dim = model.embeddingDim;
  const rows = model.vocabularySize;
  const norms = rowNorms(embedding, rows, dim);
  const q = tokenId * dim;
  const best: { id: number; score: number }[] = [];
  for (let row = 1; row < rows; row++) {
    if (row === tokenId || norms[row] === 0) continue;
    const o = row * dim;
    let dot = 0;
    for (let c = 0; c < dim; c++) dot += embedding[q + c] * embedding[o + c];
    const score = dot / (norms[row] * norms[tokenId] || 1);
    if (best.length === k && score <= best[k - 1].score) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && best[at - 1].score < score) at--;
    best.splice(at, 0, { id: row, score });
    if (best.length > k) best.pop();
  }
  return best.map(({ id }) => vocabulary.tokens[id]);
}

const normCache = new WeakMap<Float32Array, Float64Array>();

/** Euclidean norm of every embedding row, computed once per model. */
function rowNorms(embedding: Float32Array, rows: number, dim: number): Float64Array {
  let norms = normCache.get(embedding);
  if (!norms) {
    norms = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      let s = 0;
      for (let c = row * dim; c < (row + 1) * dim; c++) s += embedding[c] * embedding[c];
      norms[row] = Math.sqrt(s);
    }
    normCache.set(embedding, norms);
  }
  return norms;
}
