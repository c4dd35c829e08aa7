import type { ByteBudget } from '../ByteBudget.js';
import { StatescopeError } from '../StatescopeError.js';
import { importNode } from '../importNode.js';

/** What {@link loadDataset} accepts: a path (Node), a URL, raw bytes, or a Blob / File. */
export type DatasetInput = string | URL | ArrayBuffer | ArrayBufferView | Blob;

/**
 * Other files a manifest refers to, by the name it uses: for inputs that have no location (bytes,
 * Blob, File), or, as promises, to fetch a dataset's large binary while its manifest is read.
 */
export type CompanionFiles = Readonly<
  Record<string, ArrayBuffer | ArrayBufferView | Blob | PromiseLike<ArrayBuffer | ArrayBufferView | Blob>>
>;

/** Bytes of the input, and a way to fetch the files its manifest names relative to it. */
export interface OpenedInput {
  bytes: Uint8Array;
  /** Display name (file name or URL) for messages. */
  name: string;
  /** Reads a file the manifest names, relative to the input's location. Memoised per name. */
  companion(name: string, field: string): Promise<Uint8Array>;
  /** What this load may still read and allocate. */
  budget: ByteBudget;
}

export interface OpenOptions {
  files?: CompanionFiles;
  /** Let a manifest name files outside its own folder (Node) or origin (URL). */
  allowOutside?: boolean;
  budget: ByteBudget;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

export async function openInput(input: DatasetInput, options: OpenOptions): Promise<OpenedInput> {
  const { files: companions, allowOutside = false, budget } = options;
  const memo = new Map<string, Promise<Uint8Array>>();
  const memoised = (read: (name: string, field: string) => Promise<Uint8Array>) => (name: string, field: string) => {
    let pending = memo.get(name);
    if (!pending) memo.set(name, (pending = read(name, field)));
    return pending;
  };
  const fromCompanions = async (name: string, field: string): Promise<Uint8Array> => {
    const given = companions?.[name];
    if (given === undefined) {
      throw new StatescopeError(
        `refers to the file "${name}", which was not given; pass it in the "files" option of loadDataset`,
        { field },
      );
    }
    let file: ArrayBuffer | ArrayBufferView | Blob;
    try {
      file = await given;
    } catch (error) {
      throw new StatescopeError(`cannot read "${name}": ${(error as Error).message}`, { field });
    }
    return toBytes(file, budget, field, `"${name}"`);
  };

  if (typeof input === 'string' || input instanceof URL) {
    const location = String(input);
    const isUrl = input instanceof URL || /^[a-z][a-z0-9+.-]*:\/\//i.test(location) || /^(data|blob):/i.test(location);
    if (isNode && (!isUrl || location.startsWith('file:'))) {
      const { fileURLToPath } = await importNode<typeof import('node:url')>('node:url');
      const filePath = location.startsWith('file:') ? fileURLToPath(location) : location;
      const local = await localFiles(filePath, budget, allowOutside);
      return {
        bytes: await local.read(filePath, 'input'),
        name: filePath,
        budget,
        companion: memoised((name, field) =>
          companions?.[name] !== undefined ? fromCompanions(name, field) : local.companion(name, field),
        ),
      };
    }
    const base = new URL(location, globalThis.location?.href);
    return {
      bytes: await fetchBytes(base, budget, 'input'),
      name: base.href,
      budget,
      companion: memoised((name, field) => {
        if (companions?.[name] !== undefined) return fromCompanions(name, field);
        const url = new URL(name, base);
        if (!allowOutside && url.origin !== base.origin) {
          throw new StatescopeError(
            `refers to "${name}", on another origin than the manifest (${base.origin}); ` +
              'pass allowOutside: true to loadDataset to allow it',
            { field },
          );
        }
        return fetchBytes(url, budget, field);
      }),
    };
  }
  const name = typeof Blob !== 'undefined' && input instanceof Blob && 'name' in input ? String(input.name) : 'bytes';
  return { bytes: await toBytes(input, budget, 'input', name), name, budget, companion: memoised(fromCompanions) };
}

/**
 * Reading files in Node: only regular files, each taken from the budget before it is read, and
 * (unless allowed) only inside the manifest's own folder, judged after following symbolic links.
 */
async function localFiles(manifestPath: string, budget: ByteBudget, allowOutside: boolean) {
  const { readFile, realpath, stat } = await importNode<typeof import('node:fs/promises')>('node:fs/promises');
  const path = await importNode<typeof import('node:path')>('node:path');
  const cannot = (file: string, field: string, error: unknown) =>
    new StatescopeError(`cannot read "${file}": ${(error as Error).message}`, { field });
  const read = async (file: string, field: string): Promise<Uint8Array> => {
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new StatescopeError(`"${file}" is not a regular file`, { field });
      size = info.size;
    } catch (error) {
      if (error instanceof StatescopeError) throw error;
      throw cannot(file, field, error);
    }
    budget.take(size, field, `"${file}"`);
    try {
      const buffer = await readFile(file);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength); // a view: no copy
    } catch (error) {
      throw cannot(file, field, error);
    }
  };
  let folder: string;
  try {
    folder = path.dirname(await realpath(manifestPath));
  } catch (error) {
    throw cannot(manifestPath, 'input', error);
  }
  const companion = async (name: string, field: string): Promise<Uint8Array> => {
    const file = path.resolve(path.dirname(manifestPath), name);
    if (allowOutside) return read(file, field);
    let real: string;
    try {
      real = await realpath(file);
    } catch (error) {
      throw cannot(file, field, error);
    }
    const inside = path.relative(folder, real);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new StatescopeError(
        `refers to "${name}", outside the manifest's folder; keep the arrays beside the manifest, ` +
          'or pass allowOutside: true to loadDataset',
        { field },
      );
    }
    return read(real, field);
  };
  return { read, companion };
}

async function toBytes(
  value: ArrayBuffer | ArrayBufferView | Blob,
  budget: ByteBudget,
  field: string,
  what: string,
): Promise<Uint8Array> {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    budget.take(value.size, field, what);
    return new Uint8Array(await value.arrayBuffer());
  }
  throw new StatescopeError(
    'loadDataset takes a path, a URL, an ArrayBuffer, a typed array or a Blob; got something else',
    { field: 'input' },
  );
}

/** A response body, taken from the budget as it arrives (the declared length first, when there is one). */
async function fetchBytes(url: URL, budget: ByteBudget, field: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new StatescopeError(`cannot fetch ${url.href}: ${(error as Error).message}`, { field });
  }
  if (!response.ok) throw new StatescopeError(`cannot fetch ${url.href}: HTTP ${response.status}`, { field });
  const declared = Number(response.headers.get('content-length'));
  if (declared > 0 && !response.headers.get('content-encoding')) {
    budget.take(declared, field, url.href);
    return new Uint8Array(await response.arrayBuffer());
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    try {
      budget.take(value.length, field, url.href);
    } catch (error) {
      await reader.cancel();
      throw error;
    }
    chunks.push(value);
    length += value.length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
