// <hs-units> redraw (issue 15: <= 16 ms for a 100-step sequence x 100 units): a full redraw
// (renderNow after requestRender) of the lines and of the heatmap, median over 40 redraws each.
import { LinkBus } from '@statescope/bus';
import '@statescope/view-units/define';
import { syntheticReviews } from '../syntheticReviews.js';

const REDRAWS = 40;
const BUDGET_MS = 16;
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

export default async function unitsViewBench() {
  const data = syntheticReviews({ sequences: 50, length: 100, dim: 100, seed: 11 });
  const bus = new LinkBus();
  const view = document.createElement('hs-units');
  view.setAttribute('width', '1000');
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  bus.selectSequence(7, 'bench');
  view.selectUnits([1, 5, 9, 20]); // some units selected, their matches computed once
  const rows = [];
  for (const display of ['lines', 'heatmap'] as const) {
    view.display = display;
    for (let i = 0; i < 3; i++) await nextFrame();
    const samples: number[] = [];
    for (let i = 0; i < REDRAWS; i++) {
      const start = performance.now();
      view.requestRender();
      view.renderNow();
      samples.push(performance.now() - start);
    }
    const drawn = view.shadowRoot!.querySelectorAll(display === 'lines' ? 'path.unit' : 'canvas.heat').length;
    if (drawn === 0) throw new Error(`nothing drawn in ${display}`);
    const m = median(samples);
    rows.push({
      display,
      'steps x units': '100 x 100',
      redraws: REDRAWS,
      'median ms': m,
      'target ms': BUDGET_MS,
      'share of target': m / BUDGET_MS,
    });
  }
  document.body.replaceChildren();
  return rows;
}
