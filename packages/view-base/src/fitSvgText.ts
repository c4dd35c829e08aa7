const ELLIPSIS = '…';

/**
 * Sets an SVG `<text>` to `text`, cut to at most `maxWidth` pixels with an ellipsis when longer;
 * a cut text carries the whole text in a `<title>` child, shown on hover. SVG text neither wraps
 * nor clips, so a long class name would otherwise run into the marks beside it.
 *
 * Widths are measured where the browser lays the text out, else estimated from the character
 * count (`charWidth` pixels each), as in DOM emulations or while the element is hidden.
 */
export function fitSvgText(element: SVGTextElement, text: string, maxWidth: number, charWidth = 7): void {
  const measure = (value: string): number => {
    element.textContent = value;
    const measured = typeof element.getComputedTextLength === 'function' ? element.getComputedTextLength() : 0;
    return measured > 0 ? measured : [...value].length * charWidth;
  };
  if (measure(text) <= maxWidth) return;
  const characters = [...text]; // code points: a cut never splits a surrogate pair
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(characters.slice(0, middle).join('') + ELLIPSIS) <= maxWidth) low = middle;
    else high = middle - 1;
  }
  element.textContent = characters.slice(0, low).join('') + ELLIPSIS;
  const title = element.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = text;
  element.prepend(title);
}
