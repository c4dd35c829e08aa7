import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import Ajv from 'ajv';
import { encodeDataset, encodeDatasetJson } from '@statescope/core';
import { smallDataset } from './helpers.js';

// The JSON Schema published in docs/data-format.md must describe what the library writes and reads.
const schema = JSON.parse(await readFile(new URL('../schema/dataset-manifest.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

describe('dataset manifest JSON Schema', () => {
  it('accepts the manifests the library writes, binary and inline, and the NumPy fixture', async () => {
    const numpyManifest = JSON.parse(
      await readFile(new URL('./fixtures/numpy/manifest.json', import.meta.url), 'utf8'),
    );
    for (const manifest of [
      encodeDataset(smallDataset()).manifest,
      encodeDataset(smallDataset(), { statePrecision: 'int8' }).manifest,
      encodeDatasetJson(smallDataset()),
      numpyManifest,
    ]) {
      expect(validate(JSON.parse(JSON.stringify(manifest))), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('rejects manifests that break it', () => {
    const manifest = JSON.parse(JSON.stringify(encodeDataset(smallDataset()).manifest));
    manifest.layers[0].hidden.dtype = 'bfloat16';
    delete manifest.sequences[0].tokens;
    expect(validate(manifest)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/sequences/0', '/layers/0/hidden']),
    );
  });
});
