import type { LinkBus, ProvisionalSequence } from '@statescope/bus';
import { rowArgmax, type StateDataset } from '@statescope/core';
import { ModelRunner, tokenize, type RnnRun } from '@statescope/rnn';
import {
  MUTED_COLOR,
  StatescopeElement,
  baseStyles,
  bidi,
  contrastText,
  isolate,
  numberAttribute,
  provisionalColors,
  showMessage,
  stringAttribute,
  withAttributes,
} from '@statescope/view-base';
import { IncrementalPlacer } from './IncrementalPlacer.js';
import { firstDifference } from './firstDifference.js';
import { loadWhatIfModel, type WhatIfModel } from './loadWhatIfModel.js';
import { nearestWords } from './nearestWords.js';

/** Milliseconds between the last keystroke and a run while the attribute is absent: runs are cheap. */
const DEFAULT_DEBOUNCE = 0;
/** Alternatives offered for a word. */
const ALTERNATIVES = 5;
/** The id views show for the typed sequence. */
const PROVISIONAL_ID = 'what-if';

const styles = `
${baseStyles}
.toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 4px; }
label.box { display: block; }
textarea { display: block; width: 100%; box-sizing: border-box; min-height: 5em; font: inherit; margin-top: 2px; }
.status { margin: 2px 0; min-height: 1.4em; color: var(--hs-muted, ${MUTED_COLOR}); }
.status.error { color: #b00020; }
.prediction, .comparison { margin: 4px 0; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; vertical-align: -0.1em; margin-right: 4px; border: 1px solid rgb(0 0 0 / 0.2); }
.tokens { display: flex; flex-wrap: wrap; gap: 2px; margin: 4px 0; }
button.token { font: inherit; border: 1px solid transparent; border-radius: 3px; padding: 0 3px; cursor: pointer; }
button.token.unknown { text-decoration: underline wavy var(--hs-whatif-unknown, #b00020); text-underline-offset: 3px; }
button.token.parts { border-color: var(--hs-text, #222); border-width: 2px; }
button.token.chosen { outline: 2px solid var(--hs-focus-color, #696969); outline-offset: 1px; }
.alternatives { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 4px 0; }
.flip { font-weight: 600; }
`;

/**
 * `<hs-whatif>`: type a text and see what the model makes of it. The text is tokenised as the
 * model's training text was, run through the model (from `@statescope/rnn`) and published on the
 * bus as the provisional sequence, so the other views show it beside the dataset: its tokens,
 * expected predictions, hidden states, and its states placed on every stored map of the dataset
 * (a `Placer` of `@statescope/projection` over the page's shared nearest-state index; only the
 * steps from the first changed token on are placed again). The model runs in a worker
 * (`ModelRunner`); a keystroke's run is published in tens of milliseconds (see the README). Until
 * the index is built, once per dataset, runs are published without places, then placed.
 * The view shows the predicted class and confidence after the last token and each token on the
 * colour of its expected prediction; words the vocabulary lacks are underlined.
 *
 * Counterfactuals: "Edit the active sequence" copies the bus's active sequence into the box; the
 * view then says where the edited text parts from it and whether the prediction flips. Clicking
 * a word lists its nearest words in the model's embedding (cosine); one click swaps it in.
 *
 * The model: the `model` property (an already decoded network and vocabulary), else the weight
 * manifest the `weights` attribute names, else the one the dataset names in `metadata.weights`,
 * resolved against the dataset's `src`. Without one, the view says what it needs.
 *
 * @tagname hs-whatif
 * @csspart controls - the buttons above the box
 * @csspart text - the text box
 * @csspart tokens - the tokens of the last run, coloured by expected prediction
 * @csspart prediction - the predicted class and confidence
 * @csspart comparison - where an edited text parts from its original, and whether the prediction flips
 * @csspart alternatives - the words offered in place of a clicked word
 * @csspart empty - the message shown when there is no model or no dataset
 * @cssprop --hs-whatif-unknown - underline colour of words the vocabulary lacks (default #b00020)
 * @fires {CustomEvent<{ sequence: ProvisionalSequence | null; placed: boolean }>} hs-provisional - this view published or cleared the provisional sequence; `placed`: it has its places on the maps (false: none yet, while the nearest-state index is built)
 *
 * @example
 * ```ts
 * import '@statescope/view-whatif/define';
 * import '@statescope/view-projection/define';
 *
 * // Both on the shared bus "page": the map draws the typed text among the dataset's states.
 * document.body.insertAdjacentHTML(
 *   'beforeend',
 *   `<hs-whatif src="data/imdb.json" bus="page"></hs-whatif>
 *    <hs-projection src="data/imdb.json" bus="page" style="height: 480px"></hs-projection>`,
 * );
 * const whatIf = document.querySelector('hs-whatif')!;
 * await whatIf.setText('A slow start, but the ending is wonderful.'); // run now, placed on the maps
 * whatIf.bus.provisional; // { tokens, expected, hidden, coordinates: { pca, tsne }, ... }
 * ```
 */
export class WhatIfView extends withAttributes(StatescopeElement, {
  /** URL of a weight manifest (`statescope-rnn`); null (default): the dataset's `metadata.weights`. */
  weights: stringAttribute(),
  /** Milliseconds from the last keystroke to a run, 0 to 10,000; null (default): 0, a run per keystroke (a newer one overtakes it). */
  debounce: numberAttribute({ min: 0, max: 10_000 }),
}) {
  readonly #container: HTMLDivElement;
  readonly #panel = document.createElement('div');
  readonly #status = document.createElement('p');
  readonly #editButton = document.createElement('button');
  readonly #clearButton = document.createElement('button');
  readonly #box = document.createElement('textarea');
  readonly #prediction = document.createElement('p');
  readonly #comparison = document.createElement('p');
  readonly #tokens = document.createElement('div');
  readonly #alternatives = document.createElement('div');

  /** The model set as a property, if any. */
  #given: WhatIfModel | null = null;
  /** What the current model was resolved for (the given one, or a URL), and its load. */
  #modelKey = '';
  #modelLoad: Promise<WhatIfModel | null> = Promise.resolve(null);
  #model: WhatIfModel | null = null;
  /** Why there is no model (nothing named, a failed load, a misfit), or null. */
  #modelProblem: string | null = null;
  /** Runs the model off the main thread (one per model). */
  #runner: ModelRunner | null = null;
  #placer: IncrementalPlacer | null = null;

  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | null = null;
  #generation = 0;
  /** The last run's outcome: what this view published. */
  #current: ProvisionalSequence | null = null;
  /** Every token of the text (before the model's `maxTokens` cut). */
  #allTokens: string[] = [];
  #ids: Uint32Array = new Uint32Array(0);
  #original = -1;
  /** The token whose alternatives are offered, or -1. */
  #chosen = -1;
  #problem: string | null = null;
  /** Whether the last run waits for the nearest-state index to be placed (its coordinates are none yet). */
  #placing = false;

  constructor() {
    super();
    this.#container = this.mount(styles);
    const controls = document.createElement('div');
    controls.className = 'toolbar';
    controls.setAttribute('part', 'controls');
    this.#editButton.type = 'button';
    this.#editButton.className = 'edit';
    this.#editButton.textContent = 'Edit the active sequence';
    this.#editButton.addEventListener('click', () => void this.editActive());
    this.#clearButton.type = 'button';
    this.#clearButton.className = 'clear';
    this.#clearButton.textContent = 'Clear';
    this.#clearButton.addEventListener('click', () => void this.setText(''));
    controls.append(this.#editButton, this.#clearButton);
    const label = document.createElement('label');
    label.className = 'box';
    label.textContent = 'Text to run through the model';
    this.#box.setAttribute('part', 'text');
    this.#box.rows = 4;
    this.#box.spellcheck = false;
    this.#box.placeholder = 'Type a text: each word moves the hidden state.';
    this.#box.addEventListener('input', () => this.#schedule());
    label.append(this.#box);
    this.#status.className = 'status';
    this.#status.setAttribute('aria-live', 'polite');
    this.#prediction.className = 'prediction';
    this.#prediction.setAttribute('part', 'prediction');
    this.#prediction.setAttribute('aria-live', 'polite');
    this.#comparison.className = 'comparison';
    this.#comparison.setAttribute('part', 'comparison');
    this.#tokens.className = 'tokens';
    this.#tokens.setAttribute('part', 'tokens');
    this.#tokens.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest?.('button.token') as HTMLElement | null;
      if (button) this.#choose(Number(button.dataset.index));
    });
    this.#alternatives.className = 'alternatives';
    this.#alternatives.setAttribute('part', 'alternatives');
    this.#panel.className = 'panel';
    this.#panel.append(
      controls,
      label,
      this.#status,
      this.#prediction,
      this.#comparison,
      this.#tokens,
      this.#alternatives,
    );
  }

  // ---- public API ------------------------------------------------------------------------

  /**
   * The model runs use, set directly (an already decoded network, its vocabulary and its
   * `maxTokens`; see {@link whatIfModel}); it wins over `weights` and the dataset's
   * `metadata.weights`. Null: the model they name.
   */
  get model(): WhatIfModel | null {
    return this.#given ?? this.#model;
  }

  /** Sets the model runs use (see the getter); null: the model `weights` or the dataset name. */
  set model(value: WhatIfModel | null) {
    this.#given = value;
    this.#modelKey = '';
    this.requestRender();
  }

  /** The text in the box. */
  get text(): string {
    return this.#box.value;
  }

  /** The sequence this view published last (null when the box is empty). */
  get provisional(): ProvisionalSequence | null {
    return this.#current;
  }

  /** The dataset sequence the text was copied from ("Edit the active sequence"), or -1. */
  get original(): number {
    return this.#original;
  }

  /** Why the view has no model (nothing named, a load that failed, a misfit), or null. */
  get modelProblem(): string | null {
    return this.#modelProblem;
  }

  /** Resolves once the model is loaded (or known to be missing): with it, or null. */
  whenReady(): Promise<WhatIfModel | null> {
    const data = this.data;
    if (data) this.#resolveModel(data);
    return this.#modelLoad;
  }

  /**
   * Puts `text` into the box and runs it at once (no debounce). Resolves when the run is
   * published with its places on the maps (or was overtaken by a newer one). '' clears the
   * provisional sequence; so does a text with no token.
   */
  setText(text: string): Promise<void> {
    this.#box.value = text;
    if (text.trim() === '') this.#original = -1;
    return this.update();
  }

  /** Runs the text in the box now, without waiting for the debounce; see {@link setText}. */
  update(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return this.#run();
  }

  /**
   * Copies the tokens of a dataset sequence (default: the bus's active one) into the box, joined
   * by spaces, and remembers it as the original the edits are compared with.
   */
  editActive(sequence = this.bus.activeSequence): Promise<void> {
    const data = this.data;
    if (!data || sequence < 0 || sequence >= data.sequenceCount) return Promise.resolve();
    this.#box.value = data.tokensOf(sequence).join(' ');
    this.#original = sequence;
    return this.update();
  }

  /** The nearest words (cosine in the model's embedding, 5 at most) to token `index` of the last run. */
  alternatives(index: number): string[] {
    const model = this.model;
    if (!model || index < 0 || index >= this.#ids.length) return [];
    return nearestWords(model, this.#ids[index], ALTERNATIVES);
  }

  /**
   * Replaces token `index` of the last run with `word` and runs the text at once. The box then
   * holds the text's tokens joined by spaces (lower case, as the model reads them).
   */
  replaceToken(index: number, word: string): Promise<void> {
    const shown = this.#current?.tokens.length ?? 0;
    if (index < 0 || index >= shown) throw new RangeError(`replaceToken: index ${index} is outside 0..${shown - 1}`);
    const all = [...this.#allTokens];
    all[all.length - shown + index] = word;
    this.#box.value = all.join(' ');
    this.#chosen = -1;
    return this.update();
  }

  // ---- bus ---------------------------------------------------------------------------------

  protected override dataChanged(): void {
    this.#abort();
    this.#placer = null;
    this.#original = -1;
    this.#chosen = -1;
    if (!this.#given) this.#modelKey = '';
    if (this.#current) this.#publish(null);
  }

  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('selection', () => this.requestRender('selection'), { signal });
    bus.on('options', () => this.requestRender('options'), { signal });
    bus.on('provisional', () => this.requestRender('provisional'), { signal });
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'weights' && previous !== value && !this.#given) this.#modelKey = '';
    super.attributeChangedCallback(name, previous, value);
  }

  override disconnectedCallback(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort();
    if (this.#current) this.#publish(null);
    this.#setRunner(null); // made again on the next run
    super.disconnectedCallback();
  }

  // ---- the model ---------------------------------------------------------------------------

  /** Finds the model for `data` (once per source): given, `weights`, or `metadata.weights`. */
  #resolveModel(data: StateDataset): void {
    const given = this.#given;
    const url = given ? null : this.#weightsUrl(data);
    const key = given ? 'given' : (url ?? `none:${this.#modelProblem ?? ''}`);
    if (key === this.#modelKey) return;
    this.#modelKey = key;
    this.#model = null;
    this.#setRunner(null);
    this.#placer = null;
    if (given) {
      this.#adopt(data, given);
      this.#modelLoad = Promise.resolve(this.#model);
      return;
    }
    if (!url) {
      this.#modelLoad = Promise.resolve(null);
      return;
    }
    this.#modelProblem = null;
    this.#status.textContent = 'Loading the model…';
    this.#modelLoad = loadWhatIfModel(url).then(
      (model) => {
        if (this.#modelKey !== key) return this.#model;
        this.#adopt(data, model);
        this.requestRender();
        if (this.#box.value.trim()) void this.update();
        return this.#model;
      },
      (error: Error) => {
        if (this.#modelKey === key) {
          this.#modelProblem = `Could not load the model's weights from ${url}: ${error.message}`;
          this.requestRender();
        }
        return null;
      },
    );
  }

  /** The weight manifest's URL, or null with the reason in #modelProblem. */
  #weightsUrl(data: StateDataset): string | null {
    const base = typeof document === 'undefined' ? undefined : document.baseURI;
    if (this.weights) return new URL(this.weights, base).href;
    const named = data.metadata.weights;
    const src = this.getAttribute('src');
    if (typeof named === 'string' && named !== '') {
      if (src) return new URL(named, new URL(src, base)).href;
      this.#modelProblem = `The dataset names its model's weights ("${named}") but was not loaded from a URL: set the weights attribute to the weight file's URL.`;
      return null;
    }
    this.#modelProblem =
      "What-if needs the model's weights: a weight file (a statescope-rnn manifest and its .bin, for example from the Python exporter's export_torch_weights) named in the dataset's metadata.weights or given as weights=.";
    return null;
  }

  /** Takes a model if it fits the dataset (its classes and its top layer's width). */
  #adopt(data: StateDataset, model: WhatIfModel): void {
    const { classCount, hiddenDim } = model.model;
    const dim = data.layer().dim;
    if (classCount !== data.classCount || hiddenDim !== dim) {
      this.#modelProblem = `The model (${classCount} classes, ${hiddenDim} units) does not fit the dataset (${data.classCount} classes, ${dim} units in its top layer).`;
      return;
    }
    this.#modelProblem = null;
    this.#model = model;
    this.#setRunner(new ModelRunner(model.model));
    this.#placer = null;
  }

  #setRunner(runner: ModelRunner | null): void {
    this.#runner?.dispose();
    this.#runner = runner;
  }

  // ---- runs --------------------------------------------------------------------------------

  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#box.value.trim() === '') {
      this.#original = -1;
      void this.update(); // clearing is never delayed
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run();
    }, this.debounce ?? DEFAULT_DEBOUNCE);
  }

  #abort(): void {
    this.#generation++;
    this.#placing = false;
    this.#controller?.abort();
    this.#controller = null;
  }

  async #run(): Promise<void> {
    this.#abort();
    const generation = this.#generation;
    const data = this.data;
    if (!data) return;
    this.#resolveModel(data);
    const model = this.#model ?? (await this.#modelLoad);
    if (generation !== this.#generation || !model || this.data !== data) return;
    const all = tokenize(this.#box.value);
    const tokens = model.maxTokens ? all.slice(-model.maxTokens) : all;
    this.#allTokens = all;
    this.#chosen = -1;
    this.#problem = null;
    if (tokens.length === 0) {
      this.#ids = new Uint32Array(0);
      this.#publish(null);
      this.requestRender();
      return;
    }
    const ids = model.vocabulary.encode(tokens);
    const unknown = new Uint8Array(tokens.length);
    for (let t = 0; t < tokens.length; t++)
      unknown[t] = ids[t] === 0 && tokens[t] !== model.vocabulary.tokens[0] ? 1 : 0;
    const controller = new AbortController();
    this.#controller = controller;
    let run: RnnRun;
    try {
      run = await (this.#runner ??= new ModelRunner(model.model)).run(ids, controller.signal);
    } catch (error) {
      if (controller.signal.aborted || generation !== this.#generation) return;
      this.#problem = `The model could not run: ${(error as Error).message}`;
      this.requestRender();
      return;
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
    if (generation !== this.#generation || this.data !== data) return;
    const placer = data.projectionNames.length > 0 ? (this.#placer ??= new IncrementalPlacer(data)) : null;
    const coordinates = placer?.place(ids, run.hidden) ?? null;
    const sequence: ProvisionalSequence = {
      id: PROVISIONAL_ID,
      tokens,
      unknown,
      expected: run.expected,
      hidden: run.hidden,
      coordinates: coordinates ?? {},
      original: this.#original,
    };
    this.#ids = ids;
    // Places wait only for the nearest-state index, built once per dataset (seconds at 100,000 states).
    this.#placing = placer !== null && coordinates === null;
    this.#publish(sequence, !this.#placing);
    this.requestRender();
    if (!placer || !this.#placing) return;
    try {
      await placer.ready;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#placing = false;
      this.#problem = `Could not place the states on the maps: ${(error as Error).message}`;
      this.requestRender();
      return;
    }
    if (generation !== this.#generation) return;
    this.#placing = false;
    this.#publish({ ...sequence, coordinates: placer.place(ids, run.hidden)! }, true);
    this.requestRender();
  }

  /**
   * Publishes on the bus (or clears what this view published) and tells the page; `placed`: the
   * sequence has its places on the maps (not none yet).
   */
  #publish(sequence: ProvisionalSequence | null, placed = true): void {
    const previous = this.#current;
    this.#current = sequence;
    const bus = this.bus;
    // Clearing takes off only this view's own sequence, never another view's.
    if (sequence === null && bus.provisional !== previous) return;
    bus.setProvisional(sequence, this.source);
    this.dispatchEvent(
      new CustomEvent('hs-provisional', { detail: { sequence, placed }, bubbles: true, composed: true }),
    );
  }

  // ---- drawing -----------------------------------------------------------------------------

  protected render(_changes: ReadonlySet<string>, data: StateDataset): void {
    this.#resolveModel(data);
    const model = this.#model;
    if (!model) {
      if (this.#modelProblem) return showMessage(this.#container, this.#modelProblem);
      if (this.#container.firstChild !== this.#panel) this.#container.replaceChildren(this.#panel);
      this.#status.textContent = 'Loading the model…';
      this.#box.disabled = true;
      return;
    }
    if (this.#container.firstChild !== this.#panel) this.#container.replaceChildren(this.#panel);
    this.#box.disabled = false;
    const active = this.bus.activeSequence;
    this.#editButton.disabled = active < 0;
    this.#editButton.title = active < 0 ? 'Select a sequence first (the table, the map)' : isolate(data.ids[active]);
    this.#drawStatus(model);
    this.#drawRun(data);
  }

  #drawStatus(model: WhatIfModel): void {
    const current = this.#current;
    this.#status.classList.toggle('error', this.#problem !== null);
    if (this.#problem) {
      this.#status.textContent = this.#problem;
    } else if (!current) {
      this.#status.textContent = `Model: ${model.model.kind.toUpperCase()}, ${model.model.hiddenDim} units, ${model.vocabulary.size.toLocaleString('en')} words${model.maxTokens ? `; reads the last ${model.maxTokens} tokens` : ''}.`;
    } else {
      const unknown = current.unknown.reduce((a, b) => a + b, 0);
      const cut = this.#allTokens.length - current.tokens.length;
      const placing = this.#placing;
      this.#status.textContent =
        `${current.tokens.length} ${current.tokens.length === 1 ? 'token' : 'tokens'}` +
        (cut > 0 ? ` (the first ${cut} cut: the model reads the last ${current.tokens.length})` : '') +
        (unknown ? `; ${unknown} not in the vocabulary (underlined)` : '') +
        (placing ? "; indexing the dataset's states to place it on the maps…" : '');
    }
  }

  #drawRun(data: StateDataset): void {
    const current = this.#current;
    if (!current) {
      this.#prediction.replaceChildren();
      this.#comparison.replaceChildren();
      this.#tokens.replaceChildren();
      this.#alternatives.replaceChildren();
      return;
    }
    const C = data.classCount;
    const mode = this.bus.options.colorMode;
    const steps = current.tokens.length;
    const { classes } = rowArgmax(current.expected, C);
    const last = classes[steps - 1];
    const colors = provisionalColors(current, C, mode);
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.setAttribute('aria-hidden', 'true');
    swatch.style.background = colors[steps - 1];
    this.#prediction.replaceChildren(
      'Prediction: ',
      swatch,
      bidi(data.classes[last]),
      ` ${current.expected[(steps - 1) * C + last].toFixed(2)}`,
    );
    const parts = this.#drawComparison(data, current, last);
    const buttons: HTMLButtonElement[] = [];
    for (let t = 0; t < steps; t++) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'token';
      button.dataset.index = String(t);
      const background = colors[t];
      button.style.background = background;
      button.style.color = contrastText(background);
      button.textContent = current.tokens[t];
      const c = classes[t];
      let title = `${isolate(current.tokens[t])}: ${isolate(data.classes[c])} ${current.expected[t * C + c].toFixed(2)}`;
      if (current.unknown[t]) {
        button.classList.add('unknown');
        title += ". Not in the model's vocabulary: read as its unknown token";
      }
      if (t === parts) button.classList.add('parts');
      if (t === this.#chosen) button.classList.add('chosen');
      button.title = title;
      buttons.push(button);
    }
    this.#tokens.replaceChildren(...buttons);
    this.#drawAlternatives(current);
  }

  /** Where the text parts from its original and whether the prediction flips; returns that step. */
  #drawComparison(data: StateDataset, current: ProvisionalSequence, now: number): number {
    const original = this.#original;
    if (original < 0 || original >= data.sequenceCount) {
      this.#comparison.replaceChildren();
      return -1;
    }
    const C = data.classCount;
    const before = data.tokensOf(original);
    const parts = firstDifference(current.tokens, before);
    const lastStep = data.offsets[original + 1] - 1;
    const was = data.stepClasses()[lastStep];
    const steps = current.tokens.length;
    const where =
      parts < 0
        ? ['same tokens as ', bidi(data.ids[original])]
        : [
            'parts from ',
            bidi(data.ids[original]),
            ` at step ${parts + 1} (`,
            bidi(before[parts] ?? 'its end'),
            ' → ',
            bidi(current.tokens[parts] ?? 'the end'),
            ')',
          ];
    const flip = document.createElement('span');
    flip.className = was === now ? 'holds' : 'flip';
    flip.append(
      was === now ? 'Prediction holds: ' : 'Prediction flips: ',
      bidi(data.classes[was]),
      ` ${data.expectedPredictions[lastStep * C + was].toFixed(2)} → `,
      bidi(data.classes[now]),
      ` ${current.expected[(steps - 1) * C + now].toFixed(2)}`,
    );
    this.#comparison.replaceChildren('Edited text: ', ...where, '. ', flip);
    return parts;
  }

  #drawAlternatives(current: ProvisionalSequence): void {
    const t = this.#chosen;
    if (t < 0 || t >= current.tokens.length) return this.#alternatives.replaceChildren();
    const words = this.alternatives(t);
    const head = document.createElement('span');
    if (words.length === 0) {
      head.append(
        bidi(current.tokens[t]),
        current.unknown[t] ? ' is not in the vocabulary: no alternatives.' : ': no alternatives.',
      );
      return this.#alternatives.replaceChildren(head);
    }
    head.append('Instead of ', bidi(current.tokens[t]), ':');
    const offers = words.map((word) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'alternative';
      button.textContent = word;
      button.addEventListener('click', () => void this.replaceToken(t, word));
      return button;
    });
    this.#alternatives.replaceChildren(head, ...offers);
  }

  #choose(index: number): void {
    this.#chosen = this.#chosen === index ? -1 : index;
    this.requestRender('alternatives');
  }

  protected override renderEmpty(message: string): void {
    showMessage(this.#container, message);
  }
}
