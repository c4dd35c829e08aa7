/**
 * Symmetric per-column int8 quantisation: value ~ q x scale[column], scale = max|column| / 127,
 * so the absolute error of every value is at most scale / 2 = max|column| / 254.
 */
export function quantizeInt8(values: Float32Array, columns: number): { values: Int8Array; scale: number[] } {
  const maxAbs = new Float64Array(columns);
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]);
    if (v > maxAbs[i % columns]) maxAbs[i % columns] = v;
  }
  const scale = Array.from(maxAbs, (m) => (m > 0 ? m / 127 : 1));
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(values[i] / scale[i % columns]);
  return { values: out, scale };
}

/** The inverse of {@link quantizeInt8}. */
export function dequantizeInt8(values: Int8Array, scale: readonly number[]): Float32Array {
  const columns = scale.length;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * scale[i % columns];
  return out;
}
