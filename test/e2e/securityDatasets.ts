import { StateDataset, encodeDatasetJson } from '@statescope/core';

/** RIGHT-TO-LEFT OVERRIDE: reverses the text after it, up to the end of its paragraph or isolate. */
export const RLO = '\u202E';
/** 300 characters without a space: nothing to wrap at. */
export const LONG = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(7).slice(0, 300);
/** Markup, scripts and event handlers, each of which would set window.__pwned if it ran. */
export const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '<b onmouseover="window.__pwned=3" style="display:block;width:5000px">hover</b>',
  '<svg onload="window.__pwned=4"></svg>',
];

/** Points on a spiral, far enough apart to hover one at a time. */
function spiral(count: number): Float32Array {
  return Float32Array.from({ length: 2 * count }, (_, i) => {
    const k = i >> 1;
    const radius = 1 + k;
    return (i % 2 ? Math.sin : Math.cos)(k * 2.4) * radius;
  });
}

function states(count: number, dim: number): Float32Array {
  return Float32Array.from({ length: count * dim }, (_, i) => Math.sin(i * 1.7) * 3 + (i % dim));
}

/** Expected predictions: for step 0, class 0 at 0.42 (the number the tooltip must show the right way round). */
function predictions(steps: number, classes: number): Float32Array {
  const ep = new Float32Array(steps * classes);
  for (let t = 0; t < steps; t++) {
    const top = t === 0 ? 0 : t % classes;
    const p = t === 0 ? 0.42 : 0.5;
    for (let c = 0; c < classes; c++) ep[t * classes + c] = c === top ? p : (1 - p) / (classes - 1);
  }
  return ep;
}

function dataset(classes: string[], ids: string[], tokens: string[][], extra: { layer?: string; model?: string } = {}) {
  const steps = tokens.reduce((n, t) => n + t.length, 0);
  const binary = classes.length === 2;
  return new StateDataset({
    classes,
    ids,
    tokens,
    labels: tokens.map((_, s) => s % classes.length),
    layers: [{ name: extra.layer ?? 'lstm', dim: 4, hidden: states(steps, 4) }],
    // Binary: one p(positive) per step, 0.42 at step 0.
    expectedPredictions: binary
      ? Float32Array.from({ length: steps }, (_, t) => (t === 0 ? 0.42 : 0.3 + 0.1 * (t % 5)))
      : predictions(steps, classes.length),
    projections: { tsne: spiral(steps) },
    metadata: extra.model === undefined ? {} : { model: extra.model },
  });
}

const json = (data: StateDataset) => JSON.stringify(encodeDatasetJson(data));

/** An ordinary three-class dataset of 40 sequences (200 states: enough for a t-SNE at perplexity 30). */
export function plainDataset(): string {
  const words = ['oil', 'prices', 'rose', 'shares', 'were', 'bought', 'profit', 'up', 'crude', 'fell'];
  const tokens = Array.from({ length: 40 }, (_, s) => Array.from({ length: 5 }, (__, t) => words[(s * 3 + t) % 10]));
  return json(
    dataset(
      ['earn', 'acq', 'crude'],
      tokens.map((_, s) => `d${s}`),
      tokens,
    ),
  );
}

/**
 * Hostile text everywhere text goes: class names, ids, tokens, the layer's name and the model:
 * markup, script, event handlers, RTL override, emoji, empty strings and 300 characters.
 */
export function hostileDataset(): string {
  return json(
    dataset(
      [`${RLO}evil`, PAYLOADS[0], PAYLOADS[1], 'a class name of forty characters, or so!', LONG, '🙂 emoji 👍🏽', ''],
      [PAYLOADS[0], `${RLO}id-7`, LONG, ''],
      [
        [`${RLO}word 42`, ...PAYLOADS, '🙂👍🏽🇩🇪', '', LONG, 'plain'],
        [PAYLOADS[2], LONG, RLO, ''],
        [LONG, LONG, PAYLOADS[1]],
        ['', '', '🙂'],
      ],
      { layer: `${RLO}lstm`, model: `${PAYLOADS[1]} ${RLO}model 100 units` },
    ),
  );
}

/** Binary, the second class starting with an RTL override: the tooltip reads "p(…) = 0.420". */
export function hostileBinary(): string {
  return json(
    dataset(
      [PAYLOADS[0], `${RLO}positive`],
      ['r0', `${RLO}r1`],
      [
        [`${RLO}good`, LONG, PAYLOADS[3]],
        ['', '🙂', 'fine'],
      ],
    ),
  );
}
