// @vitest-environment happy-dom
// Normalised markup snapshots of the step views: a change in what they draw shows up as a
// readable diff in test/__snapshots__/views/. Update with `npx vitest run -u` after checking it.
import { afterEach, describe, expect, it } from 'vitest';
import { LinkBus } from '@statescope/bus';
import { resolve } from 'node:path';
import { loadDataset, type StateDataset } from '@statescope/core';
import '@statescope/view-sequence/define';
import '@statescope/view-heatmap/define';
import '@statescope/view-histogram/define';
import { binaryReviews, threeTopics } from './support/datasets.js';
import { normalizeMarkup } from './support/normalizeMarkup.js';

function render(
  tag: 'hs-sequence' | 'hs-heatmap' | 'hs-histogram',
  data: StateDataset,
  setup: (bus: LinkBus) => void,
  attributes: Record<string, string> = {},
) {
  const view = document.createElement(tag);
  for (const [name, value] of Object.entries({ width: '480', ...attributes })) view.setAttribute(name, value);
  const bus = new LinkBus();
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  setup(bus);
  view.renderNow();
  return normalizeMarkup(view.shadowRoot!);
}

const file = (name: string) => `./__snapshots__/views/${name}`;

afterEach(() => document.body.replaceChildren());

describe('view snapshots', () => {
  const focusedReview = (bus: LinkBus) => {
    bus.selectSequence(0, 'table');
    bus.setFocus(1, 'map');
  };

  it('hs-sequence, binary, focused token', async () => {
    await expect(render('hs-sequence', binaryReviews(), focusedReview)).toMatchFileSnapshot(
      file('sequence-binary.html'),
    );
  });

  it('hs-sequence, multi-class compare', async () => {
    const markup = render('hs-sequence', threeTopics(), (bus) => bus.setSelection([0, 1], 'table', 1));
    await expect(markup).toMatchFileSnapshot(file('sequence-multiclass-compare.html'));
  });

  it('hs-heatmap, binary', async () => {
    await expect(render('hs-heatmap', binaryReviews(), focusedReview)).toMatchFileSnapshot(file('heatmap-binary.svg'));
  });

  it('hs-heatmap, multi-class', async () => {
    const markup = render('hs-heatmap', threeTopics(), (bus) => bus.selectSequence(0, 'table'));
    await expect(markup).toMatchFileSnapshot(file('heatmap-multiclass.svg'));
  });

  it('hs-heatmap, aggregate aligned at the end', async () => {
    const markup = render('hs-heatmap', binaryReviews(), () => {}, { mode: 'aggregate', align: 'end' });
    await expect(markup).toMatchFileSnapshot(file('heatmap-aggregate-end.svg'));
  });

  it('hs-histogram, steps', async () => {
    await expect(render('hs-histogram', binaryReviews(), focusedReview)).toMatchFileSnapshot(
      file('histogram-steps.svg'),
    );
  });

  it('hs-histogram, distribution', async () => {
    const markup = render('hs-histogram', binaryReviews(), () => {}, { mode: 'distribution' });
    await expect(markup).toMatchFileSnapshot(file('histogram-distribution.svg'));
  });

  // The tiny fixtures of `npm run data`: real LSTM states on real texts (paths from the
  // repository root: under happy-dom, import.meta.url is not a file URL).
  const fixture = (name: string) => loadDataset(resolve(`data/fixture/${name}.json`));
  const secondSequence = (bus: LinkBus) => {
    bus.selectSequence(1, 'table');
    bus.setFocus(25, 'map');
  };

  for (const tag of ['hs-sequence', 'hs-heatmap', 'hs-histogram'] as const) {
    for (const name of ['tiny-imdb', 'tiny-reuters']) {
      it(`${tag} on the ${name} fixture`, async () => {
        const markup = render(tag, await fixture(name), secondSequence);
        await expect(markup).toMatchFileSnapshot(
          file(`${name}-${tag.slice(3)}.${tag === 'hs-sequence' ? 'html' : 'svg'}`),
        );
      });
    }
  }
});
