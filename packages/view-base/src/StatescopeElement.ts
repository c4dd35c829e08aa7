import type { StateDataset, StepSet } from '@statescope/core';
import { LinkBus, type Filters, type JsonValue, type SharedOptions } from '@statescope/bus';
import type { StatescopeEventDetails, StatescopeEventType } from './events.js';
import { adoptStyles } from './adoptStyles.js';
import { showMessage } from './baseStyles.js';
import { loadShared, releaseShared } from './loadShared.js';
import { sharedBus } from './sharedBus.js';

let instances = 0;

/**
 * HTMLElement where there is a DOM; elsewhere (Node: server-side rendering, tests without a DOM)
 * a plain class, so that importing a view does not throw. Elements are only made in a DOM.
 */
const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * The base of every Statescope view element: an open shadow root; `data` (a StateDataset) and
 * `bus` (a LinkBus) as properties; `src`, `bus` and `source` as attributes for plain HTML; bus
 * subscriptions that live while the element is connected; one redraw per animation frame (none
 * while it is not displayed: a closed panel's view draws when it opens); typed, bubbling,
 * composed DOM events.
 *
 * (`data`, not `dataset`: HTMLElement already owns `dataset` for data-* attributes.)
 *
 * @attr {string} src - URL of a dataset to load (its manifest or hiddenStatesVis JSON); elements with the same URL share one load
 * @attr {string} bus - name of a shared bus to join (views with the same name link); default: a private bus, or the `bus` property
 * @attr {string} source - this view's name on the bus, the key of its brush clause (default: tag name and a number)
 * @fires {CustomEvent<{ data: StateDataset }>} hs-load - the dataset given by `src` finished loading
 * @fires {CustomEvent<{ error: Error }>} hs-error - the dataset given by `src` failed to load
 * @cssprop --hs-font - font of the view (default 12px/1.4 system-ui, sans-serif)
 * @cssprop --hs-text - text colour (default #222)
 * @cssprop --hs-muted - colour of secondary text, axes and empty-state borders (default #666)
 * @cssprop --hs-background - background (default transparent)
 * @cssprop --hs-focus - colour of the hover highlight (default #696969)
 *
 * @example
 * A view of your own: the focused step's token and most probable class; a click selects its
 * sequence. It links with every view on its bus, as the package's views do.
 * ```ts
 * import type { LinkBus } from '@statescope/bus';
 * import type { StateDataset } from '@statescope/core';
 * import { StatescopeElement, baseStyles, defineElement, showMessage } from '@statescope/view-base';
 *
 * class StepInfo extends StatescopeElement {
 *   readonly #box = this.mount(`${baseStyles} .info { cursor: pointer; padding: 4px; }`);
 *
 *   constructor() {
 *     super();
 *     this.#box.addEventListener('click', () => {
 *       const step = this.bus.focus;
 *       if (!this.data || step < 0) return;
 *       const sequence = this.data.sequenceOf(step);
 *       this.publishSelect(sequence); // tells the other views (the bus) and the page (hs-select)
 *     });
 *   }
 *
 *   // Subscriptions end by themselves (the signal aborts) when the element leaves the page.
 *   protected listen(bus: LinkBus, signal: AbortSignal): void {
 *     bus.on('focus', () => this.requestRender('focus'), { signal });
 *   }
 *
 *   // Called at most once per animation frame, after data, bus or attributes changed, and only
 *   // with a dataset (until there is one, the base class shows "No dataset yet." in the box).
 *   protected render(_changes: ReadonlySet<string>, data: StateDataset): void {
 *     const step = this.bus.focus;
 *     if (step < 0) return showMessage(this.#box, 'Hover a step in another view.');
 *     const predicted = data.stepClasses()[step];
 *     const p = data.expectedPredictions[step * data.classCount + predicted];
 *     const line = document.createElement('div');
 *     line.className = 'info';
 *     line.textContent = `"${data.token(step)}": ${data.classes[predicted]} (${p.toFixed(2)})`; // text, never HTML
 *     this.#box.replaceChildren(line);
 *   }
 * }
 * defineElement('my-step-info', StepInfo);
 *
 * // On the page: the same bus name as the other views, and a dataset (or a src attribute).
 * const info = document.createElement('my-step-info') as StepInfo;
 * info.setAttribute('bus', 'main');
 * info.setAttribute('src', 'data/imdb.json');
 * document.body.append(info);
 * ```
 */
export abstract class StatescopeElement extends ElementBase {
  /**
   * The attributes the element reacts to: `src`, `bus` and `source`. A subclass adds its own:
   * `[...super.observedAttributes, 'mode']`.
   */
  static get observedAttributes(): string[] {
    return ['src', 'bus', 'source'];
  }

  /** The open shadow root the view draws into. */
  protected readonly root: ShadowRoot;
  #data: StateDataset | null = null;
  #bus: LinkBus | null = null;
  #ownBus: LinkBus | null = null;
  #listening: AbortController | null = null;
  /** The bus this view is subscribed to while connected. */
  #joined: LinkBus | null = null;
  #frame = 0;
  /** What changed since the last redraw: 'all', or lighter kinds such as 'focus'. */
  #changes = new Set<string>();
  #loadError: Error | null = null;
  /** The URL whose shared cache entry this element holds (see loadShared), or null. */
  #held: string | null = null;
  readonly #autoSource = `${this.localName}-${++instances}`;
  #adopted = false;
  #resize: ResizeObserver | null = null;
  /**
   * Whether the element takes room on the page, as its size observer last reported: false while
   * it or an ancestor is `display: none` (a closed panel), when its redraws wait until it shows.
   */
  #displayed = true;
  /** The container `mount` made, where empty states are shown. */
  #container: HTMLElement | null = null;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  /** The dataset shown; null until set (or loaded from `src`). */
  get data(): StateDataset | null {
    return this.#data;
  }

  /** Shows another dataset: the view drops what it derived from the old one and redraws. */
  set data(value: StateDataset | null) {
    if (value === this.#data) return;
    this.#data = value;
    this.#loadError = null;
    // A clause holds steps of the old dataset: it means nothing (and cannot combine) with the new.
    this.#joined?.brush(this.source, null);
    this.dataChanged();
    this.requestRender();
  }

  /**
   * The bus this view talks through: the one set as a property, else the shared bus named by the
   * `bus` attribute, else a private one (the view then links with nothing but itself).
   */
  get bus(): LinkBus {
    if (this.#bus) return this.#bus;
    const name = this.getAttribute('bus');
    if (name) return sharedBus(name);
    return (this.#ownBus ??= new LinkBus());
  }

  /**
   * A LinkBus, or the name of a shared bus (sets the `bus` attribute), or null (removes it: a
   * private bus): frameworks that set properties where they exist (React 19, Vue) pass the
   * attribute's string here, and null or undefined when the prop goes away.
   */
  set bus(value: LinkBus | string | null | undefined) {
    if (value && typeof value === 'object') {
      this.#bus = value;
      this.#listen();
      return;
    }
    const given = this.#bus;
    this.#bus = null;
    const name = typeof value === 'string' ? value : null;
    if (this.getAttribute('bus') !== name) {
      // attributeChangedCallback joins the bus this names
      if (name === null) this.removeAttribute('bus');
      else this.setAttribute('bus', name);
    } else if (given) {
      this.#listen(); // from a LinkBus back to the bus the attribute names (or a private one)
    }
    // else: already there; leaving and rejoining would drop this view's brush
  }

  /** The name this view uses as `source` on the bus (attribute `source`; default tag-name-N). */
  get source(): string {
    return this.getAttribute('source') ?? this.#autoSource;
  }

  /** Sets the `source` attribute (frameworks set it as a property where one exists). */
  set source(value: string) {
    this.setAttribute('source', value);
  }

  /** The error of the last failed `src` load, shown in place of the view. */
  get loadError(): Error | null {
    return this.#loadError;
  }

  /**
   * Joins the bus and draws (custom element lifecycle). A subclass that overrides it calls
   * `super.connectedCallback()`.
   */
  connectedCallback(): void {
    this.#adoptEarlyProperties();
    this.#listen();
    this.#observeSize();
    this.requestRender();
  }

  /**
   * Whether the view fills the height the page gives it (a map) rather than taking the height
   * of what it draws (most views): then a change of height alone redraws it too.
   */
  protected get fillsHeight(): boolean {
    return false;
  }

  /**
   * Redraws when the element's width changes (a live resize, a layout change around it). Views
   * lay out by their width; their height follows from what they draw, so a change of height
   * alone (their own drawing) does not redraw them, unless they fill their height. An element
   * that takes no room (display: none here or above: a closed panel) is not drawn: what changes
   * meanwhile is drawn once, when it shows again (a hidden view costs nothing, however large the
   * dataset and however often the bus changes).
   */
  #observeSize(): void {
    if (this.#resize || typeof ResizeObserver === 'undefined') return;
    this.#displayed = true; // until the observer says otherwise: drawn at connection, as always
    let size = '';
    this.#resize = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      // Whether it has a box at all (an inline element reports no size, shown or not); where
      // the browser cannot tell, it is drawn as ever.
      const displayed = this.checkVisibility?.() ?? true;
      const shown = displayed && !this.#displayed;
      this.#displayed = displayed;
      const next = this.fillsHeight ? `${width}x${height}` : `${width}`;
      // The first report is the size at connection, which connectedCallback already draws.
      if ((size && next !== size) || shown) this.requestRender();
      size = next;
    });
    this.#resize.observe(this);
  }

  /**
   * Properties a page set on the element before its tag was defined (`el.data = …` before the
   * `define` import ran) are plain own properties that hide the class's accessors: they are
   * taken off and set again through the accessors, once, when the element first connects.
   */
  #adoptEarlyProperties(): void {
    if (this.#adopted) return;
    this.#adopted = true;
    for (let proto = Object.getPrototypeOf(this); proto && proto !== ElementBase.prototype;) {
      for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
        if (!descriptor.set || !Object.prototype.hasOwnProperty.call(this, name)) continue;
        const value: unknown = Reflect.get(this, name);
        Reflect.deleteProperty(this, name);
        Reflect.set(this, name, value);
      }
      proto = Object.getPrototypeOf(proto);
    }
  }

  /**
   * Leaves the bus, taking this view's brush off it; lets go of the page's shared `src` load and
   * drops a scheduled redraw (custom element lifecycle).
   */
  disconnectedCallback(): void {
    this.#resize?.disconnect();
    this.#resize = null;
    this.#leave();
    this.#release(); // the dataset stays with this element; the page-wide cache lets go of it
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /**
   * Loads a new `src`, joins the bus a new `bus` names, and redraws for any other attribute
   * (custom element lifecycle). A subclass that overrides it calls the base.
   */
  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value) return;
    if (name === 'src') {
      this.#release();
      if (value) this.#load(value);
      return;
    }
    if (name === 'bus') this.#listen();
    // The clause was kept under the old name: take it off (the view brushes anew under the new).
    if (name === 'source') this.#joined?.brush(previous ?? this.#autoSource, null);
    this.requestRender();
  }

  /**
   * Schedules a redraw in the next animation frame; many requests in one frame draw once.
   * `change` names what changed ('all' by default); a view may redraw less when, say, only
   * 'focus' changed. While the element is not displayed (display: none on it or an ancestor),
   * the changes are kept and drawn when it shows again.
   */
  requestRender(change = 'all'): void {
    this.#changes.add(change);
    // Not displayed: the changes wait for the element to show (see #observeSize).
    if (this.#frame || !this.isConnected || !this.#displayed) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      if (this.#displayed) this.#flush(); // else hidden since it was asked: drawn when shown
    });
  }

  /** Whether a redraw is scheduled for the next animation frame. */
  get renderPending(): boolean {
    return this.#frame !== 0;
  }

  /** Draws what is pending now, dropping the scheduled frame (for tests and benchmarks). */
  renderNow(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#flush();
  }

  #flush(): void {
    const changes = this.#changes.size ? this.#changes : new Set(['all']);
    this.#changes = new Set();
    const data = this.#data;
    if (this.#loadError) return this.renderEmpty(`Could not load the dataset: ${this.#loadError.message}`);
    if (!data) return this.renderEmpty(this.hasAttribute('src') ? 'Loading the dataset…' : 'No dataset yet.');
    this.render(changes, data);
  }

  /** Subscribes to the bus events this view answers; `signal` ends them on disconnect. */
  protected abstract listen(bus: LinkBus, signal: AbortSignal): void;

  /**
   * Redraws the view from `data`, the bus state and the attributes. `changes` holds what was
   * requested since the last redraw ('all' means everything must be redrawn). Only called with a
   * dataset: until there is one, or when its load failed, {@link StatescopeElement.renderEmpty}
   * says so instead.
   */
  protected abstract render(changes: ReadonlySet<string>, data: StateDataset): void;

  /**
   * Shows why there is nothing to draw ("No dataset yet.", "Loading the dataset…", or why the
   * load failed) in place of the view: by default in the container `mount` made (else the shadow
   * root). A view that builds its own DOM, or keeps state tied to its drawing, overrides it.
   */
  protected renderEmpty(message: string): void {
    showMessage(this.#container ?? this.root, message);
  }

  /** Called when `data` changes, before the redraw: drop caches tied to the old dataset. */
  protected dataChanged(): void {}

  /**
   * Gives the shadow root its styles (a constructable stylesheet shared by every instance, which
   * a strict Content-Security-Policy allows) and a container div; returns the container.
   */
  protected mount(css: string): HTMLDivElement {
    this.adoptStyles(css);
    const container = document.createElement('div');
    this.root.append(container);
    this.#container = container;
    return container;
  }

  /** Adds styles to the shadow root, as `mount` does, for views that build their own DOM. */
  protected adoptStyles(css: string): void {
    adoptStyles(this.root, css);
  }

  /** Dispatches a typed, bubbling, composed event. */
  protected emit<K extends StatescopeEventType>(type: K, detail: StatescopeEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ---- gestures: one path each, the bus and the page told together, only when something changed

  /** The user hovered `step` (-1: left), or `length` steps from it: the bus, then `hs-focus`. */
  protected publishFocus(step: number, length = 1): void {
    const bus = this.bus;
    const [focus, focusLength] = [bus.focus, bus.focusLength];
    bus.setFocus(step < 0 ? null : step, this.source, length);
    if (bus.focus !== focus || bus.focusLength !== focusLength) {
      this.emit('hs-focus', { step: bus.focus, length: bus.focusLength });
    }
  }

  /** The user picked a sequence (see LinkBus.selectSequence): the bus, then `hs-select`. */
  protected publishSelect(sequence: number, mode: 'replace' | 'add' | 'toggle' = 'replace'): void {
    this.#selecting(mode, sequence, () => this.bus.selectSequence(sequence, this.source, mode));
  }

  /** The user picked several sequences at once, `active` first (-1 and none: cleared). */
  protected publishSelection(sequences: ArrayLike<number>, active?: number): void {
    const first = active ?? (sequences.length ? sequences[0] : -1);
    this.#selecting('replace', first, () =>
      sequences.length ? this.bus.setSelection(sequences, this.source, first) : this.bus.clearSelection(this.source),
    );
  }

  #selecting(mode: 'replace' | 'add' | 'toggle', sequence: number, change: () => void): void {
    const bus = this.bus;
    const [active, selected] = [bus.activeSequence, bus.selectedSequences];
    change();
    const now = bus.selectedSequences;
    if (bus.activeSequence === active && now.length === selected.length && now.every((s, i) => s === selected[i]))
      return;
    this.emit('hs-select', { sequence, mode, sequences: Array.from(now) });
  }

  /** The user brushed `steps` (null: cleared); `value` says what, in this view's terms (see LinkBus.brush). */
  protected publishBrush(steps: StepSet | null, value: JsonValue = null): void {
    const before = this.bus.clause(this.source);
    this.bus.brush(this.source, steps, value);
    const after = this.bus.clause(this.source);
    if (after !== before)
      this.emit('hs-brush', { steps: after ? after.steps.clone() : null, value: after?.value ?? null });
  }

  /** The user changed filters: the bus, then `hs-filter`. */
  protected publishFilters(filters: Partial<Filters>): void {
    const before = this.bus.filters;
    this.bus.setFilters(filters, this.source);
    if (this.bus.filters !== before) this.emit('hs-filter', { filters: this.bus.filters });
  }

  /** The user changed shared options: the bus, then `hs-options` naming the changed ones. Whether any changed. */
  protected publishOptions(options: Partial<SharedOptions>): boolean {
    const before = this.bus.options;
    this.bus.setOptions(options, this.source);
    const after = this.bus.options;
    if (after === before) return false;
    const changed = (Object.keys(after) as (keyof SharedOptions)[]).filter((key) => after[key] !== before[key]);
    this.emit('hs-options', { options: after, changed });
    return true;
  }

  #listen(): void {
    this.#leave();
    if (!this.isConnected) return;
    this.#listening = new AbortController();
    this.#joined = this.bus;
    this.listen(this.#joined, this.#listening.signal);
    this.requestRender();
  }

  /** Unsubscribes, and takes this view's brush off the bus it leaves: a gone view filters nothing. */
  #leave(): void {
    this.#listening?.abort();
    this.#listening = null;
    this.#joined?.brush(this.source, null);
    this.#joined = null;
  }

  #release(): void {
    if (this.#held) releaseShared(this.#held);
    this.#held = null;
  }

  async #load(src: string): Promise<void> {
    const url = new URL(src, document.baseURI).href;
    this.#held = url;
    try {
      const data = await loadShared(url);
      if (this.getAttribute('src') !== src) return; // a newer src won
      this.data = data;
      this.emit('hs-load', { data });
    } catch (error) {
      if (this.#held === url) this.#held = null; // a failed load leaves the cache by itself
      this.#loadError = error as Error;
      this.emit('hs-error', { error: error as Error });
      this.requestRender();
    }
  }
}
