import { StatescopeError } from './StatescopeError.js';

/** What a load may read and allocate by default: 4 GiB (a million steps x 1,000 units of float32). */
export const DEFAULT_BYTE_BUDGET = 4 * 1024 ** 3;

/**
 * The bytes one load may read and allocate, taken before each file is read and each array is
 * allocated, so that a small file declaring a huge shape (or a device such as /dev/zero) fails
 * with a StatescopeError instead of exhausting memory.
 */
export class ByteBudget {
  #left: number;
  readonly #total: number;

  constructor(total = DEFAULT_BYTE_BUDGET) {
    if (!(total > 0))
      throw new StatescopeError(`must be a positive number of bytes, got ${String(total)}`, { field: 'maxBytes' });
    this.#left = total;
    this.#total = total;
  }

  /** Takes `bytes` from the budget, or throws naming `field` and what it asked for. */
  take(bytes: number, field: string, what: string): void {
    if (!Number.isFinite(bytes) || bytes > this.#left) {
      throw new StatescopeError(
        `${what} needs ${formatBytes(bytes)}, more than the ${formatBytes(this.#total)} this load may use ` +
          `(${formatBytes(this.#left)} left); raise the "maxBytes" option of loadDataset if the file is genuine`,
        { field },
      );
    }
    this.#left -= bytes;
  }
}

function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'an unbounded number of bytes';
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
