import { afterEach, describe, expect, it } from 'vitest';
import { LinkBus } from '@statescope/bus';
import { loadDataset, type StateDataset } from '@statescope/core';
import { expectedScale } from '@statescope/view-base';
import '@statescope/view-sequence/define';
import { centre, moveTo, nextFrame } from '../../../test/browser/pointer.js';
import { provisionalCopy } from '../../../test/support/provisionalCopy.js';

let demo: Promise<StateDataset> | null = null;
const imdb = () => (demo ??= loadDataset(new URL('../../../data/imdb.json', import.meta.url).href));

/** Praise the demo model reads, to be swapped for a word of the other side. */
const PRAISE = ['great', 'good', 'best', 'excellent', 'wonderful'];

/**
 * A real demo review with one word of praise swapped for "awful": its tokens, expected rows and
 * hidden rows copied, the expected rows from the swapped word on turned to the other class's
 * (each row's two probabilities exchanged), as the model's reading would move.
 */
function swapOneWord(data: StateDataset) {
  for (let s = 0; s < data.sequenceCount; s++) {
    const tokens = data.tokensOf(s);
    const t = tokens.findIndex((token) => PRAISE.includes(token));
    const final = data.expectedPredictions[2 * (data.offsets[s + 1] - 1) + 1];
    // A clear positive review (final p far from 0.5), the word not first.
    if (t < 1 || data.predictions[s] !== 1 || final < 0.8 || tokens.length > 120) continue;
    const sequence = provisionalCopy(data, s, { tokens });
    const { expected } = sequence;
    for (let i = t; i < tokens.length; i++) expected.set([expected[2 * i + 1], expected[2 * i]], 2 * i);
    const original = tokens[t];
    tokens[t] = 'awful';
    return { sequence, s, t, original };
  }
  throw new Error('no positive demo review with a word of praise');
}

afterEach(() => document.body.replaceChildren());

describe('<hs-sequence> with a what-if sequence, in Chromium on the IMDB demo', () => {
  it('draws the edited review first, marks the swapped word and says the prediction flips', async () => {
    const data = await imdb();
    const { sequence, s, t, original } = swapOneWord(data);
    const view = document.createElement('hs-sequence');
    const bus = new LinkBus();
    view.bus = bus;
    view.data = data;
    document.body.append(view);
    bus.selectSequence(s, 'table');
    bus.setProvisional(sequence, 'whatif');
    await nextFrame();
    const root = view.shadowRoot!;
    const block = root.querySelector<HTMLElement>('.provisional')!;
    const datasetBlock = root.querySelector<HTMLElement>('.sequence')!;
    // First, in the DOM and on screen.
    expect(block.parentElement!.firstElementChild).toBe(block);
    expect(block.getBoundingClientRect().bottom).toBeLessThanOrEqual(datasetBlock.getBoundingClientRect().top);

    const tokens = [...block.querySelectorAll<HTMLElement>('.ptoken')];
    expect(tokens).toHaveLength(data.sequenceLength(s));
    const differing = tokens.flatMap((token, i) => (token.classList.contains('differs') ? [i] : []));
    expect(differing).toEqual([t]);
    expect(tokens[t].textContent).toBe('awful');
    expect(tokens[t].title).toContain(`was \u2068${original}\u2069`);
    // Its colour is the palette's for the new (negative-side) expected prediction.
    const probe = document.createElement('span');
    probe.style.background = expectedScale(sequence.expected[2 * t + 1]);
    expect(tokens[t].style.background).toBe(probe.style.background);
    expect(getComputedStyle(tokens[t]).outlineStyle).toBe('solid'); // visibly marked

    const id = data.ids[s];
    expect(block.querySelector('.origin')!.textContent).toBe(
      `edited from Sequence ${id} · parts from ${id} at step ${t + 1} · prediction flips: positive -> negative`,
    );
    expect(block.querySelector('.classes')!.textContent).toMatch(/^predicted negative confidence 0\.\d\d$/);

    // Hovering its tokens with the pointer focuses nothing: they have no step in the dataset.
    const focus: number[] = [];
    bus.on('focus', (e) => focus.push(e.step));
    await moveTo(...centre(tokens[t]));
    await moveTo(...centre(tokens[0]));
    expect(focus).toEqual([]);
    expect(bus.focus).toBe(-1);

    bus.setProvisional(null, 'whatif');
    await nextFrame();
    expect(root.querySelector('.provisional')).toBeNull();
    expect(root.querySelectorAll('.sequence .token')).toHaveLength(data.sequenceLength(s));
  });
});
