// A focus change reaching all the step views and the map (issue 6: <= 16 ms for a 100-step
// sequence). The map shows 100,000 states (1,000 sequences of 100 steps, 64 units) so that it
// works at a realistic size. Timed: the synchronous bus delivery (where the map moves its focus
// ring) plus the redraw each view scheduled for the next animation frame (run with renderNow()
// to time it alone).
import { LinkBus } from '@statescope/bus';
import type { StatescopeElement } from '@statescope/view-base';
import '@statescope/view-sequence/define';
import '@statescope/view-heatmap/define';
import '@statescope/view-histogram/define';
import '@statescope/view-projection/define';
import { syntheticReviews } from '../syntheticReviews.js';

const SEQUENCES = 1000;
const LENGTH = 100;
const DIM = 64;
const ROUNDS = 300;
const BUDGET_MS = 16;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

function p95(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.95)];
}

export default async function focusBench() {
  const data = syntheticReviews({ sequences: SEQUENCES, length: LENGTH, dim: DIM, seed: 7, map: true });
  data.normalizedStepDistances(); // derived once per dataset, not per focus change
  const bus = new LinkBus();
  const tags = ['hs-sequence', 'hs-heatmap', 'hs-histogram', 'hs-projection'] as const;
  const views = tags.map((tag) => {
    const view = document.createElement(tag) as StatescopeElement;
    view.style.width = tag === 'hs-projection' ? '800px' : '1000px';
    if (tag === 'hs-projection') view.style.height = '600px';
    view.bus = bus;
    view.data = data;
    document.body.append(view);
    return view;
  });
  const sequence = 7;
  bus.selectSequence(sequence, 'bench');
  for (let i = 0; i < 3; i++) await nextFrame();
  const first = data.offsets[sequence];

  // performance.now() is coarse (0.1 ms) in a page without cross-origin isolation, so the
  // per-part figures are means over all rounds (sums of many coarse readings); p95 is per round.
  const perRound: number[] = [];
  const delivery = { total: 0 };
  const perView = views.map(() => ({ total: 0 }));
  const loopStart = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const step = first + ((round * 37) % LENGTH);
    const start = performance.now();
    bus.setFocus(step, 'bench');
    let previous = performance.now();
    delivery.total += previous - start;
    views.forEach((view, i) => {
      // The work the next frame does: views that only needed a synchronous touch have no frame.
      if (view.renderPending) view.renderNow();
      const now = performance.now();
      perView[i].total += now - previous;
      previous = now;
    });
    perRound.push(previous - start);
  }
  const meanPerRound = (performance.now() - loopStart) / ROUNDS;

  // And through the real frame loop: one focus change, the next frame shows it everywhere.
  bus.setFocus(first + 42, 'bench');
  await nextFrame();
  const token = views[0].shadowRoot!.querySelector('.token.focused');
  const column = views[1].shadowRoot!.querySelector('rect.focus');
  const bars = views[2].shadowRoot!.querySelectorAll('rect.bar.focused').length;
  if (token?.textContent !== data.token(first + 42) || !column || bars !== 2) {
    throw new Error('a view did not show the focused step in the next frame');
  }

  const row = (part: string, mean: number, p95?: number) => ({
    part,
    'mean ms': mean,
    'p95 ms': p95 ?? '',
    'share of 16 ms budget': mean / BUDGET_MS,
  });
  const rows = [
    row('bus delivery (the map moves its focus ring here)', delivery.total / ROUNDS),
    ...tags.map((tag, i) => row(`${tag} next-frame redraw`, perView[i].total / ROUNDS)),
    row('all four, focus change to highlight', meanPerRound, p95(perRound)),
  ];
  document.body.replaceChildren();
  return rows;
}
