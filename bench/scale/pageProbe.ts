// What the scale bench runs inside the dashboard app's page. Functions here are serialised by
// Playwright into the page: they may use only the page's globals, never this module's imports.

/** One answer of the dashboard to a gesture: when it came, when every view had redrawn. */
export interface ProbeRecord {
  /** The bus event answered: `focus` (a hover), `brush`, or `gesture` (a click, a key, a change). */
  kind: string;
  /** The focused step, the brushed step count, or what was done. */
  detail: number | string;
  /** performance.now() when the page received the input event that caused it. */
  cause: number;
  /** That input event's type. */
  causeType: string;
  /** performance.now() when the bus event was published (after the view that caught the gesture worked). */
  published: number;
  /** performance.now() when no view had a redraw pending any more (the last one returned). */
  rendered: number;
  /** performance.now() in the first task after that frame: its style, layout and paint done. */
  painted: number;
  /** Milliseconds each view spent in render between publication and the end, by tag name. */
  views: Record<string, number>;
}

/** The page's side of the probe (window.__scaleProbe). */
export interface PageProbe {
  records: ProbeRecord[];
  /** Resolves once two frames in a row had no redraw pending and nothing was being tracked. */
  settle(): Promise<void>;
  /**
   * Resolves (true) once there are `count` records, or (false) after `timeout` ms: an event, not
   * a poll, so that waiting adds no task to the main thread while a gesture is answered.
   */
  whenRecords(count: number, timeout: number): Promise<boolean>;
  /** Tracks the answer to the next input event of `type` (click, input, change) as a `gesture` record. */
  expectGesture(detail: string, type: string): void;
}

interface ViewLike extends HTMLElement {
  renderPending: boolean;
  data: { stepCount: number } | null;
}

interface BusLike {
  on(type: string, listener: (event: { step?: number; steps?: { count(): number } | null }) => void): unknown;
}

/** Init script: what the page records from its very start (before the app's scripts run). */
export function initProbe(): void {
  const scope = window as unknown as Record<string, unknown>;
  // tsx names functions with a helper of its own (__name) that the page does not have.
  scope.__name = (target: unknown) => target;
  const load: Record<string, number> = {};
  scope.__scaleLoad = load;
  document.addEventListener(
    'hs-shown',
    (event) => {
      if ((event as CustomEvent<{ data: unknown }>).detail.data && !load.shown) load.shown = performance.now();
    },
    { capture: true },
  );
}

/**
 * Installs window.__scaleProbe on the loaded app: for every focus and brush the dashboard's bus
 * publishes (and each gesture announced by expectGesture), a record of when its cause arrived,
 * when it was published, when every view of the dashboard had redrawn and when that frame was
 * painted, with the time each view spent in render (each view's render is wrapped to time it).
 */
export function installProbe(): void {
  const scope = window as unknown as Record<string, unknown>;
  const dashboard = document.querySelector('hs-dashboard') as unknown as { views: ViewLike[]; bus: BusLike };
  const views = [...dashboard.views];
  const spans: [string, number, number][] = [];
  for (const view of views) {
    const target = view as unknown as Record<string, (...args: unknown[]) => unknown>;
    const render = target.render;
    target.render = function (this: unknown, ...args: unknown[]) {
      const start = performance.now();
      try {
        return render.apply(this, args);
      } finally {
        spans.push([view.localName, start, performance.now()]);
      }
    };
  }
  let cause = 0;
  let causeType = '';
  let gesture: { detail: string; type: string } | null = null;
  let tracking = 0;
  const records: ProbeRecord[] = [];
  let waiters: { count: number; done: (met: boolean) => void }[] = [];
  for (const type of ['pointermove', 'pointerdown', 'pointerup', 'click', 'keydown', 'input', 'change']) {
    window.addEventListener(
      type,
      () => {
        cause = performance.now();
        causeType = type;
      },
      { capture: true },
    );
    // On the way back up, after the views' handlers asked for their redraws: tracked from here,
    // this frame callback comes after theirs.
    window.addEventListener(type, () => {
      if (gesture === null || gesture.type !== type) return;
      track('gesture', gesture.detail);
      gesture = null;
    });
  }
  const track = (kind: string, detail: number | string) => {
    tracking++;
    const record: ProbeRecord = {
      kind,
      detail,
      cause,
      causeType,
      published: performance.now(),
      rendered: 0,
      painted: 0,
      views: {},
    };
    const frame = () => {
      if (views.some((view) => view.renderPending)) return void requestAnimationFrame(frame);
      record.rendered = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        record.painted = performance.now();
        for (const [tag, start, end] of spans) {
          if (start >= record.published && end <= record.rendered)
            record.views[tag] = (record.views[tag] ?? 0) + end - start;
        }
        records.push(record);
        tracking--;
        for (const waiter of waiters) if (records.length >= waiter.count) waiter.done(true);
        waiters = waiters.filter((waiter) => records.length < waiter.count);
      };
      channel.port2.postMessage(null);
    };
    // Registered after the views' own frames (their bus listeners ran first): runs after them.
    requestAnimationFrame(frame);
  };
  dashboard.bus.on('focus', (event) => track('focus', event.step ?? -1));
  dashboard.bus.on('brush', (event) => track('brush', event.steps ? event.steps.count() : 0));
  const probe: PageProbe = {
    records,
    settle: () =>
      new Promise<void>((done) => {
        let quiet = 0;
        const frame = () => {
          quiet = tracking === 0 && !views.some((view) => view.renderPending) ? quiet + 1 : 0;
          if (quiet >= 2) done();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    whenRecords: (count, timeout) =>
      new Promise<boolean>((done) => {
        if (records.length >= count) return done(true);
        waiters.push({ count, done });
        setTimeout(() => done(false), timeout);
      }),
    expectGesture: (detail, type) => {
      gesture = { detail, type };
    },
  };
  scope.__scaleProbe = probe;
}
