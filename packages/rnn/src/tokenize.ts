/** Words (letters and digits, with inner apostrophes) and single punctuation marks. */
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/**
 * Splits text into lower-case tokens the way the demo models were trained: `<br />` tags are
 * dropped, words and punctuation marks become separate tokens (`"Great, isn't it?"` ->
 * `great , isn't it ?`).
 */
export function tokenize(text: string): string[] {
  return (
    text
      .replace(/<br\s*\/?>/gi, ' ')
      .toLowerCase()
      .match(TOKEN) ?? []
  );
}
