/**
 * Name of a recurrent layer's parameter group: layer 0 keeps the plain names (`inputWeights`), so
 * one-layer weight files are the same as before stacking existed; layer l > 0 gets a suffix
 * (`inputWeights.1`).
 */
export function layerGroupName(name: string, layer: number): string {
  return layer === 0 ? name : `${name}.${layer}`;
}
