import { HOVER_COLOR, MUTED_COLOR } from './palette.js';

/**
 * Styles every view shares, themable through CSS custom properties:
 * --hs-font, --hs-text, --hs-muted, --hs-background, --hs-focus (hover highlight, #696969).
 */
export const baseStyles = `
:host {
  display: block;
  min-width: 0;
  font: var(--hs-font, 12px/1.4 system-ui, sans-serif);
  color: var(--hs-text, #222);
  background: var(--hs-background, transparent);
  --hs-focus-color: var(--hs-focus, ${HOVER_COLOR});
}
:host([hidden]) { display: none; }
.empty {
  color: var(--hs-muted, ${MUTED_COLOR});
  padding: 12px;
  border: 1px dashed currentColor;
  border-radius: 4px;
  text-align: center;
  overflow-wrap: anywhere;
}
/* Text from data sits in <bdi> (see bidi()): its direction never leaks into the text around it. */
bdi { unicode-bidi: isolate; }
svg { display: block; overflow: visible; }
svg text { font: inherit; fill: currentColor; }
.axis line, .axis path { stroke: var(--hs-muted, ${MUTED_COLOR}); }
`;

/** Shows a message in place of the view (empty state, load error); text only, never HTML. */
export function showMessage(container: ParentNode, message: string): void {
  const box = document.createElement('div');
  box.className = 'empty';
  box.setAttribute('part', 'empty');
  box.textContent = message;
  container.replaceChildren(box);
}
