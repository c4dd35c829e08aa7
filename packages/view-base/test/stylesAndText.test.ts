// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkBus } from '@statescope/bus';
import { StatescopeElement, adoptStyles, bidi, fitSvgText, isolate, shortenText } from '@statescope/view-base';

class StyledView extends StatescopeElement {
  constructor() {
    super();
    this.mount(':host { display: block; } .x { color: red; }');
  }
  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => {}, { signal });
  }
  protected render(): void {}
}
customElements.define('styled-view', StyledView);

afterEach(() => document.body.replaceChildren());

describe('styles', () => {
  it('come as one constructable sheet shared by every instance, never a <style> element', () => {
    const [a, b] = [new StyledView(), new StyledView()];
    document.body.append(a, b);
    expect(a.shadowRoot!.adoptedStyleSheets).toHaveLength(1);
    expect(a.shadowRoot!.adoptedStyleSheets[0]).toBe(b.shadowRoot!.adoptedStyleSheets[0]);
    expect(a.shadowRoot!.querySelector('style')).toBeNull();
  });

  it('fall back to a <style> element where a root cannot adopt sheets', () => {
    const host = document.createElement('div');
    const fallback = { ownerDocument: document, prepend: (node: Node) => host.prepend(node) };
    adoptStyles(fallback as unknown as ShadowRoot, '.y { color: blue; }');
    expect(host.querySelector('style')!.textContent).toBe('.y { color: blue; }');
  });
});

describe('text from data', () => {
  it('bidi() holds it as text in an isolating <bdi>; isolate() wraps it in FSI ... PDI', () => {
    const element = bidi('\u202Eneg<img src=x onerror=alert(1)>');
    expect(element.localName).toBe('bdi');
    expect(element.childElementCount).toBe(0);
    expect(element.textContent).toBe('\u202Eneg<img src=x onerror=alert(1)>');
    expect(isolate('\u202Eneg')).toBe('\u2068\u202Eneg\u2069');
  });

  it('fitSvgText cuts a long label to the width, with the whole text as its <title>', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const text = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    svg.append(text);
    document.body.append(svg);
    fitSvgText(text, 'positive', 80); // 8 characters of 7 px (estimated here): fits
    expect(text.textContent).toBe('positive');
    expect(text.querySelector('title')).toBeNull();
    const long = 'a class name of forty characters, or so!';
    fitSvgText(text, long, 80);
    expect(text.querySelector('title')!.textContent).toBe(long);
    expect(text.lastChild!.textContent).toBe('a class na…'); // 11 characters: 77 px
    fitSvgText(text, 'short', 80); // a redraw with a short text drops the title
    expect(text.childNodes).toHaveLength(1);
  });

  it('shortenText cuts between code points, never inside an emoji', () => {
    expect(shortenText('film', 4)).toBe('film');
    expect(shortenText('😀😀😀😀😀', 5)).toBe('😀😀😀😀😀');
    expect(shortenText('😀😀😀😀😀😀', 5)).toBe('😀😀😀😀…');
    expect(shortenText('x'.repeat(300), 24)).toHaveLength(24);
  });
});
