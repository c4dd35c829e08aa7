// docs/own-view.md teaches writing a view of your own from docs/examples/WordCountView.ts: every
// code block it shows under `<!-- from: PATH -->` must be that file's text, verbatim, so that the
// guide cannot drift from the example that is type-checked, linted and tested in Chromium
// (test/ownView.browser.test.ts). The example uses the public API only: package entry points.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const guide = readFileSync(join(root, 'docs/own-view.md'), 'utf8');
const example = readFileSync(join(root, 'docs/examples/WordCountView.ts'), 'utf8');
const QUOTED = /<!-- from: (\S+) -->\n\n```ts\n([\s\S]*?)```/g;

describe('docs/own-view.md', () => {
  const quotes = [...guide.matchAll(QUOTED)];

  it('marks every TypeScript block with the file it quotes', () => {
    expect(quotes.length).toBeGreaterThan(5);
    expect(quotes).toHaveLength(guide.split('```ts\n').length - 1);
    expect(quotes).toHaveLength(guide.split('<!-- from: ').length - 1);
  });

  it.each(quotes.map(([, path, block], i) => [i + 1, path, block]))(
    'quote %i is verbatim from %s',
    (_, path, block) => {
      expect(readFileSync(join(root, path), 'utf8')).toContain(block);
    },
  );

  it('quotes the example, the whole of its attribute declaration and its event augmentation', () => {
    const fromExample = quotes.filter(([, path]) => path === 'docs/examples/WordCountView.ts').map(([, , b]) => b);
    expect(fromExample.some((b) => b.includes("declare module '@statescope/view-base'"))).toBe(true);
    expect(fromExample.some((b) => b.includes('withAttributes(StatescopeElement, {'))).toBe(true);
  });
});

describe('docs/examples/WordCountView.ts', () => {
  it('imports nothing but the entry points of @statescope/view-base, bus and core', () => {
    const imported = [...example.matchAll(/^import[\s\S]*?from '([^']+)';$/gm)].map(([, name]) => name);
    expect(new Set(imported)).toEqual(new Set(['@statescope/view-base', '@statescope/bus', '@statescope/core']));
    expect(example).not.toMatch(/from '[^']*\/src\//);
  });

  it('imports in Node without a DOM, as the views do', async () => {
    const { WordCountView } = await import('../docs/examples/WordCountView.js');
    expect(WordCountView.observedAttributes).toEqual(['src', 'bus', 'source', 'limit', 'order']);
  });
});
