// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ProvisionalSequence } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import { classColor, classIntensityColor, expectedScale } from '@statescope/view-base';
import '@statescope/view-sequence/define';
import { binaryReviews, threeTopics } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';

/** A provisional sequence copied from `data`'s sequence `s`, then changed at `edits` (position -> token and expected row). */
function editedFrom(
  data: StateDataset,
  s: number,
  edits: Record<number, { token: string; row: number[] }> = {},
  options: Partial<ProvisionalSequence> = {},
): ProvisionalSequence {
  const first = data.offsets[s];
  const length = data.sequenceLength(s);
  const k = data.classCount;
  const dim = data.layer().dim;
  const tokens = data.tokensOf(s);
  const expected = data.expectedPredictions.slice(first * k, (first + length) * k);
  for (const [t, edit] of Object.entries(edits)) {
    tokens[Number(t)] = edit.token;
    expected.set(edit.row, Number(t) * k);
  }
  return {
    id: 'what-if',
    tokens,
    unknown: new Uint8Array(length),
    expected,
    hidden: data.layer().hidden.slice(first * dim, (first + length) * dim),
    coordinates: {},
    original: s,
    ...options,
  };
}

/** A CSS colour as the browser writes it back, so that hex and rgb() spellings compare equal. */
function normalised(color: string): string {
  const probe = document.createElement('span');
  probe.style.background = color;
  return probe.style.background;
}

function mount(data = binaryReviews(), attributes: Record<string, string> = {}) {
  const mounted = mountView('hs-sequence', data, attributes);
  const root = mounted.view.shadowRoot!;
  const block = () => (mounted.view.renderNow(), root.querySelector<HTMLElement>('.provisional'));
  const tokens = () => [...(block()?.querySelectorAll<HTMLElement>('.ptoken') ?? [])];
  return { ...mounted, root, block, tokens };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-sequence> with a provisional (what-if) sequence', () => {
  it('draws it first, above the active sequence, headed by its id and final prediction', () => {
    const { bus, root, block, tokens } = mount();
    bus.selectSequence(1, 'table');
    const data = binaryReviews();
    bus.setProvisional(editedFrom(data, 0, {}, { original: -1 }), 'whatif');
    const stack = [...block()!.parentElement!.children];
    expect(stack.map((b) => b.className)).toEqual(['provisional', 'sequence']);
    expect(block()!.querySelector('.id')!.textContent).toBe('what-if');
    // r0's last step: p(positive) 0.95
    expect(block()!.querySelector('.classes')!.textContent).toBe('predicted positive confidence 0.95');
    expect(tokens().map((t) => t.textContent)).toEqual(['a', 'fine', 'film', '.']);
    expect(block()!.querySelector('.origin')).toBeNull(); // not edited from a dataset sequence
    // The dataset's sequence is still drawn, unchanged, under it.
    expect(root.querySelector('.sequence [role="group"]')!.getAttribute('aria-label')).toBe('Tokens of sequence r1');
  });

  it('shows it alone when nothing is selected, and removes it when cleared', () => {
    const { bus, view, block, root } = mount();
    bus.setProvisional(editedFrom(binaryReviews(), 2), 'whatif');
    expect(block()).not.toBeNull();
    expect(root.querySelector('.empty')).toBeNull();
    const drawnTokens = [...block()!.querySelectorAll('.ptoken')];
    bus.setFocus(3, 'map'); // a dataset step hovered elsewhere: nothing of the block is redrawn
    expect([...block()!.querySelectorAll('.ptoken')].every((t, i) => t === drawnTokens[i])).toBe(true);
    bus.setProvisional(null, 'whatif');
    expect(block()).toBeNull();
    expect(root.querySelector('.empty')!.textContent).toMatch(/Select a sequence/);
    bus.selectSequence(0, 'table');
    bus.setProvisional(editedFrom(binaryReviews(), 2), 'whatif');
    view.renderNow();
    bus.setProvisional(null, 'whatif');
    expect(block()).toBeNull();
    expect(root.querySelectorAll('.sequence')).toHaveLength(1);
  });

  it('colours each token by its expected prediction, as the palette does, in every colour mode', () => {
    const { bus, view, tokens } = mount();
    const p = [0.05, 0.3, 0.5, 0.72, 0.99];
    const expected = Float32Array.from(p.flatMap((q) => [1 - q, q]));
    bus.setProvisional(
      {
        id: 'typed',
        tokens: ['v', 'w', 'x', 'y', 'z'],
        unknown: new Uint8Array(5),
        expected,
        hidden: new Float32Array(10),
        coordinates: {},
        original: -1,
      },
      'whatif',
    );
    expect(tokens().map((t) => t.style.background)).toEqual(
      Array.from(
        expected.filter((_, i) => i % 2 === 1),
        (q) => normalised(expectedScale(q)),
      ),
    );
    bus.setOptions({ colorMode: 'predicted' }, 'controls');
    expect(tokens().map((t) => t.style.background)).toEqual([0, 0, 0, 1, 1].map((c) => normalised(classColor(c))));
    view.colorMode = 'true'; // no true class: the predicted one's colour
    expect(tokens().map((t) => t.style.background)).toEqual([0, 0, 0, 1, 1].map((c) => normalised(classColor(c))));
  });

  it('colours multi-class tokens by the most likely class, paler when unsure', () => {
    const data = threeTopics();
    const { bus, tokens, block } = mount(data);
    bus.setProvisional(editedFrom(data, 0, { 1: { token: 'shares', row: [0.1, 0.8, 0.1] } }), 'whatif');
    // d0's rows: crude .4 (earn), then acq .8 (the edit), then crude .9
    expect(tokens().map((t) => t.style.background)).toEqual([
      normalised(classIntensityColor(0, 0.4, 3)),
      normalised(classIntensityColor(1, 0.8, 3)),
      normalised(classIntensityColor(2, 0.9, 3)),
    ]);
    expect(tokens()[1].title).toContain('acq\u2069 0.80');
    expect(block()!.querySelector('.origin')!.textContent).toBe(
      'edited from Sequence d0 · parts from d0 at step 2 · same prediction: crude',
    );
  });

  it('marks the tokens the vocabulary lacks', () => {
    const { bus, tokens } = mount();
    const sequence = editedFrom(binaryReviews(), 0, {}, { unknown: Uint8Array.of(0, 1, 0, 1) });
    bus.setProvisional(sequence, 'whatif');
    expect(tokens().map((t) => t.classList.contains('unknown'))).toEqual([false, true, false, true]);
    expect(tokens()[1].title).toContain("not in the model's vocabulary");
    expect(tokens()[0].title).not.toContain('vocabulary');
  });

  it('says where an edit parts from its original and whether the prediction flips', () => {
    const data = binaryReviews();
    const { bus, tokens, block } = mount(data);
    // r0 "a fine film ." (positive, 0.95) with "fine" -> "dull" and the rest turned negative.
    bus.setProvisional(
      editedFrom(data, 0, {
        1: { token: 'dull', row: [0.9, 0.1] },
        2: { token: 'film', row: [0.8, 0.2] },
        3: { token: '.', row: [0.7, 0.3] },
      }),
      'whatif',
    );
    const origin = () => block()!.querySelector('.origin')!.textContent;
    expect(origin()).toBe('edited from Sequence r0 · parts from r0 at step 2 · prediction flips: positive -> negative');
    expect(tokens().map((t) => t.classList.contains('differs'))).toEqual([false, true, false, false]);
    expect(tokens().map((t) => t.classList.contains('parting'))).toEqual([false, true, false, false]);
    expect(tokens()[1].title).toContain('was \u2068fine\u2069 in \u2068r0\u2069');
    expect(block()!.querySelector('.classes')!.textContent).toBe('predicted negative confidence 0.70');

    // The same tokens, the same prediction.
    bus.setProvisional(editedFrom(data, 0), 'whatif');
    expect(origin()).toBe('edited from Sequence r0 · same tokens as r0 · same prediction: positive');
    expect(tokens().some((t) => t.classList.contains('differs'))).toBe(false);

    // Words added after the end differ; a shortened copy parts where it ends.
    const longer = editedFrom(data, 1);
    bus.setProvisional(
      {
        ...longer,
        tokens: [...longer.tokens, 'at', 'all'],
        unknown: new Uint8Array(4),
        expected: Float32Array.of(...longer.expected, 0.6, 0.4, 0.3, 0.7),
        hidden: new Float32Array(8),
      },
      'whatif',
    );
    expect(origin()).toBe('edited from Sequence r1 · parts from r1 at step 3 · prediction flips: negative -> positive');
    expect(tokens().map((t) => t.classList.contains('differs'))).toEqual([false, false, true, true]);
    const shorter = editedFrom(data, 0);
    bus.setProvisional(
      {
        ...shorter,
        tokens: ['a', 'fine'],
        unknown: new Uint8Array(2),
        expected: shorter.expected.slice(0, 4),
        hidden: new Float32Array(4),
      },
      'whatif',
    );
    expect(origin()).toBe(
      'edited from Sequence r0 · parts from r0 at step 3 (the edit ends after step 2) · same prediction: positive',
    );
  });

  it('shows the expected prediction on hover and publishes nothing on the bus', () => {
    const { bus, tokens } = mount();
    bus.selectSequence(1, 'table');
    bus.setFocus(4, 'map');
    bus.setProvisional(editedFrom(binaryReviews(), 0), 'whatif');
    const events: string[] = [];
    for (const type of ['focus', 'selection', 'brush'] as const) bus.on(type, () => events.push(type));
    const fine = tokens()[1];
    expect(fine.title).toBe('\u2068fine\u2069, step 2 of 4, p(\u2068positive\u2069) 0.80');
    fine.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    fine.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    fine.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(events).toEqual([]);
    expect(bus.focus).toBe(4);
    expect(fine.tabIndex).toBe(-1); // not a tab stop: the roving one stays on the dataset's tokens
  });

  it("redraws only its own block when it changes, leaving the dataset's tokens as they were", () => {
    const { bus, root, tokens } = mount();
    bus.selectSequence(0, 'table');
    bus.setProvisional(editedFrom(binaryReviews(), 0), 'whatif');
    tokens();
    const before = [...root.querySelectorAll('.token')];
    bus.setProvisional(editedFrom(binaryReviews(), 2), 'whatif');
    expect(tokens().map((t) => t.textContent)).toEqual(['dull', 'but', 'fun']);
    const after = [...root.querySelectorAll('.token')];
    expect(after.length === before.length && after.every((t, i) => t === before[i])).toBe(true); // the same elements
  });

  it('sets text from data as text, never as HTML', () => {
    const { bus, block, tokens } = mount();
    bus.setProvisional(
      editedFrom(
        binaryReviews(),
        1,
        { 0: { token: '<img src=x onerror=alert(1)>', row: [0.5, 0.5] } },
        { id: '<b>w</b>' },
      ),
      'whatif',
    );
    expect(block()!.querySelector('img, b')).toBeNull();
    expect(block()!.querySelector('.id')!.textContent).toBe('<b>w</b>');
    expect(tokens()[0].textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('names the field when the sequence does not fit the dataset', () => {
    const { bus, block, tokens } = mount();
    bus.setProvisional(
      {
        id: 'other model',
        tokens: ['x', 'y'],
        unknown: new Uint8Array(2),
        expected: new Float32Array(6).fill(1 / 3),
        hidden: new Float32Array(4),
        coordinates: {},
        original: -1,
      },
      'whatif',
    );
    expect(block()!.textContent).toContain('provisional.expected: 3 values per token, but the dataset has 2 classes');
    expect(tokens()).toHaveLength(0);
    bus.setProvisional(editedFrom(binaryReviews(), 0, {}, { original: 7 }), 'whatif');
    expect(block()!.textContent).toContain('provisional.original: 7 is not a sequence of the dataset');
  });
});
