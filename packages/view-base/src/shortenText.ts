/**
 * `text` cut to at most `maxCharacters` code points, the last of them an ellipsis, for labels
 * drawn in many places at once (the map's word labels) where measuring each one costs too much.
 * Cuts between code points, never inside a surrogate pair.
 */
export function shortenText(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text;
  const characters = [...text];
  if (characters.length <= maxCharacters) return text;
  return characters.slice(0, Math.max(0, maxCharacters - 1)).join('') + '…';
}
