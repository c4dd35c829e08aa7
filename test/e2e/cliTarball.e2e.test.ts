// @statescope/cli as a stranger gets it: packed (its prepack builds it; see packWorkspace), installed globally from
// the one tarball into an empty prefix with no registry, then run from there.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { finished, servedUrl } from './cliProcess.js';
import { packWorkspace } from './packWorkspace.js';

const run = promisify(execFile);
const fixture = fileURLToPath(new URL('../../packages/core/test/fixtures/numpy/', import.meta.url));
let statescope: string;
let work: string;
let tarball: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'statescope-tarball-'));
  tarball = (await packWorkspace()).get('@statescope/cli')!;
  const prefix = join(work, 'global');
  await run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball]);
  statescope = join(prefix, 'bin', 'statescope');
}, 180_000);

describe('@statescope/cli from its tarball, installed with npm i -g', () => {
  it('ships the built command, the app and the licence, and nothing that needs a registry', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.trim().split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'package/bin/statescope.js',
        'package/dist/index.js',
        'package/dist/tsneWorker.js',
        'package/app/index.html',
        'package/LICENSE',
        'package/README.md',
      ]),
    );
    expect(files.some((f) => f.startsWith('package/src/'))).toBe(false);
    expect((await run(statescope, ['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('info, and project with t-SNE in its worker thread, from the installed copy', async () => {
    const folder = join(work, 'data');
    await cp(fixture, folder, { recursive: true });
    const info = await run(statescope, ['info', join(folder, 'manifest.json'), '--json']);
    expect(JSON.parse(info.stdout).steps).toBe(9);
    const project = await run(statescope, [
      'project',
      join(folder, 'manifest.json'),
      '--perplexity',
      '2',
      '--name',
      'map',
    ]);
    expect(project.stdout).toMatch(/projection "map" computed/);
    expect(
      JSON.parse((await run(statescope, ['info', join(folder, 'manifest.json'), '--json'])).stdout).projections,
    ).toEqual(['tsne', 'map']);
  });

  it('open serves the app, its scripts and the dataset list', async () => {
    const child = spawn(statescope, ['open', join(fixture, 'manifest.json'), '--no-open', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await servedUrl(child);
    const page = await (await fetch(url)).text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(new URL(script!, url))).headers.get('content-type')).toMatch(/javascript/);
    expect(await (await fetch(new URL('datasets.json', url))).json()).toEqual({
      datasets: [
        {
          id: 'manifest',
          label: 'manifest.json',
          src: 'data/manifest/manifest.json',
          files: ['outputs.npz', 'states.npz', 'tsne.npy'],
        },
      ],
    });
    const ended = finished(child);
    child.kill('SIGINT');
    expect((await ended).code).toBe(0);
  });
});
