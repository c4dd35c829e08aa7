import type { JsonValue } from '@statescope/bus';

/** The map's brushed region in data coordinates (so that it follows zoom and pan), or null. */
export type BrushShape =
  { kind: 'rect'; x0: number; y0: number; x1: number; y1: number } | { kind: 'lasso'; polygon: Float32Array } | null;

/** The shape as the plain JSON value of the map's bus clause. */
export function brushValue(shape: BrushShape): JsonValue {
  if (!shape) return null;
  if (shape.kind === 'rect') return { ...shape };
  return { kind: 'lasso', polygon: Array.from(shape.polygon) };
}

/**
 * The shape a clause value describes (one the map published, or one restored from a snapshot),
 * or null when the value is not a map shape.
 */
export function brushShape(value: JsonValue): BrushShape {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const finite = (v: JsonValue | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  if (value.kind === 'rect') {
    const { x0, y0, x1, y1 } = value;
    return finite(x0) && finite(y0) && finite(x1) && finite(y1) ? { kind: 'rect', x0, y0, x1, y1 } : null;
  }
  const polygon = value.polygon;
  if (value.kind === 'lasso' && Array.isArray(polygon) && polygon.length >= 6 && polygon.every(finite)) {
    return { kind: 'lasso', polygon: Float32Array.from(polygon as number[]) };
  }
  return null;
}
