/**
 * `<hs-whatif>`: type a text, run it through the model in the browser and see it beside the
 * dataset in every view (the bus's provisional sequence); edit a dataset sequence and see where
 * it parts and whether the prediction flips. Import `@statescope/view-whatif/define` to register
 * the tag.
 *
 * @module @statescope/view-whatif
 */
export { WhatIfView } from './WhatIfView.js';
export { loadWhatIfModel, whatIfModel } from './loadWhatIfModel.js';
export type { WhatIfModel } from './loadWhatIfModel.js';
export { IncrementalPlacer } from './IncrementalPlacer.js';
export { nearestWords } from './nearestWords.js';
export { firstDifference } from './firstDifference.js';
