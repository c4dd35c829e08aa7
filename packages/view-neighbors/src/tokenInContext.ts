import type { StateDataset } from '@statescope/core';

/**
 * The token of `step` with up to `context` tokens of its own sequence either side, as text:
 * the words before, the token emphasised in a `<mark>`, the words after. Nothing from the data
 * is parsed as HTML; each part sits in a `<bdi>` so a right-to-left token cannot reorder the rest.
 */
export function tokenInContext(data: StateDataset, step: number, context: number): HTMLSpanElement {
  const sequence = data.sequenceOf(step);
  return wordsInContext(data.tokensOf(sequence), step - data.offsets[sequence], context);
}

/** Token `index` of `tokens` in context, as {@link tokenInContext} draws a dataset step. */
export function wordsInContext(tokens: readonly string[], index: number, context: number): HTMLSpanElement {
  const box = document.createElement('span');
  box.className = 'context';
  const before = tokens.slice(Math.max(0, index - context), index).join(' ');
  const after = tokens.slice(index + 1, index + 1 + context).join(' ');
  if (index - context > 0) box.append('… ');
  if (before) box.append(isolated(before, 'before'), ' ');
  const mark = document.createElement('mark');
  mark.append(isolated(tokens[index], 'token'));
  box.append(mark);
  if (after) box.append(' ', isolated(after, 'after'));
  if (index + 1 + context < tokens.length) box.append(' …');
  return box;
}

function isolated(text: string, className: string): HTMLElement {
  const element = document.createElement('bdi');
  element.className = className;
  element.textContent = text;
  return element;
}
