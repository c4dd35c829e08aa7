/**
 * A sequence that is not in the dataset: a text typed into a what-if view and run through the
 * model, shown by the other views beside the dataset's own sequences. Its numbers are per step
 * (one step per token), in the dataset's terms (its classes, its top layer, its maps).
 */
export interface ProvisionalSequence {
  /** The name views show for it, e.g. "what-if". */
  readonly id: string;
  /** Its tokens, one per step. */
  readonly tokens: readonly string[];
  /** 1 where the model's vocabulary lacks the token (the model read its unknown token there). */
  readonly unknown: Uint8Array;
  /** Expected predictions, tokens.length x the dataset's class count, row-major. */
  readonly expected: Float32Array;
  /** The top layer's hidden states, tokens.length x its units, row-major. */
  readonly hidden: Float32Array;
  /** Its states placed on the dataset's maps: projection name to tokens.length x 2 coordinates (none while placing). */
  readonly coordinates: Readonly<Record<string, Float32Array>>;
  /** The dataset sequence it was edited from (views may show the two together), or -1. */
  readonly original: number;
}

/** The sequence, checked: a RangeError naming the first field whose size does not fit the tokens. */
export function checkProvisional(sequence: ProvisionalSequence): ProvisionalSequence {
  const steps = sequence.tokens?.length ?? 0;
  const fail = (field: string, what: string) => {
    throw new RangeError(`provisional.${field}: ${what}`);
  };
  if (steps === 0) fail('tokens', 'expected at least one token');
  if (typeof sequence.id !== 'string') fail('id', 'expected a string');
  if (!(sequence.unknown instanceof Uint8Array) || sequence.unknown.length !== steps)
    fail('unknown', `expected a Uint8Array of ${steps} (one per token)`);
  for (const field of ['expected', 'hidden'] as const) {
    const values = sequence[field];
    if (!(values instanceof Float32Array) || values.length === 0 || values.length % steps !== 0)
      fail(field, `expected a Float32Array of ${steps} rows (one per token)`);
  }
  for (const [name, xy] of Object.entries(sequence.coordinates ?? {})) {
    if (!(xy instanceof Float32Array) || xy.length !== 2 * steps)
      fail(`coordinates.${name}`, `expected a Float32Array of ${2 * steps} (x, y per token)`);
  }
  if (!Number.isInteger(sequence.original) || sequence.original < -1)
    fail('original', 'expected a sequence index or -1');
  return sequence;
}
