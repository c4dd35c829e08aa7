// The what-if view's column of the response table (packages/view-base/README.md): each row driven
// by a real gesture in another view on the IMDB demo, checked on what <hs-whatif> draws. The view
// answers the selection (what "Edit the active sequence" copies) and the colour mode; the text in
// its box is the user's, so a hover, a brush or a filter leaves it and its run as they were.
import { afterEach, describe, expect, it } from 'vitest';
import { isolate, provisionalColors } from '@statescope/view-base';
import type { WhatIfView } from '@statescope/view-whatif';
import '@statescope/view-whatif/define';
import {
  brushMap,
  chooseColorMode,
  clickOverviewCheckbox,
  clickRow,
  hoverToken,
  leaveViews,
  mountBelow,
  mountLinked,
  press,
  settle,
  unmountAll,
  type Linked,
} from './responseHarness.js';
import { centre, clickAt } from '../browser/pointer.js';
import { whenPlaced } from '../support/whenPlaced.js';

afterEach(unmountAll);

/** A text for the box. The first run on a page waits seconds for the nearest-state index: a long timeout. */
const REVIEW = 'A slow start, but the ending is wonderful and the cast is superb.';
const TIMEOUT = 60_000;

/** The six linked views plus <hs-whatif> below them on the same bus, its model loaded. */
async function mountWithWhatIf(): Promise<{ linked: Linked; view: WhatIfView; root: ShadowRoot }> {
  const linked = await mountLinked();
  // Its dataset is set as a property (no `src`), so the weights are named here.
  const view = await mountBelow(linked, 'hs-whatif', 'whatif', { weights: '/data/imdb.model.json' });
  expect(await view.whenReady()).not.toBeNull();
  await settle();
  return { linked, view, root: view.shadowRoot! };
}

/** Puts `text` into the view's box (`setText`: the run a user's typing ends with) and waits until it is placed and drawn. */
async function typeText(view: WhatIfView, text: string): Promise<void> {
  await view.setText(text);
  await settle();
}

/** The "Edit the active sequence" button. */
const editButton = (root: ShadowRoot) => root.querySelector<HTMLButtonElement>('button.edit')!;

/** Clicks "Edit the active sequence" and waits until the copied review is run, placed and drawn. */
async function clickEdit(view: WhatIfView, root: ShadowRoot): Promise<void> {
  const done = whenPlaced(view);
  const button = editButton(root);
  button.scrollIntoView({ block: 'center' });
  await clickAt(...centre(button));
  await done;
  await settle();
}

/** A CSS colour as the browser computes it (to compare with computed styles). */
function computed(css: string): string {
  const probe = document.createElement('span');
  probe.style.backgroundColor = css;
  document.body.append(probe);
  const colour = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return colour;
}

/** The drawn tokens of the last run. */
const tokenButtons = (root: ShadowRoot) => [...root.querySelectorAll<HTMLElement>('button.token')];

/** What the view shows: the text box, each token (text, colour, marks), the prediction and comparison lines. */
function shown(root: ShadowRoot) {
  return {
    text: root.querySelector('textarea')!.value,
    tokens: tokenButtons(root).map((t) => `${t.textContent} ${getComputedStyle(t).backgroundColor} ${t.className}`),
    prediction: root.querySelector('.prediction')!.textContent,
    comparison: root.querySelector('.comparison')!.textContent,
    // Faded anywhere between the element and its tokens (opacity is not inherited).
    opacity: [root.host, root.querySelector('.panel')!, root.querySelector('.tokens')!].map(
      (element) => getComputedStyle(element).opacity,
    ),
  };
}

describe('<hs-whatif> answers every bus change made in the other views', () => {
  it(
    'focus: does not answer; a token hovered in the tokens view leaves the text, its tokens and prediction as they were',
    async () => {
      const { linked, view, root } = await mountWithWhatIf();
      await clickRow(linked, 0);
      await typeText(view, REVIEW);
      const before = shown(root);
      const published = linked.bus.provisional;
      expect(before.tokens.length).toBeGreaterThan(0);
      // The tokens view draws the typed text first: hover a token of the dataset's active sequence.
      const typed = linked.root('tokens').querySelectorAll('[part~="provisional-token"]').length;
      expect(typed).toBe(published!.tokens.length);
      await hoverToken(linked, typed + 5);
      expect(linked.bus.focus).toBe(linked.data.offsets[linked.bus.activeSequence] + 5);
      expect(shown(root)).toEqual(before);
      expect(linked.bus.provisional).toBe(published);
      await leaveViews();
      expect(linked.bus.focus).toBe(-1);
      expect(shown(root)).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    'active sequence: a row clicked in the table enables "Edit the active sequence", named in its title; it copies that review and shows its prediction; another row leaves the edit; Escape disables it',
    async () => {
      const { linked, view, root } = await mountWithWhatIf();
      const { data, bus } = linked;
      const edit = editButton(root);
      expect([edit.disabled, edit.title]).toEqual([true, 'Select a sequence first (the table, the map)']);

      await clickRow(linked, 2);
      const active = bus.activeSequence;
      expect(active).toBeGreaterThanOrEqual(0);
      expect([edit.disabled, edit.title]).toEqual([false, isolate(data.ids[active])]);

      await clickEdit(view, root);
      const review = data.tokensOf(active);
      const edited = shown(root);
      expect(edited.text).toBe(review.join(' '));
      expect(tokenButtons(root).map((t) => t.textContent)).toEqual(review);
      expect(bus.provisional!.original).toBe(active);
      // The model run on the copied review predicts what the dataset says it predicted, as sure.
      const last = data.offsets[active + 1] - 1;
      const C = data.classCount;
      const predicted = data.predictions[active];
      expect(edited.prediction).toBe(
        `Prediction: ${data.classes[predicted]} ${data.expectedPredictions[last * C + predicted].toFixed(2)}`,
      );
      expect(edited.comparison).toMatch(
        new RegExp(`^Edited text: same tokens as ${data.ids[active]}\\. Prediction holds`),
      );

      // Another sequence chosen: the button names it; the edit and its original stay.
      await clickRow(linked, 5);
      const next = bus.activeSequence;
      expect(next).not.toBe(active);
      expect([edit.disabled, edit.title]).toEqual([false, isolate(data.ids[next])]);
      expect(shown(root)).toEqual(edited);
      expect(view.original).toBe(active);

      await press('Escape'); // the table clears its selection
      expect(bus.activeSequence).toBe(-1);
      expect([edit.disabled, edit.title]).toEqual([true, 'Select a sequence first (the table, the map)']);
      expect(shown(root)).toEqual(edited);
    },
    TIMEOUT,
  );

  it(
    'compared sequences: do not answer; rows Ctrl-clicked in the table leave the edit as it was, the button naming the active one only',
    async () => {
      const { linked, view, root } = await mountWithWhatIf();
      const { data, bus } = linked;
      await clickRow(linked, 0);
      const original = bus.activeSequence;
      await clickEdit(view, root);
      const before = shown(root);
      for (const row of [1, 2, 3]) await clickRow(linked, row, ['Control']);
      expect(bus.selectedSequences).toHaveLength(4);
      expect(shown(root)).toEqual(before);
      expect(bus.provisional!.original).toBe(original);
      expect(editButton(root).title).toBe(isolate(data.ids[bus.activeSequence]));
    },
    TIMEOUT,
  );

  it(
    'brush clauses: do not answer; a rectangle brushed on the map leaves the text, its tokens and prediction as they were',
    async () => {
      const { linked, view, root } = await mountWithWhatIf();
      await typeText(view, REVIEW);
      const before = shown(root);
      const published = linked.bus.provisional;
      scrollTo(0, 0); // the whole map in the window
      await brushMap(linked, [0.2, 0.2], [0.8, 0.8]);
      expect(linked.bus.clause('map')!.steps.count()).toBeGreaterThan(0);
      expect(shown(root)).toEqual(before);
      expect(linked.bus.provisional).toBe(published);
    },
    TIMEOUT,
  );

  it(
    'filters: do not answer; the edited review faded and its class hidden in the overview leave the edit drawn as it was, not faded',
    async () => {
      const { linked, view, root } = await mountWithWhatIf();
      const { data, bus } = linked;
      await clickRow(linked, 0);
      const original = bus.activeSequence;
      expect(data.correctness()[original]).toBe(1); // the first row's review is classified right
      await clickEdit(view, root);
      const before = shown(root);
      expect(before.opacity).toEqual(['1', '1', '1']);
      await clickOverviewCheckbox(linked, 'fade correct');
      await clickOverviewCheckbox(linked, data.classes[data.labels[original]]);
      expect(bus.filters.fadeCorrect).toBe(true);
      expect(bus.filters.classes).not.toContain(data.labels[original]);
      expect(shown(root)).toEqual(before);
      expect(bus.provisional!.original).toBe(original);
    },
    TIMEOUT,
  );

  it(
    "options: the map's colour mode recolours the tokens and the prediction's swatch; in mode true as in predicted (a typed text has no true class)",
    async () => {
      const { linked, view, root } = await mountWithWhatIf();
      await typeText(view, REVIEW);
      const sequence = linked.bus.provisional!;
      const inMode = (mode: 'expected' | 'predicted') =>
        provisionalColors(sequence, linked.data.classCount, mode).map(computed);
      const backgrounds = () => tokenButtons(root).map((t) => getComputedStyle(t).backgroundColor);
      const swatch = () => getComputedStyle(root.querySelector('.prediction .swatch')!).backgroundColor;
      const expected = inMode('expected');
      const predicted = inMode('predicted');
      expect(backgrounds()).toEqual(expected);
      expect(swatch()).toBe(expected[expected.length - 1]);
      expect(predicted).not.toEqual(expected);

      await chooseColorMode(linked, 'predicted');
      expect(backgrounds()).toEqual(predicted);
      expect(swatch()).toBe(predicted[predicted.length - 1]);

      await chooseColorMode(linked, 'true');
      expect(backgrounds()).toEqual(predicted);

      await chooseColorMode(linked, 'expected');
      expect(backgrounds()).toEqual(expected);
      expect(linked.bus.provisional).toBe(sequence); // recoloured, not run again
    },
    TIMEOUT,
  );

  it(
    'restore: bus.restore(snapshot) puts back the active sequence the button names and the colour mode of the tokens; the edit stays (snapshots hold no provisional sequence)',
    async () => {
      const { linked, view, root } = await mountWithWhatIf();
      const { data, bus } = linked;
      await clickRow(linked, 1);
      const original = bus.activeSequence;
      await clickEdit(view, root);
      await chooseColorMode(linked, 'predicted');
      await leaveViews();
      const before = shown(root);
      const snapshot: unknown = JSON.parse(JSON.stringify(bus.snapshot()));

      await clickRow(linked, 4);
      await chooseColorMode(linked, 'expected');
      expect(editButton(root).title).not.toBe(isolate(data.ids[original]));
      expect(shown(root)).not.toEqual(before);

      bus.restore(snapshot, 'page');
      await settle();
      expect(bus.activeSequence).toBe(original);
      expect(editButton(root).title).toBe(isolate(data.ids[original]));
      expect(shown(root)).toEqual(before);
      expect(bus.provisional!.original).toBe(original);
    },
    TIMEOUT,
  );
});
