// `npm run data -- --large`: the committed IMDB demo model (imdb.model.json) over the whole IMDB
// test split, 10,000 reviews of at most 100 tokens (about 970,000 states), written to
// data/large/imdb-10k.json + .bin (git-ignored) with int8 h and c, expected predictions, PCA and
// t-SNE. The demo (imdb.json) is the first 1,000 of these reviews; the benchmarks at scale
// (bench/scale/) read this file. Prints the time of each stage.
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { saveDataset, type DatasetMetadata, type StateDataset } from '@statescope/core';
import { pca, tsne } from '@statescope/projection';
import { Vocabulary, loadWeights, runToDataset } from '@statescope/rnn';
import { IMDB_SEED, imdbSplit } from './imdbSplit.js';
import { MAX_TOKENS, sequencesOf } from './tokenised.js';
import { uniqueRows } from './uniqueRows.js';

/** Where `--large` writes, relative to data/. */
export const LARGE_DATASET = join('large', 'imdb-10k.json');

/** What {@link makeLarge} needs: the data folder, the corpus cache, and whether to run t-SNE. */
export interface LargeOptions {
  /** The folder of imdb.json and imdb.model.json (data/). */
  dataDir: string;
  /** Where the corpus is fetched to (data/.cache/). */
  cacheDir: string;
  /** False: PCA only (the t-SNE of 970,000 states takes minutes). */
  tsne: boolean;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const gigabytes = (bytes: number) => (bytes / 1e9).toFixed(2);

/**
 * Runs one stage, printing its wall time, its CPU time (every thread: on shared cores the wall
 * time says as much about the neighbours as about the work) and the process's memory after it.
 */
async function stage<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const { user, system } = process.cpuUsage(cpu);
  console.log(
    `  ${name.padEnd(34)} ${seconds(start).toFixed(1).padStart(7)} s (CPU ${((user + system) / 1e6).toFixed(0)} s)   ` +
      `RSS ${gigabytes(process.memoryUsage().rss)} GB (peak ${gigabytes(process.resourceUsage().maxRSS * 1024)})`,
  );
  return result;
}

/** The demo's metadata (imdb.json's manifest): the large export must come from the same split and model. */
function demoMetadata(dataDir: string): DatasetMetadata & { testSplit: { ids: string[]; predictions: string } } {
  const manifest = JSON.parse(readFileSync(join(dataDir, 'imdb.json'), 'utf8')) as {
    metadata: DatasetMetadata & { testSplit: { ids: string[]; predictions: string } };
  };
  return manifest.metadata;
}

/** Writes data/large/imdb-10k.json + .bin; returns the paths written. */
export async function makeLarge(options: LargeOptions): Promise<string[]> {
  const started = performance.now();
  const [load1, load5] = loadavg();
  console.log(
    `npm run data -- --large: ${new Date().toISOString()}, node ${process.version}, ` +
      `load average ${load1.toFixed(2)} / ${load5.toFixed(2)} (1 / 5 min)`,
  );
  const demo = demoMetadata(options.dataDir);

  const { test } = await stage('split (fetch, tokenise)', () => imdbSplit(options.cacheDir));
  const ids = test.map((doc) => doc.id);
  if (ids.length !== demo.testSplit.ids.length || ids.some((id, i) => id !== demo.testSplit.ids[i])) {
    throw new Error('the IMDB test split differs from the one recorded in data/imdb.json (metadata.testSplit.ids)');
  }

  const modelPath = join(options.dataDir, 'imdb.model.json');
  const { model, manifest } = await stage('load the demo model', () => loadWeights(modelPath));
  const vocabulary = new Vocabulary(manifest.vocabulary ?? []);
  const metadata: DatasetMetadata = {
    model: demo.model,
    accuracy: demo.accuracy,
    accuracyScope: demo.accuracyScope,
    corpus: demo.corpus,
    licence: demo.licence,
    split: demo.split,
    export: `the whole test split (${test.length} reviews, last ${MAX_TOKENS} tokens each); data/imdb.json holds its first 1,000`,
    tokenizer: demo.tokenizer,
    hyperparameters: demo.hyperparameters,
    training: demo.training,
    // A copy of the demo's weights beside this file (`statescope open` serves no file outside a
    // dataset's folder), so that the what-if view runs the model that made it.
    weights: 'imdb.model.json',
    statePrecision: 'int8',
    stateErrorBound: demo.stateErrorBound,
    generator: 'npm run data -- --large (data/makeLarge.ts)',
  };
  const dataset: StateDataset = await stage('run the model', () =>
    runToDataset(model, sequencesOf(test, vocabulary, manifest.maxTokens ?? MAX_TOKENS), {
      classes: manifest.classes ?? ['negative', 'positive'],
      layerName: 'lstm',
      metadata,
    }),
  );
  const predictions = Array.from(dataset.predictions).join('');
  if (predictions !== demo.testSplit.predictions) {
    throw new Error(
      'the predictions differ from those recorded in data/imdb.json: imdb.model.json changed since; ' +
        'run npm run data -- --only imdb --reuse-models first',
    );
  }
  const { hidden, dim } = dataset.layer();
  console.log(
    `  ${dataset.sequenceCount} reviews, ${dataset.stepCount} states x ${dim} units, ` +
      `accuracy ${(100 * dataset.accuracy()).toFixed(2)} % (the predictions recorded in data/imdb.json)`,
  );

  dataset.addProjection('pca', await stage('PCA', () => pca(hidden, { dim })));
  if (options.tsne) {
    const { first, of } = await stage('find repeated states', () => uniqueRows(hidden, dim));
    // Each distinct state once: a state repeated more often than the perplexity (the first
    // states of reviews that open alike) leaves tsne() no finite bandwidth, and its weights NaN.
    const distinct = new Float32Array(new SharedArrayBuffer(first.length * dim * 4));
    first.forEach((row, i) => distinct.set(hidden.subarray(row * dim, (row + 1) * dim), i * dim));
    console.log(
      `  t-SNE of the ${first.length} distinct states (${dataset.stepCount - first.length} repeat one exactly ` +
        `and take its place)`,
    );
    let prepared = NaN;
    const layout = await stage('t-SNE (perplexity 30, 750 steps)', () => {
      const start = performance.now();
      return tsne(distinct, {
        dim,
        perplexity: 30,
        seed: IMDB_SEED,
        progressEvery: 50,
        onProgress: ({ iteration, iterations, kl }) => {
          if (iteration === 0) prepared = seconds(start);
          console.log(
            `    step ${String(iteration).padStart(3)} / ${iterations}  ${seconds(start).toFixed(0).padStart(4)} s` +
              `  RSS ${gigabytes(process.memoryUsage().rss)} GB${Number.isNaN(kl) ? '' : `  KL ${kl.toFixed(3)}`}`,
          );
        },
      });
    });
    console.log(`    (neighbours, affinities and initialisation: ${prepared.toFixed(0)} s of it)`);
    const coordinates = new Float32Array(2 * dataset.stepCount);
    for (let step = 0; step < dataset.stepCount; step++) {
      coordinates[2 * step] = layout[2 * of[step]];
      coordinates[2 * step + 1] = layout[2 * of[step] + 1];
    }
    // addProjection refuses non-finite values too, but without saying what went wrong.
    if (!coordinates.every(Number.isFinite))
      throw new Error('the t-SNE diverged: its layout holds NaN or infinite values');
    dataset.addProjection('tsne', coordinates);
  }

  mkdirSync(join(options.dataDir, 'large'), { recursive: true });
  const written = await stage('write (int8 states)', () =>
    saveDataset(dataset, join(options.dataDir, LARGE_DATASET), { statePrecision: 'int8' }),
  );
  for (const file of ['imdb.model.json', 'imdb.model.bin']) {
    copyFileSync(join(options.dataDir, file), join(options.dataDir, 'large', file));
    written.push(join(options.dataDir, 'large', file));
  }
  for (const path of written) {
    console.log(`  ${path.slice(options.dataDir.length + 1)}: ${(statSync(path).size / 1e6).toFixed(1)} MB`);
  }
  console.log(`npm run data -- --large: wall time ${seconds(started).toFixed(0)} s`);
  return written;
}
