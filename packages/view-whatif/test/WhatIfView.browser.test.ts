import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ProvisionalSequence } from '@statescope/bus';
import { LinkBus } from '@statescope/bus';
import { Vocabulary, decodeWeights, runModel, tokenize, type RnnModel, type WeightManifest } from '@statescope/rnn';
import '@statescope/view-whatif/define';
import { nextFrame } from '../../../test/browser/pointer.js';
import { whenPlaced } from '../../../test/support/whenPlaced.js';

const DATA_URL = new URL('../../../data/imdb.json', import.meta.url).href;
const WEIGHTS_URL = new URL('../../../data/imdb.model.json', import.meta.url).href;

/** The demo model decoded here, apart from the element, to check it against. */
let direct: Promise<{ model: RnnModel; vocabulary: Vocabulary; maxTokens: number }> | null = null;
const directModel = () =>
  (direct ??= (async () => {
    const manifest = (await (await fetch(WEIGHTS_URL)).json()) as WeightManifest;
    const binary = new Uint8Array(await (await fetch(new URL(manifest.weights.file, WEIGHTS_URL))).arrayBuffer());
    return {
      model: decodeWeights(manifest, binary),
      vocabulary: new Vocabulary(manifest.vocabulary!),
      maxTokens: manifest.maxTokens!,
    };
  })());

/** The element on the demo by `src`, so it finds the weights the dataset names. */
async function mount(bus = new LinkBus()) {
  const view = document.createElement('hs-whatif');
  view.bus = bus;
  view.setAttribute('src', DATA_URL);
  view.setAttribute('debounce', '20');
  document.body.append(view);
  await new Promise<void>((resolve) => view.addEventListener('hs-load', () => resolve(), { once: true }));
  expect(await view.whenReady()).not.toBeNull();
  await nextFrame();
  return { view, bus, root: view.shadowRoot!, data: view.data! };
}

/** The next provisional sequence the view publishes with its final places (place()'s). */

const finalPositive = (expected: Float32Array) => expected[expected.length - 1];

afterEach(() => document.body.replaceChildren());

describe('<hs-whatif> in Chromium on the IMDB demo and its weights', () => {
  it('typing a review publishes the model run on its tokens, then its places on every stored map', async () => {
    const { view, bus, root, data } = await mount();
    const { model, vocabulary, maxTokens } = await directModel();
    const review = 'One of the best films I have seen this year: moving, funny and beautifully acted. Zorblaxian!';
    const placed = whenPlaced(view);
    const whenPublished = new Promise<ProvisionalSequence>((resolve) => {
      const off = bus.on('provisional', ({ sequence }) => {
        if (!sequence) return;
        off();
        resolve(sequence);
      });
    });
    await userEvent.fill(root.querySelector('textarea')!, review);
    const first = await whenPublished;
    // Published at once, before placing: no places yet, or estimates of the right size.
    for (const xy of Object.values(first.coordinates)) expect(xy).toHaveLength(2 * first.tokens.length);
    const tokens = tokenize(review).slice(-maxTokens);
    expect(first.tokens).toEqual(tokens);
    const run = runModel(model, vocabulary.encode(tokens));
    expect(first.expected).toEqual(run.expected);
    expect(first.hidden).toEqual(run.hidden);
    expect(first.tokens[first.unknown.indexOf(1)]).toBe('zorblaxian');
    const sequence = await placed;
    expect(Object.keys(sequence.coordinates).sort()).toEqual([...data.projectionNames].sort());
    for (const name of data.projectionNames) {
      const xy = sequence.coordinates[name];
      expect(xy).toHaveLength(2 * tokens.length);
      // Placed among the map's own points: inside its bounding box.
      const map = data.projection(name)!;
      for (const axis of [0, 1]) {
        let lo = Infinity;
        let hi = -Infinity;
        for (let i = axis; i < map.length; i += 2) {
          lo = Math.min(lo, map[i]);
          hi = Math.max(hi, map[i]);
        }
        for (let i = axis; i < xy.length; i += 2) expect(xy[i] >= lo && xy[i] <= hi).toBe(true);
      }
    }
    await nextFrame();
    expect(root.querySelector('.status')!.classList.contains('error')).toBe(false);
    const unknown = root.querySelector<HTMLElement>('button.token.unknown')!;
    expect(unknown.textContent).toBe('zorblaxian');
    expect(getComputedStyle(unknown).textDecorationLine).toContain('underline');
  }, 60_000);

  it('"Edit the active sequence" copies it; "bad" -> "good" moves the final prediction as the model does', async () => {
    const { view, bus, root, data } = await mount();
    const { model, vocabulary } = await directModel();
    // A review the model finds strongly negative that says "bad".
    let review = -1;
    for (let s = 0; s < data.sequenceCount && review < 0; s++) {
      const last = data.offsets[s + 1] - 1;
      if (data.expectedPredictions[2 * last] > 0.9 && data.tokensOf(s).includes('bad')) review = s;
    }
    expect(review).toBeGreaterThanOrEqual(0);
    bus.selectSequence(review, 'table');
    await nextFrame();
    await userEvent.click(root.querySelector<HTMLButtonElement>('button.edit')!);
    const original = data.tokensOf(review);
    expect(root.querySelector('textarea')!.value).toBe(original.join(' '));
    expect(view.original).toBe(review);
    // Published once the model has run in its worker.
    await vi.waitFor(() => expect(bus.provisional?.original).toBe(review));
    const before = finalPositive(bus.provisional!.expected);
    expect(before).toBeCloseTo(finalPositive(runModel(model, vocabulary.encode(original)).expected), 6);

    const at = original.lastIndexOf('bad');
    await view.replaceToken(at, 'good');
    const edited = [...original];
    edited[at] = 'good';
    expect(bus.provisional!.tokens).toEqual(edited);
    expect(bus.provisional!.original).toBe(review);
    const after = finalPositive(bus.provisional!.expected);
    const directAfter = finalPositive(runModel(model, vocabulary.encode(edited)).expected);
    expect(after).toBe(directAfter);
    // The direction the weights give: as run directly, and towards positive for this word swap.
    expect(Math.sign(after - before)).toBe(Math.sign(directAfter - before));
    expect(after).toBeGreaterThan(before);
    await nextFrame();
    const comparison = root.querySelector('.comparison')!.textContent!;
    expect(comparison).toContain(`parts from ${data.ids[review]} at step ${at + 1} (bad → good)`);
    expect(comparison).toContain(after > 0.5 ? 'Prediction flips' : 'Prediction holds');
  }, 60_000);

  it('a clicked word offers its nearest words; one click swaps it in and only the changed steps move', async () => {
    const { view, root, data } = await mount();
    const review = data.tokensOf(3);
    const placed = whenPlaced(view);
    await view.setText(review.join(' '));
    const before = await placed;
    await nextFrame();
    const middle = Math.floor(review.length / 2);
    await userEvent.click(root.querySelectorAll<HTMLButtonElement>('button.token')[middle]);
    await nextFrame();
    const offers = [...root.querySelectorAll<HTMLButtonElement>('button.alternative')];
    expect(offers.map((b) => b.textContent)).toEqual(view.alternatives(middle));
    const word = offers[0].textContent!;
    const whenReplaced = whenPlaced(view);
    await userEvent.click(offers[0]);
    const after = await whenReplaced;
    expect(after.tokens[middle]).toBe(word);
    expect(after.tokens.filter((t, i) => t !== review[i])).toEqual([word]);
    // The steps before the swap kept their places; the states from the swap on were placed anew.
    for (const name of data.projectionNames) {
      expect(after.coordinates[name].subarray(0, 2 * middle)).toEqual(before.coordinates[name].subarray(0, 2 * middle));
    }
    expect(after.hidden.subarray(0, middle * 100)).toEqual(before.hidden.subarray(0, middle * 100));
  }, 60_000);

  it('clearing the box and leaving the page clear the provisional sequence', async () => {
    const { view, bus, root } = await mount();
    await view.setText('a wonderful film');
    expect(bus.provisional).not.toBeNull();
    await userEvent.clear(root.querySelector('textarea')!);
    await expect.poll(() => bus.provisional).toBeNull();
    await view.setText('an awful film');
    expect(bus.provisional).not.toBeNull();
    view.remove();
    expect(bus.provisional).toBeNull();
  }, 60_000);
});
