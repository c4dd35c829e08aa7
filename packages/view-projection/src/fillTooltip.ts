import type { StateDataset } from '@statescope/core';
import { bidi } from '@statescope/view-base';
import type { ActivationColoring } from './activationColors.js';

/**
 * Writes a step's details into the tooltip: token, sequence, step, expected prediction,
 * confidence, predicted and true class, and the activation when the map is coloured by it. Everything from the data is set as text, each name in a
 * `<bdi>` of its own, so that a right-to-left name cannot reorder the numbers beside it.
 */
export function fillTooltip(
  tooltip: HTMLElement,
  dataset: StateDataset,
  step: number,
  activation: ActivationColoring | null = null,
): void {
  const doc = tooltip.ownerDocument;
  const sequence = dataset.sequenceOf(step);
  const classes = dataset.classes;
  const predicted = dataset.stepClasses()[step];
  const confidence = dataset.stepConfidences()[step];
  const name = (text: string) => bidi(text, doc);
  const ep =
    dataset.classCount === 2
      ? ['p(', name(classes[1]), `) = ${dataset.expectedPredictions[2 * step + 1].toFixed(3)}`]
      : topClasses(dataset, step, 3, name);
  const rows: [string, (string | Node)[]][] = [
    ['sequence', [name(dataset.ids[sequence]), ` (#${sequence})`]],
    ['step', [`${step - dataset.offsets[sequence] + 1} of ${dataset.sequenceLength(sequence)}`]],
    ['EP', ep],
    ['confidence', [confidence.toFixed(3)]],
    ['predicted', [name(classes[predicted])]],
    ['true class', [name(classes[dataset.labels[sequence]])]],
  ];
  if (activation) rows.push(['activation', [activation.values[step].toFixed(3)]]);
  writeTooltip(tooltip, dataset.token(step), rows);
}

/** The tooltip's content: the token as a heading, then a term and its value per row, all set as text or nodes. */
export function writeTooltip(tooltip: HTMLElement, tokenText: string, rows: [string, (string | Node)[]][]): void {
  const doc = tooltip.ownerDocument;
  const token = doc.createElement('div');
  token.className = 'token';
  token.textContent = tokenText;
  const table = doc.createElement('dl');
  for (const [term, value] of rows) {
    const dt = doc.createElement('dt');
    dt.textContent = term;
    const dd = doc.createElement('dd');
    dd.append(...value);
    table.append(dt, dd);
  }
  tooltip.replaceChildren(token, table);
}

/** The `count` most probable classes of a step with their probabilities, most probable first. */
function topClasses(
  dataset: StateDataset,
  step: number,
  count: number,
  name: (text: string) => Node,
): (string | Node)[] {
  const k = dataset.classCount;
  const row = dataset.expectedPredictions.subarray(step * k, (step + 1) * k);
  return Array.from(row.keys())
    .sort((a, b) => row[b] - row[a])
    .slice(0, count)
    .flatMap((c, rank) => [...(rank ? [', '] : []), name(dataset.classes[c]), ` ${row[c].toFixed(2)}`]);
}
