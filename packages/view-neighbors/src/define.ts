import { defineElement } from '@statescope/view-base';
import { NeighborsView } from './NeighborsView.js';

defineElement('hs-neighbors', NeighborsView);

declare global {
  interface HTMLElementTagNameMap {
    'hs-neighbors': NeighborsView;
  }
}
