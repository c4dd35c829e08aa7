/**
 * `<hs-units>`: the activations of a layer's hidden units over the active sequence (LSTMVis's
 * hidden-state view), as lines or a units x steps heatmap; brushing a range above a threshold
 * selects the units on throughout it, and the matches show where else they switch on. Import
 * `@statescope/view-units/define` to register the tag.
 *
 * @module @statescope/view-units
 */
export { UnitsView } from './UnitsView.js';
export { activationExtent, activationColors } from './activationScale.js';
