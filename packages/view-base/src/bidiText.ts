/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the text-level form of `<bdi>`. */
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Text from data (a token, a class name, an id) as a `<bdi>` element holding it as text. The
 * element isolates its direction, so that a name starting with RIGHT-TO-LEFT OVERRIDE (U+202E)
 * or written in Arabic cannot reorder the numbers and words set beside it.
 */
export function bidi(text: string, doc: Document = document): HTMLElement {
  const element = doc.createElement('bdi');
  element.textContent = text;
  return element;
}

/**
 * Text from data wrapped in FSI ... PDI, for places where no element can isolate it: attribute
 * values such as `title`, and strings that mix data with numbers.
 */
export function isolate(text: string): string {
  return FSI + text + PDI;
}
