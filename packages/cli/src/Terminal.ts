/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface Terminal {
  /** Results (what a script may parse). */
  stdout: Writable;
  /** Progress, warnings and errors. */
  stderr: Writable;
}

/** The part of a Node stream the commands use; tests pass their own. */
export interface Writable {
  /** Writes text as it is (lines end in `\n`). */
  write(text: string): unknown;
  /** True on an interactive terminal: progress then redraws one line in place. */
  isTTY?: boolean;
}

/** The process's own streams. */
export const processTerminal: Terminal = { stdout: process.stdout, stderr: process.stderr };
