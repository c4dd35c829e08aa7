/**
 * What every Statescope view element shares: {@link StatescopeElement}, the paper's colours
 * ({@link StepColors}, {@link expectedScale}, {@link CLASS_COLORS}), named shared buses and typed events.
 *
 * @module @statescope/view-base
 */
export { StatescopeElement } from './StatescopeElement.js';
export { withAttributes, attributeName } from './withAttributes.js';
export type { AttributeSpecs, AttributeValues } from './withAttributes.js';
export { booleanAttribute, numberAttribute, oneOfAttribute, stringAttribute } from './attributeSpecs.js';
export type { AttributeSpec } from './attributeSpecs.js';
export { StepColors } from './StepColors.js';
export { provisionalColors } from './provisionalColors.js';
export {
  ACTIVATION_COLORS,
  CLASS_COLORS,
  EXPECTED_COLORS,
  EXPECTED_STOPS,
  FADED_OPACITY,
  HOVER_COLOR,
  MUTED_COLOR,
  NEUTRAL_COLOR,
  classColor,
  classIntensityColor,
  expectedScale,
  packRgba,
} from './palette.js';
export { sharedBus } from './sharedBus.js';
export { contrastText } from './contrastText.js';
export { baseStyles, showMessage } from './baseStyles.js';
export { loadShared, releaseShared, sharedUrls } from './loadShared.js';
export { adoptStyles } from './adoptStyles.js';
export { bidi, isolate } from './bidiText.js';
export { fitSvgText } from './fitSvgText.js';
export { shortenText } from './shortenText.js';
export { defineElement } from './defineElement.js';
export type { StatescopeEventDetails, StatescopeEventType, StatescopeEvent } from './events.js';
