// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProvisionalSequence } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import { classColor, classIntensityColor, expectedScale } from '@statescope/view-base';
import '@statescope/view-heatmap/define';
import { binaryReviews, threeTopics } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';

/** A provisional sequence of the given tokens and expected rows (hidden states zero). */
function provisional(data: StateDataset, tokens: string[], expected: number[], id = 'what-if'): ProvisionalSequence {
  return {
    id,
    tokens,
    unknown: new Uint8Array(tokens.length),
    expected: Float32Array.from(expected),
    hidden: new Float32Array(tokens.length * data.layer().dim),
    coordinates: {},
    original: -1,
  };
}

/** A CSS colour as the browser writes it back, so that hex and rgb() spellings compare equal. */
function normalised(color: string): string {
  const probe = document.createElement('span');
  probe.style.background = color;
  return probe.style.background;
}

function mount(data = binaryReviews(), attributes: Record<string, string> = {}) {
  const mounted = mountView('hs-heatmap', data, { width: '640', ...attributes });
  const root = mounted.view.shadowRoot!;
  const blocks = () => (mounted.view.renderNow(), [...root.querySelectorAll<HTMLElement>('div.block')]);
  const block = () => blocks().find((b) => b.classList.contains('provisional')) ?? null;
  /** The provisional block's cells, row by row. */
  const cells = () =>
    [...(block()?.querySelectorAll('g.row') ?? [])].map((row) => [
      ...row.querySelectorAll<SVGRectElement>('rect.cell'),
    ]);
  return { ...mounted, root, blocks, block, cells };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-heatmap> with a provisional (what-if) sequence', () => {
  it('draws it as the first block, headed by its id, a cell per step and class plus the summary', () => {
    const { bus, blocks, block, cells } = mount();
    bus.selectSequence(1, 'table');
    const data = binaryReviews();
    bus.setProvisional(provisional(data, ['very', 'good', 'film'], [0.4, 0.6, 0.1, 0.9, 0.7, 0.3]), 'whatif');
    expect(blocks()).toHaveLength(2);
    expect(blocks()[0]).toBe(block());
    expect(block()!.querySelector('.heading .id')!.textContent).toBe('what-if');
    const rows = cells();
    expect(rows.map((r) => r.length)).toEqual([3, 3, 3]);
    // The summary: the diverging scale of p(positive), step by step.
    expect(rows[2].map((c) => normalised(c.getAttribute('fill')!))).toEqual(
      Array.from(Float32Array.of(0.6, 0.9, 0.3), (p) => normalised(expectedScale(p))),
    );
    // The class rows grow darker with their probability: the positive row's darkest cell is step 2's.
    expect(rows[1][1].getAttribute('aria-label')).toBe('step 2 "good": positive 0.90');
    expect(rows[0][2].getAttribute('aria-label')).toBe('step 3 "film": negative 0.70');
    expect(rows[1][1].getAttribute('fill')).not.toBe(rows[1][0].getAttribute('fill'));
  });

  it('colours a multi-class summary by the most probable class, or its class colour in predicted mode', () => {
    const data = threeTopics();
    const { bus, cells, view } = mount(data);
    bus.setProvisional(provisional(data, ['gold', 'rises'], [0.2, 0.1, 0.7, 0.5, 0.4, 0.1]), 'whatif');
    const summary = () => cells()[3].map((c) => normalised(c.getAttribute('fill')!));
    expect(cells()).toHaveLength(4);
    const [p2, p0] = Float32Array.of(0.7, 0.5);
    expect(summary()).toEqual([classIntensityColor(2, p2, 3), classIntensityColor(0, p0, 3)].map(normalised));
    bus.setOptions({ colorMode: 'predicted' }, 'test');
    view.renderNow();
    expect(summary()).toEqual([classColor(2), classColor(0)].map(normalised));
  });

  it('shows it alone when nothing is selected, and its id and tokens as text, not HTML', () => {
    const { bus, block, root, cells } = mount();
    const data = binaryReviews();
    bus.setProvisional(provisional(data, ['<b>x</b>'], [0.3, 0.7], '<img src=x>'), 'whatif');
    expect(block()!.querySelector('.heading .id')!.textContent).toBe('<img src=x>');
    expect(root.querySelector('img, b')).toBeNull();
    expect(cells()[1][0].getAttribute('aria-label')).toBe('step 1 "<b>x</b>": positive 0.70');
  });

  it('is removed when the bus clears it, leaving the dataset blocks as they were', () => {
    const { bus, blocks, block } = mount();
    bus.selectSequence(0, 'table');
    const data = binaryReviews();
    bus.setProvisional(provisional(data, ['a', 'b'], [0.5, 0.5, 0.2, 0.8]), 'whatif');
    const dataset = blocks()[1];
    expect(dataset.classList.contains('provisional')).toBe(false);
    const datasetCells = [...dataset.querySelectorAll('rect.cell')];
    const fills = datasetCells.map((c) => c.getAttribute('fill'));
    bus.setProvisional(null, 'whatif');
    expect(block()).toBeNull();
    expect(blocks()).toEqual([dataset]); // the same element: only the provisional block went
    expect([...dataset.querySelectorAll('rect.cell')]).toEqual(datasetCells);
    expect(datasetCells.map((c) => c.getAttribute('fill'))).toEqual(fills);
    // The chart's one tab stop, which was in the provisional block, is on a drawn cell again.
    expect(dataset.querySelectorAll('rect.cell[tabindex="0"]')).toHaveLength(1);
    // Nothing selected and nothing provisional: the prompt again.
    bus.setProvisional(provisional(data, ['a'], [0.5, 0.5]), 'whatif');
    bus.clearSelection('table');
    expect(block()).not.toBeNull();
    bus.setProvisional(null, 'whatif');
    expect(blocks()).toHaveLength(0);
    expect(block()).toBeNull();
  });

  it('a provisional change redraws only its block', () => {
    const { bus, blocks } = mount();
    bus.selectSequence(2, 'table');
    blocks();
    const dataset = blocks()[0];
    const cell = dataset.querySelector('rect.cell')!;
    const data = binaryReviews();
    bus.setProvisional(provisional(data, ['a', 'b'], [0.5, 0.5, 0.2, 0.8]), 'whatif');
    expect(blocks()[1]).toBe(dataset);
    expect(dataset.querySelector('rect.cell')).toBe(cell);
  });

  it('hovering or keyboard-focusing its cells publishes nothing on the bus', () => {
    const { bus, block, cells, view } = mount();
    bus.selectSequence(0, 'table');
    const data = binaryReviews();
    bus.setProvisional(provisional(data, ['a', 'b'], [0.5, 0.5, 0.2, 0.8]), 'whatif');
    block();
    const published = vi.fn();
    bus.on('focus', published);
    bus.on('selection', published);
    const cell = cells()[0][1];
    cell.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: 300 }));
    cell.focus();
    cell.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    view.renderNow();
    expect(published).not.toHaveBeenCalled();
    // A dataset cell still focuses its step.
    const datasetCell = view.shadowRoot!.querySelector<SVGRectElement>('div.block:not(.provisional) rect.cell')!;
    datasetCell.focus();
    expect(published).toHaveBeenCalled();
  });

  it('is left out in aggregate mode', () => {
    const { bus, blocks, block } = mount(binaryReviews(), { mode: 'aggregate' });
    bus.setProvisional(provisional(binaryReviews(), ['a'], [0.5, 0.5]), 'whatif');
    expect(block()).toBeNull();
    expect(blocks()).toHaveLength(1);
  });
});
