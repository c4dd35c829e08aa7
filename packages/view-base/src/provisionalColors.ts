import type { ColorMode, ProvisionalSequence } from '@statescope/bus';
import { rowArgmax } from '@statescope/core';
import { classColor, classIntensityColor, expectedScale } from './palette.js';

/**
 * The CSS colour of each step of a provisional (what-if) sequence, on the palette StepColors uses
 * for dataset steps: in `expected` mode the diverging p(class 1) scale for two classes, else the
 * most probable class's colour by its probability; in `predicted` and `true` mode the most
 * probable class's colour (a typed text has no true class).
 */
export function provisionalColors(sequence: ProvisionalSequence, classCount: number, mode: ColorMode): string[] {
  const { classes, confidences } = rowArgmax(sequence.expected, classCount);
  return Array.from(classes, (c, t) => {
    if (mode !== 'expected') return classColor(c);
    if (classCount === 2) return expectedScale(sequence.expected[2 * t + 1]);
    return classIntensityColor(c, confidences[t], classCount);
  });
}
