/** One sheet per CSS text (in practice one per view class), shared by every instance's shadow root. */
const sheets = new Map<string, CSSStyleSheet>();

/**
 * Gives a shadow root its styles as a constructable stylesheet (`adoptedStyleSheets`): a page
 * whose Content-Security-Policy says `style-src 'self'` blocks `<style>` elements but not these.
 * Where the DOM has no constructable sheets (some emulations), a `<style>` element is added first
 * in the root instead.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  const sheet = constructedSheet(css);
  if (sheet && 'adoptedStyleSheets' in root) {
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return;
    } catch {
      // A sheet made in another document cannot be adopted here (an element moved across frames).
    }
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.prepend(style);
}

function constructedSheet(css: string): CSSStyleSheet | null {
  let sheet = sheets.get(css);
  if (sheet) return sheet;
  if (typeof CSSStyleSheet === 'undefined' || typeof CSSStyleSheet.prototype.replaceSync !== 'function') return null;
  try {
    sheet = new CSSStyleSheet();
  } catch {
    return null; // a browser with CSSStyleSheet but without its constructor
  }
  sheet.replaceSync(css);
  sheets.set(css, sheet);
  return sheet;
}
