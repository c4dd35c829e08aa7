import { labelled, option } from './formControls.js';
/** One labelled control: a select of words or a number input. */
interface ControlSpec {
  /** The property the control sets. */
  name: string;
  label: string;
  /** Choices of a select ([value, text]); absent: a number input. */
  options?: readonly (readonly [string, string])[];
  min?: number;
  max?: number;
  step?: number;
}

const SPECS: readonly ControlSpec[] = [
  {
    name: 'display',
    label: 'Display',
    options: [
      ['lines', 'lines'],
      ['heatmap', 'heatmap'],
    ],
  },
  {
    name: 'state',
    label: 'State',
    options: [
      ['hidden', 'hidden h'],
      ['cell', 'cell c'],
    ],
  },
  {
    name: 'order',
    label: 'Order units by',
    options: [
      ['index', 'index'],
      ['correlation', 'correlation with prediction'],
      ['cluster', 'clustering'],
    ],
  },
  { name: 'threshold', label: 'On from', step: 0.05 },
  { name: 'offBefore', label: 'Off before', min: 0, max: 20, step: 1 },
  { name: 'offAfter', label: 'Off after', min: 0, max: 20, step: 1 },
];

/** The values the controls show. */
export interface ControlValues {
  layer: string;
  layers: readonly string[];
  display: string;
  state: string;
  /** Whether the layer has a cell state (the `cell` option is offered only then). */
  hasCell: boolean;
  order: string;
  threshold: number;
  /** The threshold input's bounds: the state's scale. */
  extent: number;
  offBefore: number;
  offAfter: number;
}

/**
 * The view's options as native, labelled form controls (so each is keyboard reachable and
 * named): layer, display, state, unit order, the on-threshold and the off-margins. A change
 * calls `change(name, value)` with the control's property name.
 */
export class UnitControls {
  readonly element = document.createElement('div');
  readonly #controls = new Map<string, HTMLSelectElement | HTMLInputElement>();
  readonly #layer = document.createElement('select');

  constructor(change: (name: string, value: string) => void) {
    this.element.className = 'controls';
    this.element.setAttribute('part', 'controls');
    this.element.append(labelled('Layer', this.#layer));
    this.#layer.addEventListener('change', () => change('layer', this.#layer.value));
    for (const spec of SPECS) {
      let control: HTMLSelectElement | HTMLInputElement;
      if (spec.options) {
        control = document.createElement('select');
        for (const [value, text] of spec.options) control.append(option(value, text));
      } else {
        control = document.createElement('input');
        control.type = 'number';
        if (spec.min !== undefined) control.min = String(spec.min);
        if (spec.max !== undefined) control.max = String(spec.max);
        control.step = String(spec.step ?? 1);
      }
      control.name = spec.name;
      control.addEventListener('change', () => {
        if (control instanceof HTMLInputElement && !control.checkValidity()) return;
        change(spec.name, control.value);
      });
      this.#controls.set(spec.name, control);
      this.element.append(labelled(spec.label, control));
    }
  }

  /** The control of a property (tests and stories reach them by label, too). */
  control(name: string): HTMLSelectElement | HTMLInputElement | undefined {
    return name === 'layer' ? this.#layer : this.#controls.get(name);
  }

  update(values: ControlValues): void {
    if ([...this.#layer.options].map((o) => o.value).join('\n') !== values.layers.join('\n')) {
      this.#layer.replaceChildren(...values.layers.map((name) => option(name, name)));
    }
    this.#layer.selectedIndex = values.layers.indexOf(values.layer);
    this.#layer.toggleAttribute('disabled', values.layers.length < 2);
    const threshold = this.#controls.get('threshold') as HTMLInputElement;
    threshold.min = String(-values.extent);
    threshold.max = String(values.extent);
    for (const name of ['display', 'state', 'order', 'threshold', 'offBefore', 'offAfter'] as const) {
      const control = this.#controls.get(name)!;
      const value = String(values[name]);
      // Leave a field the user is typing in alone.
      if (control.value !== value && control.getRootNode() instanceof ShadowRoot) {
        const root = control.getRootNode() as ShadowRoot;
        if (root.activeElement === control && control instanceof HTMLInputElement) continue;
      }
      if (control instanceof HTMLSelectElement) {
        // By index: happy-dom's select.value setter misses options whose text differs from their value.
        control.selectedIndex = [...control.options].findIndex((o) => o.value === value);
      } else control.value = value;
    }
    const state = this.#controls.get('state') as HTMLSelectElement;
    // After the values: a disabled select takes no value in some DOMs.
    state.options[1].toggleAttribute('disabled', !values.hasCell);
    state.toggleAttribute('disabled', !values.hasCell);
  }
}
