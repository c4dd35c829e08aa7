import { StatescopeError, importNode } from '@statescope/core';
import { RnnModel, type RnnKind } from './RnnModel.js';

/** The `format` value of a weight manifest. */
export const WEIGHT_FORMAT = 'statescope-rnn';
/** The weight format version this package writes and the highest it reads. */
export const WEIGHT_VERSION = 1;

/**
 * JSON half of the weight format. The parameters are one little-endian Float32 blob (the
 * `file` beside the manifest); `parameters` says where each named matrix starts in it.
 */
export interface WeightManifest {
  /** Always `statescope-rnn`. */
  format: typeof WEIGHT_FORMAT;
  /** Format version the file was written in (readers accept up to {@link WEIGHT_VERSION}). */
  version: number;
  /** The recurrent cell: `lstm` or `gru`. */
  kind: RnnKind;
  /** Rows of the embedding. */
  vocabularySize: number;
  /** Length of each token's embedding vector. */
  embeddingDim: number;
  /** Units of every recurrent layer. */
  hiddenDim: number;
  /** Outputs of the softmax head. */
  classCount: number;
  /**
   * Stacked recurrent layers; absent means 1, so files written before stacking existed read
   * unchanged (and one-layer files are still written without it).
   */
  layers?: number;
  /** Class names, one per output. */
  classes?: string[];
  /** Token of each embedding row (row 0 `<unk>`), so the model can read text. */
  vocabulary?: string[];
  /** How texts were cut before training, e.g. the last 100 tokens. */
  maxTokens?: number;
  /** Anything else the producer recorded (training settings, accuracy, ...). */
  metadata?: Record<string, unknown>;
  /** Where the numbers are. */
  weights: {
    /** The binary file, relative to the manifest. */
    file: string;
    /** Always `float32`, little-endian. */
    dtype: 'float32';
    /** Length of the binary file. */
    byteLength: number;
    /** Each parameter matrix, in storage order. */
    parameters: {
      /** The matrix's name (see {@link parameterLayout}). */
      name: string;
      /** Rows (row-major). */
      rows: number;
      /** Columns. */
      columns: number;
      /** Where the matrix starts in the file. */
      byteOffset: number;
    }[];
  };
}

/** Everything a manifest may carry beside the numbers. */
export type WeightExtras = Pick<WeightManifest, 'classes' | 'vocabulary' | 'maxTokens' | 'metadata'>;

/** A manifest and the Float32 blob it refers to. */
export function encodeWeights(
  model: RnnModel,
  extras: WeightExtras = {},
  file = 'weights.bin',
): {
  /** The manifest, ready for `JSON.stringify`. */
  manifest: WeightManifest;
  /** The bytes of the file it names. */
  binary: Uint8Array;
} {
  const values = model.parameters;
  const binary = new Uint8Array(values.length * 4);
  const view = new DataView(binary.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  const { layers, ...sizes } = model.shape;
  const manifest: WeightManifest = {
    format: WEIGHT_FORMAT,
    version: WEIGHT_VERSION,
    ...sizes,
    ...(layers > 1 && { layers }),
    ...extras,
    weights: {
      file,
      dtype: 'float32',
      byteLength: binary.length,
      parameters: model.layout.map(({ name, rows, columns, offset }) => ({
        name,
        rows,
        columns,
        byteOffset: offset * 4,
      })),
    },
  };
  return { manifest, binary };
}

/** The model a manifest and its blob describe; throws a StatescopeError on any mismatch. */
export function decodeWeights(manifest: WeightManifest, binary: Uint8Array): RnnModel {
  if (manifest === null || typeof manifest !== 'object' || manifest.format !== WEIGHT_FORMAT) {
    throw new StatescopeError(`not a weight manifest: "format" must be "${WEIGHT_FORMAT}"`, { field: 'format' });
  }
  if (!Number.isInteger(manifest.version) || manifest.version < 1 || manifest.version > WEIGHT_VERSION) {
    throw new StatescopeError(
      `version ${String(manifest.version)} is not one this library reads (1..${WEIGHT_VERSION})`,
      {
        field: 'version',
      },
    );
  }
  const weights = manifest.weights;
  if (weights?.dtype !== 'float32')
    throw new StatescopeError('only float32 weights are supported', { field: 'weights.dtype' });
  const model = new RnnModel({
    kind: manifest.kind,
    vocabularySize: manifest.vocabularySize,
    embeddingDim: manifest.embeddingDim,
    hiddenDim: manifest.hiddenDim,
    classCount: manifest.classCount,
    layers: manifest.layers ?? 1,
  });
  const expected = model.parameters.length * 4;
  if (binary.length !== expected || weights.byteLength !== expected) {
    throw new StatescopeError(
      `holds ${binary.length} bytes (manifest: ${weights.byteLength}), the shape needs ${expected}`,
      {
        field: 'weights.byteLength',
      },
    );
  }
  const groups = weights.parameters;
  if (!Array.isArray(groups) || groups.length !== model.layout.length) {
    throw new StatescopeError(`must list the ${model.layout.length} parameter matrices of a ${model.kind}`, {
      field: 'weights.parameters',
    });
  }
  model.layout.forEach((group, i) => {
    const stored = groups[i];
    if (
      stored?.name !== group.name ||
      stored.rows !== group.rows ||
      stored.columns !== group.columns ||
      stored.byteOffset !== group.offset * 4
    ) {
      throw new StatescopeError(
        `entry ${i} should be ${group.name} ${group.rows}x${group.columns} at byte ${group.offset * 4}`,
        { field: 'weights.parameters' },
      );
    }
  });
  if (manifest.vocabulary !== undefined && manifest.vocabulary.length !== model.vocabularySize) {
    throw new StatescopeError(`has ${manifest.vocabulary.length} tokens for ${model.vocabularySize} embedding rows`, {
      field: 'vocabulary',
    });
  }
  const view = new DataView(binary.buffer, binary.byteOffset, binary.byteLength);
  const values = model.parameters;
  for (let i = 0; i < values.length; i++) {
    const v = view.getFloat32(4 * i, true);
    if (!Number.isFinite(v)) throw new StatescopeError(`parameter ${i} is ${v}`, { field: 'weights' });
    values[i] = v;
  }
  return model;
}

/**
 * Writes a model (Node only): the manifest to `path` and the Float32 blob beside it, named like
 * the manifest with `.bin` for `.json`. Returns the paths written.
 */
export async function saveWeights(model: RnnModel, path: string, extras: WeightExtras = {}): Promise<string[]> {
  const { writeFile } = await importNode<typeof import('node:fs/promises')>('node:fs/promises');
  const { basename, dirname, join } = await importNode<typeof import('node:path')>('node:path');
  const file = `${basename(path).replace(/\.json$/i, '')}.bin`;
  const { manifest, binary } = encodeWeights(model, extras, file);
  const binaryPath = join(dirname(path), file);
  await writeFile(binaryPath, binary);
  await writeFile(path, JSON.stringify(manifest));
  return [path, binaryPath];
}

/** Reads a model written by {@link saveWeights} (Node only), with its manifest (vocabulary, classes...). */
export async function loadWeights(path: string): Promise<{
  /** The model, ready to run. */
  model: RnnModel;
  /** The manifest read, with its classes, vocabulary and metadata. */
  manifest: WeightManifest;
}> {
  const { readFile } = await importNode<typeof import('node:fs/promises')>('node:fs/promises');
  const { dirname, join } = await importNode<typeof import('node:path')>('node:path');
  let manifest: WeightManifest;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as WeightManifest;
  } catch (error) {
    throw new StatescopeError(`${path} is not a readable JSON weight manifest: ${(error as Error).message}`, {
      field: 'input',
    });
  }
  if (typeof manifest?.weights?.file !== 'string' || /[/\\]/.test(manifest.weights.file)) {
    throw new StatescopeError('must name a file beside the manifest', { field: 'weights.file' });
  }
  const binary = new Uint8Array(await readFile(join(dirname(path), manifest.weights.file)));
  return { model: decodeWeights(manifest, binary), manifest };
}
