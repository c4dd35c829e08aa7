/**
 * `<hs-overview>`: dataset facts, per-class correct and misclassified bars, and a confusion
 * matrix whose cells select sequences. Import `@statescope/view-overview/define` to register it.
 *
 * @module @statescope/view-overview
 */
export { OverviewView } from './OverviewView.js';
