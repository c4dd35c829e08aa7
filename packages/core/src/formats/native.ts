import { StateDataset, type StateDatasetInit, type StateLayerInit } from '../StateDataset.js';
import { StateMatrix } from '../StateMatrix.js';
import { StatescopeError } from '../StatescopeError.js';
import { ProblemLog, type ProblemListeners } from '../ProblemLog.js';
import { typeName } from '../validation.js';
import { decodeArrayRef, decodeStateRef, type ArrayRef, type BinaryArrayRef, type BinaryExtent } from './arrayRef.js';
import { encodeFloat16 } from './float16.js';
import { quantizeInt8 } from './int8.js';
import type { OpenedInput } from './source.js';

/** The `format` value that marks a Statescope manifest. */
export const NATIVE_FORMAT = 'statescope';
/** The manifest version this library writes and the highest it reads. */
export const NATIVE_VERSION = 1;

/** One sequence in a manifest. */
export interface ManifestSequence {
  /** Sequence id, unique in the manifest; default its index. */
  id?: string;
  /** True class index. */
  label: number;
  /** Predicted class index; default: argmax of the last step's expected prediction. */
  prediction?: number;
  /** The sequence's tokens, one per step. */
  tokens: string[];
}

/** The JSON manifest of the native format (see docs/data-format.md and its JSON Schema). */
export interface DatasetManifest {
  /** Always `statescope`. */
  format: typeof NATIVE_FORMAT;
  /** Format version the file was written in (readers accept up to {@link NATIVE_VERSION}). */
  version: number;
  /** Class names, at least two. */
  classes: string[];
  /** What the producer says about the model and data. */
  metadata?: Record<string, unknown>;
  /** The sequences, in step order. */
  sequences: ManifestSequence[];
  /** steps x classes, or (steps) sigmoid outputs of a binary model. */
  expectedPredictions: ArrayRef;
  /** Layers of states, bottom to top: steps x units each. */
  layers: {
    /** Layer name, unique in the manifest. */
    name: string;
    /** Hidden states, steps x units. */
    hidden: ArrayRef;
    /** Cell states (LSTM), steps x units. */
    cell?: ArrayRef;
  }[];
  /** Named 2-D projections, steps x 2 each. */
  projections?: Record<string, ArrayRef>;
}

export function isNativeManifest(json: unknown): json is DatasetManifest {
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === NATIVE_FORMAT;
}

/** Builds a dataset from a parsed manifest, reading the arrays it points at. */
/** The keys each part of a manifest may have; others are warned about (or refused when strict). */
const KNOWN_KEYS = {
  manifest: ['format', 'version', 'classes', 'metadata', 'sequences', 'expectedPredictions', 'layers', 'projections'],
  sequence: ['id', 'label', 'prediction', 'tokens'],
  layer: ['name', 'hidden', 'cell'],
};

function warnUnknownKeys(object: object, known: readonly string[], field: string, problems: ProblemLog): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      const near = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase().replace(/[_-]/g, '')) <= 2);
      problems.warn(
        new StatescopeError(
          `has the unknown key "${key}", which is ignored${near ? ` (did you mean "${near}"?)` : ''}`,
          {
            field,
          },
        ),
      );
    }
  }
}

/** Levenshtein distance, for "did you mean" on keys (a handful of short strings). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

export async function readNative(
  manifest: DatasetManifest,
  input: OpenedInput,
  listeners: ProblemListeners = {},
): Promise<StateDataset> {
  const problems = new ProblemLog(listeners);
  const extents: BinaryExtent[] = [];
  warnUnknownKeys(manifest, KNOWN_KEYS.manifest, 'manifest', problems);
  if (!Number.isInteger(manifest.version) || manifest.version < 1) {
    throw new StatescopeError(`must be a positive integer, got ${String(manifest.version)}`, { field: 'version' });
  }
  if (manifest.version > NATIVE_VERSION) {
    throw new StatescopeError(
      `manifest version ${manifest.version} is newer than this library reads (${NATIVE_VERSION}); update Statescope`,
      { field: 'version' },
    );
  }
  const sequences = manifest.sequences;
  if (!Array.isArray(sequences)) {
    throw new StatescopeError(`must be an array of sequences, got ${typeName(sequences)}`, { field: 'sequences' });
  }
  sequences.forEach((seq, s) => {
    if (typeof seq !== 'object' || seq === null) {
      throw new StatescopeError(`must be an object, got ${typeName(seq)}`, { field: 'sequences', sequence: s });
    }
    warnUnknownKeys(seq, KNOWN_KEYS.sequence, 'sequences', problems);
    // Checked here, before any array: an empty sequence is the sequence's fault, not a layer's.
    if (!Array.isArray(seq.tokens) || seq.tokens.length === 0) {
      const got = Array.isArray(seq.tokens) ? 'an empty array' : typeName(seq.tokens);
      throw new StatescopeError(`must be a non-empty array of token strings, got ${got}`, {
        field: 'sequences.tokens',
        sequence: s,
      });
    }
  });
  const tokens = sequences.map((seq) => seq.tokens);
  const offsets = offsetsOf(tokens);
  const rowsMatch = <T extends { rows: number; columns: number }>(array: T, field: string, columns?: number): T => {
    const steps = offsets[offsets.length - 1];
    if (array.rows !== steps) {
      throw new StatescopeError(`has ${array.rows} rows, but the sequences have ${steps} tokens in all`, { field });
    }
    if (columns !== undefined && array.columns !== columns) {
      throw new StatescopeError(`has ${array.columns} columns, expected ${columns}`, { field });
    }
    return array;
  };

  if (!Array.isArray(manifest.layers)) {
    throw new StatescopeError(`must be an array of layers, got ${typeName(manifest.layers)}`, { field: 'layers' });
  }
  const context = { input, offsets, problems, extents };
  const decode = (ref: unknown, field: string) => decodeArrayRef(ref, field, context);
  const decodeStates = async (ref: unknown, field: string, columns?: number) =>
    rowsMatch(await decodeStateRef(ref, field, context), field, columns).states;
  const layers: { name: string; dim: number; hidden: StateMatrix; cell?: StateMatrix }[] = [];
  for (const [i, layer] of manifest.layers.entries()) {
    if (typeof layer === 'object' && layer !== null) warnUnknownKeys(layer, KNOWN_KEYS.layer, `layers[${i}]`, problems);
    const hidden = await decodeStates(layer?.hidden, `layers[${i}].hidden`);
    const cell = layer.cell === undefined ? undefined : await decodeStates(layer.cell, `layers[${i}].cell`, hidden.dim);
    layers.push({ name: layer.name, dim: hidden.dim, hidden, ...(cell && { cell }) });
  }
  const expected = rowsMatch(await decode(manifest.expectedPredictions, 'expectedPredictions'), 'expectedPredictions');
  const projections: Record<string, Float32Array> = {};
  for (const [name, ref] of Object.entries(manifest.projections ?? {})) {
    projections[name] = rowsMatch(await decode(ref, `projections.${name}`), `projections.${name}`, 2).data;
  }
  await warnTrailingBytes(extents, input, problems);

  const stored = (states: StateMatrix) => states.int8Codes?.codes ?? states.float32();
  const own = freeingFiles([
    ...layers.flatMap((layer) => (layer.cell ? [stored(layer.hidden), stored(layer.cell)] : [stored(layer.hidden)])),
    expected.data,
    ...Object.values(projections),
  ]);
  const ownStates = (states: StateMatrix): StateMatrix => {
    const int8 = states.int8Codes;
    if (!int8) return StateMatrix.float32(own(states.float32()), states.dim);
    const codes = own(int8.codes);
    return codes === int8.codes ? states : StateMatrix.int8(codes, int8.scale, states.dim);
  };
  const init: StateDatasetInit = {
    classes: manifest.classes,
    tokens,
    ids: sequences.map((seq, s) => seq.id ?? String(s)),
    labels: sequences.map((seq) => seq.label),
    layers: layers.map((layer): StateLayerInit => ({
      ...layer,
      hidden: ownStates(layer.hidden),
      ...(layer.cell && { cell: ownStates(layer.cell) }),
    })),
    expectedPredictions: own(expected.data),
    projections: Object.fromEntries(Object.entries(projections).map(([name, xy]) => [name, own(xy)])),
    ...(manifest.metadata !== undefined && { metadata: manifest.metadata }),
  };
  if (sequences.some((seq) => seq.prediction !== undefined)) {
    const missing = sequences.findIndex((seq) => seq.prediction === undefined);
    if (missing >= 0) {
      throw new StatescopeError('has no "prediction" while other sequences have one', {
        field: 'sequences.prediction',
        sequence: missing,
      });
    }
    init.predictions = sequences.map((seq) => seq.prediction as number);
  }
  problems.settle();
  return new StateDataset(init, listeners);
}

/**
 * Float32 arrays are read as views into their file, without a copy. Where the dataset's views
 * cover less than half of a file (the rest is int8 or float16 states, decoded into arrays of
 * their own), they would keep the whole file in memory as long as the dataset lives (a 210 MB
 * file for 16 MB of predictions and coordinates at a million steps): those are copied, and the
 * file can go. Returns the array to keep for each of `arrays`.
 */
function freeingFiles(
  arrays: readonly (Float32Array | Int8Array)[],
): <T extends Float32Array | Int8Array>(array: T) => T {
  const used = new Map<ArrayBufferLike, number>();
  for (const array of arrays) used.set(array.buffer, (used.get(array.buffer) ?? 0) + array.byteLength);
  return (array) => (used.get(array.buffer)! * 2 < array.buffer.byteLength ? (array.slice() as typeof array) : array);
}

/**
 * A raw binary file longer than the arrays it holds (beyond 8-byte alignment) usually means a
 * wrong dtype (float32 data declared float16) or shape: worth a warning, not a refusal.
 */
async function warnTrailingBytes(extents: BinaryExtent[], input: OpenedInput, problems: ProblemLog): Promise<void> {
  const ends = new Map<string, number>();
  for (const { file, end } of extents) ends.set(file, Math.max(end, ends.get(file) ?? 0));
  for (const [file, end] of ends) {
    const length = (await input.companion(file, 'file')).length;
    if (length > Math.ceil(end / 8) * 8) {
      problems.warn(
        new StatescopeError(
          `"${file}" has ${length} bytes, but its arrays end at byte ${end}; check their "dtype" and "shape"`,
          { field: 'file' },
        ),
      );
    }
  }
}

function offsetsOf(tokens: unknown[]): Uint32Array {
  const offsets = new Uint32Array(tokens.length + 1);
  tokens.forEach((seq, s) => {
    if (!Array.isArray(seq)) {
      throw new StatescopeError(`must be an array of token strings, got ${typeName(seq)}`, {
        field: 'sequences.tokens',
        sequence: s,
      });
    }
    offsets[s + 1] = offsets[s] + seq.length;
  });
  return offsets;
}

/** Options for writing the native format. */
export interface EncodeOptions {
  /** Name of the binary file the manifest refers to (default `data.bin`). */
  binaryFile?: string;
  /**
   * Storage of hidden and cell states: `float32` (default, exact), `float16` (half the size;
   * relative error <= 2^-11 for values of normal magnitude) or `int8` (a quarter; one scale per
   * unit, absolute error <= max|value of that unit| / 254).
   */
  statePrecision?: 'float32' | 'float16' | 'int8';
}

/** A manifest and the one binary file it refers to. */
export interface EncodedDataset {
  /** The manifest, ready for `JSON.stringify`. */
  manifest: DatasetManifest;
  /** The bytes of the binary file the manifest names. */
  binary: Uint8Array;
}

/** Writes a dataset as a manifest plus one little-endian binary; reading them back gives the same dataset. */
export function encodeDataset(dataset: StateDataset, options: EncodeOptions = {}): EncodedDataset {
  const file = options.binaryFile ?? 'data.bin';
  const parts: { byteOffset: number; bytes: Uint8Array }[] = [];
  let length = 0;
  const precision = options.statePrecision ?? 'float32';
  const manifest = nativeManifest(dataset, (stored, columns, isState): BinaryArrayRef => {
    const byteOffset = Math.ceil(length / 8) * 8; // aligned, so readers can view the file without copying
    const dtype = isState ? precision : 'float32';
    // States read as int8 and written as int8 keep their codes: no decoding, no second rounding.
    const kept = dtype === 'int8' && stored instanceof StateMatrix ? stored.int8Codes : null;
    const values = stored instanceof StateMatrix ? (kept ? null : stored.float32()) : stored;
    const shape = [(kept ? kept.codes.length : values!.length) / columns, columns];
    let data: Float32Array | Uint16Array | Int8Array;
    let scale: number[] | undefined;
    if (kept) {
      data = kept.codes;
      scale = Array.from(kept.scale);
    } else if (dtype === 'float16') data = encodeFloat16(values!);
    else if (dtype === 'int8') ({ values: data, scale } = quantizeInt8(values!, columns));
    else data = values!;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    parts.push({ byteOffset, bytes });
    length = byteOffset + bytes.length;
    return { file, dtype, shape, byteOffset, ...(scale && { scale }) };
  });
  const binary = new Uint8Array(length);
  for (const { byteOffset, bytes } of parts) binary.set(bytes, byteOffset);
  return { manifest, binary };
}

/** Writes a dataset as one self-contained JSON manifest with inline arrays (for small data). */
export function encodeDatasetJson(dataset: StateDataset): DatasetManifest {
  return nativeManifest(dataset, (stored, columns) => {
    const values = stored instanceof StateMatrix ? stored.float32() : stored;
    return { data: Array.from(values), shape: [values.length / columns, columns] };
  });
}

function nativeManifest(
  dataset: StateDataset,
  put: (values: Float32Array | StateMatrix, columns: number, isState: boolean) => ArrayRef,
): DatasetManifest {
  const projections: Record<string, ArrayRef> = {};
  const manifest: DatasetManifest = {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    classes: [...dataset.classes],
    metadata: { ...dataset.metadata },
    sequences: dataset.ids.map((id, s) => ({
      id,
      label: dataset.labels[s],
      prediction: dataset.predictions[s],
      tokens: dataset.tokensOf(s),
    })),
    expectedPredictions: put(dataset.expectedPredictions, dataset.classCount, false),
    layers: dataset.layers.map((layer) => ({
      name: layer.name,
      hidden: put(layer.hiddenStates, layer.dim, true),
      ...(layer.cellStates && { cell: put(layer.cellStates, layer.dim, true) }),
    })),
    projections,
  };
  for (const name of dataset.projectionNames) projections[name] = put(dataset.projection(name)!, 2, false);
  return manifest;
}
