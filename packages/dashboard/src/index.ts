/**
 * `<hs-dashboard>`: every Statescope view in the paper's layout on one bus. Import
 * `@statescope/dashboard/define` to register it (and the views it uses).
 *
 * @module @statescope/dashboard
 */
export { DashboardElement } from './DashboardElement.js';
