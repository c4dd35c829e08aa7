import type { StatescopeElement } from '@statescope/view-base';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * SVG properties that a view's stylesheet may set and a standalone SVG file must carry as
 * presentation attributes (the view's stylesheet lives in its shadow root, not in the file).
 * All of them inherit, except opacity.
 */
const PAINT = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'paint-order',
  'shape-rendering',
];
const TEXT = ['font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline'];

/** What the map shows now: its points (a copy of the canvas) and its overlay, at its size. */
interface MapPicture {
  /** The points, at device pixels. */
  points: HTMLCanvasElement;
  /** The overlay (trajectories, labels, brush) as a standalone SVG of `width` x `height`. */
  overlay: SVGSVGElement;
  /** CSS pixels. */
  width: number;
  height: number;
  background: string;
}

/**
 * Takes the map's picture: it draws now, and the points are copied at once, while the canvas
 * still holds them (a WebGL canvas keeps its pixels only until the page is composited).
 */
function takePicture(map: StatescopeElement): MapPicture {
  const root = map.shadowRoot!;
  map.renderNow();
  const canvas = root.querySelector<HTMLCanvasElement>('canvas[part="points"]');
  const svg = root.querySelector<SVGSVGElement>('svg[part="overlay"]');
  if (!canvas || !svg || canvas.hidden || !map.data) throw new Error('the map shows no points yet');
  const points = document.createElement('canvas');
  points.width = canvas.width;
  points.height = canvas.height;
  points.getContext('2d')!.drawImage(canvas, 0, 0);
  const { width, height } = canvas.getBoundingClientRect();
  return { points, overlay: standaloneSvg(svg, width, height), width, height, background: backgroundOf(map) };
}

/**
 * The map as a PNG at the canvas's resolution: the background, the points, and the overlay
 * (trajectories, jump labels, the brush) drawn on top. The legend and toolbar are left out.
 */
export async function mapPng(map: StatescopeElement): Promise<Blob> {
  const picture = takePicture(map);
  const { points } = picture;
  const output = document.createElement('canvas');
  output.width = points.width;
  output.height = points.height;
  const context = output.getContext('2d')!;
  context.fillStyle = picture.background;
  context.fillRect(0, 0, output.width, output.height);
  context.drawImage(points, 0, 0);
  // A data: URL: the app's Content-Security-Policy allows images from data: (not from blob:).
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(serialize(picture.overlay))}`;
  await image.decode();
  context.drawImage(image, 0, 0, output.width, output.height);
  return new Promise((resolve, reject) =>
    output.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG'))), 'image/png'),
  );
}

/**
 * The map as an SVG file: the overlay's own vector drawing (trajectories, jump labels, the
 * brush), over the points as an embedded PNG `<image>` (a hundred thousand points are lighter
 * as pixels than as circles).
 */
export function mapSvg(map: StatescopeElement, title: string): string {
  const picture = takePicture(map);
  const { overlay, width, height } = picture;
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', String(width));
  background.setAttribute('height', String(height));
  background.setAttribute('fill', picture.background);
  const points = document.createElementNS(SVG_NS, 'image');
  points.setAttribute('class', 'points');
  points.setAttribute('width', String(width));
  points.setAttribute('height', String(height));
  points.setAttribute('preserveAspectRatio', 'none');
  points.setAttribute('href', picture.points.toDataURL('image/png'));
  const heading = document.createElementNS(SVG_NS, 'title');
  heading.textContent = title; // dataset names are data: text, never markup
  overlay.prepend(heading, background, points);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(overlay)}\n`;
}

function serialize(svg: SVGSVGElement): string {
  return new XMLSerializer().serializeToString(svg);
}

/**
 * A copy of the overlay that draws the same outside the map: what the view's stylesheet gives
 * each element is written on it as presentation attributes; hidden elements and what only
 * serves the gestures (cursors, pointer events, the brush's handles) are left out.
 */
function standaloneSvg(svg: SVGSVGElement, width: number, height: number): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  const styles = originals.map((element) => getComputedStyle(element));
  const parentOf = new Map<Element, number>(originals.map((element, i) => [element, i]));
  const hidden: Element[] = [];
  originals.forEach((element, i) => {
    const style = styles[i];
    const target = copies[i];
    if (style.display === 'none' || style.visibility === 'hidden') {
      hidden.push(target);
      return;
    }
    const parent = i === 0 ? null : styles[parentOf.get(element.parentElement!)!];
    const names = element instanceof SVGTextContentElement || i === 0 ? [...PAINT, ...TEXT] : PAINT;
    for (const name of names) {
      const value = style.getPropertyValue(name);
      // Inherited: written where it changes, the file's elements inherit the rest.
      if (!parent || value !== parent.getPropertyValue(name)) target.setAttribute(name, value);
    }
    if (style.opacity !== '1') target.setAttribute('opacity', style.opacity);
    for (const name of ['style', 'cursor', 'pointer-events', 'part', 'tabindex', 'role']) target.removeAttribute(name);
  });
  for (const element of hidden) element.remove();
  for (const handle of copy.querySelectorAll('.brush .overlay, .brush .handle')) handle.remove();
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.removeAttribute('class');
  return copy;
}

/** The colour the map is seen on: its own background, else that of the nearest box around it that has one. */
function backgroundOf(element: Element): string {
  for (let at: Element | null = element; at;) {
    const color = getComputedStyle(at).backgroundColor;
    if (color && color !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(color)) return color;
    at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host || null);
  }
  return '#fff';
}
