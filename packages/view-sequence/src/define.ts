import { defineElement } from '@statescope/view-base';
import { SequenceView } from './SequenceView.js';

defineElement('hs-sequence', SequenceView);

declare global {
  interface HTMLElementTagNameMap {
    'hs-sequence': SequenceView;
  }
}
