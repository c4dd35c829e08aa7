import type { NearestMetric } from '@statescope/projection';

/** The values the controls show. */
export interface NeighborControlValues {
  k: number;
  metric: NearestMetric;
  layer: string;
  layers: readonly string[];
}

/** What the controls ask of the view. */
export interface NeighborControlActions {
  /** A control changed the property `name` (`k`, `metric` or `layer`). */
  option(name: 'k' | 'metric' | 'layer', value: string): void;
  /** The search text changed ('' clears it). */
  search(query: string): void;
}

/**
 * The view's native, labelled form controls (each keyboard reachable and named): how many
 * neighbours, which distance, which layer, and the token search with its status line.
 */
export class NeighborControls {
  readonly element = document.createElement('div');
  readonly k = document.createElement('input');
  readonly metric = document.createElement('select');
  readonly layer = document.createElement('select');
  readonly search = document.createElement('input');
  /** "n steps in m sequences", or why the search is invalid. */
  readonly status = document.createElement('p');

  constructor(actions: NeighborControlActions) {
    this.element.className = 'controls';
    this.element.setAttribute('part', 'controls');
    this.k.type = 'number';
    this.k.min = '1';
    this.k.max = '100';
    this.k.step = '1';
    this.k.addEventListener('change', () => {
      if (this.k.checkValidity() && this.k.value !== '') actions.option('k', this.k.value);
    });
    this.metric.append(option('euclidean', 'Euclidean'), option('cosine', 'cosine'));
    this.metric.addEventListener('change', () => actions.option('metric', this.metric.value));
    this.layer.addEventListener('change', () => actions.option('layer', this.layer.value));
    const options = document.createElement('div');
    options.className = 'options';
    options.append(labelled('Neighbours', this.k), labelled('Distance', this.metric), labelled('Layer', this.layer));

    const form = document.createElement('form');
    form.className = 'search';
    form.setAttribute('role', 'search');
    this.search.type = 'search';
    this.search.placeholder = 'a word, or /regular expression/';
    this.search.autocomplete = 'off';
    this.search.spellcheck = false;
    this.status.className = 'search-status';
    this.status.id = 'search-status';
    this.status.setAttribute('aria-live', 'polite');
    this.search.setAttribute('aria-describedby', 'search-status');
    this.search.addEventListener('input', () => actions.search(this.search.value));
    this.search.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || this.search.value === '') return;
      event.preventDefault();
      this.search.value = '';
      actions.search('');
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      actions.search(this.search.value);
    });
    form.append(labelled('Search tokens', this.search));
    this.element.append(options, form, this.status);
  }

  update(values: NeighborControlValues): void {
    if (this.element.getRootNode() instanceof ShadowRoot) {
      const root = this.element.getRootNode() as ShadowRoot;
      // Leave the number the user is typing alone.
      if (root.activeElement !== this.k) this.k.value = String(values.k);
    } else this.k.value = String(values.k);
    // By index: happy-dom's select.value setter misses options whose text differs from their value.
    this.metric.selectedIndex = values.metric === 'cosine' ? 1 : 0;
    if ([...this.layer.options].map((o) => o.value).join('\n') !== values.layers.join('\n')) {
      this.layer.replaceChildren(...values.layers.map((name) => option(name, name)));
    }
    this.layer.selectedIndex = values.layers.indexOf(values.layer);
    this.layer.toggleAttribute('disabled', values.layers.length < 2);
  }

  /** The search's status line: a count, or an error (marked invalid for assistive technology). */
  showStatus(text: string, error = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
    if (error) this.search.setAttribute('aria-invalid', 'true');
    else this.search.removeAttribute('aria-invalid');
  }
}

/** A control inside its label: the label names it for assistive technology. */
function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = document.createElement('label');
  const span = document.createElement('span');
  span.textContent = text;
  label.append(span, control);
  return label;
}

/** An `<option>` (made by the element's document: no global `Option` constructor needed). */
function option(value: string, text: string): HTMLOptionElement {
  const element = document.createElement('option');
  element.setAttribute('value', value);
  element.textContent = text;
  return element;
}
