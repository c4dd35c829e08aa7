import type { ByteBudget } from '../ByteBudget.js';
import { StatescopeError } from '../StatescopeError.js';
import { crc32 } from './crc32.js';

/** Reads the named members of a .zip (as NumPy's .npz is), stored or deflated, ZIP64 included. */
export interface ZipArchive {
  names(): string[];
  read(name: string): Promise<Uint8Array>;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

interface Entry {
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/**
 * Opens a .zip / .npz. Every offset and size in it is checked against the file before use (a
 * damaged archive is a StatescopeError, never a RangeError), a member inflates only up to the
 * size its directory declares, and its CRC-32 is verified, as NumPy's reader does.
 */
export function openZip(bytes: Uint8Array, field: string, budget: ByteBudget): ZipArchive {
  try {
    return readDirectory(bytes, field, budget);
  } catch (error) {
    throw asDamaged(error, field, 'directory');
  }
}

/** A DataView read past the end means offsets that point outside the file. */
function asDamaged(error: unknown, field: string, where: string): unknown {
  return error instanceof RangeError
    ? new StatescopeError(`.npz archive is damaged: its ${where} points outside the file`, { field })
    : error;
}

function readDirectory(bytes: Uint8Array, field: string, budget: ByteBudget): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new StatescopeError('.npz archive is truncated: no end-of-archive record', { field });
  let entryCount = view.getUint16(eocd + 10, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  const locator = eocd - 20;
  if (locator >= 0 && view.getUint32(locator, true) === 0x07064b50) {
    const zip64End = Number(view.getBigUint64(locator + 8, true));
    entryCount = Number(view.getBigUint64(zip64End + 32, true));
    directoryOffset = Number(view.getBigUint64(zip64End + 48, true));
  }
  const entries = new Map<string, Entry>();
  let p = directoryOffset;
  for (let n = 0; n < entryCount; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) {
      throw new StatescopeError('.npz archive directory is damaged', { field });
    }
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    // ZIP64 extra field: the 64-bit values appear in this order, only for fields saturated at 0xffffffff.
    for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength;) {
      const id = view.getUint16(x, true);
      const length = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff) {
          size = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(view.getBigUint64(q, true));
      }
      x += 4 + length;
    }
    entries.set(name, { method, crc, compressedSize, size, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }

  return {
    names: () => [...entries.keys()],
    async read(name) {
      const entry = entries.get(name);
      if (!entry) throw new StatescopeError(`.npz archive has no member "${name}"`, { field });
      const h = entry.localHeaderOffset;
      if (h + 30 > bytes.length || view.getUint32(h, true) !== 0x04034b50) {
        throw new StatescopeError(`.npz member "${name}" is damaged`, { field });
      }
      const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
      if (start + entry.compressedSize > bytes.length) {
        throw new StatescopeError(`.npz archive is truncated inside member "${name}"`, { field });
      }
      const data = bytes.subarray(start, start + entry.compressedSize);
      let content: Uint8Array;
      if (entry.method === 0) {
        if (entry.compressedSize !== entry.size) {
          throw new StatescopeError(`.npz member "${name}" is damaged: stored, yet its two sizes differ`, { field });
        }
        content = data;
      } else if (entry.method === 8) {
        budget.take(entry.size, field, `.npz member "${name}"`);
        content = await inflateRaw(data, entry.size, `${field} (${name})`);
      } else {
        throw new StatescopeError(
          `.npz member "${name}" uses compression method ${entry.method}; only stored and deflate are read`,
          { field },
        );
      }
      if (crc32(content) !== entry.crc) {
        throw new StatescopeError(`.npz member "${name}" is damaged: its CRC-32 does not match its content`, {
          field,
        });
      }
      return content;
    },
  };
}

/**
 * Raw-deflate decompression with the platform's DecompressionStream (browsers, Node >= 20.12),
 * streamed into a buffer of the declared size: a member that inflates past it is refused at
 * that point, so a small member cannot expand into gigabytes first.
 */
async function inflateRaw(data: Uint8Array, size: number, field: string): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let length = 0;
  try {
    const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.length > size) {
        await reader.cancel();
        throw new Error(`inflates past the ${size} bytes its directory declares`);
      }
      out.set(value, length);
      length += value.length;
    }
  } catch (error) {
    throw new StatescopeError(`compressed data is damaged: ${(error as Error).message}`, { field });
  }
  if (length !== size) {
    throw new StatescopeError(`compressed data is damaged: inflated to ${length} bytes, expected ${size}`, { field });
  }
  return out;
}
