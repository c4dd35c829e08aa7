/**
 * The id of the listed dataset that `?data=` names, the first listed one when the parameter is
 * absent or empty, or null when nothing is listed. An id not in the list throws rather than
 * falling back to another dataset: showing the wrong data silently is worse than showing none.
 */
export function resolveDataParam(id: string | null, listed: readonly { readonly id: string }[]): string | null {
  if (id === null || id === '') return listed[0]?.id ?? null;
  if (listed.some((entry) => entry.id === id)) return id;
  const available = listed.length ? listed.map((entry) => entry.id).join(', ') : 'none (no datasets are listed)';
  throw new Error(`no dataset "${id}"; available: ${available}`);
}
