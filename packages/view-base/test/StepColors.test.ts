// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { StateDataset } from '@statescope/core';
import { rgb } from 'd3-color';
import {
  CLASS_COLORS,
  EXPECTED_COLORS,
  NEUTRAL_COLOR,
  StepColors,
  classIntensityColor,
  contrastText,
  expectedScale,
  packRgba,
} from '@statescope/view-base';
import { tinyDataset } from './tinyDataset.js';

const binary = new StateDataset({
  classes: ['negative', 'positive'],
  tokens: [['a', 'b', 'c'], ['d']],
  labels: [1, 0],
  layers: [{ name: 'h', dim: 1, hidden: new Float32Array(4) }],
  expectedPredictions: new Float32Array([0, 0.5, 1, 0.1]),
});

describe('paper colours', () => {
  it('binary expected prediction: class 0’s colour at 0, grey at 0.5, class 1’s colour at 1', () => {
    const colors = new StepColors(binary, 'expected');
    expect([0, 1, 2, 3].map((t) => colors.css(t))).toEqual([
      'rgb(255, 31, 91)', // #FF1F5B, class 0 ("negative") in every colour mode
      'rgb(201, 201, 201)', // #c9c9c9, undecided
      'rgb(0, 205, 108)', // #00CD6C, class 1 ("positive") in every colour mode
      'rgb(244, 65, 113)', // p = 0.1: class 0's colour a fifth of the way to grey
    ]);
    expect(EXPECTED_COLORS[0]).toBe(CLASS_COLORS[0]);
    expect(EXPECTED_COLORS[EXPECTED_COLORS.length - 1]).toBe(CLASS_COLORS[1]);
    expect(expectedScale(0.5)).toBe(rgb(NEUTRAL_COLOR).toString());
  });

  it('binary expected prediction: diverging, greyest in the middle, each half keeping its class’s hue', () => {
    const chroma = (p: number) => {
      const { r, g, b } = rgb(expectedScale(p));
      return Math.max(r, g, b) - Math.min(r, g, b);
    };
    for (let k = 0; k < 10; k++) {
      const p = k / 20;
      expect(chroma(p)).toBeGreaterThan(chroma(p + 0.05)); // paler towards undecided
      expect(chroma(1 - p)).toBeGreaterThan(chroma(1 - p - 0.05));
    }
    // Hue of every colour of a half, against its class colour's (reds and greens never swap).
    const hue = (color: string) => {
      const { r, g, b } = rgb(color);
      return (Math.atan2(Math.sqrt(3) * (g - b), 2 * r - g - b) * 180) / Math.PI;
    };
    for (const p of [0, 0.05, 0.1, 0.2, 0.3, 0.4]) {
      expect(Math.abs(hue(expectedScale(p)) - hue(CLASS_COLORS[0]))).toBeLessThan(12);
      expect(Math.abs(hue(expectedScale(1 - p)) - hue(CLASS_COLORS[1]))).toBeLessThan(12);
    }
  });

  it('text on any colour of the scale keeps a contrast of 4.5:1 (WCAG AA) with contrastText', () => {
    const luminance = (color: string) => {
      const { r, g, b } = rgb(color);
      const channel = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    for (let level = 0; level <= 100; level++) {
      const background = expectedScale(level / 100);
      const [light, dark] = [luminance(background), luminance(contrastText(background))].sort((a, b) => b - a);
      expect((light + 0.05) / (dark + 0.05), `p = ${level / 100}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('predicted and true class modes use the class colours', () => {
    expect(new StepColors(binary, 'true').css(3)).toBe('#FF1F5B'); // sequence 1 is class 0
    expect(new StepColors(binary, 'predicted').css(2)).toBe('#00CD6C'); // p = 1: class 1
  });

  it('multi-class: argmax colour, grey at chance, full colour at probability 1', () => {
    expect(classIntensityColor(2, 1 / 3, 3)).toBe('rgb(201, 201, 201)');
    expect(classIntensityColor(2, 1, 3)).toBe('rgb(0, 154, 222)'); // #009ADE
  });

  it('packs RGBA words in ImageData order, the same colours as css()', () => {
    const colors = new StepColors(binary, 'expected');
    const packed = colors.packed();
    expect(packed[0]).toBe(packRgba('#FF1F5B'));
    expect(packed[0] & 0xff).toBe(0xff);
    expect(packed[2]).toBe(new StepColors(binary, 'predicted').packed()[2]); // p = 1: class 1's word
    expect(packed[0] >>> 24).toBe(255);
    expect(colors.packed()).toBe(packed);
    expect(Array.from(new StepColors(binary, 'true').packed())).toEqual(
      [1, 1, 1, 0].map((c) => packRgba(c ? '#00CD6C' : '#FF1F5B')),
    );
  });
});

describe('StepColors.of', () => {
  it('makes the colours of a dataset in a mode once, for every view that asks', () => {
    const data = tinyDataset();
    const expected = StepColors.of(data, 'expected');
    expect(StepColors.of(data, 'expected')).toBe(expected);
    expect(StepColors.of(data, 'true')).not.toBe(expected);
    expect(StepColors.of(data, 'true').mode).toBe('true');
    expect(StepColors.of(tinyDataset(), 'expected')).not.toBe(expected); // another dataset, its own
    expect(expected.packed()).toEqual(new StepColors(data, 'expected').packed());
  });
});
