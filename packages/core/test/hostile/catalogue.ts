// The hostile-input catalogue: files from other people's models, malformed by accident or on
// purpose. Each case builds its files in a fresh folder and names the error it must get.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import type { LoadOptions } from '@statescope/core';
import { binaryManifest, encode, hiddenStatesVis, inlineManifest, npy, npzManifest, zip } from './buildFiles.js';

export interface HostileCase {
  format: 'native inline' | 'native binary' | 'native npy/npz' | 'hiddenStatesVis';
  name: string;
  /** Writes the files into `folder`; returns what to load. */
  setup(folder: string): Promise<{ input: string; options?: LoadOptions }>;
  message: RegExp;
  place: { field?: string; sequence?: number; step?: number };
}

const write = async (folder: string, files: Record<string, Uint8Array | string>) => {
  for (const [name, content] of Object.entries(files)) await writeFile(join(folder, name), content);
  return join(folder, Object.keys(files)[0]);
};
const json = (value: unknown) => JSON.stringify(value);

/** A native manifest + data.bin with one change to the manifest. */
function binaryCase(
  name: string,
  change: (manifest: any) => void,
  message: RegExp,
  place: HostileCase['place'],
  options?: LoadOptions,
): HostileCase {
  return {
    format: 'native binary',
    name,
    async setup(folder) {
      const { manifest, bin } = binaryManifest();
      change(manifest);
      return { input: await write(folder, { 'm.json': json(manifest), 'data.bin': bin }), options };
    },
    message,
    place,
  };
}

function inlineCase(
  name: string,
  text: (manifest: any) => string | Uint8Array,
  message: RegExp,
  place: HostileCase['place'],
  options?: LoadOptions,
): HostileCase {
  return {
    format: 'native inline',
    name,
    async setup(folder) {
      const manifest = inlineManifest();
      return { input: await write(folder, { 'm.json': text(manifest) }), options };
    },
    message,
    place,
  };
}

function hsvCase(
  name: string,
  text: (export_: any) => string | Uint8Array,
  message: RegExp,
  place: HostileCase['place'],
  options?: LoadOptions,
): HostileCase {
  return {
    format: 'hiddenStatesVis',
    name,
    async setup(folder) {
      return { input: await write(folder, { 'h.json': text(hiddenStatesVis()) }), options };
    },
    message,
    place,
  };
}

function npzCase(
  name: string,
  npz: (valid: Uint8Array) => Uint8Array | Promise<Uint8Array>,
  message: RegExp,
  place: HostileCase['place'],
): HostileCase {
  return {
    format: 'native npy/npz',
    name,
    async setup(folder) {
      const { manifest, npz: valid } = npzManifest(true);
      return { input: await write(folder, { 'm.json': json(manifest), 'arrays.npz': await npz(valid) }) };
    },
    message,
    place,
  };
}

/**
 * A raw deflate stream of `size` zero bytes (a multiple of 16 MiB), built in a blink: one 16 MiB
 * block sequence ending in a full flush is self-contained and byte-aligned, so it can be
 * repeated, then closed by a final empty block.
 */
function zeros(size: number): Uint8Array {
  const slice = 16 * 1024 * 1024;
  const block = deflateRawSync(Buffer.alloc(slice), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const final = deflateRawSync(Buffer.alloc(0));
  return new Uint8Array(Buffer.concat([...Array.from({ length: size / slice }, () => block), final]));
}

const expectedRow = (manifest: any, row: number, values: unknown) => (manifest.expectedPredictions.data[row] = values);

export const catalogue: HostileCase[] = [
  // --- confinement -----------------------------------------------------------------------------
  binaryCase(
    'array file "../../../../etc/passwd"',
    (m) =>
      Object.assign(m.layers[0].hidden, {
        file: '../../../../etc/passwd',
        dtype: 'int8',
        shape: [6, 2],
        byteOffset: 0,
        scale: 1,
      }),
    /outside the manifest's folder/,
    { field: 'layers[0].hidden' },
  ),
  binaryCase(
    'array file "/etc/passwd" (absolute)',
    (m) => (m.layers[0].hidden.file = '/etc/passwd'),
    /outside the manifest's folder/,
    { field: 'layers[0].hidden' },
  ),
  {
    format: 'native binary',
    name: 'a symbolic link beside the manifest pointing at /etc/passwd',
    async setup(folder) {
      const { manifest, bin } = binaryManifest();
      (manifest.layers as any)[0].hidden.file = 'link.bin';
      await symlink('/etc/passwd', join(folder, 'link.bin'));
      return { input: await write(folder, { 'm.json': json(manifest), 'data.bin': bin }) };
    },
    message: /refers to "link.bin", outside the manifest's folder/,
    place: { field: 'layers[0].hidden' },
  },
  binaryCase(
    '"file": "/dev/zero", even with allowOutside',
    (m) => (m.layers[0].hidden.file = '/dev/zero'),
    /"\/dev\/zero" is not a regular file/,
    { field: 'layers[0].hidden' },
    { allowOutside: true },
  ),
  // --- budgets -------------------------------------------------------------------------------------
  binaryCase(
    'int8 shape [0, 400000000] with one scale',
    (m) => Object.assign(m.layers[0].hidden, { dtype: 'int8', shape: [0, 400_000_000], scale: 1 }),
    /declares 400000000 columns/,
    { field: 'layers[0].hidden' },
  ),
  binaryCase(
    'float16 shape [60000000, 16] over a small file',
    (m) => Object.assign(m.layers[0].hidden, { dtype: 'float16', shape: [60_000_000, 16] }),
    /is truncated: the array needs bytes/,
    { field: 'layers[0].hidden' },
  ),
  {
    format: 'native binary',
    name: 'a byte budget smaller than the files',
    async setup(folder) {
      const { manifest, bin } = binaryManifest();
      const text = json(manifest);
      const input = await write(folder, { 'm.json': text, 'data.bin': bin });
      return { input, options: { maxBytes: text.length + 50 } };
    },
    message: /data\.bin" needs 96 bytes, more than the .* this load may use \(50 bytes left\)/,
    place: { field: 'layers[0].hidden' },
  },
  // --- binary layout ---------------------------------------------------------------------------------
  binaryCase(
    'truncated .bin',
    (m) => (m.layers[0].hidden.byteOffset = 56),
    /is truncated: the array needs bytes 56\.\.104, the file has 96/,
    { field: 'layers[0].hidden' },
  ),
  binaryCase(
    'misaligned byteOffset',
    (m) => (m.layers[0].hidden.byteOffset = 2),
    /"byteOffset" 2 is not a multiple of the float32 size/,
    { field: 'layers[0].hidden' },
  ),
  binaryCase(
    'float32 data declared float64',
    (m) => (m.layers[0].hidden.dtype = 'float64'),
    /is truncated.*; is it float32 data\?/,
    { field: 'layers[0].hidden' },
  ),
  binaryCase(
    'float32 data declared float16 (strict)',
    (m) => (m.layers[0].hidden.dtype = 'float16'),
    /"data.bin" has 96 bytes, but its arrays end at byte 72/,
    { field: 'file' },
    { strict: true },
  ),
  binaryCase(
    'wrong shape: rows',
    (m) => (m.layers[0].hidden.shape = [4, 3]),
    /has 4 rows, but the sequences have 6 tokens in all/,
    { field: 'layers[0].hidden' },
  ),
  binaryCase('unknown dtype', (m) => (m.layers[0].hidden.dtype = 'float128'), /"dtype" "float128" is not one of/, {
    field: 'layers[0].hidden',
  }),
  binaryCase(
    'a misspelt key (strict)',
    (m) => (m.projection = {}),
    /has the unknown key "projection", which is ignored \(did you mean "projections"\?\)/,
    { field: 'manifest' },
    { strict: true },
  ),
  binaryCase(
    'a newer manifest version',
    (m) => (m.version = 9),
    /manifest version 9 is newer than this library reads/,
    { field: 'version' },
  ),
  // --- values ----------------------------------------------------------------------------------------
  inlineCase(
    'NaN literal (as Python writes it)',
    (m) => json(m).replace('[0.5,-0.5]', '[NaN,-0.5]'),
    /holds NaN, not a finite number/,
    { field: 'layers[0].hidden', sequence: 1, step: 0 },
  ),
  inlineCase(
    'Infinity literal',
    (m) => json(m).replace('[0.5,-0.5]', '[0.5,-Infinity]'),
    /column 1 holds -Infinity, not a finite number/,
    { field: 'layers[0].hidden', sequence: 1, step: 0 },
  ),
  inlineCase(
    '1e999 (overflows to Infinity)',
    (m) => json(m).replace('[0.5,-0.5]', '[1e999,-0.5]'),
    /holds Infinity at column 0; values must be finite/,
    { field: 'layers[0].hidden', sequence: 1, step: 0 },
  ),
  inlineCase(
    'invalid UTF-8 in a token',
    (m) => {
      const bytes = encode(m);
      const at = new TextDecoder().decode(bytes).indexOf('"b"') + 1;
      bytes[at] = 0xff;
      return bytes;
    },
    /is not valid UTF-8: the bytes at byte \d+ do not form a character/,
    { field: 'input' },
  ),
  inlineCase(
    'boolean label',
    (m) => json({ ...m, sequences: m.sequences.map((s: any, i: number) => (i === 1 ? { ...s, label: true } : s)) }),
    /must be an integer class index, got boolean true/,
    { field: 'labels', sequence: 1 },
  ),
  inlineCase(
    'label out of range',
    (m) => json({ ...m, sequences: m.sequences.map((s: any, i: number) => (i === 1 ? { ...s, label: 2 } : s)) }),
    /class index 2 is out of range; expected an integer in \[0, 1\]/,
    { field: 'labels', sequence: 1 },
  ),
  inlineCase(
    'probability row summing to 1.8 (strict)',
    (m) => (expectedRow(m, 4, [0.9, 0.9]), json(m)),
    /1 of 6 rows do not sum to 1 \(this one sums to 1\.8000\)/,
    { field: 'expectedPredictions', sequence: 1, step: 1 },
    { strict: true },
  ),
  inlineCase(
    'probability above 1',
    (m) => (expectedRow(m, 2, [0.1, 1.4]), json(m)),
    /holds 1\.39\d+ at column 1; probabilities must lie in/,
    { field: 'expectedPredictions', sequence: 0, step: 2 },
  ),
  inlineCase(
    'empty sequence',
    (m) => ((m.sequences[1].tokens = []), json(m)),
    /must be a non-empty array of token strings, got an empty array/,
    { field: 'sequences.tokens', sequence: 1 },
  ),
  inlineCase(
    'empty dataset',
    (m) =>
      json({
        ...m,
        sequences: [],
        expectedPredictions: { data: [] },
        layers: [{ name: 'lstm', hidden: { data: [] } }],
      }),
    /must be a non-empty array/,
    { field: 'tokens' },
  ),
  inlineCase('duplicate ids', (m) => ((m.sequences[1].id = 'r0'), json(m)), /id "r0" repeats the id of sequence 0/, {
    field: 'ids',
    sequence: 1,
  }),
  inlineCase(
    'a token that is a number',
    (m) => ((m.sequences[0].tokens[2] = 7), json(m)),
    /token must be a string, got number/,
    { field: 'tokens', sequence: 0, step: 2 },
  ),
  inlineCase(
    'metadata nested 100,000 deep',
    (m) => json(m).replace('"classes"', `"metadata":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)},"classes"`),
    /must be JSON-serialisable: Maximum call stack size exceeded/,
    { field: 'metadata' },
  ),
  inlineCase('not JSON at all', () => 'GIF89a\u0000\u0001', /is not JSON, \.npy or \.npz/, { field: 'input' }),
  // --- NumPy ------------------------------------------------------------------------------------------
  npzCase(
    'one flipped bit in a stored member (CRC-32)',
    async () => {
      const { npz } = npzManifest(false);
      const flipped = npz.slice();
      flipped[200] ^= 0x10;
      return flipped;
    },
    /\.npz member "(expected|hidden)\.npy" is damaged: its CRC-32 does not match/,
    { field: 'expectedPredictions' },
  ),
  npzCase(
    'a member that inflates 1 MB to 1 GiB while its directory claims 80 bytes',
    async () =>
      zip([
        { name: 'expected.npy', data: npy('<f4', '(6, 2)', new Float32Array(12)), deflate: true },
        { name: 'hidden.npy', data: new Uint8Array(80), compressed: zeros(1024 ** 3), claimedSize: 80 },
      ]),
    /compressed data is damaged: inflates past the 80 bytes its directory declares/,
    { field: 'layers[0].hidden (hidden.npy)' },
  ),
  npzCase(
    'a ZIP64 locator past the end of the file',
    (valid) => {
      const out = new Uint8Array(valid.length + 20);
      out.set(valid.subarray(0, valid.length - 22));
      const locator = new DataView(out.buffer, valid.length - 22, 20);
      locator.setUint32(0, 0x07064b50, true);
      locator.setBigUint64(8, 1n << 40n, true);
      out.set(valid.subarray(valid.length - 22), valid.length - 2);
      return out;
    },
    /\.npz archive is damaged: its directory points outside the file/,
    { field: 'layers[0].hidden' },
  ),
  npzCase(
    'a truncated archive',
    (valid) => valid.subarray(0, valid.length - 40),
    /\.npz archive is (truncated|damaged)/,
    { field: 'layers[0].hidden' },
  ),
  npzCase(
    'a .npy shape (6, 1.5)',
    () =>
      zip([
        { name: 'expected.npy', data: npy('<f4', '(6, 1.5)', new Float32Array(12)) },
        { name: 'hidden.npy', data: npy('<f4', '(6, 2)', new Float32Array(12)) },
      ]),
    /\.npy shape \(6, 1\.5\) is not a tuple of whole numbers/,
    { field: 'expectedPredictions' },
  ),
  npzCase(
    'a big-endian .npy',
    () =>
      zip([
        { name: 'expected.npy', data: npy('>f4', '(6, 2)', new Float32Array(12)) },
        { name: 'hidden.npy', data: npy('<f4', '(6, 2)', new Float32Array(12)) },
      ]),
    /\.npy data is big-endian \(>f4\)/,
    { field: 'expectedPredictions' },
  ),
  npzCase(
    'a complex .npy',
    () =>
      zip([
        { name: 'expected.npy', data: npy('<c8', '(6, 2)', new Float32Array(24)) },
        { name: 'hidden.npy', data: npy('<f4', '(6, 2)', new Float32Array(12)) },
      ]),
    /\.npy dtype <c8 is not read; use float16, float32 or float64, or signed or unsigned integers/,
    { field: 'expectedPredictions' },
  ),
  // --- hiddenStatesVis -----------------------------------------------------------------------------------
  hsvCase(
    'an allocation of 200,000 steps x 10,000 values from an 800 KB file',
    (h) => json({ ...h, texts: [Array(200_000).fill('a')], hiddenStates: [[Array(10_000).fill(0)]] }),
    /200000 steps x 10000 values needs 7\.5 GiB, more than the 4\.0 GiB/,
    { field: 'hiddenStates' },
  ),
  hsvCase(
    'NaN literal',
    (h) => json(h).replace('[-0.3,0.5]', '[NaN,0.5]'),
    /value 0 is NaN; values must be finite numbers/,
    { field: 'hiddenStates', sequence: 1, step: 1 },
  ),
  hsvCase(
    '1e999',
    (h) => json(h).replace('[-0.3,0.5]', '[1e999,0.5]'),
    /value 0 is Infinity; values must be finite numbers/,
    { field: 'hiddenStates', sequence: 1, step: 1 },
  ),
  hsvCase(
    'boolean labels',
    (h) => json({ ...h, actualValues: [[false], [true]] }),
    /must be an integer class index or a one-element list of one, got \[false\]/,
    { field: 'actualValues', sequence: 0 },
  ),
  hsvCase(
    'ragged steps',
    (h) => json({ ...h, hiddenStates: [h.hiddenStates[0], [h.hiddenStates[1][0]]] }),
    /has 1 steps, but the text has 2 tokens/,
    { field: 'hiddenStates', sequence: 1 },
  ),
  hsvCase(
    'no texts',
    (h) => json({ ...h, texts: [], actualValues: [], predictions: [], modelOutputs: [], hiddenStates: [] }),
    /must be a non-empty list of token lists/,
    { field: 'texts' },
  ),
  hsvCase(
    'invalid UTF-8',
    (h) => {
      const bytes = encode(h);
      bytes[bytes.indexOf(0x6d)] = 0xc3; // "m" of "match" becomes a lone lead byte
      return bytes;
    },
    /is not valid UTF-8/,
    { field: 'input' },
  ),
];

/** Folders of each case's files, made on demand. */
export async function caseFolder(root: string, index: number): Promise<string> {
  const folder = join(root, `case-${index}`);
  await mkdir(folder, { recursive: true });
  return folder;
}
