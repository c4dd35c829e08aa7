// The recipes in docs/recipes/ show the apps that test/e2e/consumerApps.e2e.test.ts builds and runs:
// a code block under `<!-- file: PATH -->` must be that file, byte for byte, so the docs cannot drift.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const recipes = join(root, 'docs/recipes');
const QUOTED = /<!-- file: (\S+) -->\n\n```\w*\n([\s\S]*?)```/g;

describe('docs/recipes', () => {
  const files = readdirSync(recipes).filter((name) => name.endsWith('.md'));

  it.each(files)('%s quotes the tested apps verbatim', (name) => {
    const text = readFileSync(join(recipes, name), 'utf8');
    const quotes = [...text.matchAll(QUOTED)];
    // every marker is followed by the block it names (a marker the pattern missed would be unchecked)
    expect(quotes).toHaveLength(text.split('<!-- file: ').length - 1);
    for (const [, path, block] of quotes) {
      expect(block, path).toBe(readFileSync(join(root, path), 'utf8'));
    }
    if (name !== 'jupyter.md') expect(quotes.length).toBeGreaterThan(0);
  });
});
