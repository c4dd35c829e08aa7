import type { StateDataset } from '@statescope/core';
import type { ColorMode } from '@statescope/bus';
import { EXPECTED_COLORS, EXPECTED_STOPS, classColor } from '@statescope/view-base';
import { END_RING, START_RING } from './drawTrajectories.js';

const MODE_TITLES: Record<ColorMode, string> = {
  expected: 'Expected prediction',
  predicted: 'Predicted class',
  true: 'True class',
};

/**
 * Fills the legend: the colour scale of the current mode (binary expected prediction as a
 * gradient between the two class names; otherwise one swatch per class) and, when a trajectory
 * is shown, its start and end rings. Class names are data: set as text only.
 */
export function renderLegend(
  container: HTMLElement,
  dataset: StateDataset,
  mode: ColorMode,
  trajectory: boolean,
): void {
  const doc = container.ownerDocument;
  const title = doc.createElement('div');
  title.className = 'legend-title';
  title.textContent = MODE_TITLES[mode];
  const items: HTMLElement[] = [title];
  if (mode === 'expected' && dataset.classCount === 2) {
    const ramp = doc.createElement('div');
    ramp.className = 'ramp';
    ramp.style.background = `linear-gradient(to right, ${EXPECTED_STOPS.map(
      (stop, k) => `${EXPECTED_COLORS[k]} ${stop * 100}%`,
    ).join(', ')})`;
    const ends = doc.createElement('div');
    ends.className = 'ramp-labels';
    const low = doc.createElement('span');
    low.textContent = dataset.classes[0];
    low.title = dataset.classes[0]; // cut when long: whole on hover
    const high = doc.createElement('span');
    high.textContent = dataset.classes[1];
    high.title = dataset.classes[1];
    ends.append(low, high);
    items.push(ramp, ends);
  } else {
    dataset.classes.forEach((name, c) => items.push(swatch(doc, classColor(c), name)));
    if (mode === 'expected') {
      const note = doc.createElement('div');
      note.className = 'note';
      note.textContent = 'paler: less probable';
      items.push(note);
    }
  }
  if (trajectory) {
    items.push(ring(doc, START_RING, 'start'), ring(doc, END_RING, 'end'));
  }
  container.replaceChildren(...items);
}

function swatch(doc: Document, color: string, name: string): HTMLElement {
  const row = doc.createElement('div');
  row.className = 'item';
  const box = doc.createElement('span');
  box.className = 'swatch';
  box.style.background = color;
  const label = doc.createElement('span');
  label.className = 'name';
  label.textContent = name;
  label.title = name; // cut when long
  row.append(box, label);
  return row;
}

function ring(doc: Document, color: string, name: string): HTMLElement {
  const row = swatch(doc, 'transparent', name);
  const box = row.firstElementChild as HTMLElement;
  box.classList.add('ring');
  box.style.borderColor = color;
  return row;
}
