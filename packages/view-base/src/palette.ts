import { scaleLinear } from 'd3-scale';
import { rgb } from 'd3-color';

// The reference tool's visual language, kept so users of the paper's tool feel at home, with one
// colour per class everywhere: a class has the same colour in every view and every colour mode.

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
/** Secondary text, axes and empty-state borders (the default of `--hs-muted`): #666 is 5.7:1 on white, where #777 (4.47:1) fails WCAG AA for small text. */
export const MUTED_COLOR = '#666';
/** Grey of an undecided prediction (p = 0.5, or chance for several classes). */
export const NEUTRAL_COLOR = '#c9c9c9';
/**
 * Binary expected prediction: a diverging scale over p(class 1), as in the paper (stops at 0.1
 * and 0.9, undecided grey at 0.5), between the two class colours.
 */
export const EXPECTED_STOPS: readonly number[] = [0, 0.1, 0.5, 0.9, 1];
/**
 * The colours at {@link EXPECTED_STOPS}: class 0's colour, a fifth of the way to grey, neutral
 * grey, class 1's colour a fifth of the way to grey, class 1's colour. So p = 0 is drawn exactly as
 * class 0 is in the class modes and p = 1 as class 1, and confident steps stand out strongest.
 */
export const EXPECTED_COLORS: readonly string[] = [
  CLASS_COLORS[0],
  towardNeutral(CLASS_COLORS[0], 0.2),
  NEUTRAL_COLOR,
  towardNeutral(CLASS_COLORS[1], 0.2),
  CLASS_COLORS[1],
];
/**
 * Activation of hidden units (a diverging purple - grey - orange ramp, apart from the class
 * colours): the most negative shown value, zero, the most positive. Grey, not white, at zero so
 * that inactive points stay visible on a white map.
 */
export const ACTIVATION_COLORS: readonly string[] = ['#542788', '#cfcfcf', '#b35806'];
/** The hover highlight (the default of `--hs-focus`). */
export const HOVER_COLOR = '#696969';
/** Opacity of faded sequences (see the bus filters `fadeCorrect` and `fadeWrong`). */
export const FADED_OPACITY = 0.15;

/** d3 scale from p(class 1) to the diverging binary colour. */
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

/** A colour moved a fraction of the way to {@link NEUTRAL_COLOR}, as a hex string. */
function towardNeutral(color: string, fraction: number): string {
  return rgb(scaleLinear<string>().range([color, NEUTRAL_COLOR])(fraction)).formatHex();
}
