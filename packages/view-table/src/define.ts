import { defineElement } from '@statescope/view-base';
import { TableView } from './TableView.js';

defineElement('hs-table', TableView);

declare global {
  interface HTMLElementTagNameMap {
    'hs-table': TableView;
  }
}
