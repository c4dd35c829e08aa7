import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The NumPy-backed manifest of core's tests: manifest.json + states.npz + outputs.npz + tsne.npy. */
export const numpyFixture = fileURLToPath(new URL('../../core/test/fixtures/numpy/', import.meta.url));

/** A fresh folder holding a copy of the NumPy fixture, so tests may rewrite it. */
export async function fixtureCopy(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'statescope-cli-'));
  await cp(numpyFixture, folder, { recursive: true, filter: (source) => !source.endsWith('.py') });
  return folder;
}

/** A small multi-class export as the hiddenStatesVis reference tool writes it. */
export function hiddenStatesVisExport() {
  return {
    classes: ['sports', 'politics', 'science'],
    texts: [
      ['the', 'match', 'ended', 'late'],
      ['votes', 'were', 'counted'],
    ],
    actualValues: [0, 1],
    predictions: [0, 2],
    modelOutputs: [
      [
        [0.4, 0.3, 0.3],
        [0.6, 0.2, 0.2],
        [0.7, 0.2, 0.1],
        [0.8, 0.1, 0.1],
      ],
      [
        [0.3, 0.4, 0.3],
        [0.3, 0.3, 0.4],
        [0.2, 0.3, 0.5],
      ],
    ],
    hiddenStates: [
      [
        [0.1, 0.2, 0.3],
        [0.2, 0.1, 0.0],
        [0.4, -0.2, 0.1],
        [0.5, -0.3, 0.2],
      ],
      [
        [-0.1, 0.3, 0.2],
        [-0.2, 0.4, 0.1],
        [-0.3, 0.5, 0.0],
      ],
    ],
    projection: [
      [
        [0, 0],
        [1, 0],
        [2, 1],
        [3, 1],
      ],
      [
        [0, 3],
        [1, 4],
        [2, 5],
      ],
    ],
    model_accuracy: '50.00%',
  };
}

/** Writes `json` to `name` in `folder`; returns the path. */
export async function writeJson(folder: string, name: string, json: unknown): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, JSON.stringify(json));
  return path;
}

/** A terminal that records what a command writes. */
export function recordingTerminal(onWrite?: (text: string) => void) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (text: string) => void out.push(text) },
    stderr: { write: (text: string) => (err.push(text), onWrite?.(text)) },
    get out() {
      return out.join('');
    },
    get err() {
      return err.join('');
    },
  };
}
