// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LinkBus } from '@statescope/bus';
import { StatescopeElement, loadShared, releaseShared, sharedUrls } from '@statescope/view-base';
import { tinyDataset } from './tinyDataset.js';

// Loading is core's business: here it only counts, and fails for URLs that end in "broken.json".
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('@statescope/core', async (original) => {
  const core = await original<typeof import('@statescope/core')>();
  return {
    ...core,
    loadDataset: async (url: string) => {
      loads.count++;
      if (url.endsWith('broken.json')) throw new Error('broken');
      return tinyDataset();
    },
  };
});

class SrcView extends StatescopeElement {
  renders = 0;
  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => {}, { signal });
  }
  protected render(): void {
    this.renders++;
    this.root.textContent = 'drawn';
  }
}
customElements.define('src-view', SrcView);

const loaded = (view: SrcView) =>
  new Promise<void>((resolve) => {
    view.addEventListener('hs-load', () => resolve(), { once: true });
    view.addEventListener('hs-error', () => resolve(), { once: true });
  });

function mount(src: string): SrcView {
  const view = document.createElement('src-view') as SrcView;
  view.setAttribute('src', src);
  document.body.append(view);
  return view;
}

afterEach(() => {
  document.body.replaceChildren();
  loads.count = 0;
});

describe('the src dataset cache', () => {
  it('shares one load among the elements on a URL and lets go of it with the last of them', async () => {
    const first = mount('/data/a.json');
    const second = mount('/data/a.json');
    await Promise.all([loaded(first), loaded(second)]);
    expect(first.data).toBe(second.data);
    expect(loads.count).toBe(1);
    const url = new URL('/data/a.json', document.baseURI).href;
    expect(sharedUrls()).toEqual([url]);

    first.remove();
    expect(sharedUrls()).toEqual([url]);
    second.remove();
    expect(sharedUrls()).toEqual([]);
    expect(second.data).not.toBeNull(); // the element keeps what it shows

    await loaded(mount('/data/a.json')); // a later element loads afresh
    expect(loads.count).toBe(2);
  });

  it('says what it waits for, or why it failed, without calling the view to draw', async () => {
    const view = document.createElement('src-view') as SrcView;
    document.body.append(view);
    view.renderNow();
    expect([view.shadowRoot!.textContent, view.renders]).toEqual(['No dataset yet.', 0]);
    view.setAttribute('src', '/data/broken.json');
    view.renderNow();
    expect(view.shadowRoot!.textContent).toBe('Loading the dataset…');
    await loaded(view);
    view.renderNow();
    expect([view.shadowRoot!.textContent, view.renders]).toEqual(['Could not load the dataset: broken', 0]);
    view.setAttribute('src', '/data/a.json');
    await loaded(view);
    view.renderNow();
    expect([view.shadowRoot!.textContent, view.renders]).toEqual(['drawn', 1]);
  });

  it('lets go of the old URL when src changes, and keeps no failed load', async () => {
    const view = mount('/data/a.json');
    await loaded(view);
    view.setAttribute('src', '/data/b.json');
    await loaded(view);
    expect(sharedUrls()).toEqual([new URL('/data/b.json', document.baseURI).href]);
    view.setAttribute('src', '/data/broken.json');
    await loaded(view);
    expect(view.loadError?.message).toBe('broken');
    expect(sharedUrls()).toEqual([]);
    view.remove();
    expect(sharedUrls()).toEqual([]);
  });

  it('counts holds taken by hand: one release per loadShared call', async () => {
    const url = 'http://example.test/c.json';
    await Promise.all([loadShared(url), loadShared(url)]);
    releaseShared(url);
    expect(sharedUrls()).toEqual([url]);
    releaseShared(url);
    expect(sharedUrls()).toEqual([]);
    releaseShared(url); // one too many: harmless
  });
});
