import type { ByteBudget } from '../ByteBudget.js';
import { StatescopeError } from '../StatescopeError.js';
import { decodeFloat16 } from './float16.js';

/** One array read from a NumPy .npy file, converted to float32. */
export interface NpyArray {
  shape: number[];
  data: Float32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function isNpy(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Reads a .npy file (format versions 1-3) holding float16/32/64 or integer data in C order
 * into a Float32Array. Fortran order and big-endian data are refused with a clear error.
 */
export function parseNpy(bytes: Uint8Array, field: string, budget: ByteBudget): NpyArray {
  if (bytes.length < 10 || !isNpy(bytes)) throw new StatescopeError('is not a NumPy .npy file', { field });
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw new StatescopeError('.npy header is truncated', { field });
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) {
    throw new StatescopeError(`.npy header is not understood: ${header.trim()}`, { field });
  }
  if (fortran === 'True') {
    throw new StatescopeError('.npy array is in Fortran order; save it in C order (np.ascontiguousarray)', { field });
  }
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => (/^\d+L?$/.test(part) ? Number(part.replace('L', '')) : NaN));
  if (!shape.every(Number.isSafeInteger)) {
    throw new StatescopeError(`.npy shape (${shapeText.trim()}) is not a tuple of whole numbers`, { field });
  }
  const count = shape.reduce((a, b) => a * b, 1);
  const decoded = decodeElements(bytes, dataStart, count, descr, field, budget);
  return { shape, data: decoded };
}

/** Element sizes of the dtypes read (NumPy's `descr` without the byte order). */
const ITEM_SIZE: Record<string, number> = {
  f2: 2,
  f4: 4,
  f8: 8,
  i1: 1,
  u1: 1,
  i2: 2,
  u2: 2,
  i4: 4,
  u4: 4,
  i8: 8,
  u8: 8,
};

function decodeElements(
  bytes: Uint8Array,
  start: number,
  count: number,
  descr: string,
  field: string,
  budget: ByteBudget,
): Float32Array {
  const order = descr[0];
  const kind = descr.slice(1);
  if (order === '>') {
    throw new StatescopeError(`.npy data is big-endian (${descr}); save it little-endian (astype('<f4'))`, { field });
  }
  const size = order === '|' || order === '<' || order === '=' ? ITEM_SIZE[kind] : undefined;
  if (size === undefined) {
    throw new StatescopeError(
      `.npy dtype ${descr} is not read; use float16, float32 or float64, or signed or unsigned integers of 8 to 64 bits`,
      { field },
    );
  }
  const byteLength = count * size;
  if (start + byteLength > bytes.length) {
    throw new StatescopeError(
      `.npy data is truncated: ${count} values of ${size} bytes need ${byteLength} bytes, file has ${bytes.length - start}`,
      { field },
    );
  }
  budget.take(byteLength + count * 4, field, `the .npy array (${count} values)`);
  // Copy to a fresh aligned buffer: the data offset inside a file is rarely a multiple of 8.
  const raw = bytes.slice(start, start + byteLength).buffer;
  switch (kind) {
    case 'f4':
      return new Float32Array(raw);
    case 'f8':
      return Float32Array.from(new Float64Array(raw));
    case 'f2':
      return decodeFloat16(new Uint16Array(raw));
    case 'i1':
      return Float32Array.from(new Int8Array(raw));
    case 'u1':
      return Float32Array.from(new Uint8Array(raw));
    case 'i2':
      return Float32Array.from(new Int16Array(raw));
    case 'u2':
      return Float32Array.from(new Uint16Array(raw));
    case 'i4':
      return Float32Array.from(new Int32Array(raw));
    case 'u4':
      return Float32Array.from(new Uint32Array(raw));
    case 'i8':
      return fromBigInts(new BigInt64Array(raw));
    default:
      return fromBigInts(new BigUint64Array(raw));
  }
}

/** 64-bit integers (NumPy's default integer type) as float32; exact up to 2^24, as any float32. */
function fromBigInts(values: BigInt64Array | BigUint64Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
  return out;
}
