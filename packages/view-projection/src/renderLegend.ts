import type { StateDataset } from '@statescope/core';
import { ACTIVATION_COLORS, EXPECTED_COLORS, EXPECTED_STOPS, classColor } from '@statescope/view-base';
import type { ActivationColoring } from './activationColors.js';
import { PROVISIONAL_LINE } from './drawProvisional.js';
import { END_RING, START_RING } from './drawTrajectories.js';
import type { MapColorMode } from './mapColorModes.js';

const MODE_TITLES: Record<Exclude<MapColorMode, 'activation'>, string> = {
  expected: 'Expected prediction',
  predicted: 'Predicted class',
  true: 'True class',
};

/**
 * Fills the legend: the colour scale of the current mode (binary expected prediction as a
 * gradient between the two class names; unit activation as a gradient between its two ends;
 * otherwise one swatch per class), when a trajectory is shown its start and end rings, and when a
 * provisional sequence is drawn its line, named by its id. Class and layer names and the id are
 * data: set as text only.
 */
export function renderLegend(
  container: HTMLElement,
  dataset: StateDataset,
  mode: MapColorMode,
  trajectory: boolean,
  activation: ActivationColoring | null = null,
  provisional: string | null = null,
): void {
  const doc = container.ownerDocument;
  const title = doc.createElement('div');
  title.className = 'legend-title';
  title.textContent = activation ? activation.title : MODE_TITLES[mode as Exclude<MapColorMode, 'activation'>];
  const items: HTMLElement[] = [title];
  if (activation) {
    const extent = activation.extent.toPrecision(2);
    items.push(...ramp(doc, ACTIVATION_COLORS, [0, 0.5, 1], [`−${extent}`, `+${extent}`]));
  } else if (mode === 'expected' && dataset.classCount === 2) {
    items.push(...ramp(doc, EXPECTED_COLORS, EXPECTED_STOPS, [dataset.classes[0], dataset.classes[1]]));
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
  if (provisional !== null) items.push(line(doc, provisional));
  container.replaceChildren(...items);
}

/** A gradient bar and the names of its two ends (cut when long: whole on hover). */
function ramp(
  doc: Document,
  colors: readonly string[],
  stops: readonly number[],
  [lowName, highName]: [string, string],
): HTMLElement[] {
  const bar = doc.createElement('div');
  bar.className = 'ramp';
  bar.style.background = `linear-gradient(to right, ${stops.map((stop, k) => `${colors[k]} ${stop * 100}%`).join(', ')})`;
  const ends = doc.createElement('div');
  ends.className = 'ramp-labels';
  const low = doc.createElement('span');
  low.textContent = low.title = lowName;
  const high = doc.createElement('span');
  high.textContent = high.title = highName;
  ends.append(low, high);
  return [bar, ends];
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

/** The provisional sequence's line as drawn on the map: dark, thick, in a white halo. */
function line(doc: Document, name: string): HTMLElement {
  const row = swatch(doc, PROVISIONAL_LINE, name);
  row.classList.add('provisional');
  const box = row.firstElementChild as HTMLElement;
  box.style.cssText = `width: 16px; height: 5px; border-radius: 3px; box-shadow: 0 0 0 2px #fff; background: ${PROVISIONAL_LINE}`;
  return row;
}
