// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '@statescope/view-overview/define';
import { binaryReviews, threeTopics } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';

function mount(data = threeTopics()) {
  return mountView('hs-overview', data, { width: '360' });
}

afterEach(() => document.body.replaceChildren());

describe('<hs-overview>', () => {
  it('states the counts and the accuracy recomputed from the predictions', () => {
    const { screen } = mount(binaryReviews());
    expect(screen().getByText('3')).toBeTruthy(); // sequences
    expect(screen().getByText('9')).toBeTruthy(); // hidden states
    expect(screen().getByText('66.7 %')).toBeTruthy(); // r2 is wrong
    // The layer's name is data: in a <bdi> of its own, apart from the unit count.
    const layers = screen().getByText(
      (_, element) => element?.localName === 'dd' && element.textContent === 'lstm (2 units)',
    );
    expect(layers.querySelector('bdi')!.textContent).toBe('lstm');
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
});
