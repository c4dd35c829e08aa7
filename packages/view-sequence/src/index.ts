/**
 * `<hs-sequence>`: the tokens of a sequence on the colour of the expected prediction at each
 * step. Import `@statescope/view-sequence/define` to register the tag.
 *
 * @module @statescope/view-sequence
 */
export { SequenceView } from './SequenceView.js';
