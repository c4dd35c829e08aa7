import { defineElement } from '@statescope/view-base';
import { ProjectionView } from './ProjectionView.js';

defineElement('hs-projection', ProjectionView);

declare global {
  interface HTMLElementTagNameMap {
    'hs-projection': ProjectionView;
  }
}

export { ProjectionView };
