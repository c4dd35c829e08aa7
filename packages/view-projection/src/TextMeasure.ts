/**
 * Widths of label texts in the font the map's labels are drawn in, from a 2D canvas context's
 * `measureText` (no layout reads, cached per text), so that labels can be placed before they are
 * drawn. Where there is no canvas (a DOM without one), widths are estimated from the font size.
 */
export class TextMeasure {
  /** Height of the font above the baseline, in pixels. */
  ascent = 10;
  /** Depth of the font below the baseline. */
  descent = 3;
  #context: CanvasRenderingContext2D | null | undefined;
  #fontSize = 12;
  #font = '';
  readonly #widths = new Map<string, number>();

  /**
   * Takes the font of `element` (its computed style: the labels inherit it); the cached widths
   * are kept while it stays the same.
   */
  use(element: Element): void {
    const style = element.ownerDocument.defaultView?.getComputedStyle(element);
    const size = Number.parseFloat(style?.fontSize ?? '') || 12;
    const family = style?.fontFamily || 'system-ui, sans-serif';
    const font = `${size}px ${family}`;
    if (font === this.#font) return;
    this.#font = font;
    this.#fontSize = size;
    this.#widths.clear();
    const context = this.#canvas(element.ownerDocument);
    if (context) {
      context.font = font;
      const metrics = context.measureText('Hg');
      this.ascent = metrics.fontBoundingBoxAscent || 0.8 * size;
      this.descent = metrics.fontBoundingBoxDescent || 0.25 * size;
    } else {
      this.ascent = 0.8 * size;
      this.descent = 0.25 * size;
    }
  }

  /** Width of a text in pixels; `bold` for the semibold sequence ids. */
  width(text: string, bold = false): number {
    const key = bold ? `b${text}` : `n${text}`;
    let width = this.#widths.get(key);
    if (width === undefined) {
      const context = this.#context;
      if (context) {
        context.font = bold ? `600 ${this.#font}` : this.#font;
        width = context.measureText(text).width;
      } else {
        width = text.length * this.#fontSize * (bold ? 0.62 : 0.58);
      }
      this.#widths.set(key, width);
    }
    return width;
  }

  #canvas(doc: Document): CanvasRenderingContext2D | null {
    if (this.#context === undefined) {
      try {
        this.#context = doc.createElement('canvas').getContext('2d');
      } catch {
        this.#context = null; // a DOM without canvas support
      }
    }
    return this.#context;
  }
}
