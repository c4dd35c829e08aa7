// Every package imports in plain Node, with no DOM (server-side rendering, tests of an app's own
// code): the main entry and the `define` entry of every element package. The elements' base class
// stands in for HTMLElement there, and `define` registers nothing where customElements is missing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workspacePackages } from '../scripts/workspaces.mjs';

const entries = workspacePackages().flatMap(({ name, dir }) =>
  existsSync(join(dir, 'src/define.ts')) ? [name, `${name}/define`] : [name],
);

describe('every package entry in Node without a DOM', () => {
  it('has no DOM here', () => {
    expect(globalThis.HTMLElement).toBeUndefined();
    expect(globalThis.customElements).toBeUndefined();
    expect(entries).toContain('@statescope/dashboard/define');
  });

  it.each(entries)('%s imports without throwing', async (entry) => {
    const module = await import(/* @vite-ignore */ entry);
    if (!entry.endsWith('/define')) expect(Object.keys(module).length).toBeGreaterThan(0);
  });

  it('the element classes are classes there', async () => {
    const { HeatmapView } = await import('@statescope/view-heatmap');
    const { StatescopeElement } = await import('@statescope/view-base');
    expect(HeatmapView.prototype).toBeInstanceOf(StatescopeElement);
    expect(HeatmapView.observedAttributes).toEqual(expect.arrayContaining(['src', 'bus', 'mode']));
  });
});

describe('a second copy of @statescope/view-base', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is reported once by console.warn, with both versions and locations', async () => {
    const { markCopy, VERSION } = await import('../packages/view-base/src/copies.js');
    await import('@statescope/view-base'); // the first copy has marked itself
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    markCopy('file:///elsewhere/node_modules/@statescope/view-base/dist/index.js', {});
    markCopy('file:///third/copy/index.js', {});
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0][0]);
    expect(message).toContain(`${VERSION} from file:///elsewhere/node_modules/@statescope/view-base/dist/index.js`);
    expect(message).toMatch(/view-base\/src\/(sharedBus|loadShared)\.ts/);
    expect(message).toMatch(/two copies/);
  });

  it('keeps its version equal to package.json', async () => {
    const { VERSION } = await import('../packages/view-base/src/copies.js');
    const { default: manifest } = await import('../packages/view-base/package.json');
    expect(VERSION).toBe(manifest.version);
  });
});
