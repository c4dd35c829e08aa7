// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { LinkBus, type ProvisionalSequence } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import { ProjectionView } from '@statescope/view-projection';
import '@statescope/view-projection/define';
import { syntheticDataset } from './syntheticDataset.js';

afterEach(() => document.body.replaceChildren());

/** A provisional copy of a dataset sequence: its tokens, rows and its coordinates on the named maps. */
function copyOf(data: StateDataset, sequence: number, maps: string[], edit: Partial<ProvisionalSequence> = {}) {
  const start = data.offsets[sequence];
  const end = data.offsets[sequence + 1];
  const { hidden, dim } = data.layer();
  const coordinates: Record<string, Float32Array> = {};
  for (const name of maps) coordinates[name] = data.projection(name)!.slice(2 * start, 2 * end);
  return {
    id: 'what-if',
    tokens: Array.from({ length: end - start }, (_, k) => data.token(start + k)),
    unknown: new Uint8Array(end - start),
    expected: data.expectedPredictions.slice(start * data.classCount, end * data.classCount),
    hidden: hidden.slice(start * dim, end * dim),
    coordinates,
    original: -1,
    ...edit,
  } satisfies ProvisionalSequence;
}

function mount(data: StateDataset) {
  const bus = new LinkBus();
  const view = document.body.appendChild(new ProjectionView());
  view.bus = bus;
  view.data = data;
  view.renderNow();
  const layer = view.shadowRoot!.querySelector('g.provisional')!;
  return { view, bus, layer };
}

describe('<hs-projection> draws the provisional sequence', () => {
  it('draws one segment per step pair, rings, and its id as text; null clears it', () => {
    const data = syntheticDataset({ sequences: 6, length: 9 });
    const { view, bus, layer } = mount(data);
    expect(layer.children.length).toBe(0);
    const id = '<b>what</b>-if';
    bus.setProvisional(copyOf(data, 2, ['tsne'], { id }), 'test');
    view.renderNow();
    expect(layer.querySelectorAll('line.segment').length).toBe(9 - 1);
    expect(layer.querySelectorAll('circle.step').length).toBe(9);
    expect(layer.querySelector('circle.start:not(.ring-halo)')!.getAttribute('data-step')).toBe('0');
    expect(layer.querySelector('circle.end:not(.ring-halo)')!.getAttribute('data-step')).toBe('8');
    const label = layer.querySelector('text.provisional-id')!;
    expect(label.textContent).toBe(id);
    expect(label.querySelector('b')).toBeNull();
    // The legend names it, as text.
    const legendRow = view.shadowRoot!.querySelector('.legend .provisional')!;
    expect(legendRow.textContent).toBe(id);
    expect(legendRow.querySelector('b')).toBeNull();
    // The dataset's trajectories are not touched.
    expect(view.shadowRoot!.querySelectorAll('g.trajectories > *').length).toBe(0);

    bus.setProvisional(null, 'test');
    view.renderNow();
    expect(layer.children.length).toBe(0);
    expect(view.shadowRoot!.querySelector('.legend .provisional')).toBeNull();
  });

  it('segments run between the screen positions of its coordinates on the map shown', () => {
    const data = syntheticDataset({ sequences: 4, length: 6 });
    const { view, bus, layer } = mount(data);
    bus.setProvisional(copyOf(data, 1, ['tsne']), 'test');
    view.renderNow();
    const segments = [...layer.querySelectorAll('line.segment')];
    segments.forEach((segment, k) => {
      const [x1, y1] = view.screenPosition(data.offsets[1] + k);
      const [x2, y2] = view.screenPosition(data.offsets[1] + k + 1);
      expect(Number(segment.getAttribute('x1'))).toBeCloseTo(x1, 6);
      expect(Number(segment.getAttribute('y1'))).toBeCloseTo(y1, 6);
      expect(Number(segment.getAttribute('x2'))).toBeCloseTo(x2, 6);
      expect(Number(segment.getAttribute('y2'))).toBeCloseTo(y2, 6);
    });
  });

  it('is drawn only on the projection the map shows, never on coordinates set by code', () => {
    const data = syntheticDataset({ sequences: 4, length: 6 });
    const pca = data.projection('tsne')!.map((v) => -v);
    data.addProjection('pca', pca);
    const { view, bus, layer } = mount(data); // shows tsne
    bus.setProvisional(copyOf(data, 0, ['pca']), 'test');
    view.renderNow();
    expect(layer.children.length).toBe(0);
    view.projection = 'pca';
    view.renderNow();
    expect(layer.querySelectorAll('line.segment').length).toBe(5);
    const [x, y] = view.screenPosition(data.offsets[0] + 5);
    const end = layer.querySelector('circle.end:not(.ring-halo)')!;
    expect(Number(end.getAttribute('cx'))).toBeCloseTo(x, 6);
    expect(Number(end.getAttribute('cy'))).toBeCloseTo(y, 6);
    view.coordinates = pca.slice(); // the same numbers, but no stored projection's
    view.renderNow();
    expect(layer.children.length).toBe(0);
  });

  it('marks the step where it parts from its original when that sequence is drawn', () => {
    const data = syntheticDataset({ sequences: 5, length: 8 });
    const { view, bus, layer } = mount(data);
    const original = 3;
    const base = copyOf(data, original, ['tsne']);
    const tokens = [...base.tokens];
    const changed = 4;
    const was = tokens[changed];
    tokens[changed] = `${was}<i>!</i>`;
    bus.setProvisional({ ...base, tokens, original }, 'test');
    view.renderNow();
    expect(layer.querySelector('.parting')).toBeNull(); // its original is not drawn
    bus.selectSequence(original, 'test');
    view.renderNow();
    expect(view.shadowRoot!.querySelector(`g.trajectory[data-sequence="${original}"]`)).not.toBeNull();
    expect(layer.querySelector('.parting')!.getAttribute('data-step')).toBe(String(changed));
    const label = layer.querySelector('text.parting-label')!;
    expect(label.textContent).toBe(`${was} → ${tokens[changed]}`);
    expect(label.querySelector('i')).toBeNull();
    // The same tokens: nothing parts.
    bus.setProvisional({ ...base, original }, 'test');
    view.renderNow();
    expect(layer.querySelectorAll('line.segment').length).toBe(7);
    expect(layer.querySelector('.parting')).toBeNull();
  });

  it('a sequence whose rows do not fit the dataset’s classes is not drawn', () => {
    const data = syntheticDataset({ sequences: 4, length: 6, classes: 3 });
    const { view, bus, layer } = mount(data);
    const fits = copyOf(data, 0, ['tsne']);
    bus.setProvisional(fits, 'test');
    view.renderNow();
    expect(layer.querySelectorAll('line.segment').length).toBe(5);
    bus.setProvisional({ ...fits, expected: new Float32Array(2 * fits.tokens.length) }, 'test');
    view.renderNow();
    expect(layer.children.length).toBe(0);
  });
});
