import { defineElement } from '@statescope/view-base';
import { UnitsView } from './UnitsView.js';

defineElement('hs-units', UnitsView);

declare global {
  interface HTMLElementTagNameMap {
    'hs-units': UnitsView;
  }
}
