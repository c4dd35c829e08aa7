import { describe, expect, it } from 'vitest';
import { loadDataset, validateDataset } from '@statescope/core';
import { caught } from './helpers.js';
import { inlineManifest as manifest } from './hostile/buildFiles.js';

const bytes = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
/** JSON writes Infinity as null; put back a literal that parses to Infinity. */
const withInfinity = (json: unknown) => new TextEncoder().encode(JSON.stringify(json).replace(/null/g, '1e999'));

describe('validateDataset', () => {
  it('returns the dataset and no problems for a good file', async () => {
    const { dataset, problems } = await validateDataset(bytes(manifest(2)));
    expect(problems).toEqual([]);
    expect(dataset?.stepCount).toBe(6);
  });

  it('lists every problem in the values, each with field, sequence and step, where loading stops at the first', async () => {
    const json = manifest(4);
    json.layers[0].hidden.data[4][1] = Infinity; // sequence 1, step 1
    json.layers[0].hidden.data[10][0] = Infinity; // sequence 3, step 1
    json.expectedPredictions.data[7] = [0.5, 1.7]; // sequence 2, step 1
    json.sequences[3].label = 5;
    json.sequences[2].id = 'r0';
    const input = withInfinity(json);
    const { dataset, problems } = await validateDataset(input);
    expect(dataset).toBeNull();
    expect(problems.map((p) => p.message)).toEqual([
      'field "ids", sequence 2: id "r0" repeats the id of sequence 0',
      'field "labels", sequence 3: class index 5 is out of range; expected an integer in [0, 1]',
      'field "layers[0].hidden", sequence 1, step 1: holds Infinity at column 1; values must be finite',
      'field "layers[0].hidden", sequence 3, step 1: holds Infinity at column 0; values must be finite',
      'field "expectedPredictions", sequence 2, step 1: holds 1.7000000476837158 at column 1; probabilities must lie in [0, 1]',
    ]);
    const first = await caught(() => loadDataset(input));
    expect(first.message).toBe(problems[0].message);
  });

  it('lists 20 problems of a field, then says how many more', async () => {
    const json = manifest(10);
    for (const row of json.layers[0].hidden.data) row[0] = Infinity;
    const { problems } = await validateDataset(withInfinity(json));
    expect(problems).toHaveLength(21);
    expect(problems[19].message).toMatch(/^field "layers\[0\].hidden", sequence 6, step 1:/);
    expect(problems[20].message).toBe('field "layers[0].hidden": 10 more problems like those above');
  });

  it('stops at a problem of structure, after listing the value problems before it', async () => {
    const json = manifest(2) as ReturnType<typeof manifest> & { layers: unknown[] };
    json.sequences[1].label = 9;
    (json.layers[0] as { hidden: { data: number[][] } }).hidden.data.pop();
    const { dataset, problems } = await validateDataset(bytes(json));
    expect(dataset).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^field "layers\[0\]\.hidden": has 5 rows, but the sequences have 6 tokens/);
  });
});
