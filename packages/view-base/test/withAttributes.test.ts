// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  StatescopeElement,
  booleanAttribute,
  defineElement,
  numberAttribute,
  oneOfAttribute,
  stringAttribute,
  withAttributes,
} from '@statescope/view-base';
import { tinyDataset } from './tinyDataset.js';

class Declared extends withAttributes(StatescopeElement, {
  /** Whether more is shown. */
  compare: booleanAttribute(),
  /** Drawing width. */
  width: numberAttribute({ min: 1 }),
  /** The layer. */
  layer: stringAttribute(),
  /** What a drag does. */
  dragMode: oneOfAttribute(['rect', 'lasso'], 'rect'),
}) {
  renders = 0;
  protected listen(): void {}
  protected render(): void {
    this.renders++;
  }
}
defineElement('test-declared', Declared);

class Extended extends withAttributes(Declared, { /** A threshold. */ level: numberAttribute({ min: 0, max: 1 }) }) {}
defineElement('test-extended', Extended);

afterEach(() => document.body.replaceChildren());

describe('withAttributes', () => {
  it('observes the declared attributes after the base ones, kebab-cased', () => {
    expect(Declared.observedAttributes).toEqual(['src', 'bus', 'source', 'compare', 'width', 'layer', 'drag-mode']);
    expect(Extended.observedAttributes).toEqual([...Declared.observedAttributes, 'level']);
  });

  it('reads attributes as typed values, with fallbacks while absent', () => {
    const el = document.createElement('test-declared') as Declared;
    expect([el.compare, el.width, el.layer, el.dragMode]).toEqual([false, null, null, 'rect']);
    el.setAttribute('compare', '');
    el.setAttribute('width', '320');
    el.setAttribute('layer', 'lstm');
    el.setAttribute('drag-mode', 'lasso');
    expect([el.compare, el.width, el.layer, el.dragMode]).toEqual([true, 320, 'lstm', 'lasso']);
  });

  it('reflects properties to attributes; null and false remove them', () => {
    const el = document.createElement('test-declared') as Declared;
    el.width = 200;
    el.dragMode = 'lasso';
    el.compare = true;
    expect([el.getAttribute('width'), el.getAttribute('drag-mode'), el.getAttribute('compare')]).toEqual([
      '200',
      'lasso',
      '',
    ]);
    el.width = null;
    el.compare = false;
    expect(el.hasAttribute('width') || el.hasAttribute('compare')).toBe(false);
  });

  it('throws a RangeError naming the property for a bad value, and keeps the old one', () => {
    const el = document.createElement('test-extended') as Extended;
    el.level = 0.5;
    expect(() => (el.level = 2)).toThrow(/level must be a finite number >= 0 and <= 1 or null, got 2/);
    expect(() => ((el as unknown as { dragMode: string }).dragMode = 'circle')).toThrow(
      /dragMode must be one of 'rect', 'lasso', got circle/,
    );
    expect([el.level, el.dragMode]).toEqual([0.5, 'rect']);
  });

  it('falls back on an invalid attribute text with one warning naming element, attribute and text', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = document.createElement('test-declared') as Declared;
    el.setAttribute('drag-mode', 'circle');
    el.setAttribute('width', 'wide');
    expect([el.dragMode, el.width, el.dragMode]).toEqual(['rect', null, 'rect']);
    expect(warn.mock.calls.map(([m]) => m).sort()).toEqual([
      `<test-declared> ignores drag-mode="circle": expected 'rect' | 'lasso'`,
      '<test-declared> ignores width="wide": expected number | null',
    ]);
    expect(warn).toHaveBeenCalledTimes(2); // the second read of drag-mode warns no more

    warn.mockRestore();
  });

  it('redraws once when a declared attribute changes', async () => {
    const el = document.createElement('test-declared') as Declared;
    el.data = tinyDataset();
    document.body.append(el);
    el.renderNow();
    const before = el.renders;
    el.dragMode = 'lasso';
    el.width = 300;
    await new Promise((r) => requestAnimationFrame(r));
    expect(el.renders).toBe(before + 1);
  });
});
