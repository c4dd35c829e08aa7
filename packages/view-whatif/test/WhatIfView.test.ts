// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinkBus } from '@statescope/bus';
import { StateDataset } from '@statescope/core';
import { Vocabulary, createLstm, encodeWeights, runModel, tokenize } from '@statescope/rnn';
import { IncrementalPlacer, firstDifference, nearestWords, whatIfModel } from '@statescope/view-whatif';
import '@statescope/view-whatif/define';

const WORDS = ['<unk>', 'the', 'film', 'was', 'good', 'bad', 'great', 'awful', ',', '!', '<', '>', 'not', 'a'];
const HIDDEN = 4;
const MAX_TOKENS = 6;

function tinyModel() {
  const model = createLstm({
    vocabularySize: WORDS.length,
    embeddingDim: 3,
    hiddenDim: HIDDEN,
    classCount: 2,
    seed: 3,
  });
  return whatIfModel(model, WORDS, MAX_TOKENS);
}

/** Two sequences whose states have the model's width; `metadata` as given. */
function tiny(metadata: Record<string, unknown> = {}): StateDataset {
  const tokens = [
    ['the', 'film', 'was', 'good'],
    ['not', 'a', 'bad', 'film', '!'],
  ];
  const steps = 9;
  return new StateDataset({
    classes: ['negative', 'positive'],
    ids: ['<b>s0</b>', 's1'],
    tokens,
    labels: [1, 0],
    layers: [
      { name: 'lstm', dim: HIDDEN, hidden: Float32Array.from({ length: steps * HIDDEN }, (_, i) => Math.sin(i)) },
    ],
    expectedPredictions: Float32Array.from({ length: steps * 2 }, (_, i) => (i % 2 ? 0.3 : 0.7)),
    metadata,
  });
}

function mount(data: StateDataset, options: { model?: boolean; attributes?: Record<string, string> } = {}) {
  const view = document.createElement('hs-whatif');
  for (const [name, value] of Object.entries(options.attributes ?? {})) view.setAttribute(name, value);
  const bus = new LinkBus();
  view.bus = bus;
  view.data = data;
  if (options.model !== false) view.model = tinyModel();
  document.body.append(view);
  view.renderNow();
  const root = view.shadowRoot!;
  return { view, bus, root };
}

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

describe('<hs-whatif> markup and model', () => {
  it('shows a labelled text box, the edit and clear buttons and the model it runs', () => {
    const { view, root } = mount(tiny());
    const box = root.querySelector('textarea')!;
    expect(box.closest('label')!.textContent).toContain('Text to run through the model');
    const edit = root.querySelector<HTMLButtonElement>('button.edit')!;
    expect(edit.textContent).toBe('Edit the active sequence');
    expect(edit.disabled).toBe(true); // nothing active yet
    expect(root.querySelector('button.clear')).not.toBeNull();
    expect(root.querySelector('.status')!.textContent).toBe(
      `Model: LSTM, ${HIDDEN} units, ${WORDS.length} words; reads the last ${MAX_TOKENS} tokens.`,
    );
    view.bus.selectSequence(1, 'table');
    view.renderNow();
    expect(edit.disabled).toBe(false);
  });

  it('without weights says what it needs, and nothing else', async () => {
    const { view, root } = mount(tiny(), { model: false });
    expect(await view.whenReady()).toBeNull();
    view.renderNow();
    expect(root.querySelector('textarea')).toBeNull();
    const message = root.querySelector('[part="empty"]')!.textContent!;
    expect(message).toMatch(/weight file/);
    expect(message).toMatch(/export_torch_weights/);
    expect(message).toMatch(/metadata\.weights/);
    expect(message).toMatch(/weights=/);
  });

  it('a dataset that names its weights but has no URL asks for the weights attribute', async () => {
    const { view, root } = mount(tiny({ weights: 'tiny.model.json' }), { model: false });
    await view.whenReady();
    view.renderNow();
    expect(root.querySelector('[part="empty"]')!.textContent).toMatch(/"tiny\.model\.json".*set the weights attribute/);
  });

  it('loads the manifest the weights attribute names and the binary file beside it', async () => {
    const { model } = tinyModel();
    const { manifest, binary } = encodeWeights(model, { vocabulary: WORDS, maxTokens: MAX_TOKENS }, 'tiny.bin');
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(String(url));
      return String(url).endsWith('.json')
        ? new Response(JSON.stringify(manifest))
        : new Response(binary.slice().buffer as ArrayBuffer);
    });
    const { view } = mount(tiny(), { model: false, attributes: { weights: 'http://example.test/m/tiny.model.json' } });
    const loaded = await view.whenReady();
    expect(fetched).toEqual(['http://example.test/m/tiny.model.json', 'http://example.test/m/tiny.bin']);
    expect(loaded!.model.parameters).toEqual(model.parameters);
    expect(loaded!.maxTokens).toBe(MAX_TOKENS);
  });

  it('a model that does not fit the dataset is refused, saying why', async () => {
    const data = tiny();
    const { view, root } = mount(data, { model: false });
    view.model = whatIfModel(
      createLstm({ vocabularySize: WORDS.length, embeddingDim: 3, hiddenDim: 7, classCount: 2, seed: 1 }),
      WORDS,
    );
    view.renderNow();
    expect(root.querySelector('[part="empty"]')!.textContent).toMatch(/7 units.*4 units/);
  });
});

describe('<hs-whatif> runs', () => {
  it('tokenises as the training did, keeps the last maxTokens and marks unknown words', async () => {
    const { view, bus, root } = mount(tiny());
    const text = 'The <b>film</b> was GOOD, Zorblax awful!';
    await view.setText(text);
    const expectedTokens = tokenize(text).slice(-MAX_TOKENS);
    const sequence = bus.provisional!;
    expect(sequence.tokens).toEqual(expectedTokens);
    const vocabulary = new Vocabulary(WORDS);
    expect([...sequence.unknown]).toEqual(expectedTokens.map((t) => (vocabulary.id(t) === 0 ? 1 : 0)));
    expect(sequence.unknown.some((u) => u === 1)).toBe(true);
    // The numbers are the model's own on those tokens.
    const run = runModel(view.model!.model, vocabulary.encode(expectedTokens));
    expect(sequence.expected).toEqual(run.expected);
    expect(sequence.hidden).toEqual(run.hidden);
    expect(sequence.original).toBe(-1);
    view.renderNow();
    const tokens = [...root.querySelectorAll<HTMLButtonElement>('button.token')];
    expect(tokens.map((b) => b.textContent)).toEqual(expectedTokens);
    const underlined = tokens.filter((b) => b.classList.contains('unknown')).map((b) => b.textContent);
    expect(underlined).toEqual(expectedTokens.filter((t) => vocabulary.id(t) === 0));
    expect(tokens.find((b) => b.classList.contains('unknown'))!.title).toMatch(/Not in the model's vocabulary/);
    // Markup typed is text: no element was made from it.
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('.status')!.textContent).toMatch(/the first \d+ cut.*not in the vocabulary/);
    const last = expectedTokens.length - 1;
    const c = run.expected[2 * last + 1] > run.expected[2 * last] ? 1 : 0;
    expect(root.querySelector('.prediction')!.textContent).toBe(
      `Prediction: ${['negative', 'positive'][c]} ${run.expected[2 * last + c].toFixed(2)}`,
    );
  });

  it('typing publishes after the debounce, not before; clearing the box clears at once', async () => {
    const { view, bus, root } = mount(tiny(), { attributes: { debounce: '40' } });
    const box = root.querySelector('textarea')!;
    const events: (string[] | null)[] = [];
    view.addEventListener('hs-provisional', (e) => {
      const sequence = (e as CustomEvent).detail.sequence;
      events.push(sequence ? [...sequence.tokens] : null);
    });
    box.value = 'the film';
    box.dispatchEvent(new Event('input'));
    box.value = 'the film was';
    box.dispatchEvent(new Event('input'));
    expect(bus.provisional).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(bus.provisional!.tokens).toEqual(['the', 'film', 'was']);
    expect(events).toEqual([['the', 'film', 'was']]); // one run for the two keystrokes
    box.value = '  ';
    box.dispatchEvent(new Event('input'));
    await Promise.resolve();
    await Promise.resolve();
    expect(bus.provisional).toBeNull();
    expect(events.at(-1)).toBeNull();
  });

  it('the clear button and leaving the page clear the provisional sequence', async () => {
    const { view, bus, root } = mount(tiny());
    await view.setText('great film');
    expect(bus.provisional).not.toBeNull();
    root.querySelector<HTMLButtonElement>('button.clear')!.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bus.provisional).toBeNull();
    expect(root.querySelector('textarea')!.value).toBe('');
    await view.setText('bad film');
    expect(bus.provisional).not.toBeNull();
    view.remove();
    expect(bus.provisional).toBeNull();
  });

  it('never clears a provisional sequence another source published', async () => {
    const { view, bus } = mount(tiny());
    await view.setText('good');
    const theirs = { ...bus.provisional!, id: 'theirs' };
    bus.setProvisional(theirs, 'someone-else');
    await view.setText('');
    expect(bus.provisional).toBe(theirs);
  });

  it('edits the active sequence: its tokens in the box, where the edit parts and whether the prediction flips', async () => {
    const data = tiny();
    const { view, bus, root } = mount(data);
    bus.selectSequence(1, 'table');
    view.renderNow();
    root.querySelector<HTMLButtonElement>('button.edit')!.click();
    await vi.waitFor(() => expect(bus.provisional?.original).toBe(1));
    expect(root.querySelector('textarea')!.value).toBe('not a bad film !');
    expect(view.original).toBe(1);
    view.renderNow();
    expect(root.querySelector('.comparison')!.textContent).toMatch(/^Edited text: same tokens as s1\. Prediction /);
    await view.replaceToken(2, 'great');
    expect(bus.provisional!.tokens).toEqual(['not', 'a', 'great', 'film', '!']);
    expect(bus.provisional!.original).toBe(1);
    view.renderNow();
    const comparison = root.querySelector('.comparison')!.textContent!;
    expect(comparison).toMatch(/parts from s1 at step 3 \(bad → great\)/);
    const run = bus.provisional!.expected;
    const now = run[2 * 4 + 1] > run[2 * 4] ? 1 : 0;
    const was = data.expectedPredictions[2 * 8 + 1] > data.expectedPredictions[2 * 8] ? 1 : 0;
    expect(comparison).toContain(was === now ? 'Prediction holds' : 'Prediction flips');
    expect(root.querySelector('button.token.parts')!.textContent).toBe('great');
    // Clearing ends the edit.
    await view.setText('');
    expect(view.original).toBe(-1);
  });

  it('offers the nearest words in the embedding for a clicked word; one click swaps it in', async () => {
    const { view, bus, root } = mount(tiny());
    await view.setText('the film was bad');
    view.renderNow();
    root.querySelectorAll<HTMLButtonElement>('button.token')[3].click();
    view.renderNow();
    const offers = [...root.querySelectorAll<HTMLButtonElement>('button.alternative')];
    const words = view.alternatives(3);
    expect(words).toHaveLength(5);
    expect(offers.map((b) => b.textContent)).toEqual(words);
    // Each offered word is at least as similar (cosine) as every word not offered.
    const embedding = view.model!.model.group('embedding');
    const row = (id: number) => Array.from(embedding.subarray(3 * id, 3 * id + 3));
    const cosine = (a: number[], b: number[]) =>
      a.reduce((s, v, i) => s + v * b[i], 0) / Math.hypot(...a) / Math.hypot(...b);
    const bad = row(WORDS.indexOf('bad'));
    const scores = WORDS.map((w, id) => (id === 0 || w === 'bad' ? -Infinity : cosine(bad, row(id))));
    const worstOffered = Math.min(...words.map((w) => scores[WORDS.indexOf(w)]));
    for (const [id, w] of WORDS.entries())
      if (!words.includes(w)) expect(scores[id]).toBeLessThanOrEqual(worstOffered + 1e-9);
    offers[0].click();
    await vi.waitFor(() => expect(bus.provisional!.tokens).toEqual(['the', 'film', 'was', words[0]]));
    expect(nearestWords(view.model!, 0)).toEqual([]); // the unknown token has none
  });

  it('firstDifference: the step where two token sequences part', () => {
    expect(firstDifference(['a', 'b'], ['a', 'b'])).toBe(-1);
    expect(firstDifference(['a', 'b'], ['a', 'c'])).toBe(1);
    expect(firstDifference(['a'], ['a', 'c'])).toBe(1);
  });

  it('places new states on every stored map, again only from the first changed token', async () => {
    const data = tiny();
    const map = Float32Array.from({ length: 2 * data.stepCount }, (_, i) => i * 3 + (i % 2 ? 100 : 0));
    data.addProjection('xy', map);
    const placer = new IncrementalPlacer(data);
    const { hidden, dim } = data.layer();
    // A run whose states are dataset steps 2 and 5.
    const states = new Float32Array(2 * dim);
    states.set(hidden.subarray(2 * dim, 3 * dim), 0);
    states.set(hidden.subarray(5 * dim, 6 * dim), dim);
    const ids = Uint32Array.of(4, 7);
    expect(placer.place(ids, states)).toBeNull(); // the index is not built yet
    await placer.ready;
    const { xy } = placer.place(ids, states)!;
    // Where they land is @statescope/projection's Placer's (tested there); here: one place per step.
    expect(xy).toHaveLength(4);
    expect(xy.every(Number.isFinite)).toBe(true);
    expect(placer.lastPlaced).toBe(2);
    // The second token changes: the first step keeps its place, only the second is placed.
    const edited = placer.place(Uint32Array.of(4, 9), states)!.xy;
    expect(placer.lastPlaced).toBe(1);
    expect(edited.subarray(0, 2)).toEqual(xy.subarray(0, 2));
    placer.place(Uint32Array.of(4, 9), states);
    expect(placer.lastPlaced).toBe(0);
  });
});
