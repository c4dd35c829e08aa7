// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinkBus } from '@statescope/bus';
import { ProjectionView } from '@statescope/view-projection';
import '@statescope/view-projection/define';
import { syntheticDataset } from './syntheticDataset.js';

afterEach(() => document.body.replaceChildren());

// happy-dom has no canvas context: the markup, properties and bus wiring are checked here,
// the pixels and real pointer input in ProjectionView.browser.test.ts.
describe('<hs-projection> markup and properties', () => {
  it('registers the tag, reflects its options as attributes and says what it shows', () => {
    document.body.innerHTML = '<hs-projection mode="lasso" color-mode="true"></hs-projection>';
    const view = document.querySelector('hs-projection')!;
    expect(view).toBeInstanceOf(ProjectionView);
    expect(view.mode).toBe('lasso');
    expect(view.colorMode).toBe('true');
    view.mode = 'pan';
    expect(view.getAttribute('mode')).toBe('pan');
    view.renderNow();
    expect(view.shadowRoot!.querySelector('[part="empty"]')!.textContent).toBe('No dataset yet.');
    view.data = syntheticDataset({ sequences: 5, length: 4 });
    view.renderNow();
    const canvas = view.shadowRoot!.querySelector('canvas')!;
    expect(canvas.getAttribute('aria-label')).toBe('Map of 20 hidden states of 5 sequences, coloured by true class');
    expect(view.shadowRoot!.querySelector('button[data-mode="pan"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('falls back to a stored projection when the named one is missing', () => {
    const data = syntheticDataset({ sequences: 5, length: 4 });
    expect(data.projectionNames.length).toBeGreaterThan(0);
    document.body.innerHTML = '<hs-projection projection="no-such-map"></hs-projection>';
    const view = document.querySelector('hs-projection')!;
    view.data = data;
    view.renderNow();
    expect(view.screenPosition(0).every(Number.isFinite)).toBe(true);
  });

  it('takes the colour mode from the bus unless the attribute sets it', () => {
    const view = document.body.appendChild(new ProjectionView());
    view.bus = new LinkBus({ options: { colorMode: 'predicted' } });
    view.data = syntheticDataset({ sequences: 3, length: 4 });
    const menu = () => view.shadowRoot!.querySelector('select')!.value;
    view.renderNow();
    expect([view.colorMode, menu()]).toEqual([null, 'predicted']); // follows the bus
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    view.setAttribute('color-mode', 'bogus');
    view.renderNow();
    expect([view.colorMode, menu()]).toEqual([null, 'predicted']);
    expect(warn).toHaveBeenCalledWith(
      `<hs-projection> ignores color-mode="bogus": expected 'expected' | 'predicted' | 'true' | 'activation' | null`,
    );
    warn.mockRestore();
    view.colorMode = 'expected';
    view.renderNow();
    expect([view.getAttribute('color-mode'), menu()]).toEqual(['expected', 'expected']);
    expect(() => ((view as { colorMode: string }).colorMode = 'bogus')).toThrow(RangeError);
  });

  it('follows a running projection: each layout replaces the coordinates', async () => {
    const data = syntheticDataset({ sequences: 3, length: 4 });
    const view = document.body.appendChild(new ProjectionView());
    view.data = data;
    const layouts = [0, 1, 2].map((k) => new Float32Array(2 * data.stepCount).fill(k));
    async function* progress() {
      for (const embedding of layouts) yield { embedding };
    }
    await view.followProjection(progress());
    expect(view.coordinates).toBe(layouts[2]);
    view.coordinates = null;
    view.renderNow();
    expect(view.screenPosition(0).every(Number.isFinite)).toBe(true);
  });

  it('styles trajectories by time and distance, and labels the jumps of the active sequence', () => {
    const data = syntheticDataset({ sequences: 4, length: 30 });
    const view = document.body.appendChild(new ProjectionView());
    view.bus = new LinkBus({ options: { distanceThreshold: 0.3 } });
    view.data = data;
    view.setAttribute('trajectory-color', 'time');
    view.setAttribute('trajectory-width', 'distance');
    view.bus.selectSequence(2, 'test');
    view.renderNow();
    const segments = [...view.shadowRoot!.querySelectorAll('g.trajectory[data-sequence="2"] line.segment')];
    expect(segments).toHaveLength(29);
    expect(segments[0].getAttribute('stroke')).toBe('rgb(200, 200, 200)');
    expect(segments[28].getAttribute('stroke')).toBe('rgb(7, 7, 7)'); // the step it leaves: 28 of 29, nearly black
    const distances = data.normalizedStepDistances();
    segments.forEach((segment) => {
      const step = Number(segment.getAttribute('data-step'));
      expect(Number(segment.getAttribute('stroke-width'))).toBeCloseTo(1 + 5 * distances[step], 5);
    });
    const labels = [...view.shadowRoot!.querySelectorAll('text.jump')];
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      const at = Number(label.getAttribute('data-step'));
      expect(label.textContent).toBe(data.token(at)); // placed after the jump: the word read there
      expect(at).toBeGreaterThan(data.offsets[2]);
      expect(at).toBeLessThan(data.offsets[3]);
    }
    view.setAttribute('labels', 'none');
    view.renderNow();
    expect(view.shadowRoot!.querySelectorAll('text.jump')).toHaveLength(0);
  });
});
