import type { StateDataset } from '@statescope/core';
import type { ColorMode } from '@statescope/bus';
import { classColor, classIntensityColor, expectedScale, packRgba } from './palette.js';

/** The colours made so far, per dataset (let go with it) and mode: see {@link StepColors.of}. */
const shared = new WeakMap<StateDataset, Map<ColorMode, StepColors>>();

/** Levels per colour ramp: steps of 0.001 in probability, so the scale stops (0.1, 0.5, 0.9) fall on levels. */
const LEVELS = 1001;

/**
 * The colour of every step of a dataset in one colour mode, from lookup tables (no per-step
 * string building): `css(step)` for SVG and DOM, `packed()` as RGBA words for canvas pixels.
 *
 * - `expected`: binary models on the diverging p(positive) scale; multi-class models in the
 *   argmax class's colour, its intensity set by the probability.
 * - `predicted` / `true`: the colour of the step's predicted class / its sequence's true class.
 */
export class StepColors {
  /**
   * The colours of a dataset in a mode, made once and shared by every view that shows it: the
   * lookup tables take a while for many classes (a ramp of 1,001 levels per class).
   */
  static of(dataset: StateDataset, mode: ColorMode): StepColors {
    let byMode = shared.get(dataset);
    if (!byMode) shared.set(dataset, (byMode = new Map()));
    let colors = byMode.get(mode);
    if (!colors) byMode.set(mode, (colors = new StepColors(dataset, mode)));
    return colors;
  }

  /** The colour mode these colours are for. */
  readonly mode: ColorMode;
  readonly #dataset: StateDataset;
  readonly #css: string[];
  readonly #words: Uint32Array;
  #packed: Uint32Array | null = null;

  constructor(dataset: StateDataset, mode: ColorMode) {
    this.#dataset = dataset;
    this.mode = mode;
    const classCount = dataset.classCount;
    if (mode === 'expected') {
      const ramps = classCount === 2 ? 1 : classCount;
      this.#css = [];
      for (let r = 0; r < ramps; r++) {
        for (let level = 0; level < LEVELS; level++) {
          const p = level / (LEVELS - 1);
          this.#css.push(classCount === 2 ? expectedScale(p) : classIntensityColor(r, p, classCount));
        }
      }
    } else {
      this.#css = Array.from({ length: classCount }, (_, c) => classColor(c));
    }
    this.#words = Uint32Array.from(this.#css, (color) => packRgba(color));
  }

  /** Index into the lookup tables for one step. */
  #index(step: number): number {
    const ds = this.#dataset;
    if (this.mode === 'true') return ds.labels[ds.sequenceOf(step)];
    if (this.mode === 'predicted') return ds.stepClasses()[step];
    if (ds.classCount === 2) return Math.round(ds.expectedPredictions[2 * step + 1] * (LEVELS - 1));
    const c = ds.stepClasses()[step];
    return c * LEVELS + Math.round(ds.stepConfidences()[step] * (LEVELS - 1));
  }

  /** CSS colour of one step. */
  css(step: number): string {
    return this.#css[this.#index(step)];
  }

  /** RGBA words (ImageData order) for every step, computed once. */
  packed(): Uint32Array {
    if (this.#packed) return this.#packed;
    const ds = this.#dataset;
    const out = new Uint32Array(ds.stepCount);
    if (this.mode === 'true') {
      for (let s = 0; s < ds.sequenceCount; s++) out.fill(this.#words[ds.labels[s]], ds.offsets[s], ds.offsets[s + 1]);
    } else {
      for (let t = 0; t < out.length; t++) out[t] = this.#words[this.#index(t)];
    }
    return (this.#packed = out);
  }
}
