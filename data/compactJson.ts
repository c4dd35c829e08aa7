// Writes small inline datasets with each Float32 value in its shortest decimal form that reads
// back to the same float32 (JSON.stringify would print the float64 digits: about twice as long).
import type { DatasetManifest } from '@statescope/core';

/** Shortest decimal string that Math.fround maps back to `value` (which must be a float32). */
export function float32String(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(value);
}

/** JSON of an inline manifest (from encodeDatasetJson) with float32-shortest array values. */
export function compactManifestJson(manifest: DatasetManifest): string {
  const arrays: number[][] = [];
  const marker = (data: number[]): string => {
    arrays.push(data);
    return `@@array${arrays.length - 1}@@`;
  };
  const json = JSON.stringify(manifest, (key, value: unknown) =>
    key === 'data' && Array.isArray(value) ? marker(value as number[]) : value,
  );
  return json.replace(/"@@array(\d+)@@"/g, (_, i: string) => `[${arrays[Number(i)].map(float32String).join(',')}]`);
}
