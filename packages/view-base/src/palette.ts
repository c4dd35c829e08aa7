import { scaleLinear } from 'd3-scale';
import { rgb } from 'd3-color';

/**
 * The reference tool's visual language, kept so users of the paper's tool feel at home.
 * Binary expected prediction: a diverging scale over p(positive) (pink, grey, blue).
 */
export const EXPECTED_STOPS: readonly number[] = [0, 0.1, 0.5, 0.9, 1];
/** The colours at {@link EXPECTED_STOPS}: negative pink, neutral grey, positive blue. */
export const EXPECTED_COLORS: readonly string[] = ['#bd0061', '#ff47a6', '#c9c9c9', '#3194cc', '#0475b5'];
/** Class colours, in class order; reused cyclically beyond eleven classes. */
export const CLASS_COLORS: readonly string[] = [
  '#FF1F5B',
  '#00CD6C',
  '#009ADE',
  '#AF58BA',
  '#FFC61E',
  '#F28522',
  '#A0B1BA',
  '#A6761D',
  '#E9002D',
  '#FFAA00',
  '#00B000',
];
/** Grey of an undecided prediction (p = 0.5, or chance for several classes). */
export const NEUTRAL_COLOR = '#c9c9c9';
/** The hover highlight (the default of `--hs-focus`). */
export const HOVER_COLOR = '#696969';
/** Opacity of faded sequences (see the bus filters `fadeCorrect` and `fadeWrong`). */
export const FADED_OPACITY = 0.15;

/** d3 scale from p(positive) to the diverging binary colour. */
export const expectedScale = scaleLinear<string>()
  .domain(EXPECTED_STOPS as number[])
  .range(EXPECTED_COLORS as string[])
  .clamp(true);

/** The colour of a class, from {@link CLASS_COLORS}. */
export function classColor(classIndex: number): string {
  return CLASS_COLORS[classIndex % CLASS_COLORS.length];
}

/**
 * Multi-class expected prediction: the argmax class's colour, from neutral grey at chance
 * (1 / classCount) to full colour at probability 1.
 */
export function classIntensityColor(classIndex: number, probability: number, classCount: number): string {
  const chance = 1 / classCount;
  const t = Math.max(0, Math.min(1, (probability - chance) / (1 - chance)));
  return scaleLinear<string>().range([NEUTRAL_COLOR, classColor(classIndex)])(t);
}

/** A colour as the little-endian RGBA word an ImageData's Uint32Array view expects. */
export function packRgba(color: string, alpha = 1): number {
  const c = rgb(color);
  return ((Math.round(alpha * 255) << 24) | (c.b << 16) | (c.g << 8) | c.r) >>> 0;
}
