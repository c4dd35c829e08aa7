import { defineElement } from '@statescope/view-base';
import { OverviewView } from './OverviewView.js';

defineElement('hs-overview', OverviewView);

declare global {
  interface HTMLElementTagNameMap {
    'hs-overview': OverviewView;
  }
}
