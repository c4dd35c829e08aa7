import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { LinkBus } from '@statescope/bus';
import { StateDataset, loadDataset } from '@statescope/core';
import type { NeighborsView } from '@statescope/view-neighbors';
import '@statescope/view-neighbors/define';
import { centre, clickAt, moveTo, nextFrame } from '../../../test/browser/pointer.js';
import { expectNoSeriousViolations } from '../../../test/support/axe.js';

let demo: Promise<StateDataset> | null = null;
const imdb = () => (demo ??= loadDataset(new URL('../../../data/imdb.json', import.meta.url).href));

/** The first IMDB reviews, as a dataset of their own: a few hundred real LSTM states (exact index). */
async function smallImdb(minSteps = 400): Promise<StateDataset> {
  const data = await imdb();
  let count = 0;
  while (data.offsets[count] < minSteps) count++;
  const end = data.offsets[count];
  const layer = data.layer();
  const classCount = data.classCount;
  return new StateDataset({
    classes: data.classes,
    ids: data.ids.slice(0, count),
    tokens: Array.from({ length: count }, (_, s) => data.tokensOf(s)),
    labels: data.labels.slice(0, count),
    layers: [{ name: layer.name, dim: layer.dim, hidden: layer.hidden.slice(0, end * layer.dim) }],
    expectedPredictions: data.expectedPredictions.slice(0, end * classCount),
  });
}

/** The k nearest other states, by a plain scan over every state, ties by step. */
function bruteForce(data: StateDataset, step: number, k: number, metric: 'euclidean' | 'cosine') {
  const { hidden, dim } = data.layer();
  const q = hidden.subarray(step * dim, (step + 1) * dim);
  const distances: { step: number; d: number }[] = [];
  for (let i = 0; i < data.stepCount; i++) {
    if (i === step) continue;
    const row = hidden.subarray(i * dim, (i + 1) * dim);
    let dot = 0;
    let nr = 0;
    let nq = 0;
    let sq = 0;
    for (let j = 0; j < dim; j++) {
      dot += row[j] * q[j];
      nr += row[j] * row[j];
      nq += q[j] * q[j];
      sq += (row[j] - q[j]) ** 2;
    }
    distances.push({ step: i, d: metric === 'euclidean' ? Math.sqrt(sq) : 1 - dot / Math.sqrt(nr * nq) });
  }
  distances.sort((a, b) => a.d - b.d || a.step - b.step);
  return distances.slice(0, k);
}

async function mount(data: StateDataset, attributes: Record<string, string> = {}) {
  await page.viewport(1100, 900);
  const view = document.createElement('hs-neighbors') as NeighborsView;
  for (const [name, value] of Object.entries(attributes)) view.setAttribute(name, value);
  const bus = new LinkBus();
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  await nextFrame();
  const root = view.shadowRoot!;
  const rows = () => [...root.querySelectorAll<HTMLTableRowElement>('tbody tr')];
  /** The listed rows once the index is built and the list drawn for the anchor. */
  const listed = async (anchor: number) => {
    await vi.waitFor(
      () => {
        expect(view.anchorStep).toBe(anchor);
        expect(rows().length).toBeGreaterThan(0);
      },
      { timeout: 20_000 },
    );
    return rows();
  };
  return { view, bus, root, rows, listed };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-neighbors> in Chromium', () => {
  for (const metric of ['euclidean', 'cosine'] as const) {
    it(`lists exactly the exact ${metric} nearest states of the focused one`, async () => {
      const data = await smallImdb();
      expect(data.stepCount).toBeGreaterThan(300);
      const { view, bus, rows, listed } = await mount(data, { k: '12', metric });
      for (const step of [0, 57, data.stepCount - 1]) {
        const expected = bruteForce(data, step, 12, metric);
        bus.setFocus(step, 'map');
        await listed(step);
        // The drawn rows follow the new anchor in the next frame.
        await vi.waitFor(() => expect(rows().map((r) => Number(r.dataset.step))).toEqual(expected.map((e) => e.step)));
        const drawn = rows();
        expect(Array.from(view.neighbors!.steps)).toEqual(expected.map((e) => e.step));
        drawn.forEach((row, i) => {
          expect(Number(row.querySelector('.distance')!.textContent)).toBeCloseTo(expected[i].d, 3);
          expect(row.querySelector('mark')!.textContent).toBe(data.token(expected[i].step));
          expect(row.cells[1].textContent).toContain(data.ids[data.sequenceOf(expected[i].step)]);
        });
      }
    });
  }

  it('hovering a row focuses its state and keeps the list; clicking selects its sequence; axe finds nothing serious', async () => {
    const data = await smallImdb();
    const { view, bus, root, listed } = await mount(data);
    const anchor = data.offsets[2] + 5;
    bus.setFocus(anchor, 'map');
    const rows = await listed(anchor);
    const target = rows.find((r) => Number(r.dataset.sequence) !== 2) ?? rows[0];
    const step = Number(target.dataset.step);
    await moveTo(...centre(target.cells[2]));
    expect(bus.focus).toBe(step);
    await nextFrame();
    expect(view.anchorStep).toBe(anchor);
    expect(target.classList.contains('focused')).toBe(true);
    expect(root.querySelector('.anchor mark')!.textContent).toBe(data.token(anchor));
    await clickAt(...centre(target.cells[2]));
    expect(bus.activeSequence).toBe(data.sequenceOf(step));
    await nextFrame();
    expect(target.classList.contains('active')).toBe(true);
    // Leaving the list gives the focus back to the anchor.
    await moveTo(5, 890);
    expect(bus.focus).toBe(anchor);
    await expectNoSeriousViolations();
  });

  it('on the IMDB demo a token search brushes exactly the steps of that token, a regular expression likewise', async () => {
    const data = await imdb();
    const { view, bus, root } = await mount(data);
    const box = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    const status = root.querySelector('.search-status')!;
    const expect_ = (test: (token: string) => boolean) => {
      const steps: number[] = [];
      const sequences = new Set<number>();
      for (let t = 0; t < data.stepCount; t++) {
        if (test(data.token(t))) {
          steps.push(t);
          sequences.add(data.sequenceOf(t));
        }
      }
      return { steps, sequences: sequences.size };
    };

    await userEvent.fill(box, 'not');
    const not = expect_((t) => t.toLowerCase() === 'not');
    expect(not.steps.length).toBeGreaterThan(50);
    const clause = bus.clause(view.source)!;
    expect(Array.from(clause.steps.toArray())).toEqual(not.steps);
    expect(clause.value).toEqual({ kind: 'token-search', query: 'not' });
    expect(status.textContent).toBe(
      `${not.steps.length.toLocaleString('en')} steps in ${not.sequences.toLocaleString('en')} sequences`,
    );

    await userEvent.fill(box, '/^(bad|awful)$/');
    const bad = expect_((t) => /^(bad|awful)$/.test(t));
    expect(bad.steps.length).toBeGreaterThan(10);
    expect(Array.from(bus.clause(view.source)!.steps.toArray())).toEqual(bad.steps);

    await userEvent.fill(box, '/(bad/');
    expect(status.textContent).toMatch(/invalid regular expression/);
    expect(Array.from(bus.clause(view.source)!.steps.toArray())).toEqual(bad.steps);

    box.focus();
    await userEvent.keyboard('{Escape}');
    expect(box.value).toBe('');
    expect(bus.clause(view.source)).toBeNull();
  });
});
