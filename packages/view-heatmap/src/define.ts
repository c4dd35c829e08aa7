import { defineElement } from '@statescope/view-base';
import { HeatmapView } from './HeatmapView.js';

defineElement('hs-heatmap', HeatmapView);

declare global {
  interface HTMLElementTagNameMap {
    'hs-heatmap': HeatmapView;
  }
}
