import type { ByteBudget } from '../ByteBudget.js';
import type { ProblemLog } from '../ProblemLog.js';
import { StatescopeError, type ErrorLocation } from '../StatescopeError.js';
import { typeName } from '../validation.js';
import { sequenceOfStep } from '../StepLocator.js';
import { decodeFloat16 } from './float16.js';
import { dequantizeInt8 } from './int8.js';
import { StateMatrix } from '../StateMatrix.js';
import { isNpy, parseNpy } from './npy.js';
import { isZip, openZip } from './zip.js';
import type { OpenedInput } from './source.js';

/** Element types of raw little-endian binary arrays. */
export type BinaryDtype = 'float32' | 'float64' | 'float16' | 'int8';

/** An array given inline in the manifest (the self-contained JSON variant). */
export interface InlineArrayRef {
  /** Row-major values: flat, or one inner array per row. */
  data: number[] | number[][];
  /** [rows] or [rows, columns] of flat `data`; optional where rows give the shape. */
  shape?: number[];
}

/** An array stored as raw little-endian values in a binary file. */
export interface BinaryArrayRef {
  /** File name, relative to the manifest. */
  file: string;
  /** Element type of the stored values. */
  dtype: BinaryDtype;
  /** [rows] or [rows, columns]. */
  shape: number[];
  /** Where the array starts in the file (default 0). */
  byteOffset?: number;
  /** int8 only: value = stored integer x scale (one scale, or one per column). */
  scale?: number | number[];
}

/** An array stored in a NumPy .npy file, or as member `key` of a .npz archive. */
export interface NumpyArrayRef {
  /** The .npy or .npz file, relative to the manifest. */
  file: string;
  /** Name of the array inside a .npz (as given to np.savez), without ".npy". */
  key?: string;
}

/** How a manifest points at one numeric array. */
export type ArrayRef = InlineArrayRef | BinaryArrayRef | NumpyArrayRef;

/** A decoded array: row-major values and their [rows, columns] (columns = 1 for 1-D data). */
export interface DecodedArray {
  data: Float32Array;
  rows: number;
  columns: number;
}

/** Decoded states: int8 files kept as their codes and scales, anything else as float32. */
export interface DecodedStates {
  states: StateMatrix;
  rows: number;
  columns: number;
}

const BYTES: Record<BinaryDtype, number> = { float32: 4, float64: 8, float16: 2, int8: 1 };
/** The keys an array reference may have; others are warned about (a misspelt key is silently dropped otherwise). */
const REF_KEYS = new Set(['data', 'shape', 'file', 'dtype', 'byteOffset', 'scale', 'key']);
/** More columns than any recurrent layer has: a shape beyond it is a mistake, not a model. */
const MAX_COLUMNS = 1 << 24;

/** Where a raw binary array ends in its file, so the reader can tell a file longer than all its arrays. */
export interface BinaryExtent {
  file: string;
  end: number;
}
const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Where array references are read: the input and its companion files, the steps, what was read. */
export interface DecodeContext {
  input: OpenedInput;
  offsets: Uint32Array;
  problems: ProblemLog;
  /** Each raw binary array read is added here. */
  extents: BinaryExtent[];
}

/** Reads the array a reference points at, from the manifest itself or a companion file. */
export async function decodeArrayRef(ref: unknown, field: string, context: DecodeContext): Promise<DecodedArray> {
  return (await decodeRef(ref, field, context, false)) as DecodedArray;
}

/**
 * Reads a layer's states as {@link decodeArrayRef} does, but keeps raw int8 data as its codes and
 * scales (a view into the file, decoded only where read) instead of decoding it to float32.
 */
export async function decodeStateRef(ref: unknown, field: string, context: DecodeContext): Promise<DecodedStates> {
  const { data, rows, columns } = await decodeRef(ref, field, context, true);
  const states = data instanceof StateMatrix ? data : StateMatrix.float32(data, columns);
  return { states, rows, columns };
}

async function decodeRef(
  ref: unknown,
  field: string,
  { input, offsets, problems, extents }: DecodeContext,
  keepInt8: boolean,
): Promise<{ data: Float32Array | StateMatrix; rows: number; columns: number }> {
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) {
    throw new StatescopeError(`must be an array reference object, got ${typeName(ref)}`, { field });
  }
  const r = ref as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!REF_KEYS.has(key)) {
      problems.warn(new StatescopeError(`has the unknown key "${key}", which is ignored`, { field }));
    }
  }
  if ('data' in r) return decodeInline(r as unknown as InlineArrayRef, field, offsets);
  if (typeof r.file !== 'string' || r.file === '') {
    throw new StatescopeError('needs either "data" (inline values) or "file"', { field });
  }
  const bytes = await input.companion(r.file, field);
  if (r.dtype !== undefined) {
    const decoded = decodeBinary(r as unknown as BinaryArrayRef, bytes, field, input.budget, keepInt8);
    extents.push({ file: r.file, end: decoded.end });
    return decoded;
  }
  if (isNpy(bytes)) return fromNpy(bytes, field, input.budget);
  if (isZip(bytes)) {
    if (typeof r.key !== 'string') throw new StatescopeError(`names the .npz "${r.file}" but no "key"`, { field });
    const archive = openZip(bytes, field, input.budget);
    const member = archive.names().includes(`${r.key}.npy`) ? `${r.key}.npy` : r.key;
    return fromNpy(await archive.read(member), field, input.budget);
  }
  throw new StatescopeError(`"${r.file}" is neither .npy nor .npz; give "dtype" and "shape" for raw binary`, {
    field,
  });
}

function fromNpy(bytes: Uint8Array, field: string, budget: ByteBudget): DecodedArray {
  const { shape, data } = parseNpy(bytes, field, budget);
  return withShape(data, shape, field);
}

function withShape(data: Float32Array, shape: number[], field: string): DecodedArray {
  return { data, ...rowsOf(shape, field) };
}

function rowsOf(shape: number[], field: string): { rows: number; columns: number } {
  if (shape.length === 1) return { rows: shape[0], columns: 1 };
  if (shape.length === 2) return { rows: shape[0], columns: shape[1] };
  throw new StatescopeError(
    `has shape (${shape.join(', ')}); arrays must be (steps) or (steps, width): concatenate the sequences ` +
      'along the first axis, without padding',
    { field },
  );
}

function checkShape(shape: unknown, field: string): number[] {
  if (
    !Array.isArray(shape) ||
    shape.length < 1 ||
    shape.length > 2 ||
    !shape.every((n) => Number.isSafeInteger(n) && n >= 0)
  ) {
    throw new StatescopeError(`"shape" must be [rows] or [rows, columns] of non-negative integers`, { field });
  }
  if ((shape[1] ?? 1) > MAX_COLUMNS) {
    throw new StatescopeError(`"shape" declares ${shape[1]} columns; more than ${MAX_COLUMNS} is not a layer`, {
      field,
    });
  }
  return shape as number[];
}

function decodeBinary(
  ref: BinaryArrayRef,
  bytes: Uint8Array,
  field: string,
  budget: ByteBudget,
  keepInt8: boolean,
): { data: Float32Array | StateMatrix; rows: number; columns: number; end: number } {
  const size = BYTES[ref.dtype];
  if (size === undefined) {
    throw new StatescopeError(`"dtype" ${JSON.stringify(ref.dtype)} is not one of ${Object.keys(BYTES).join(', ')}`, {
      field,
    });
  }
  const shape = checkShape(ref.shape, field);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = ref.byteOffset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new StatescopeError(`"byteOffset" must be a non-negative integer`, { field });
  }
  // A misaligned start is almost always a wrong offset or dtype, not a layout anyone meant.
  if (offset % size !== 0) {
    throw new StatescopeError(
      `"byteOffset" ${offset} is not a multiple of the ${ref.dtype} size (${size} bytes); check the offset and the dtype`,
      { field },
    );
  }
  const end = offset + count * size;
  if (end > bytes.length) {
    throw new StatescopeError(
      `"${ref.file}" is truncated: the array needs bytes ${offset}..${end}, the file has ${bytes.length}` +
        (ref.dtype === 'float64' && offset + (count * size) / 2 <= bytes.length ? '; is it float32 data?' : ''),
      { field },
    );
  }
  const start = bytes.byteOffset + offset;
  if (ref.dtype === 'int8' && keepInt8) {
    // One byte per value: always aligned, a view into the file, no copy.
    const columns = shape[1] ?? 1;
    const codes = new Int8Array(bytes.buffer, start, count);
    return {
      data: StateMatrix.int8(codes, checkScale(ref.scale, columns, field), columns),
      ...rowsOf(shape, field),
      end,
    };
  }
  // Aligned float32 on a little-endian host: a view into the file, no copy. Anything else allocates.
  const aligned = start % size === 0 && littleEndianHost;
  if (!(aligned && ref.dtype === 'float32')) budget.take(count * 4, field, `the ${shape.join(' x ')} array`);
  const raw = aligned ? bytes.buffer : bytes.slice(offset, end).buffer;
  const at = aligned ? start : 0;
  let data: Float32Array;
  switch (ref.dtype) {
    case 'float32':
      data = new Float32Array(raw, at, count);
      break;
    case 'float64':
      data = Float32Array.from(new Float64Array(raw, at, count));
      break;
    case 'float16':
      data = decodeFloat16(new Uint16Array(raw, at, count));
      break;
    case 'int8':
      data = dequantizeInt8(new Int8Array(raw, at, count), checkScale(ref.scale, shape[1] ?? 1, field));
      break;
  }
  return { ...withShape(data, shape, field), end };
}

/** One scale per column; a single number stands for all (expanded only once the shape is known to fit). */
function checkScale(scale: unknown, columns: number, field: string): number[] {
  const scales = typeof scale === 'number' ? new Array<number>(columns).fill(scale) : scale;
  if (!Array.isArray(scales) || scales.length !== columns || !scales.every((s) => Number.isFinite(s))) {
    throw new StatescopeError(`int8 data needs "scale": one finite number, or one per column (${columns})`, {
      field,
    });
  }
  return scales;
}

function decodeInline(ref: InlineArrayRef, field: string, offsets: Uint32Array): DecodedArray {
  const { data } = ref;
  const steps = offsets[offsets.length - 1];
  // Rows are steps when there is one row per step; name the sequence and step of a bad value then.
  const locate = (row: number, rowCount: number) => {
    if (rowCount !== steps || row >= steps) return { field };
    const sequence = sequenceOfStep(offsets, row);
    return { field, sequence, step: row - offsets[sequence] };
  };
  if (!Array.isArray(data)) throw new StatescopeError('"data" must be an array of numbers', { field });
  if (data.length > 0 && Array.isArray(data[0])) {
    const rows = data as unknown[];
    const columns = (rows[0] as unknown[]).length;
    const out = new Float32Array(rows.length * columns);
    rows.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== columns) {
        throw new StatescopeError(
          `row ${i} has ${Array.isArray(row) ? row.length : 'no'} values, expected ${columns} like row 0`,
          locate(i, rows.length),
        );
      }
      row.forEach((v, j) => {
        if (typeof v !== 'number') notANumber(v, j, locate(i, rows.length));
        out[i * columns + j] = v;
      });
    });
    return { data: out, rows: rows.length, columns };
  }
  const shape = ref.shape === undefined ? [data.length] : checkShape(ref.shape, field);
  if (shape.reduce((a, b) => a * b, 1) !== data.length) {
    throw new StatescopeError(`"data" has ${data.length} values but "shape" is [${shape.join(', ')}]`, { field });
  }
  const columns = shape[1] ?? 1;
  const out = Float32Array.from(data as unknown[], (v, i) => {
    if (typeof v !== 'number') notANumber(v, i % columns, locate(Math.floor(i / columns), shape[0]));
    return v as number;
  });
  return withShape(out, shape, field);
}

// JSON cannot hold NaN or Infinity; producers write them as null, strings or bare literals (read as strings).
function notANumber(value: unknown, column: number, location: ErrorLocation): never {
  const shown = value === 'NaN' || value === 'Infinity' || value === '-Infinity' ? `${value}` : JSON.stringify(value);
  throw new StatescopeError(`column ${column} holds ${shown}, not a finite number`, location);
}
