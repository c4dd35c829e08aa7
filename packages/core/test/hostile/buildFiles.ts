// Builders of small files in each format, for the hostile-input catalogue and the fuzzer.
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/formats/crc32.js';

export const encode = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));

/** A valid inline manifest: `sequences` texts of 3 tokens, 2 units, 2 classes. */
export function inlineManifest(sequences = 2) {
  const steps = sequences * 3;
  return {
    format: 'statescope',
    version: 1,
    classes: ['negative', 'positive'],
    sequences: Array.from({ length: sequences }, (_, s) => ({ id: `r${s}`, label: s % 2, tokens: ['a', 'b', 'c'] })),
    expectedPredictions: { data: Array.from({ length: steps }, (_, t) => [0.4 + (t % 3) / 10, 0.6 - (t % 3) / 10]) },
    layers: [{ name: 'lstm', hidden: { data: Array.from({ length: steps }, (_, t) => [t / steps, -t / steps]) } }],
  };
}

/** The same dataset with its arrays in one raw little-endian .bin: the manifest and the file. */
export function binaryManifest(sequences = 2): { manifest: Record<string, unknown>; bin: Uint8Array } {
  const steps = sequences * 3;
  const expected = new Float32Array(steps * 2).map((_, i) => (i % 2 ? 0.6 : 0.4));
  const hidden = new Float32Array(steps * 2).map((_, i) => i / (2 * steps));
  const bin = new Uint8Array(expected.byteLength + hidden.byteLength);
  bin.set(new Uint8Array(expected.buffer), 0);
  bin.set(new Uint8Array(hidden.buffer), expected.byteLength);
  const { expectedPredictions: _inline, layers: _layers, ...rest } = inlineManifest(sequences);
  return {
    manifest: {
      ...rest,
      expectedPredictions: { file: 'data.bin', dtype: 'float32', shape: [steps, 2], byteOffset: 0 },
      layers: [
        {
          name: 'lstm',
          hidden: { file: 'data.bin', dtype: 'float32', shape: [steps, 2], byteOffset: expected.byteLength },
        },
      ],
    },
    bin,
  };
}

/** A version 1 .npy file of a C-order array with the given NumPy dtype string. */
export function npy(descr: string, shape: string, data: ArrayBufferView): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

export interface ZipMember {
  name: string;
  data: Uint8Array;
  /** Deflate it (np.savez_compressed) or store it (np.savez). */
  deflate?: boolean;
  /** Overrides for what the directory claims, to build damaged archives. */
  claimedSize?: number;
  compressed?: Uint8Array;
}

/** A .zip as NumPy's savez writes it (no ZIP64): local headers, data, central directory, end record. */
export function zip(members: ZipMember[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  for (const member of members) {
    const name = new TextEncoder().encode(member.name);
    const body = member.compressed ?? (member.deflate ? deflateRawSync(member.data) : member.data);
    const method = member.deflate || member.compressed ? 8 : 0;
    const size = member.claimedSize ?? member.data.length;
    const crc = crc32(member.data);
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(8, method, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, body.length, true);
    l.setUint32(22, size, true);
    l.setUint16(26, name.length, true);
    local.set(name, 30);
    const entry = new Uint8Array(46 + name.length);
    const e = new DataView(entry.buffer);
    e.setUint32(0, 0x02014b50, true);
    e.setUint16(10, method, true);
    e.setUint32(16, crc, true);
    e.setUint32(20, body.length, true);
    e.setUint32(24, size, true);
    e.setUint16(28, name.length, true);
    e.setUint32(42, offset, true);
    entry.set(name, 46);
    chunks.push(local, body);
    directory.push(entry);
    offset += local.length + body.length;
  }
  const directorySize = directory.reduce((n, d) => n + d.length, 0);
  const end = new Uint8Array(22);
  const d = new DataView(end.buffer);
  d.setUint32(0, 0x06054b50, true);
  d.setUint16(8, members.length, true);
  d.setUint16(10, members.length, true);
  d.setUint32(12, directorySize, true);
  d.setUint32(16, offset, true);
  const all = [...chunks, ...directory, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The NumPy-backed variant: a manifest naming `arrays.npz` members, and the archive. */
export function npzManifest(deflate = false): { manifest: Record<string, unknown>; npz: Uint8Array } {
  const steps = 6;
  const { expectedPredictions: _e, layers: _l, ...rest } = inlineManifest(2);
  const expected = new Float32Array(steps * 2).map((_, i) => (i % 2 ? 0.7 : 0.3));
  const hidden = new Float32Array(steps * 2).map((_, i) => Math.sin(i));
  return {
    manifest: {
      ...rest,
      expectedPredictions: { file: 'arrays.npz', key: 'expected' },
      layers: [{ name: 'lstm', hidden: { file: 'arrays.npz', key: 'hidden' } }],
    },
    npz: zip([
      { name: 'expected.npy', data: npy('<f4', `(${steps}, 2)`, expected), deflate },
      { name: 'hidden.npy', data: npy('<f4', `(${steps}, 2)`, hidden), deflate },
    ]),
  };
}

/** A valid multi-class hiddenStatesVis export of two short texts. */
export function hiddenStatesVis() {
  return {
    classes: ['sports', 'politics', 'science'],
    texts: [
      ['the', 'match', 'ended'],
      ['votes', 'counted'],
    ],
    actualValues: [0, 1],
    predictions: [0, 2],
    modelOutputs: [
      [
        [0.4, 0.3, 0.3],
        [0.6, 0.2, 0.2],
        [0.7, 0.2, 0.1],
      ],
      [
        [0.3, 0.4, 0.3],
        [0.2, 0.3, 0.5],
      ],
    ],
    hiddenStates: [
      [
        [0.1, 0.2],
        [0.2, 0.1],
        [0.4, -0.2],
      ],
      [
        [-0.1, 0.3],
        [-0.3, 0.5],
      ],
    ],
    model_accuracy: '50.00%',
  };
}
