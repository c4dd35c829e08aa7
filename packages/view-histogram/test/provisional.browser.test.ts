import { afterEach, describe, expect, it } from 'vitest';
import { LinkBus } from '@statescope/bus';
import { loadDataset, type StateDataset } from '@statescope/core';
import '@statescope/view-histogram/define';
import { nextFrame } from '../../../test/browser/pointer.js';
import { copyOfReview } from '../../../test/support/provisionalCopy.js';

let demo: Promise<StateDataset> | null = null;
const imdb = () => (demo ??= loadDataset(new URL('../../../data/imdb.json', import.meta.url).href));

afterEach(() => document.body.replaceChildren());

describe('<hs-histogram> with a what-if sequence, in Chromium on the IMDB demo', () => {
  it("overlays a copy of a review with the review's own bar heights, named in the legend", async () => {
    const data = await imdb();
    const { s, sequence } = copyOfReview(data);
    const view = document.createElement('hs-histogram');
    view.setAttribute('width', '800');
    view.setAttribute('height', '200');
    const bus = new LinkBus();
    view.bus = bus;
    view.data = data;
    document.body.append(view);
    bus.selectSequence(s, 'table');
    bus.setProvisional(sequence, 'whatif');
    await nextFrame();
    const root = view.shadowRoot!;
    const geometry = (selector: string) =>
      [...root.querySelectorAll(selector)].map((b) => ['x', 'y', 'height'].map((a) => Number(b.getAttribute(a))));
    const own = geometry('g.bars rect.bar');
    const provisional = geometry('g.provisional-bars rect');
    expect(own).toHaveLength(sequence.tokens.length - 1);
    expect(provisional).toHaveLength(own.length);
    provisional.forEach((bar, i) => bar.forEach((v, k) => expect(v).toBeCloseTo(own[i][k], 3)));
    expect(own.some(([, , height]) => height > 10)).toBe(true); // a real review moves
    expect([...root.querySelectorAll('g.legend text')].map((t) => t.textContent)).toEqual([data.ids[s], 'what-if']);
    // Drawn dashed, apart from the dataset's bars.
    const style = getComputedStyle(root.querySelector('g.provisional-bars rect')!);
    expect(style.strokeDasharray).not.toBe('none');
    expect(style.fill).toBe('none');

    bus.setProvisional(null, 'whatif');
    await nextFrame();
    expect(root.querySelectorAll('g.provisional-bars rect')).toHaveLength(0);
    expect(root.querySelectorAll('g.bars rect.bar')).toHaveLength(own.length);
  });
});
