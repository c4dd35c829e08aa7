import { defineElement } from '@statescope/view-base';
import { HistogramView } from './HistogramView.js';

defineElement('hs-histogram', HistogramView);

declare global {
  interface HTMLElementTagNameMap {
    'hs-histogram': HistogramView;
  }
}
