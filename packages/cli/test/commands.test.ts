import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '@statescope/core';
import { main } from '../src/index.js';
import { fixtureCopy, hiddenStatesVisExport, numpyFixture, recordingTerminal, writeJson } from './fixtures.js';

describe('statescope (commands in-process)', () => {
  it('prints help and version, and exits 2 on a command line it cannot run', async () => {
    const help = recordingTerminal();
    expect(await main(['--help'], help)).toBe(0);
    expect(help.out).toMatch(/open FILE\.\.\./);
    for (const command of ['open', 'info', 'project', 'convert', 'validate']) {
      const t = recordingTerminal();
      expect(await main([command, '--help'], t)).toBe(0);
      expect(t.out).toMatch(new RegExp(`^Usage: statescope ${command}`));
    }
    const version = recordingTerminal();
    expect(await main(['--version'], version)).toBe(0);
    expect(version.out).toMatch(/^\d+\.\d+\.\d+\n$/);

    const cases = [
      ['frobnicate'],
      ['info'],
      ['info', 'a.json', 'b.json'],
      ['info', '--colour', 'x.json'],
      ['project', 'x.json', '--method', 'umap'],
      ['convert', 'a.json', 'b.txt'],
      ['open', '--port', 'eighty', 'x.json'],
    ];
    for (const argv of cases) {
      const t = recordingTerminal();
      expect(await main(argv, t), argv.join(' ')).toBe(2);
      expect(t.err).toMatch(/^statescope: .+\nSee "statescope( \w+)? --help"\.\n$/);
    }
  });

  it('info: sequences, steps, layers, classes with counts, both accuracies, projections', async () => {
    const t = recordingTerminal();
    expect(await main(['info', join(numpyFixture, 'manifest.json'), '--json'], t)).toBe(0);
    const info = JSON.parse(t.out);
    expect(info).toMatchObject({
      sequences: 3,
      steps: 9,
      sequenceLength: { min: 2, median: 3, max: 4 },
      layers: [{ name: 'lstm', units: 5, cell: true }],
      classes: [
        { name: 'earn', sequences: 1, predicted: 0 },
        { name: 'acq', sequences: 1, predicted: 0 },
        { name: 'crude', sequences: 1, predicted: 3 },
      ],
      accuracy: { exported: 1 / 3, stated: 0.3333 },
      projections: ['tsne'],
      metadata: { model: 'numpy fixture' },
    });
    const text = recordingTerminal();
    expect(await main(['info', join(numpyFixture, 'manifest.json')], text)).toBe(0);
    expect(text.out).toMatch(/^steps +9 \(tokens per sequence: min 2, median 3, max 4\)$/m);
    expect(text.out).toMatch(/^accuracy +33\.3 % on the 3 sequences in this file; stated by the exporter: 33\.3 %$/m);
    expect(text.out).toMatch(/^classes +earn: 1 sequences/m);
  });

  it('validate: "valid" for a good file; for a bad one exit 1 and every problem with its field, sequence and step', async () => {
    const folder = await fixtureCopy();
    const good = recordingTerminal();
    expect(await main(['validate', join(folder, 'manifest.json')], good)).toBe(0);
    expect(good.out).toMatch(/valid: 3 sequences, 9 steps, 3 classes/);

    const bad = hiddenStatesVisExport();
    (bad.hiddenStates[1][2] as unknown[])[1] = null; // what JSON.stringify makes of NaN
    bad.modelOutputs[0][1] = [0.9, 0.9, -0.8];
    bad.actualValues[1] = 7;
    const badPath = await writeJson(folder, 'bad.json', bad);
    const t = recordingTerminal();
    expect(await main(['validate', badPath], t)).toBe(1);
    expect(t.out.trim().split('\n')).toEqual([
      `${badPath}: field "hiddenStates", sequence 1, step 2: value 1 is null; values must be finite numbers`,
      `${badPath}: field "modelOutputs", sequence 0, step 1: value 2 is -0.8; probabilities must lie in [0, 1]`,
      `${badPath}: field "actualValues", sequence 1: class index 7 is out of range; expected an integer in [0, 2]`,
    ]);
    expect(t.err).toBe(`statescope: ${badPath}: 3 problems\n`);

    // Other commands stop at the first problem, on one line.
    const info = recordingTerminal();
    expect(await main(['info', badPath], info)).toBe(1);
    expect(info.err).toMatch(/^statescope: .*bad\.json: field "hiddenStates", sequence 1, step 2: [^\n]+\n$/);
  });

  it('convert: int8 states within the stated bound, the rest exact; an unreadable IN leaves no OUT', async () => {
    const folder = await fixtureCopy();
    const t = recordingTerminal();
    const out = join(folder, 'small.json');
    expect(await main(['convert', join(folder, 'manifest.json'), out, '--precision', 'int8'], t)).toBe(0);
    expect(t.out).toMatch(/wrote .*small\.bin and .*small\.json/);
    const original = await loadDataset(join(folder, 'manifest.json'));
    const converted = await loadDataset(out);
    const a = original.layer().hidden;
    const b = converted.layer().hidden;
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(1 / 254 + 1e-7); // |sin| <= 1
    expect(Array.from(converted.labels)).toEqual(Array.from(original.labels));
    expect(Array.from(converted.projection('tsne')!)).toEqual(Array.from(original.projection('tsne')!));

    const missing = recordingTerminal();
    expect(await main(['convert', join(folder, 'nope.json'), join(folder, 'never.json')], missing)).toBe(1);
    await expect(stat(join(folder, 'never.json'))).rejects.toThrow();
  });

  it('project: adds the named map and rewrites a manifest in place; a hiddenStatesVis file gets a new native file', async () => {
    const folder = await fixtureCopy();
    const manifest = join(folder, 'manifest.json');
    const t = recordingTerminal();
    expect(await main(['project', manifest, '--method', 'pca'], t)).toBe(0);
    const projected = await loadDataset(manifest);
    expect(projected.projectionNames.sort()).toEqual(['pca', 'tsne']);
    expect(JSON.parse(await readFile(manifest, 'utf8')).layers[0].hidden.file).toBe('manifest.bin');

    const hsv = await writeJson(folder, 'export.json', hiddenStatesVisExport());
    const before = await readFile(hsv, 'utf8');
    const p = recordingTerminal();
    expect(await main(['project', hsv, '--perplexity', '2', '--name', 'mine'], p)).toBe(0);
    expect(await readFile(hsv, 'utf8')).toBe(before);
    const written = await loadDataset(join(folder, 'export.statescope.json'));
    expect(written.projectionNames.sort()).toEqual(['mine', 'tsne']);
    expect(written.projection('mine')!.every(Number.isFinite)).toBe(true);
    expect(p.err).toMatch(/\[#+-*\] iteration \d+ of \d+, KL/);
  });

  it('project: cancelled mid-run, exits 130 and leaves the file and its folder as they were', async () => {
    const folder = await fixtureCopy();
    const manifest = join(folder, 'manifest.json');
    const before = await readFile(manifest);
    const controller = new AbortController();
    const t = recordingTerminal((text) => {
      if (text.includes('iteration')) controller.abort();
    });
    expect(await main(['project', manifest, '--perplexity', '2'], t, controller.signal)).toBe(130);
    expect(t.err).toMatch(/cancelled; .*manifest\.json is untouched/);
    expect(await readFile(manifest)).toEqual(before);
    expect((await readdir(folder)).sort()).toEqual(['manifest.json', 'outputs.npz', 'states.npz', 'tsne.npy']);
  });

  it('project: a layer that does not exist is a usage error listing the layers', async () => {
    const t = recordingTerminal();
    expect(await main(['project', join(numpyFixture, 'manifest.json'), '--layer', 'gru'], t)).toBe(2);
    expect(t.err).toMatch(/no layer "gru"; the dataset has lstm/);
  });
});
