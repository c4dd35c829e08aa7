/**
 * The first position where two token sequences differ (a token changed, or one sequence ends
 * before the other), or -1 when they are equal: the step where an edited text parts from its
 * original.
 */
export function firstDifference(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
