// Trains one corpus's model: seeded init, mini-batch Adam, the weights of the epoch with the
// best validation accuracy kept (the validation texts come from the training side, never the test).
import { createLstm, evaluate, train, type RnnModel, type EpochReport } from '@statescope/rnn';

export interface Split {
  tokenIds: Uint32Array[];
  labels: number[];
}

export interface ClassifierConfig {
  vocabularySize: number;
  embeddingDim: number;
  hiddenDim: number;
  classCount: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  learningRateDecay: number;
  clipNorm: number;
  seed: number;
}

export interface TrainedClassifier {
  model: RnnModel;
  bestEpoch: number;
  validationAccuracy: number;
  epochs: (EpochReport & { validationAccuracy: number })[];
  seconds: number;
}

export function trainClassifier(
  name: string,
  config: ClassifierConfig,
  trainSplit: Split,
  validation: Split,
): TrainedClassifier {
  const start = performance.now();
  const model = createLstm({
    vocabularySize: config.vocabularySize,
    embeddingDim: config.embeddingDim,
    hiddenDim: config.hiddenDim,
    classCount: config.classCount,
    seed: config.seed,
  });
  let best = { epoch: 0, accuracy: -1, parameters: model.parameters.slice() };
  const epochs: TrainedClassifier['epochs'] = [];
  const batches = Math.ceil(trainSplit.labels.length / config.batchSize);
  let lossSum = 0;
  let lossCount = 0;
  let last = performance.now();
  train(model, trainSplit, {
    epochs: config.epochs,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    learningRateDecay: config.learningRateDecay,
    clipNorm: config.clipNorm,
    seed: config.seed + 1,
    onBatch: (batch, loss) => {
      lossSum += loss;
      lossCount++;
      if (performance.now() - last > 30_000 || batch === batches - 1) {
        last = performance.now();
        const elapsed = ((last - start) / 1000).toFixed(0);
        console.log(
          `  ${name}: batch ${batch + 1}/${batches}, loss ${(lossSum / lossCount).toFixed(4)} (${elapsed} s)`,
        );
        lossSum = 0;
        lossCount = 0;
      }
    },
    onEpoch: (report) => {
      const { accuracy } = evaluate(model, validation.tokenIds, validation.labels);
      epochs.push({ ...report, validationAccuracy: accuracy });
      console.log(
        `  ${name}: epoch ${report.epoch}: loss ${report.loss.toFixed(4)}, validation accuracy ` +
          `${(100 * accuracy).toFixed(2)} %, ${report.seconds.toFixed(0)} s`,
      );
      if (accuracy > best.accuracy) best = { epoch: report.epoch, accuracy, parameters: model.parameters.slice() };
    },
  });
  model.parameters.set(best.parameters);
  return {
    model,
    bestEpoch: best.epoch,
    validationAccuracy: best.accuracy,
    epochs,
    seconds: (performance.now() - start) / 1000,
  };
}
