import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createGru,
  createLstm,
  decodeWeights,
  encodeWeights,
  loadWeights,
  runModel,
  saveWeights,
  WEIGHT_FORMAT,
  type WeightManifest,
} from '@statescope/rnn';

const shape = { vocabularySize: 5, embeddingDim: 3, hiddenDim: 4, classCount: 2, seed: 8 };

describe('weight format', () => {
  it('round-trips every parameter bit for bit, for LSTM and GRU', () => {
    for (const model of [createLstm(shape), createGru(shape)]) {
      const { manifest, binary } = encodeWeights(model, { classes: ['neg', 'pos'], maxTokens: 100 });
      expect(manifest.format).toBe(WEIGHT_FORMAT);
      expect(manifest.version).toBe(1);
      expect(binary.length).toBe(model.parameters.length * 4);
      const decoded = decodeWeights(JSON.parse(JSON.stringify(manifest)) as WeightManifest, binary);
      expect(decoded.kind).toBe(model.kind);
      expect(decoded.parameters).toEqual(model.parameters);
      expect(runModel(decoded, [1, 2, 3]).hidden).toEqual(runModel(model, [1, 2, 3]).hidden);
    }
  });

  it('lists the parameter matrices with their byte offsets', () => {
    const { manifest } = encodeWeights(createLstm(shape));
    expect(manifest.weights.parameters.map((p) => [p.name, p.rows, p.columns, p.byteOffset])).toEqual([
      ['embedding', 5, 3, 0],
      ['inputWeights', 16, 3, 60],
      ['recurrentWeights', 16, 4, 252],
      ['bias', 1, 16, 508],
      ['outputWeights', 2, 4, 572],
      ['outputBias', 1, 2, 604],
    ]);
  });

  it('saves a manifest and a blob beside it, and loads them back with the vocabulary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statescope-rnn-'));
    const model = createLstm(shape);
    const vocabulary = ['<unk>', 'a', 'b', 'c', 'd'];
    const paths = await saveWeights(model, join(dir, 'm.model.json'), { vocabulary, metadata: { note: 'x' } });
    expect(paths).toEqual([join(dir, 'm.model.json'), join(dir, 'm.model.bin')]);
    const { model: loaded, manifest } = await loadWeights(join(dir, 'm.model.json'));
    expect(manifest.weights.file).toBe('m.model.bin');
    expect(manifest.vocabulary).toEqual(vocabulary);
    expect(manifest.metadata).toEqual({ note: 'x' });
    expect(loaded.parameters).toEqual(model.parameters);
  });

  it('rejects other formats, newer versions, wrong sizes and layouts', async () => {
    const model = createLstm(shape);
    const { manifest, binary } = encodeWeights(model);
    expect(() => decodeWeights({ ...manifest, format: 'x' } as unknown as WeightManifest, binary)).toThrow(/format/);
    expect(() => decodeWeights({ ...manifest, version: 2 }, binary)).toThrow(/version 2/);
    expect(() => decodeWeights(manifest, binary.subarray(4))).toThrow(/bytes/);
    expect(() => decodeWeights({ ...manifest, hiddenDim: 5 }, binary)).toThrow(/bytes/);
    expect(() => decodeWeights({ ...manifest, kind: 'gru' }, binary)).toThrow();
    const swapped = structuredClone(manifest);
    swapped.weights.parameters[1].name = 'recurrentWeights';
    expect(() => decodeWeights(swapped, binary)).toThrow(/entry 1 should be inputWeights/);
    expect(() => decodeWeights({ ...manifest, vocabulary: ['<unk>'] }, binary)).toThrow(/vocabulary/);
    const nan = binary.slice();
    new DataView(nan.buffer).setFloat32(8, NaN, true);
    expect(() => decodeWeights(manifest, nan)).toThrow(/parameter 2/);

    const dir = mkdtempSync(join(tmpdir(), 'statescope-rnn-'));
    writeFileSync(join(dir, 'bad.json'), '{not json');
    await expect(loadWeights(join(dir, 'bad.json'))).rejects.toThrow(/not a readable JSON/);
    await saveWeights(model, join(dir, 'ok.json'));
    const text = readFileSync(join(dir, 'ok.json'), 'utf8').replace('"ok.bin"', '"../ok.bin"');
    writeFileSync(join(dir, 'escape.json'), text);
    await expect(loadWeights(join(dir, 'escape.json'))).rejects.toThrow(/beside the manifest/);
  });
});
