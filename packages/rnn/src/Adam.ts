/** Settings of {@link Adam}. */
export interface AdamOptions {
  /** Step size; default 3e-3. */
  learningRate?: number;
  /** Decay of the first moment (mean of the gradients); default 0.9. */
  beta1?: number;
  /** Decay of the second moment (mean of the squared gradients); default 0.999. */
  beta2?: number;
  /** Added to the root of the second moment, against division by zero; default 1e-8. */
  epsilon?: number;
}

/**
 * The Adam optimiser (Kingma and Ba 2015) over one flat Float32 parameter array. Moments are
 * kept in Float64; parameters are rounded to Float32 after every step, so that the weights
 * trained are exactly the weights saved.
 */
export class Adam {
  /** Step size; may be changed between steps (learning rate schedules). */
  learningRate: number;
  /** Decay of the first moment. */
  readonly beta1: number;
  /** Decay of the second moment. */
  readonly beta2: number;
  /** Added to the root of the second moment. */
  readonly epsilon: number;
  #step = 0;
  readonly #m: Float64Array;
  readonly #v: Float64Array;

  constructor(size: number, options: AdamOptions = {}) {
    this.learningRate = options.learningRate ?? 3e-3;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.#m = new Float64Array(size);
    this.#v = new Float64Array(size);
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.#step;
  }

  /** One update: parameters -= lr * m_hat / (sqrt(v_hat) + eps), with the gradient times `scale`. */
  step(parameters: Float32Array, gradient: Float64Array, scale = 1): void {
    this.#step++;
    const { beta1, beta2, epsilon } = this;
    const m = this.#m;
    const v = this.#v;
    const lr = (this.learningRate * Math.sqrt(1 - beta2 ** this.#step)) / (1 - beta1 ** this.#step);
    for (let i = 0; i < parameters.length; i++) {
      const g = gradient[i] * scale;
      const mi = beta1 * m[i] + (1 - beta1) * g;
      const vi = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      parameters[i] -= (lr * mi) / (Math.sqrt(vi) + epsilon);
    }
  }
}
