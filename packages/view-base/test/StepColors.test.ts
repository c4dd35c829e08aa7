// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { StateDataset } from '@statescope/core';
import { StepColors, packRgba, expectedScale, classIntensityColor } from '@statescope/view-base';

const binary = new StateDataset({
  classes: ['negative', 'positive'],
  tokens: [['a', 'b', 'c'], ['d']],
  labels: [1, 0],
  layers: [{ name: 'h', dim: 1, hidden: new Float32Array(4) }],
  expectedPredictions: new Float32Array([0, 0.5, 1, 0.1]),
});

describe('paper colours', () => {
  it('binary expected prediction: pink at 0, grey at 0.5, blue at 1, the stops of the reference tool', () => {
    const colors = new StepColors(binary, 'expected');
    expect([0, 1, 2, 3].map((t) => colors.css(t))).toEqual([
      'rgb(189, 0, 97)', // #bd0061
      'rgb(201, 201, 201)', // #c9c9c9
      'rgb(4, 117, 181)', // #0475b5
      'rgb(255, 71, 166)', // #ff47a6
    ]);
    expect(expectedScale(0.5)).toBe('rgb(201, 201, 201)');
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
    expect(packed[0]).toBe(packRgba('#bd0061'));
    expect(packed[0] & 0xff).toBe(0xbd);
    expect(packed[0] >>> 24).toBe(255);
    expect(colors.packed()).toBe(packed);
    expect(Array.from(new StepColors(binary, 'true').packed())).toEqual(
      [1, 1, 1, 0].map((c) => packRgba(c ? '#00CD6C' : '#FF1F5B')),
    );
  });
});
