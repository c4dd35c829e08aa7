import { labelled } from './formControls.js';

/**
 * The selected units as chips, each with a button that removes it, and a field to add a unit by
 * its index; a button clears the selection. Text only, never HTML.
 */
export class SelectionChips {
  readonly element = document.createElement('div');
  readonly #list = document.createElement('ul');
  readonly #summary = document.createElement('span');
  readonly #input = document.createElement('input');
  readonly #clear = document.createElement('button');
  #dim = 0;

  constructor(callbacks: { remove(unit: number): void; add(unit: number): void; clear(): void }) {
    this.element.className = 'selection';
    this.element.setAttribute('part', 'selection');
    this.#summary.className = 'summary';
    this.#summary.setAttribute('aria-live', 'polite');
    this.#list.className = 'chips';
    this.#list.setAttribute('aria-label', 'Selected units');
    this.#list.addEventListener('click', (event) => {
      const button = (event.target as Element).closest?.('button[data-unit]');
      if (button) callbacks.remove(Number(button.getAttribute('data-unit')));
    });
    const form = document.createElement('form');
    form.className = 'add-unit';
    this.#input.type = 'number';
    this.#input.min = '0';
    this.#input.step = '1';
    this.#input.name = 'unit';
    const add = document.createElement('button');
    add.type = 'submit';
    add.textContent = 'Add';
    form.append(labelled('Add unit', this.#input), add);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const unit = Number(this.#input.value);
      if (this.#input.value.trim() === '' || !Number.isInteger(unit) || unit < 0 || unit >= this.#dim) {
        this.#input.setCustomValidity(`a unit index from 0 to ${this.#dim - 1}`);
        this.#input.reportValidity?.();
        return;
      }
      this.#input.setCustomValidity('');
      this.#input.value = '';
      callbacks.add(unit);
    });
    this.#clear.type = 'button';
    this.#clear.textContent = 'Clear selection';
    this.#clear.addEventListener('click', () => callbacks.clear());
    this.element.append(this.#summary, this.#list, form, this.#clear);
  }

  /** Shows `units` (ascending) of a state with `dim` units, or `empty` (else a hint) when there are none. */
  update(units: readonly number[], dim: number, caption: string, empty?: string): void {
    this.#dim = dim;
    this.#input.max = String(dim - 1);
    this.#summary.textContent = units.length
      ? `${units.length} selected unit${units.length === 1 ? '' : 's'}${caption}`
      : (empty ?? 'No units selected: brush a range of steps, or click a line.');
    const chips = units.map((unit) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'chip';
      button.dataset.unit = String(unit);
      button.textContent = `${unit} ×`;
      button.setAttribute('aria-label', `Remove unit ${unit}`);
      item.append(button);
      return item;
    });
    this.#list.replaceChildren(...chips);
    this.#clear.disabled = units.length === 0;
  }
}
