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
    const first = await import('../packages/view-base/src/sharedBus.js');
    // The query makes the module evaluate again: a second copy, as a second bundle carries.
    // @ts-expect-error TypeScript knows no module by a name with a query
    const second = (await import('../packages/view-base/src/sharedBus.js?second-copy')) as typeof first;
    expect(second.sharedBus).not.toBe(first.sharedBus);
    expect(second.sharedBus('page')).toBe(first.sharedBus('page'));
    expect(second.sharedBus('other')).not.toBe(first.sharedBus('page'));
  });

  it('keeps its own registries and warns once, with both versions and locations, when incompatible', async () => {
    const { sharedRegistry, VERSION } = await import('../packages/view-base/src/sharedRegistry.js');
    const { sharedBus } = await import('@statescope/view-base');
    const key = Symbol.for('statescope.view-base.registries');
    const global = globalThis as unknown as Record<
      symbol,
      { compatibility: string; version: string; location: string }
    >;
    const page = global[key];
    const saved = { ...page };
    Object.assign(page, { compatibility: '9', version: '9.0.0', location: 'file:///elsewhere/view-base/index.js' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const buses = sharedRegistry('buses', 'file:///mine/view-base/index.js');
      sharedRegistry('loads', 'file:///mine/view-base/index.js');
      expect(buses.get('page')).toBeUndefined();
      expect(warn).toHaveBeenCalledTimes(1);
      const message = String(warn.mock.calls[0][0]);
      expect(message).toContain('9.0.0 from file:///elsewhere/view-base/index.js');
      expect(message).toContain(`${VERSION} from file:///mine/view-base/index.js`);
      expect(message).toMatch(/do not link/);
    } finally {
      Object.assign(page, saved);
    }
    expect(sharedBus('page')).toBeDefined();
  });

  it('keeps its version equal to package.json', async () => {
    const { VERSION } = await import('../packages/view-base/src/sharedRegistry.js');
    const { default: manifest } = await import('../packages/view-base/package.json');
    expect(VERSION).toBe(manifest.version);
  });
});
