// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { within } from '@testing-library/dom';
import { LinkBus } from '@statescope/bus';
import { StateDataset } from '@statescope/core';
import { tokenSearch } from '@statescope/view-neighbors';
import '@statescope/view-neighbors/define';
import { binaryReviews } from '../../../test/support/datasets.js';

const MARKUP = '<img src=x onerror=alert(1)>';

/** Two sequences, 2-D states; one token that looks like markup, one that differs only in case. */
function tiny(): StateDataset {
  return new StateDataset({
    classes: ['negative', 'positive'],
    ids: ['<b>s0</b>', 's1'],
    tokens: [
      ['it', 'is', MARKUP, 'not', 'good', 'at', 'all'],
      ['Not', 'bad', 'not', 'notable'],
    ],
    labels: [0, 1],
    layers: [
      {
        name: 'lstm',
        dim: 2,
        hidden: new Float32Array([0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 0, 1, 0, 2, 0, 3, 0, 4]),
      },
    ],
    expectedPredictions: new Float32Array([0.5, 0.4, 0.3, 0.2, 0.6, 0.7, 0.8, 0.5, 0.6, 0.7, 0.9]),
  });
}

function mount(data: StateDataset, attributes: Record<string, string> = {}) {
  const view = document.createElement('hs-neighbors');
  for (const [name, value] of Object.entries(attributes)) view.setAttribute(name, value);
  const bus = new LinkBus();
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  const root = view.shadowRoot!;
  const screen = () => (view.renderNow(), within(root as unknown as HTMLElement));
  /** The steps of the listed rows, once the index is built. */
  const rows = () => [...root.querySelectorAll<HTMLElement>('tbody tr')].map((r) => Number(r.dataset.step));
  const listed = async () => {
    await vi.waitFor(() => {
      view.renderNow();
      expect(root.querySelector('tbody tr')).not.toBeNull();
    });
    return rows();
  };
  return { view, bus, root, screen, rows, listed };
}

/** The k nearest other steps by plain Euclidean distance, ties by step. */
function bruteForce(data: StateDataset, step: number, k: number): number[] {
  const { hidden, dim } = data.layer();
  const d = (i: number) =>
    Math.hypot(...Array.from({ length: dim }, (_, j) => hidden[i * dim + j] - hidden[step * dim + j]));
  return Array.from({ length: data.stepCount }, (_, i) => i)
    .filter((i) => i !== step)
    .sort((a, b) => d(a) - d(b) || a - b)
    .slice(0, k);
}

afterEach(() => document.body.replaceChildren());

describe('<hs-neighbors> markup', () => {
  it('without a dataset says so; without a focus asks for one, with every control labelled', () => {
    const view = document.createElement('hs-neighbors');
    document.body.append(view);
    view.renderNow();
    expect(view.shadowRoot!.textContent).toContain('No dataset yet.');
    const { screen } = mount(tiny());
    const s = screen();
    expect(s.getByText(/Hover a state in another view/)).toBeTruthy();
    for (const name of ['Neighbours', 'Distance', 'Layer', 'Search tokens'])
      expect(s.getByLabelText(name)).toBeTruthy();
    expect((s.getByLabelText('Neighbours') as HTMLInputElement).value).toBe('10');
    expect((s.getByLabelText('Distance') as HTMLSelectElement).value).toBe('euclidean');
  });

  it('the controls show the attributes and set them', () => {
    const { view, screen } = mount(tiny(), { k: '3', metric: 'cosine' });
    const s = screen();
    const k = s.getByLabelText('Neighbours') as HTMLInputElement;
    expect(k.value).toBe('3');
    expect((s.getByLabelText('Distance') as HTMLSelectElement).value).toBe('cosine');
    k.value = '5';
    k.dispatchEvent(new Event('change'));
    expect(view.k).toBe(5);
    expect(view.getAttribute('k')).toBe('5');
    const metric = s.getByLabelText('Distance') as HTMLSelectElement;
    metric.selectedIndex = 0;
    metric.dispatchEvent(new Event('change'));
    expect(view.metric).toBe('euclidean');
    expect(() => (view.k = 101)).toThrow(RangeError);
  });

  it('lists the nearest other states of the focused one, the focused state on top, all data as text', async () => {
    const data = tiny();
    const { view, bus, root, listed } = mount(data, { k: '4', context: '2' });
    bus.setFocus(3, 'map');
    view.renderNow();
    expect(root.textContent).toContain('Indexing 11 states…');
    expect(await listed()).toEqual(bruteForce(data, 3, 4));
    expect(view.anchorStep).toBe(3);
    // The focused state heads the list: its token emphasised, two words either side.
    const anchor = root.querySelector('.anchor')!;
    expect(anchor.querySelector('mark')!.textContent).toBe('not');
    expect(anchor.querySelector('.before')!.textContent).toBe(`is ${MARKUP}`);
    expect(anchor.querySelector('.after')!.textContent).toBe('good at');
    expect(anchor.textContent).toContain('Nearest states of');
    // Markup in tokens and ids is text, never elements.
    expect(root.querySelector('img, b')).toBeNull();
    const row = root.querySelector<HTMLTableRowElement>(`tbody tr[data-step="2"]`)!;
    expect(row.querySelector('mark')!.textContent).toBe(MARKUP);
    expect(row.cells[1].textContent).toContain('<b>s0</b>');
    expect(row.cells[2].textContent).toBe('3');
    expect(row.cells[3].textContent).toBe('negative 0.70');
    expect(row.cells[4].textContent).toBe('1.000');
  });

  it('keeps the last focused state when the focus is cleared, and says so; its own hover keeps the anchor', async () => {
    const data = binaryReviews();
    const { view, bus, root, listed } = mount(data);
    bus.setFocus(1, 'map');
    const first = await listed();
    bus.setFocus(null, 'map');
    view.renderNow();
    expect(view.anchorStep).toBe(1);
    expect(root.querySelector('.anchor')!.textContent).toMatch(/^Last focused/);
    expect([...root.querySelectorAll<HTMLElement>('tbody tr')].map((r) => Number(r.dataset.step))).toEqual(first);
    // Hovering a row focuses its state on the bus; the list stays; leaving gives the focus back.
    const row = root.querySelectorAll<HTMLElement>('tbody tr')[2];
    row.querySelector('button')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(bus.focus).toBe(first[2]);
    view.renderNow();
    expect(view.anchorStep).toBe(1);
    expect(root.querySelector('tbody tr.focused')).toBe(row);
    root.querySelector('.list')!.dispatchEvent(new Event('pointerleave'));
    expect(bus.focus).toBe(-1);
  });

  it('a what-if text anchors the list at its last state (queried by its vector); a focus anchors again', async () => {
    const data = tiny();
    const { view, bus, root, listed } = mount(data, { k: '3' });
    // A what-if text whose last state is exactly (2.1, 0): nearest are steps 2, 3 and 1 of the data.
    const whatIf = {
      id: 'what-if',
      tokens: ['so', '<i>good</i>'],
      unknown: new Uint8Array(2),
      expected: new Float32Array([0.5, 0.5, 0.1, 0.9]),
      hidden: new Float32Array([9, 9, 2.1, 0]),
      coordinates: {},
      original: -1,
    };
    bus.setProvisional(whatIf, 'what-if');
    expect(await listed()).toEqual([2, 3, 1]);
    expect(view.anchorWhatIf).toBe(1);
    expect(view.anchorStep).toBe(-1);
    const line = root.querySelector('[part="anchor"]')!;
    expect(line.textContent).toContain('<i>good</i>'); // as text
    expect(line.querySelector('i')).toBeNull();
    expect(line.textContent).toContain('the what-if text, step 2, positive 0.90');
    // A dataset state focused: anchored there; clearing the what-if text keeps that anchor.
    bus.setFocus(7, 'map');
    expect(await listed()).toEqual(bruteForce(data, 7, 3));
    bus.setProvisional(null, 'what-if');
    view.renderNow();
    expect(view.anchorStep).toBe(7);
    // A what-if anchor goes with its text: back to the focused state, else to nothing.
    bus.setProvisional(whatIf, 'what-if');
    view.renderNow();
    expect(view.anchorWhatIf).toBe(1);
    bus.setProvisional(null, 'what-if');
    view.renderNow();
    expect([view.anchorWhatIf, view.anchorStep]).toEqual([-1, 7]);
    bus.setFocus(null, 'map');
    bus.setProvisional(whatIf, 'what-if');
    view.renderNow();
    bus.setProvisional(null, 'what-if');
    view.renderNow();
    expect([view.anchorWhatIf, view.anchorStep]).toEqual([-1, -1]);
    expect(root.textContent).toContain('Hover a state in another view');
  });

  it('a click selects the row’s sequence; with Ctrl it toggles it in the comparison', async () => {
    const data = binaryReviews();
    const { bus, root, listed } = mount(data);
    bus.setFocus(1, 'map');
    await listed();
    const rows = [...root.querySelectorAll<HTMLElement>('tbody tr')];
    const other = rows.find((r) => Number(r.dataset.sequence) !== 0)!;
    other.querySelector('button')!.click();
    expect(bus.activeSequence).toBe(Number(other.dataset.sequence));
    rows[0].dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    expect([...bus.selectedSequences].sort()).toEqual(
      [Number(other.dataset.sequence), Number(rows[0].dataset.sequence)].sort(),
    );
  });

  it('a word brushes every step of that token in any case; the count is shown; Esc clears it', () => {
    const data = tiny();
    const { view, bus, root, screen } = mount(data);
    const box = screen().getByLabelText('Search tokens') as HTMLInputElement;
    box.value = 'NOT';
    box.dispatchEvent(new Event('input'));
    const clause = bus.clause(view.source)!;
    expect(Array.from(clause.steps.toArray())).toEqual([3, 7, 9]);
    expect(clause.value).toEqual({ kind: 'token-search', query: 'NOT' });
    expect(root.querySelector('.search-status')!.textContent).toBe('3 steps in 2 sequences');
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(box.value).toBe('');
    expect(bus.clause(view.source)).toBeNull();
    expect(root.querySelector('.search-status')!.textContent).toBe('');
  });

  it('an invalid regular expression is an inline error and publishes nothing', () => {
    const data = tiny();
    const { view, bus, root, screen } = mount(data);
    view.searchTokens('/^not/');
    expect(Array.from(bus.clause(view.source)!.steps.toArray())).toEqual([3, 9, 10]); // "notable" too, not "Not": as written
    const box = screen().getByLabelText('Search tokens') as HTMLInputElement;
    box.value = '/(not/';
    box.dispatchEvent(new Event('input'));
    const status = root.querySelector('.search-status')!;
    expect(status.textContent).toMatch(/^Nothing searched: invalid regular expression \/\(not\/: /);
    expect(status.classList.contains('error')).toBe(true);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    // The bus keeps what it had: nothing was published.
    expect(Array.from(bus.clause(view.source)!.steps.toArray())).toEqual([3, 9, 10]); // unchanged
    view.searchTokens('/unfinished');
    expect(view.searchError).toMatch(/ends with \//);
    view.searchTokens('zebra');
    expect(bus.clause(view.source)).toBeNull();
    expect(status.textContent).toBe('No token matches; nothing brushed.');
  });

  it('a restored clause puts its query back into the box', () => {
    const data = tiny();
    const { view, bus, screen } = mount(data);
    const { steps } = tokenSearch(data, 'bad');
    bus.brush(view.source, steps, { kind: 'token-search', query: 'bad' });
    const s = screen();
    expect((s.getByLabelText('Search tokens') as HTMLInputElement).value).toBe('bad');
    expect(s.getByText('1 step in 1 sequence')).toBeTruthy();
  });

  it('marks rows of the active sequence, inside other views’ brushes, faded by filters; swatches follow the colour mode', async () => {
    const data = binaryReviews();
    const { view, bus, root, listed } = mount(data);
    bus.setFocus(1, 'map');
    const steps = await listed();
    const target = steps[0];
    const sequence = data.sequenceOf(target);
    bus.selectSequence(sequence, 'table');
    const { StepSet } = await import('@statescope/core');
    bus.brush('map', StepSet.of(data.stepCount, [target]), null);
    bus.setFilters({ fadeWrong: true }, 'overview');
    view.renderNow();
    const row = root.querySelector<HTMLTableRowElement>(`tbody tr[data-step="${target}"]`)!;
    expect(row.classList.contains('active')).toBe(true);
    expect(row.classList.contains('brushed')).toBe(true);
    expect(row.cells[1].textContent).toContain('active');
    const wrong = data.correctness();
    for (const r of root.querySelectorAll<HTMLElement>('tbody tr'))
      expect(r.classList.contains('faded')).toBe(!wrong[Number(r.dataset.sequence)]);
    const swatch = () => row.querySelector<HTMLElement>('.swatch')!.style.background;
    const expected = swatch();
    bus.setOptions({ colorMode: 'true' }, 'overview');
    view.renderNow();
    expect(swatch()).not.toBe(expected);
  });
});

describe('<hs-neighbors> joining late', () => {
  it('a focus already on the bus before the dataset arrives is listed once it does', async () => {
    const data = binaryReviews();
    const view = document.createElement('hs-neighbors');
    const bus = new LinkBus();
    view.bus = bus;
    document.body.append(view);
    bus.setFocus(4, 'map');
    view.data = data;
    await vi.waitFor(() => {
      view.renderNow();
      expect(view.anchorStep).toBe(4);
      expect(view.shadowRoot!.querySelectorAll('tbody tr')).toHaveLength(data.stepCount - 1);
    });
  });
});
