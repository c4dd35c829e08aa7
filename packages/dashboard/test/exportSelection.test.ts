import { describe, expect, it } from 'vitest';
import { LinkBus } from '@statescope/bus';
import { StateDataset, StepSet } from '@statescope/core';
import { binaryReviews } from '../../../test/support/datasets.js';
import { brushedSequences, csvCell, recordsToCsv, recordsToJson, sequenceRecords } from '../app/exportSelection.js';

/** Two reviews whose ids, classes and tokens need quoting and formula guards. */
function awkward(): StateDataset {
  return new StateDataset({
    classes: ['neg, "bad"', '=good'],
    ids: ['-1', 'r "two"'],
    tokens: [
      ['=cmd|', 'said', '"hi",', 'then\nleft'],
      ['@fine', '+1'],
    ],
    labels: [1, 0],
    predictions: [1, 1],
    layers: [{ name: 'lstm', dim: 1, hidden: new Float32Array(6) }],
    expectedPredictions: new Float32Array([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.1, 0.9, 0.5, 0.5, 0.3, 0.7]),
  });
}

describe('exporting sequences', () => {
  it('makes a record per sequence: id, labels, final expected prediction per class, correct, text', () => {
    const records = sequenceRecords(binaryReviews(), [2, 0]);
    expect(records).toEqual([
      {
        index: 2,
        id: 'r2',
        trueLabel: 'negative',
        predictedLabel: 'positive',
        finalExpectedPrediction: { negative: 0.3, positive: 0.7 },
        correct: false,
        text: 'dull but fun',
      },
      {
        index: 0,
        id: 'r0',
        trueLabel: 'positive',
        predictedLabel: 'positive',
        finalExpectedPrediction: { negative: 0.05, positive: 0.95 },
        correct: true,
        text: 'a fine film .',
      },
    ]);
  });

  it('writes RFC 4180 CSV with formula guards', () => {
    const data = awkward();
    const csv = recordsToCsv(data.classes, sequenceRecords(data, [0, 1]));
    expect(csv.split('\r\n')).toEqual([
      'index,id,true label,predicted label,"final p(neg, ""bad"")",final p(=good),correct,text',
      `0,'-1,'=good,'=good,0.1,0.9,true,"'=cmd| said ""hi"", then\nleft"`, // a line break stays inside the quotes
      `1,"r ""two""","neg, ""bad""",'=good,0.3,0.7,false,'@fine +1`,
      '',
    ]);
  });

  it('quotes and guards single cells', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(formula)[0]).not.toBe(formula[0]);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-0.5)).toBe('-0.5'); // numbers are numbers
    expect(csvCell(true)).toBe('true');
  });

  it('writes JSON a reader parses back to the same records, a class named __proto__ included', () => {
    const data = new StateDataset({
      ...{ classes: ['__proto__', 'constructor'], ids: ['a'], tokens: [['x']], labels: [0] },
      layers: [{ name: 'lstm', dim: 1, hidden: new Float32Array(1) }],
      expectedPredictions: new Float32Array([0.25, 0.75]),
    });
    const records = sequenceRecords(data, [0]);
    const parsed = JSON.parse(recordsToJson('tiny', data.classes, 'selected', records));
    expect(parsed).toEqual({
      dataset: 'tiny',
      classes: ['__proto__', 'constructor'],
      exported: 'selected',
      sequences: records,
    });
    expect(Object.keys(parsed.sequences[0].finalExpectedPrediction)).toEqual(['__proto__', 'constructor']);
  });

  it('takes as brushed the sequences with a step in every brush, less those the class filter hides', () => {
    const data = binaryReviews(); // steps: r0 0-3, r1 4-5, r2 6-8; labels 1, 0, 0
    const bus = new LinkBus();
    expect([...brushedSequences(data, bus)]).toEqual([]);
    bus.brush('map', StepSet.of(9, [1, 5, 7]));
    expect([...brushedSequences(data, bus)]).toEqual([0, 1, 2]);
    bus.brush('histogram', StepSet.of(9, [1, 2, 7]));
    expect([...brushedSequences(data, bus)]).toEqual([0, 2]);
    bus.setFilters({ classes: [1] }, 'overview');
    expect([...brushedSequences(data, bus)]).toEqual([0]);
  });
});
