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

  it('shares the named buses and loads when compatible (two bundles in one page)', async () => {
    const { sharedBus } = await import('@statescope/view-base');
    const page = sharedBus('page');
    // A query makes the module evaluate again: a second copy of the registry, as a second bundle
    // carries, with module state of its own.
    // @ts-expect-error TypeScript knows no module by a name with a query
    const second = (await import('../packages/view-base/src/sharedRegistry.js?second-copy')) as Registry;
    expect(second.sharedRegistry('buses', 'file:///second/copy.js').get('page')).toBe(page);
    expect(second.sharedRegistry('buses', 'file:///second/copy.js').get('nowhere')).toBeUndefined();
  });

  it('keeps its own registries and warns once, with both versions and locations, when incompatible', async () => {
    const { sharedBus } = await import('@statescope/view-base');
    const page = sharedBus('page');
    // another version line already in the page
    const other = Symbol.for('statescope.view-base.registries@9');
    const global = globalThis as unknown as Record<symbol, unknown>;
    global[other] = { version: '9.0.0', location: 'file:///elsewhere/view-base/index.js', maps: new Map() };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // @ts-expect-error TypeScript knows no module by a name with a query
      const mine = (await import('../packages/view-base/src/sharedRegistry.js?third-copy')) as Registry;
      const buses = mine.sharedRegistry('buses', 'file:///mine/view-base/index.js');
      mine.sharedRegistry('loads', 'file:///mine/view-base/index.js');
      expect(buses.get('page')).toBe(page); // this copy is of the page's line: it links
      expect(warn).toHaveBeenCalledTimes(1);
      const message = String(warn.mock.calls[0][0]);
      expect(message).toContain('9.0.0 from file:///elsewhere/view-base/index.js');
      expect(message).toContain(`${mine.VERSION} from file:///mine/view-base/index.js`);
      expect(message).toMatch(/do not link/);
    } finally {
      delete global[other];
    }
  });

  it('keeps its version equal to package.json', async () => {
    const { VERSION } = await import('../packages/view-base/src/sharedRegistry.js');
    const { default: manifest } = await import('../packages/view-base/package.json');
    expect(VERSION).toBe(manifest.version);
  });
});

type Registry = typeof import('../packages/view-base/src/sharedRegistry.js');
