import type { StateDataset } from '@statescope/core';

/**
 * Writes a step's details into the tooltip: token, sequence, step, expected prediction,
 * confidence, predicted and true class. Everything from the data is set with textContent.
 */
export function fillTooltip(tooltip: HTMLElement, dataset: StateDataset, step: number): void {
  const doc = tooltip.ownerDocument;
  const sequence = dataset.sequenceOf(step);
  const classes = dataset.classes;
  const predicted = dataset.stepClasses()[step];
  const confidence = dataset.stepConfidences()[step];
  const ep =
    dataset.classCount === 2
      ? `p(${classes[1]}) = ${dataset.expectedPredictions[2 * step + 1].toFixed(3)}`
      : topClasses(dataset, step, 3);
  const rows: [string, string][] = [
    ['sequence', `${dataset.ids[sequence]} (#${sequence})`],
    ['step', `${step - dataset.offsets[sequence] + 1} of ${dataset.sequenceLength(sequence)}`],
    ['EP', ep],
    ['confidence', confidence.toFixed(3)],
    ['predicted', classes[predicted]],
    ['true class', classes[dataset.labels[sequence]]],
  ];
  const token = doc.createElement('div');
  token.className = 'token';
  token.textContent = dataset.token(step);
  const table = doc.createElement('dl');
  for (const [name, value] of rows) {
    const dt = doc.createElement('dt');
    dt.textContent = name;
    const dd = doc.createElement('dd');
    dd.textContent = value;
    table.append(dt, dd);
  }
  tooltip.replaceChildren(token, table);
}

/** The `count` most probable classes of a step with their probabilities, most probable first. */
function topClasses(dataset: StateDataset, step: number, count: number): string {
  const k = dataset.classCount;
  const row = dataset.expectedPredictions.subarray(step * k, (step + 1) * k);
  return Array.from(row.keys())
    .sort((a, b) => row[b] - row[a])
    .slice(0, count)
    .map((c) => `${dataset.classes[c]} ${row[c].toFixed(2)}`)
    .join(', ');
}
