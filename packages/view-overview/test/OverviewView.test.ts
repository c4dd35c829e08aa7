// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { within } from '@testing-library/dom';
import { StateDataset, StepSet } from '@statescope/core';
import '@statescope/view-overview/define';
import { binaryReviews, threeTopics } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';

function mount(data = threeTopics()) {
  return mountView('hs-overview', data, { width: '360' });
}

/** The facts list as [term, description] pairs. */
function facts(screen: () => ReturnType<typeof within>): [string, string][] {
  const terms: HTMLElement[] = screen().getAllByRole('term');
  return terms.map((dt) => [dt.textContent!, dt.nextElementSibling!.textContent!]);
}

/** binaryReviews with the metadata a producer wrote. */
function withMetadata(metadata: Record<string, unknown>): StateDataset {
  const data = binaryReviews();
  return new StateDataset({
    classes: data.classes,
    ids: [...data.ids],
    tokens: Array.from({ length: data.sequenceCount }, (_, s) => data.tokensOf(s)),
    labels: data.labels,
    layers: data.layers,
    expectedPredictions: data.expectedPredictions,
    metadata,
  });
}

afterEach(() => document.body.replaceChildren());

describe('<hs-overview>', () => {
  it('states the counts and the accuracy recomputed from the predictions', () => {
    const { screen } = mount(binaryReviews());
    expect(screen().getByText('3')).toBeTruthy(); // sequences
    expect(screen().getByText('9')).toBeTruthy(); // hidden states
    expect(facts(screen)).toContainEqual(['accuracy on these 3 sequences', '66.7 %']); // r2 is wrong
    // No stated accuracy in the metadata: no line for it.
    expect(facts(screen).map(([term]) => term)).not.toContain('stated by the producer');
    // The layer's name is data: in a <bdi> of its own, apart from the unit count.
    const layers = screen().getByText(
      (_, element) => element?.localName === 'dd' && element.textContent === 'lstm (2 units)',
    );
    expect(layers.querySelector('bdi')!.textContent).toBe('lstm');
  });

  it("says what each accuracy is: on these sequences, and the producer's with its scope from the metadata", () => {
    const { screen } = mount(withMetadata({ accuracy: 0.854, accuracyScope: 'whole test split: 854 of 1000 correct' }));
    expect(facts(screen).slice(-2)).toEqual([
      ['accuracy on these 3 sequences', '66.7 %'],
      ['stated by the producer', '85.4 % (whole test split: 854 of 1000 correct)'],
    ]);
    // The scope is the producer's text: isolated as data.
    const stated = screen().getByText('stated by the producer').nextElementSibling!;
    expect(stated.querySelector('bdi')!.textContent).toBe('whole test split: 854 of 1000 correct');
  });

  it('a stated accuracy without a scope says that the metadata does not name its data', () => {
    const { screen } = mount(withMetadata({ accuracy: 0.9 }));
    expect(facts(screen)).toContainEqual([
      'stated by the producer',
      '90.0 % (the metadata does not say on which data)',
    ]);
  });

  it('draws correct and misclassified bars per true class', () => {
    const { screen } = mount();
    expect(
      screen()
        .getAllByRole('listitem')
        .map((i) => i.getAttribute('aria-label')),
    ).toEqual([
      'earn: 0 correct, 0 misclassified of 0',
      'acq: 0 correct, 1 misclassified of 1',
      'crude: 1 correct, 0 misclassified of 1',
    ]);
  });

  it('a confusion matrix cell selects its sequences, and says so in one event naming them all', () => {
    const { view, bus, screen } = mount();
    const events: unknown[] = [];
    view.addEventListener('hs-select', (event) => events.push(event.detail));
    const cell = screen().getByRole('gridcell', { name: 'true acq, predicted earn: 1 sequences' });
    cell.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect([bus.activeSequence, Array.from(bus.selectedSequences)]).toEqual([1, [1]]);
    expect(events).toEqual([{ sequence: 1, mode: 'replace', sequences: [1] }]);
    expect(screen().getAllByRole('gridcell')).toHaveLength(9);
    expect(screen().getByRole('gridcell', { name: 'true crude, predicted crude: 1 sequences' })).toBeTruthy();
  });

  it('checkboxes fade correct or misclassified sequences and choose the classes shown', () => {
    const { view, bus, screen } = mount();
    const filters: unknown[] = [];
    view.addEventListener('hs-filter', (event) => filters.push(event.detail.filters));
    const box = (name: string) => screen().getByRole('checkbox', { name }) as HTMLInputElement;
    box('fade misclassified').click();
    expect(bus.filters.fadeWrong).toBe(true);
    expect(filters).toEqual([{ fadeCorrect: false, fadeWrong: true, classes: null }]);
    box('earn').click();
    expect(bus.filters.classes).toEqual([1, 2]);
    box('acq').click();
    expect(bus.filters.classes).toEqual([2]);
    box('earn').click();
    box('acq').click();
    expect(bus.filters.classes).toBeNull();
    bus.setFilters({ fadeCorrect: true }, 'table');
    expect(box('fade correct').checked).toBe(true);
  });

  // binaryReviews: r0 true positive, predicted positive (cell 3); r1 negative, negative (cell 0);
  // r2 negative, predicted positive (cell 1). Steps: r0 0-3, r1 4-5, r2 6-8.
  const cellClasses = (view: HTMLElement, name: string) =>
    [...view.shadowRoot!.querySelectorAll('g.cell')].flatMap((cell, i) => (cell.classList.contains(name) ? [i] : []));

  it('marks the cells of the focused and the active sequence, and counts compared sequences per cell', () => {
    const { view, bus, screen } = mount(binaryReviews());
    bus.setFocus(7, 'map');
    bus.setSelection([0, 1, 2], 'table', 1);
    screen();
    expect(cellClasses(view, 'focused')).toEqual([1]);
    expect(cellClasses(view, 'active')).toEqual([0]);
    expect(cellClasses(view, 'has-selected')).toEqual([0, 1, 3]);
    expect(
      screen().getByRole('gridcell', { name: 'true negative, predicted positive: 1 sequences, 1 selected' }),
    ).toBeTruthy();
    bus.setFocus(null, 'map');
    bus.selectSequence(0, 'table');
    screen();
    expect(cellClasses(view, 'focused')).toEqual([]);
    expect(cellClasses(view, 'active')).toEqual([3]);
    expect(cellClasses(view, 'has-selected')).toEqual([]);
  });

  it('counts the sequences other views brush per class and per cell, by predicted class in colour mode predicted', () => {
    const { view, bus, screen } = mount(binaryReviews());
    const brushCounts = () => [...view.shadowRoot!.querySelectorAll('.brush-count')].map((t) => t.textContent);
    const cellCounts = () => [...view.shadowRoot!.querySelectorAll('.brushed-count')].map((t) => t.textContent);
    bus.brush('map', StepSet.of(9, [1, 7])); // r0 and r2
    screen();
    expect(brushCounts()).toEqual([' · 1 of 2 brushed', ' · 1 of 1 brushed']);
    expect(cellCounts()).toEqual(['0 / 1', '1 / 1', '0 / 0', '1 / 1']);
    bus.setOptions({ colorMode: 'predicted' }, 'map');
    expect(screen().getByText('Correct and misclassified per predicted class')).toBeTruthy();
    expect(brushCounts()).toEqual([' · 0 of 1 brushed', ' · 2 of 2 brushed']);
    bus.brush('map', null);
    screen();
    expect(brushCounts()).toEqual(['', '']);
    expect(cellCounts()).toEqual(['', '', '', '']);
  });

  it('greys hidden classes and fades the cells the filters fade', () => {
    const { view, bus, screen } = mount(binaryReviews());
    bus.setFilters({ classes: [0], fadeCorrect: true }, 'dashboard');
    const box = (name: string) => screen().getByRole('checkbox', { name }) as HTMLInputElement;
    expect([box('negative').checked, box('positive').checked, box('fade correct').checked]).toEqual([
      true,
      false,
      true,
    ]);
    expect(cellClasses(view, 'hidden')).toEqual([2, 3]);
    expect(cellClasses(view, 'faded')).toEqual([0]);
    expect(
      screen()
        .getAllByRole('listitem')
        .map((row) => row.classList.contains('hidden')),
    ).toEqual([false, true]);
  });
});
