import type { ProvisionalSequence } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import { bidi } from '@statescope/view-base';
import { writeTooltip } from './fillTooltip.js';

/**
 * Writes a provisional step's details into the tooltip: its token (marked when the model's
 * vocabulary lacks it), the sequence's id, the step, the expected prediction and the predicted
 * class. It has no true class and no global step index. Data text is set as text, names in `<bdi>`s.
 */
export function fillProvisionalTooltip(
  tooltip: HTMLElement,
  dataset: StateDataset,
  sequence: ProvisionalSequence,
  step: number,
): void {
  const doc = tooltip.ownerDocument;
  const k = dataset.classCount;
  const row = sequence.expected.subarray(step * k, (step + 1) * k);
  let predicted = 0;
  for (let c = 1; c < k; c++) if (row[c] > row[predicted]) predicted = c;
  const name = (text: string) => bidi(text, doc);
  const ep =
    k === 2
      ? ['p(', name(dataset.classes[1]), `) = ${row[1].toFixed(3)}`]
      : [name(dataset.classes[predicted]), ` ${row[predicted].toFixed(2)}`];
  const rows: [string, (string | Node)[]][] = [
    ['sequence', [name(sequence.id)]],
    ['step', [`${step + 1} of ${sequence.tokens.length}`]],
    ['EP', ep],
    ['predicted', [name(dataset.classes[predicted])]],
  ];
  if (sequence.unknown[step]) rows.push(['token', ['not in the vocabulary']]);
  writeTooltip(tooltip, sequence.tokens[step], rows);
}
