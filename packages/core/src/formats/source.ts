import { StatescopeError } from '../StatescopeError.js';
import { importNode } from '../importNode.js';

/** What {@link loadDataset} accepts: a path (Node), a URL, raw bytes, or a Blob / File. */
export type DatasetInput = string | URL | ArrayBuffer | ArrayBufferView | Blob;

/** Other files a manifest refers to, for inputs that have no location (bytes, Blob, File). */
export type CompanionFiles = Readonly<Record<string, ArrayBuffer | ArrayBufferView | Blob>>;

/** Bytes of the input, and a way to fetch the files its manifest names relative to it. */
export interface OpenedInput {
  bytes: Uint8Array;
  /** Display name (file name or URL) for messages. */
  name: string;
  /** Reads a file the manifest names, relative to the input's location. Memoised per name. */
  companion(name: string, field: string): Promise<Uint8Array>;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

export async function openInput(input: DatasetInput, companions?: CompanionFiles): Promise<OpenedInput> {
  const memo = new Map<string, Promise<Uint8Array>>();
  const memoised = (read: (name: string, field: string) => Promise<Uint8Array>) => (name: string, field: string) => {
    let pending = memo.get(name);
    if (!pending) memo.set(name, (pending = read(name, field)));
    return pending;
  };
  const fromCompanions = async (name: string, field: string): Promise<Uint8Array> => {
    const file = companions?.[name];
    if (file === undefined) {
      throw new StatescopeError(
        `refers to the file "${name}", which was not given; pass it in the "files" option of loadDataset`,
        { field },
      );
    }
    return toBytes(file);
  };

  if (typeof input === 'string' || input instanceof URL) {
    const location = String(input);
    const isUrl = input instanceof URL || /^[a-z][a-z0-9+.-]*:\/\//i.test(location) || /^(data|blob):/i.test(location);
    if (isNode && (!isUrl || location.startsWith('file:'))) {
      const { readFile } = await importNode<typeof import('node:fs/promises')>('node:fs/promises');
      const path = await importNode<typeof import('node:path')>('node:path');
      const { fileURLToPath } = await importNode<typeof import('node:url')>('node:url');
      const filePath = location.startsWith('file:') ? fileURLToPath(location) : location;
      const readLocal = async (file: string, field: string) => {
        try {
          const buffer = await readFile(file);
          return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength); // a view: no copy
        } catch (error) {
          throw new StatescopeError(`cannot read "${file}": ${(error as Error).message}`, { field });
        }
      };
      return {
        bytes: await readLocal(filePath, 'input'),
        name: filePath,
        companion: memoised((name, field) =>
          companions?.[name] !== undefined
            ? fromCompanions(name, field)
            : readLocal(path.resolve(path.dirname(filePath), name), field),
        ),
      };
    }
    const base = new URL(location, globalThis.location?.href);
    return {
      bytes: await fetchBytes(base, 'input'),
      name: base.href,
      companion: memoised((name, field) =>
        companions?.[name] !== undefined ? fromCompanions(name, field) : fetchBytes(new URL(name, base), field),
      ),
    };
  }
  const name = typeof Blob !== 'undefined' && input instanceof Blob && 'name' in input ? String(input.name) : 'bytes';
  return { bytes: await toBytes(input), name, companion: memoised(fromCompanions) };
}

async function toBytes(value: ArrayBuffer | ArrayBufferView | Blob): Promise<Uint8Array> {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (typeof Blob !== 'undefined' && value instanceof Blob) return new Uint8Array(await value.arrayBuffer());
  throw new StatescopeError(
    'loadDataset takes a path, a URL, an ArrayBuffer, a typed array or a Blob; got something else',
    { field: 'input' },
  );
}

async function fetchBytes(url: URL, field: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new StatescopeError(`cannot fetch ${url.href}: ${(error as Error).message}`, { field });
  }
  if (!response.ok) throw new StatescopeError(`cannot fetch ${url.href}: HTTP ${response.status}`, { field });
  return new Uint8Array(await response.arrayBuffer());
}
