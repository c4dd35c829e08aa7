/**
 * `<hs-table>`: the sequences as a sortable, keyboard-driven, virtualised table. Import
 * `@statescope/view-table/define` to register the tag.
 *
 * @module @statescope/view-table
 */
export { TableView, MANY_SELECTED } from './TableView.js';
export { sequenceOrder } from './sequenceOrder.js';
export type { SortKey } from './sequenceOrder.js';
