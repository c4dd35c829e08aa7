// Registers <hs-dashboard> and every view element it arranges.
import '@statescope/view-overview/define';
import '@statescope/view-table/define';
import '@statescope/view-projection/define';
import '@statescope/view-sequence/define';
import '@statescope/view-heatmap/define';
import '@statescope/view-histogram/define';
import '@statescope/view-units/define';
import '@statescope/view-neighbors/define';
import '@statescope/view-whatif/define';
import { defineElement } from '@statescope/view-base';
import { DashboardElement } from './DashboardElement.js';

defineElement('hs-dashboard', DashboardElement);

declare global {
  interface HTMLElementTagNameMap {
    'hs-dashboard': DashboardElement;
  }
}
