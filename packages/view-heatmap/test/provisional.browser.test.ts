import { afterEach, describe, expect, it } from 'vitest';
import { LinkBus } from '@statescope/bus';
import { loadDataset, type StateDataset } from '@statescope/core';
import '@statescope/view-heatmap/define';
import { centre, moveTo, nextFrame } from '../../../test/browser/pointer.js';
import { copyOfReview } from '../../../test/support/provisionalCopy.js';

let demo: Promise<StateDataset> | null = null;
const imdb = () => (demo ??= loadDataset(new URL('../../../data/imdb.json', import.meta.url).href));

afterEach(() => document.body.replaceChildren());

describe('<hs-heatmap> with a what-if sequence, in Chromium on the IMDB demo', () => {
  it('draws a copy of a review first, cell for cell as the review itself; hovering it focuses nothing', async () => {
    const data = await imdb();
    const { s, sequence } = copyOfReview(data);
    const view = document.createElement('hs-heatmap');
    view.setAttribute('width', '800');
    const bus = new LinkBus();
    view.bus = bus;
    view.data = data;
    document.body.append(view);
    bus.selectSequence(s, 'table');
    bus.setProvisional(sequence, 'whatif');
    await nextFrame();
    const root = view.shadowRoot!;
    const blocks = [...root.querySelectorAll<HTMLElement>('div.block')];
    expect(blocks).toHaveLength(2);
    expect(blocks[0].classList.contains('provisional')).toBe(true);
    expect(blocks[0].querySelector('.heading .id')!.textContent).toBe('what-if');
    const fills = (block: HTMLElement) =>
      [...block.querySelectorAll('g.row')].map((row) =>
        [...row.querySelectorAll('rect.cell')].map((c) => c.getAttribute('fill')),
      );
    const provisional = fills(blocks[0]);
    expect(provisional).toHaveLength(data.classCount + 1);
    expect(provisional[0]).toHaveLength(sequence.tokens.length);
    expect(provisional).toEqual(fills(blocks[1]));
    // The same jump ticks, from the same expected rows.
    const jumps = (block: HTMLElement) => [...block.querySelectorAll('rect.jump')].map((r) => r.getAttribute('x'));
    expect(jumps(blocks[0])).toEqual(jumps(blocks[1]));

    let published = 0;
    bus.on('focus', () => published++);
    const cells = blocks[0].querySelectorAll('rect.cell');
    await moveTo(...centre(cells[3]));
    await moveTo(...centre(cells[cells.length - 1]));
    expect(published).toBe(0);
    // A dataset cell under the pointer still focuses its step.
    await moveTo(...centre(blocks[1].querySelectorAll('rect.cell')[3]));
    expect(bus.focus).toBe(data.offsets[s] + 3);

    bus.setProvisional(null, 'whatif');
    await nextFrame();
    expect(root.querySelectorAll('div.block')).toHaveLength(1);
    expect(root.querySelector('.provisional')).toBeNull();
  });
});
