import type { StateDataset } from '@statescope/core';

/**
 * The token of `step` with up to `context` tokens of its own sequence either side, as text:
 * the words before, the token emphasised in a `<mark>`, the words after. Nothing from the data
 * is parsed as HTML; each part sits in a `<bdi>` so a right-to-left token cannot reorder the rest.
 */
export function tokenInContext(data: StateDataset, step: number, context: number): HTMLSpanElement {
  const sequence = data.sequenceOf(step);
  const first = data.offsets[sequence];
  const end = data.offsets[sequence + 1];
  const words = (from: number, to: number) => {
    const parts: string[] = [];
    for (let t = from; t < to; t++) parts.push(data.token(t));
    return parts.join(' ');
  };
  const box = document.createElement('span');
  box.className = 'context';
  const before = words(Math.max(first, step - context), step);
  const after = words(step + 1, Math.min(end, step + 1 + context));
  if (step - context > first) box.append('… ');
  if (before) box.append(isolated(before, 'before'), ' ');
  const mark = document.createElement('mark');
  mark.append(isolated(data.token(step), 'token'));
  box.append(mark);
  if (after) box.append(' ', isolated(after, 'after'));
  if (step + 1 + context < end) box.append(' …');
  return box;
}

function isolated(text: string, className: string): HTMLElement {
  const element = document.createElement('bdi');
  element.className = className;
  element.textContent = text;
  return element;
}
