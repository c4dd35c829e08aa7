import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYBOARD_MAP, keyboardMarkdown, type KeySection } from '../app/keyboardHelp.js';

// docs/keyboard.md and the app's "?" overlay show one list: the page must hold every section and
// entry of KEYBOARD_MAP, and nothing else, or one of the two has drifted.
const page = readFileSync(new URL('../../../docs/keyboard.md', import.meta.url), 'utf8');

/** The sections of a keyboard page: each "## title", its first paragraph, and its table rows. */
function sectionsOf(markdown: string): KeySection[] {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const [title, ...lines] = part.split('\n');
      const where = lines.find((line) => line.trim() && !line.startsWith('|'))!.trim();
      const rows = lines
        .filter((line) => line.startsWith('|'))
        .map((line) =>
          line
            .slice(1, -1)
            .split('|')
            .map((cell) => cell.trim()),
        )
        .slice(2); // the header and the --- row
      return {
        title: title.trim(),
        where: where.charAt(0).toLowerCase() + where.slice(1, -1), // as in the list: no capital, no full stop
        entries: rows.map(([keys, does]) => ({ keys, does })),
      };
    });
}

describe('the keyboard map', () => {
  it('docs/keyboard.md lists exactly the sections and entries of the overlay, in its order', () => {
    const documented = sectionsOf(page);
    expect(documented.map((s) => s.title)).toEqual(KEYBOARD_MAP.map((s) => s.title));
    for (const [i, section] of KEYBOARD_MAP.entries()) {
      expect(documented[i], section.title).toEqual({
        title: section.title,
        where: section.where,
        entries: section.entries.map(({ keys, does }) => ({ keys, does })),
      });
    }
  });

  it('keyboardMarkdown() writes tables the page parses back to the same list', () => {
    expect(sectionsOf(keyboardMarkdown())).toEqual(
      KEYBOARD_MAP.map(({ title, where, entries }) => ({ title, where, entries: [...entries] })),
    );
  });

  it('the page names the keys of every view and of the app', () => {
    const titles = KEYBOARD_MAP.map((s) => s.title);
    expect(titles).toEqual(
      expect.arrayContaining(['The page', 'Map', 'Tokens', 'Table', 'Heatmap', 'Histogram', 'Overview']),
    );
    const keys = KEYBOARD_MAP.flatMap((s) => s.entries.map((e) => `${s.title}: ${e.keys}`));
    for (const key of [
      'The page: ?',
      'Map: + and -',
      'Map: 0',
      'Map: Arrow keys',
      'Map: Shift-drag',
      'Map: Alt-drag or middle-drag',
      'Table: Home and End',
      'Table: Page Up and Page Down',
      'Heatmap: Left and Right',
      'Histogram: Arrow keys on the threshold',
    ]) {
      expect(keys).toContain(key);
    }
    // Plain text only: the doc's table cells, and the overlay's text nodes.
    for (const entry of KEYBOARD_MAP.flatMap((s) => s.entries)) {
      expect(`${entry.keys}${entry.does}`).not.toMatch(/[|<>`*]/);
    }
  });
});
