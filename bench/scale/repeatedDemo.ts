import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadDataset, saveDataset, StateDataset } from '@statescope/core';
import { root } from '../../scripts/workspaces.mjs';

/** What {@link repeatedDemo} writes. */
export interface RepeatedDemoOptions {
  /** Steps to reach at least (whole reviews are repeated, so a few more). */
  steps: number;
  /** Where to write the manifest (its .bin beside it); an existing file is reused as it is. */
  path: string;
  /** How the states are stored. */
  precision: 'int8' | 'float32';
  /** The demo's projections to repeat with the states (default: t-SNE only). */
  projections?: readonly string[];
  /** Whether to keep the cell states too, as a real LSTM run stores them (default: hidden states only). */
  cell?: boolean;
}

/**
 * The IMDB demo's reviews (data/imdb.json) repeated in order, ids made unique (`id#round`), until
 * there are at least `steps` steps: the top layer's hidden states (and its cell states, if asked),
 * expected predictions and the named projections repeated with them. A stand-in for a large real run at any size, with real
 * states, tokens and map. Returns the manifest's path.
 */
export async function repeatedDemo(options: RepeatedDemoOptions): Promise<string> {
  const { path, steps: wanted, precision, projections = ['tsne'], cell = false } = options;
  if (existsSync(path)) return path;
  const demo = await loadDataset(join(root, 'data/imdb.json'));
  const picked: number[] = [];
  for (let total = 0, s = 0; total < wanted; s = (s + 1) % demo.sequenceCount) {
    picked.push(s);
    total += demo.sequenceLength(s);
  }
  const steps = picked.reduce((sum, s) => sum + demo.sequenceLength(s), 0);
  const rows = (values: Float32Array, width: number) => {
    const out = new Float32Array(steps * width);
    let at = 0;
    for (const s of picked) {
      const part = values.subarray(demo.offsets[s] * width, demo.offsets[s + 1] * width);
      out.set(part, at);
      at += part.length;
    }
    return out;
  };
  const layer = demo.layer();
  const dataset = new StateDataset({
    classes: demo.classes,
    ids: picked.map((s, i) => `${demo.ids[s]}#${Math.floor(i / demo.sequenceCount)}`),
    tokens: picked.map((s) => demo.tokensOf(s)),
    labels: picked.map((s) => demo.labels[s]),
    predictions: picked.map((s) => demo.predictions[s]),
    layers: [
      {
        name: layer.name,
        dim: layer.dim,
        hidden: rows(layer.hidden, layer.dim),
        ...(cell && layer.cell && { cell: rows(layer.cell, layer.dim) }),
      },
    ],
    expectedPredictions: rows(demo.expectedPredictions, demo.classCount),
    projections: Object.fromEntries(projections.map((name) => [name, rows(demo.projection(name)!, 2)])),
    metadata: { model: `${demo.metadata.model} (the demo's reviews repeated to ${steps.toLocaleString('en')} steps)` },
  });
  mkdirSync(dirname(path), { recursive: true });
  await saveDataset(dataset, path, { statePrecision: precision });
  return path;
}
