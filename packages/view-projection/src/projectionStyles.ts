import { MUTED_COLOR } from '@statescope/view-base';
/**
 * The shadow styles of <hs-projection>, themable through CSS custom properties:
 * --hs-font, --hs-text, --hs-muted, --hs-background, --hs-focus (hover ring, #696969),
 * --hs-nearest-color (rings of the focused step's nearest states, #1f4fd1),
 * --hs-panel (legend, toolbar, pager and tooltip background).
 */
export const projectionStyles = `
:host {
  display: block;
  position: relative;
  height: 420px;
  min-height: 120px;
  font: var(--hs-font, 12px/1.4 system-ui, sans-serif);
  color: var(--hs-text, #222);
  background: var(--hs-background, transparent);
  outline: none;
}
:host([hidden]) { display: none; }
:host(:focus-visible) { box-shadow: 0 0 0 2px var(--hs-focus, #696969); }
.frame { position: absolute; inset: 0; overflow: hidden; }
canvas, svg.overlay { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
svg.overlay { overflow: hidden; touch-action: none; }
:host([mode='pan']) svg.overlay { cursor: grab; }
:host([mode='lasso']) svg.overlay, :host([mode='lasso']) .overlay .brush .overlay { cursor: crosshair; }
.trajectories, .labels, .focus, .lasso { pointer-events: none; }
.halo { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; fill: var(--hs-text, #222); font: inherit; }
.sequence-id { font-weight: 600; }
.focus circle { fill: rgba(105, 105, 105, 0.3); stroke: var(--hs-focus, #696969); stroke-width: 2.5; } /* filled: unlike the start ring */
.lasso { fill: rgba(105, 105, 105, 0.12); stroke: var(--hs-focus, #696969); stroke-width: 1.5; stroke-dasharray: 4 3; }
.brush .selection { fill: rgba(105, 105, 105, 0.12); stroke: var(--hs-focus, #696969); }
.panel {
  position: absolute;
  background: var(--hs-panel, rgba(255, 255, 255, 0.88));
  border: 1px solid rgba(0, 0, 0, 0.12);
  border-radius: 4px;
  padding: 4px 6px;
}
.toolbar { top: 6px; right: 6px; display: flex; gap: 4px; align-items: center; }
.toolbar button, .toolbar select { font: inherit; padding: 1px 6px; border: 1px solid rgba(0, 0, 0, 0.25); border-radius: 3px; background: #fff; color: inherit; cursor: pointer; }
.toolbar input.unit { font: inherit; width: 5.5em; padding: 1px 4px; border: 1px solid rgba(0, 0, 0, 0.25); border-radius: 3px; }
.toolbar input.unit[hidden] { display: none; }
.toolbar button[aria-pressed='true'] { background: var(--hs-text, #222); color: #fff; }
.pager { right: 6px; bottom: 6px; display: flex; gap: 6px; align-items: center; }
.pager .more { font-weight: 600; }
.pager .position { color: var(--hs-muted, ${MUTED_COLOR}); }
.pager button { font: inherit; padding: 1px 6px; border: 1px solid rgba(0, 0, 0, 0.25); border-radius: 3px; background: #fff; color: inherit; cursor: pointer; }
.pager button[aria-disabled='true'] { color: var(--hs-muted, ${MUTED_COLOR}); border-color: rgba(0, 0, 0, 0.12); cursor: default; }
.legend { left: 6px; bottom: 6px; max-width: 45%; }
.legend-title { font-weight: 600; margin-bottom: 2px; }
.legend .item { display: flex; gap: 6px; align-items: center; }
/* Class names are data: isolated (their direction stays theirs), cut to the legend's width (whole on hover). */
.legend .name { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; unicode-bidi: isolate; }
.legend .swatch { flex: none; width: 10px; height: 10px; border-radius: 50%; display: inline-block; box-sizing: border-box; }
.legend .swatch.ring { border: 2.5px solid; }
.legend .ramp { width: 140px; height: 10px; border-radius: 2px; }
.legend .ramp-labels { display: flex; justify-content: space-between; gap: 8px; width: 140px; }
.legend .ramp-labels span { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; unicode-bidi: isolate; }
.legend .note { color: var(--hs-muted, ${MUTED_COLOR}); }
.tooltip { pointer-events: none; max-width: 240px; z-index: 2; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2); }
.tooltip .token { font-weight: 600; font-size: 1.15em; overflow-wrap: anywhere; unicode-bidi: isolate; }
.tooltip dl { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0 8px; margin: 2px 0 0; }
.tooltip dt { color: var(--hs-muted, ${MUTED_COLOR}); }
.tooltip dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
bdi { unicode-bidi: isolate; }
.message { position: absolute; inset: 12px; display: flex; align-items: center; justify-content: center; color: var(--hs-muted, ${MUTED_COLOR}); border: 1px dashed currentColor; border-radius: 4px; }
[hidden] { display: none !important; }
`;
