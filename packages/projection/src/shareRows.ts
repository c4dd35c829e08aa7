/**
 * A copy of `rows` in shared memory where the platform allows it (Node; cross-origin isolated
 * pages), else `rows` itself. Posted to a worker, a shared copy is not copied again, and the
 * worker hands it on to its helper for free: at 100,000 x 100 states that saves two copies.
 */
export function shareRows(rows: Float32Array): Float32Array {
  const scope = globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown };
  if (scope.SharedArrayBuffer === undefined || scope.crossOriginIsolated === false) return rows;
  if (rows.buffer instanceof SharedArrayBuffer) return rows;
  const shared = new Float32Array(new SharedArrayBuffer(rows.byteLength));
  shared.set(rows);
  return shared;
}
