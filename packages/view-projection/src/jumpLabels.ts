import type { StateDataset } from '@statescope/core';

/** Why a jump is labelled (bit flags, combined): the state moved past the distance threshold. */
export const JUMP_DISTANCE = 1;
/** The expected prediction changed past the prediction threshold. */
export const JUMP_PREDICTION = 2;
/** The most probable class changed. */
export const JUMP_CLASS = 4;

/** The values of {@link LabelPlacement}. */
export const LABEL_PLACEMENTS = Object.freeze(['after', 'before'] as const);
/** Where a jump's word goes: on the state before the jump (h_t) or after it (h_t+1). */
export type LabelPlacement = (typeof LABEL_PLACEMENTS)[number];

/** One labelled jump of a sequence, from {@link jumpLabels}. */
export interface JumpLabel {
  /** The jump goes from step `from` to `from + 1`; the word is the token read at `from + 1`. */
  from: number;
  /** The step the label is drawn at: `from` (before) or `from + 1` (after). */
  at: number;
  /** JUMP_DISTANCE | JUMP_PREDICTION | JUMP_CLASS. */
  reasons: number;
}

/** When a step counts as a jump, and where its label goes. */
export interface JumpThresholds {
  /** Normalised original-space distance from h_t to h_t+1 above which a step is a jump. */
  distanceThreshold: number;
  /** Change of expected prediction above which a step is a jump. */
  predictionThreshold: number;
  /** The label at the state `after` the jump (default) or `before` it. */
  placement?: LabelPlacement;
}

/**
 * The jumps of one sequence worth a word label: steps t where the normalised distance to the next
 * state, the change of the expected prediction, or the predicted class passes its threshold.
 * The word is the token that the network read when it jumped (step t + 1).
 */
export function jumpLabels(dataset: StateDataset, sequence: number, thresholds: JumpThresholds): JumpLabel[] {
  const distances = dataset.normalizedStepDistances();
  const changes = dataset.expectedPredictionChanges();
  const classes = dataset.stepClasses();
  const start = dataset.offsets[sequence];
  const end = dataset.offsets[sequence + 1];
  const after = (thresholds.placement ?? 'after') === 'after';
  const labels: JumpLabel[] = [];
  for (let t = start; t + 1 < end; t++) {
    let reasons = 0;
    if (distances[t] > thresholds.distanceThreshold) reasons |= JUMP_DISTANCE;
    if (changes[t] > thresholds.predictionThreshold) reasons |= JUMP_PREDICTION;
    if (classes[t + 1] !== classes[t]) reasons |= JUMP_CLASS;
    if (reasons) labels.push({ from: t, at: after ? t + 1 : t, reasons });
  }
  return labels;
}

/**
 * How much a jump matters, for choosing which labels to keep when they do not all fit: a change
 * of the predicted class first of all (2 added), then the larger of the normalised distance and
 * the change of expected prediction (both in [0, 1]).
 */
export function jumpImportance(dataset: StateDataset, label: JumpLabel): number {
  const distance = dataset.normalizedStepDistances()[label.from];
  const change = dataset.expectedPredictionChanges()[label.from];
  const size = Math.max(Number.isFinite(distance) ? distance : 0, Number.isFinite(change) ? change : 0);
  return (label.reasons & JUMP_CLASS ? 2 : 0) + size;
}

/** The labels, most important first ({@link jumpImportance}); equally important ones in step order. */
export function rankJumpLabels(dataset: StateDataset, labels: readonly JumpLabel[]): JumpLabel[] {
  const importance = new Map(labels.map((label) => [label, jumpImportance(dataset, label)]));
  return [...labels].sort((a, b) => importance.get(b)! - importance.get(a)! || a.from - b.from);
}
