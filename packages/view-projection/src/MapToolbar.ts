import type { ActivationColoring } from './activationColors.js';
import { INTERACTION_MODES, type InteractionMode } from './interactionModes.js';
import { MAP_COLOR_MODES, type MapColorMode } from './mapColorModes.js';

/** What the toolbar's controls ask the map to do. */
export interface MapToolbarActions {
  setMode(mode: InteractionMode): void;
  resetZoom(): void;
  chooseColor(mode: MapColorMode): void;
  /** Colour by this one unit (of the layer and state coloured by now). */
  chooseUnit(unit: number): void;
}

const MODE_BUTTONS: Record<InteractionMode, [glyph: string, name: string, hint: string]> = {
  rect: ['▭', 'Brush a rectangle', 'drag'],
  lasso: ['◌', 'Draw a lasso', 'drag; Shift-drag in any mode'],
  pan: ['✥', 'Pan', 'drag; Alt-drag in any mode; the wheel or a pinch zooms'],
};

const COLOR_NAMES: Record<MapColorMode, string> = {
  expected: 'expected prediction',
  predicted: 'predicted class',
  true: 'true class',
  activation: 'unit activation',
};

/**
 * The map's toolbar: drag mode buttons (rectangle, lasso, pan), reset zoom, the colour mode
 * menu and, when colouring by activation, the unit. Buttons are named in words (`aria-label`),
 * not by their glyphs alone.
 */
export class MapToolbar {
  /** The toolbar element. */
  readonly element: HTMLDivElement;
  readonly #colorSelect: HTMLSelectElement;
  readonly #unitInput: HTMLInputElement;

  constructor(doc: Document, actions: MapToolbarActions) {
    const toolbar = doc.createElement('div');
    toolbar.className = 'toolbar panel';
    toolbar.setAttribute('part', 'toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Map tools');
    const button = (glyph: string, name: string, hint: string, action: () => void) => {
      const b = doc.createElement('button');
      b.type = 'button';
      b.textContent = glyph;
      b.title = `${name} (${hint})`;
      b.setAttribute('aria-label', name);
      b.addEventListener('click', action);
      toolbar.append(b);
      return b;
    };
    for (const mode of INTERACTION_MODES) {
      const [glyph, name, hint] = MODE_BUTTONS[mode];
      button(glyph, name, hint, () => actions.setMode(mode)).dataset.mode = mode;
    }
    button('⟲', 'Reset zoom', 'or press 0', () => actions.resetZoom());
    const select = doc.createElement('select');
    select.setAttribute('aria-label', 'Colour points by');
    for (const mode of MAP_COLOR_MODES) {
      const option = doc.createElement('option');
      option.value = mode;
      option.textContent = COLOR_NAMES[mode];
      select.append(option);
    }
    select.addEventListener('change', () => actions.chooseColor(select.value as MapColorMode));
    const unit = doc.createElement('input');
    unit.type = 'number';
    unit.min = '0';
    unit.step = '1';
    unit.className = 'unit';
    unit.setAttribute('aria-label', 'Unit');
    unit.title = 'Colour by this unit (the units view picks several)';
    unit.addEventListener('change', () => {
      const value = unit.valueAsNumber;
      if (Number.isInteger(value) && value >= 0 && value <= Number(unit.max)) actions.chooseUnit(value);
    });
    toolbar.append(select, unit);
    this.element = toolbar;
    this.#colorSelect = select;
    this.#unitInput = unit;
  }

  /** Shows the drag mode and colour mode in use, and the unit coloured by (several: empty, "mean" shown). */
  show(mode: InteractionMode, colorMode: MapColorMode, activation: ActivationColoring | null, unitCount: number): void {
    for (const button of this.element.querySelectorAll<HTMLButtonElement>('button[data-mode]')) {
      button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
    }
    this.#colorSelect.value = colorMode;
    const input = this.#unitInput;
    input.hidden = !activation;
    if (!activation) return;
    const { units } = activation.units;
    input.max = String(unitCount - 1);
    input.placeholder = 'mean';
    // Not while someone is typing in it.
    if ((input.getRootNode() as Document | ShadowRoot).activeElement !== input) {
      input.value = units.length === 1 ? String(units[0]) : '';
    }
  }
}
