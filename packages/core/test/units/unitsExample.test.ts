import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { UnitMatcher, loadDataset, unitActivations, unitsOnThroughout, type StateDataset } from '@statescope/core';
import { TOKEN_CLASSES, formatReport, unitsReport, type UnitsReport } from '../../../../docs/examples/unitsExample.js';

describe('the README example on the real IMDB model', () => {
  let imdb: StateDataset;
  let report: UnitsReport;
  beforeAll(async () => {
    imdb = await loadDataset(join(import.meta.dirname, '../../../../data/imdb.json'));
    report = unitsReport(imdb);
  }, 60_000);

  it('prints figures that recompute from the activations and tokens', () => {
    const lines = formatReport(report, imdb).join('\n');
    for (const d of report.detectors) {
      const { values, dim } = unitActivations(imdb, undefined, d.state);
      const isClass = TOKEN_CLASSES[d.tokenClass];
      let on = 0;
      let both = 0;
      let inClass = 0;
      for (let t = 0; t < imdb.stepCount; t++) {
        const hit = isClass(imdb.token(t));
        inClass += hit ? 1 : 0;
        if (values[t * dim + d.unit] >= d.threshold) {
          on++;
          both += hit ? 1 : 0;
        }
      }
      expect([d.onSteps, d.classSteps, d.both]).toEqual([on, inClass, both]);
      expect(d.precision).toBeCloseTo(both / on, 12);
      expect(d.recall).toBeCloseTo(both / inClass, 12);
      expect(UnitMatcher.for(imdb, d).onCount(d.unit)).toBe(on);
      expect(lines).toContain(`precision ${(100 * d.precision).toFixed(1)} %, recall ${(100 * d.recall).toFixed(1)} %`);
      expect(lines).toContain(`on at ${on} steps`);
    }
  });

  it('the selection and its matches are what the rule and the tokens say', () => {
    const { selection, detectors } = report;
    const negation = detectors[0];
    const rule = { state: negation.state, threshold: negation.threshold, offBefore: 1 };
    expect(selection.units).toEqual([...unitsOnThroughout(imdb, selection.start, selection.end, rule)]);
    expect(selection.units).toContain(negation.unit);
    expect(imdb.ids[imdb.sequenceOf(selection.start)]).toBe(selection.id);
    expect(selection.matches.length).toBeGreaterThan(0);
    for (const m of selection.matches) {
      expect(m.start).not.toBe(selection.start);
      expect(imdb.token(m.start)).toBe(m.matched);
      expect(imdb.ids[imdb.sequenceOf(m.start)]).toBe(m.id);
      expect(m.inClass).toBe(TOKEN_CLASSES.negation(m.matched));
    }
    expect(selection.inClass).toBe(selection.matches.filter((m) => TOKEN_CLASSES.negation(m.matched)).length);
  });
});
