import { StatescopeError } from './StatescopeError.js';

/** Problems listed per field before the rest are summed up in one line. */
const LISTED_PER_FIELD = 20;

/**
 * Where problems with values go while a dataset is read. Loading throws the first at once.
 * Validation (`onProblem` given) lists them all and reading goes on past each, then
 * {@link settle} throws the first, so a dataset with problems is still never returned. Problems
 * of structure (wrong shapes, missing fields) are thrown at once either way: nothing after them
 * could be checked.
 */
export class ProblemLog {
  readonly #onProblem: ((problem: StatescopeError) => void) | undefined;
  #first: StatescopeError | null = null;
  readonly #perField = new Map<string, number>();

  constructor(onProblem?: (problem: StatescopeError) => void) {
    this.#onProblem = onProblem;
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
