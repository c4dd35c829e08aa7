/**
 * The Statescope data model: a {@link StateDataset} holds the sequences, tokens, hidden states and
 * expected predictions of a recurrent network, validates them, and derives metrics on first use.
 * {@link loadDataset} and {@link saveDataset} read and write its file formats. No DOM.
 *
 * @module @statescope/core
 */
export { StateDataset } from './StateDataset.js';
export type { StateDatasetInit, StateLayer, StateLayerInit, DatasetMetadata } from './StateDataset.js';
export { StateMatrix } from './StateMatrix.js';
export type { StatePrecision } from './StateMatrix.js';
export { StatescopeError } from './StatescopeError.js';
export type { ErrorLocation } from './StatescopeError.js';
export { StepSet } from './StepSet.js';
export { sequencesOfSteps } from './sequencesOfSteps.js';
export { seededRandom } from './seededRandom.js';
export { importNode } from './importNode.js';
export { sequenceOfStep, stepSequences } from './StepLocator.js';
export { loadDataset } from './loadDataset.js';
export type { LoadOptions } from './loadDataset.js';
export { validateDataset } from './validateDataset.js';
export type { Validation } from './validateDataset.js';
export { saveDataset } from './saveDataset.js';
export type { SaveOptions } from './saveDataset.js';
export { encodeDataset, encodeDatasetJson, NATIVE_FORMAT, NATIVE_VERSION } from './formats/native.js';
export type { DatasetManifest, ManifestSequence, EncodeOptions, EncodedDataset } from './formats/native.js';
export type { ArrayRef, InlineArrayRef, BinaryArrayRef, NumpyArrayRef, BinaryDtype } from './formats/arrayRef.js';
export type { HiddenStatesVisJson } from './formats/hiddenStatesVis.js';
export type { DatasetInput, CompanionFiles } from './formats/source.js';
export { decodeFloat16, encodeFloat16 } from './formats/float16.js';
export { stepDistances, normalizeByMax, DISTANCE_METRICS } from './metrics/stepDistances.js';
export type { DistanceMetric } from './metrics/stepDistances.js';
export { rowArgmax } from './metrics/rowArgmax.js';
export type { RowArgmax } from './metrics/rowArgmax.js';
export { predictionChanges, expectedPredictionChanges } from './metrics/predictionChanges.js';
export { confusionMatrix, classCounts } from './metrics/confusionMatrix.js';
export { quantizeInt8, dequantizeInt8 } from './formats/int8.js';
export { meanActivation } from './units/meanActivation.js';
export { unitActivations } from './units/unitActivations.js';
export type { UnitStateKind } from './units/unitActivations.js';
export { unitsOnThroughout } from './units/unitsOnThroughout.js';
export type { UnitRule } from './units/unitsOnThroughout.js';
export { UnitMatcher, UNIT_MATCH_MODES } from './units/UnitMatcher.js';
export type { UnitMatch, UnitMatchOptions, UnitMatchMode } from './units/UnitMatcher.js';
export { orderUnits, UNIT_ORDERS } from './units/orderUnits.js';
export type { UnitOrder } from './units/orderUnits.js';
export { unitPredictionCorrelation } from './units/unitPredictionCorrelation.js';
export { unitClusterOrder } from './units/unitClusterOrder.js';
