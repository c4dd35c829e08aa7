import { defineElement } from '@statescope/view-base';
import { WhatIfView } from './WhatIfView.js';

defineElement('hs-whatif', WhatIfView);

declare global {
  interface HTMLElementTagNameMap {
    'hs-whatif': WhatIfView;
  }
}
