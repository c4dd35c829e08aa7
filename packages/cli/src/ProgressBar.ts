import type { Writable } from './Terminal.js';

const WIDTH = 24;

/**
 * A one-line progress bar with iteration, KL, elapsed time and an estimate of the time left.
 * On a terminal it redraws in place; elsewhere (a log file, CI) it prints a line per tenth.
 */
export class ProgressBar {
  readonly #out: Writable;
  readonly #started = performance.now();
  /** The first update, from which the rate is measured: work before it (a t-SNE's neighbour search) is not iterations. */
  #first: { done: number; at: number } | undefined;
  #lastTenth = -1;

  constructor(out: Writable) {
    this.#out = out;
  }

  update(done: number, total: number, detail: string): void {
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const now = performance.now();
    const elapsed = (now - this.#started) / 1000;
    this.#first ??= { done, at: now };
    const rate = (done - this.#first.done) / ((now - this.#first.at) / 1000);
    const left = rate > 0 ? (total - done) / rate : NaN;
    const filled = Math.round(fraction * WIDTH);
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${detail}, ` +
      `${seconds(elapsed)} elapsed${Number.isFinite(left) ? `, about ${seconds(left)} left` : ''}`;
    if (this.#out.isTTY) {
      this.#out.write(`\r\x1b[2K${line}`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth > this.#lastTenth) {
      this.#lastTenth = tenth;
      this.#out.write(`${line}\n`);
    }
  }

  /** Ends the bar's line (a terminal's cursor sits at its end). */
  finish(): void {
    if (this.#out.isTTY) this.#out.write('\n');
  }
}

function seconds(value: number): string {
  return value < 60 ? `${value.toFixed(1)} s` : `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`;
}
