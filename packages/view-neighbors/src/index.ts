/**
 * `<hs-neighbors>`: the hidden states nearest the focused state across the dataset, in the
 * model's own space, each with its token in context; and a token search (a word or a regular
 * expression) that brushes every step whose token matches. Import
 * `@statescope/view-neighbors/define` to register the tag.
 *
 * @module @statescope/view-neighbors
 */
export { NeighborsView } from './NeighborsView.js';
export { tokenSearch, tokenMatcher } from './tokenSearch.js';
export type { TokenSearchResult } from './tokenSearch.js';
