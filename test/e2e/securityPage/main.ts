// A page that shows the dashboard and each view on its own, all loading `?data=` by `src`: the
// e2e tests serve it under a strict Content-Security-Policy and with hostile text in the data.
import '@statescope/dashboard/define';
import '@statescope/view-overview/define';
import '@statescope/view-table/define';
import '@statescope/view-projection/define';
import '@statescope/view-sequence/define';
import '@statescope/view-heatmap/define';
import '@statescope/view-histogram/define';
import '@statescope/view-units/define';
import '@statescope/view-neighbors/define';
import '@statescope/view-whatif/define';
import { sharedBus } from '@statescope/view-base';

const src = new URLSearchParams(location.search).get('data');
if (src) {
  const views = [...document.querySelectorAll('hs-dashboard, .views > .slot > *')];
  // The single-sequence views on the page's bus show the first sequence, as the dashboard does.
  views[1].addEventListener('hs-load', () => sharedBus('page').selectSequence(0, 'page'), { once: true });
  for (const view of views) view.setAttribute('src', src);
}
