import { COLOR_MODES, type ColorMode } from '@statescope/bus';
import { INTERACTION_MODES, type InteractionMode } from './interactionModes.js';

/** What the toolbar's controls ask the map to do. */
export interface MapToolbarActions {
  setMode(mode: InteractionMode): void;
  resetZoom(): void;
  chooseColor(mode: ColorMode): void;
}

const MODE_BUTTONS: Record<InteractionMode, [glyph: string, name: string, hint: string]> = {
  rect: ['▭', 'Brush a rectangle', 'drag'],
  lasso: ['◌', 'Draw a lasso', 'drag; Shift-drag in any mode'],
  pan: ['✥', 'Pan', 'drag; Alt-drag in any mode; the wheel or a pinch zooms'],
};

const COLOR_NAMES: Record<ColorMode, string> = {
  expected: 'expected prediction',
  predicted: 'predicted class',
  true: 'true class',
};

/**
 * The map's toolbar: drag mode buttons (rectangle, lasso, pan), reset zoom, and the colour mode
 * menu. Buttons are named in words (`aria-label`), not by their glyphs alone.
 */
export class MapToolbar {
  /** The toolbar element. */
  readonly element: HTMLDivElement;
  readonly #colorSelect: HTMLSelectElement;

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
    for (const mode of COLOR_MODES) {
      const option = doc.createElement('option');
      option.value = mode;
      option.textContent = COLOR_NAMES[mode];
      select.append(option);
    }
    select.addEventListener('change', () => actions.chooseColor(select.value as ColorMode));
    toolbar.append(select);
    this.element = toolbar;
    this.#colorSelect = select;
  }

  /** Shows the drag mode and colour mode in use. */
  show(mode: InteractionMode, colorMode: ColorMode): void {
    for (const button of this.element.querySelectorAll<HTMLButtonElement>('button[data-mode]')) {
      button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
    }
    this.#colorSelect.value = colorMode;
  }
}
