import { StatescopeError } from './StatescopeError.js';

/** Problems listed per field before the rest are summed up in one line. */
const LISTED_PER_FIELD = 20;

/** Who hears about problems and warnings while a dataset is read. */
export interface ProblemListeners {
  /** Each problem in the values; reading goes on past it (validation), then fails with the first. */
  onProblem?: (problem: StatescopeError) => void;
  /** Each warning: something read but probably not meant (an unknown key, rows not summing to 1). */
  onWarning?: (warning: StatescopeError) => void;
  /** Warnings are problems. */
  strict?: boolean;
}

/**
 * Where problems with values go while a dataset is read. Loading throws the first at once.
 * Validation (`onProblem` given) lists them all and reading goes on past each, then
 * {@link settle} throws the first, so a dataset with problems is still never returned. Problems
 * of structure (wrong shapes, missing fields) are thrown at once either way: nothing after them
 * could be checked. Warnings go to `onWarning`, or are problems when `strict`.
 */
export class ProblemLog {
  readonly #onProblem: ((problem: StatescopeError) => void) | undefined;
  readonly #onWarning: ((warning: StatescopeError) => void) | undefined;
  readonly #strict: boolean;
  #first: StatescopeError | null = null;
  readonly #perField = new Map<string, number>();

  constructor(listeners: ProblemListeners = {}) {
    this.#onProblem = listeners.onProblem;
    this.#onWarning = listeners.onWarning;
    this.#strict = listeners.strict ?? false;
  }

  /** A warning, or a problem when strict. */
  warn(warning: StatescopeError): void {
    if (this.#strict) this.report(warning);
    else this.#onWarning?.(warning);
  }

  /** Throws `problem` when loading; lists it when validating, and reading continues. */
  report(problem: StatescopeError): void {
    if (!this.#onProblem) throw problem;
    this.#first ??= problem;
    const key = problem.field ?? '';
    const count = (this.#perField.get(key) ?? 0) + 1;
    this.#perField.set(key, count);
    if (count <= LISTED_PER_FIELD) this.#onProblem(problem);
  }

  /** Throws the first listed problem, after a line for each field with more than were listed. */
  settle(): void {
    if (!this.#first) return;
    for (const [field, count] of this.#perField) {
      if (count > LISTED_PER_FIELD) {
        this.#onProblem!(new StatescopeError(`${count - LISTED_PER_FIELD} more problems like those above`, { field }));
      }
    }
    throw this.#first;
  }
}
