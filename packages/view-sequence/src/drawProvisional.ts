import type { ColorMode, ProvisionalSequence } from '@statescope/bus';
import { rowArgmax, type StateDataset } from '@statescope/core';
import { bidi, classColor, contrastText, isolate, provisionalColors } from '@statescope/view-base';
import { compareToOriginal } from './compareToOriginal.js';

/** What an unknown token's title says. */
export const UNKNOWN_TOKEN_NOTE = "not in the model's vocabulary";

/** Why the sequence cannot be drawn on this dataset (the field that does not fit), or ''. */
function mismatch(data: StateDataset, sequence: ProvisionalSequence): string {
  const length = sequence.tokens.length;
  if (sequence.expected.length !== length * data.classCount)
    return `provisional.expected: ${sequence.expected.length / length} values per token, but the dataset has ${data.classCount} classes`;
  if (sequence.original >= data.sequenceCount)
    return `provisional.original: ${sequence.original} is not a sequence of the dataset (it has ${data.sequenceCount})`;
  return '';
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: (string | Node)[]) {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...children);
  return node;
}

function chip(data: StateDataset, c: number): HTMLSpanElement {
  const span = element('span', 'chip', data.classes[c]);
  span.style.background = classColor(c);
  span.style.color = contrastText(classColor(c));
  return span;
}

/**
 * Draws the provisional (what-if) sequence into `block`, replacing what was there: a header with
 * its id, predicted class and final confidence; when it was edited from a dataset sequence, a line
 * naming that sequence, where the two part and whether the prediction flips; then its tokens on
 * the colours of their expected predictions in `mode`, unknown tokens underlined with dots and
 * tokens that differ from the original outlined. Every piece of data is set as text.
 */
export function drawProvisional(
  block: HTMLElement,
  data: StateDataset,
  sequence: ProvisionalSequence,
  mode: ColorMode,
): void {
  const header = element('div', 'header', element('span', 'id', sequence.id));
  header.setAttribute('part', 'header');
  const problem = mismatch(data, sequence);
  if (problem) {
    block.replaceChildren(header, element('div', 'provisional-error', problem));
    return;
  }
  const { classCount, classes } = data;
  const length = sequence.tokens.length;
  const { classes: best, confidences } = rowArgmax(sequence.expected, classCount);
  const last = best[length - 1];
  const confidence = confidences[length - 1];
  header.append(element('span', 'classes', 'predicted ', chip(data, last), ` confidence ${confidence.toFixed(2)}`));
  const parts: Node[] = [header];

  const comparison = sequence.original >= 0 ? compareToOriginal(data, sequence) : null;
  const originalId = sequence.original >= 0 ? data.ids[sequence.original] : '';
  if (comparison) {
    const { parting, originalClass, provisionalClass } = comparison;
    const items: (string | Node)[] = ['edited from Sequence ', bidi(originalId), ' · '];
    if (parting < 0) items.push('same tokens as ', bidi(originalId));
    else if (parting < length) items.push('parts from ', bidi(originalId), ` at step ${parting + 1}`);
    else items.push('parts from ', bidi(originalId), ` at step ${parting + 1} (the edit ends after step ${length})`);
    items.push(' · ');
    if (originalClass === provisionalClass) items.push('same prediction: ', bidi(classes[provisionalClass]));
    else items.push('prediction flips: ', bidi(classes[originalClass]), ' -> ', bidi(classes[provisionalClass]));
    const origin = element('div', 'origin', ...items);
    origin.setAttribute('part', 'origin');
    parts.push(origin);
  }

  const colors = provisionalColors(sequence, classCount, mode);
  const tokens = element('div', 'tokens');
  tokens.setAttribute('role', 'group');
  tokens.setAttribute('aria-label', `Tokens of ${sequence.id}`);
  const original = sequence.original;
  for (let t = 0; t < length; t++) {
    const token = sequence.tokens[t];
    const span = element('span', 'ptoken', token);
    span.setAttribute('part', 'token provisional-token');
    span.style.background = colors[t];
    span.style.color = contrastText(colors[t]);
    const c = best[t];
    const prediction =
      classCount === 2
        ? `p(${isolate(classes[1])}) ${sequence.expected[2 * t + 1].toFixed(2)}`
        : `${isolate(classes[c])} ${sequence.expected[t * classCount + c].toFixed(2)}`;
    const notes = [`${isolate(token)}, step ${t + 1} of ${length}, ${prediction}`];
    if (sequence.unknown[t] === 1) {
      span.classList.add('unknown');
      notes.push(UNKNOWN_TOKEN_NOTE);
    }
    if (comparison?.differs[t]) {
      span.classList.add('differs');
      const originalLength = data.sequenceLength(original);
      notes.push(
        t < originalLength
          ? `was ${isolate(data.token(data.offsets[original] + t))} in ${isolate(originalId)}`
          : `past the end of ${isolate(originalId)}`,
      );
      if (t === comparison.parting) span.classList.add('parting');
    }
    span.title = notes.join('; ');
    tokens.append(span);
  }
  parts.push(tokens);
  block.replaceChildren(...parts);
}
