// Vitest browser commands (run in Node, next to Playwright) for real pointer input: the mouse
// moves, presses and releases in the page, so the browser fires genuine pointer events through
// hit testing, shadow roots included. Coordinates are client coordinates of the test iframe.
import type { BrowserCommand } from 'vitest/node';
import type {} from '@vitest/browser-playwright'; // adds page, frame and iframe to the command context

type Point = [number, number];

async function toPage(context: Parameters<BrowserCommand<[]>>[0], [x, y]: Point): Promise<Point> {
  const frame = await context.frame();
  const box = await context.iframe.owner().boundingBox();
  const innerWidth = await frame.evaluate(() => window.innerWidth);
  if (!box) throw new Error('the test iframe has no box');
  const scale = box.width / innerWidth;
  return [box.x + x * scale, box.y + y * scale];
}

/** Moves the mouse along the points with the left button held from the first to the last. */
export const pointerDrag: BrowserCommand<[points: Point[]]> = async (context, points) => {
  const { mouse } = context.page;
  const [first, ...rest] = await Promise.all(points.map((p) => toPage(context, p)));
  await mouse.move(...first);
  await mouse.down();
  for (const point of rest) await mouse.move(...point, { steps: 4 });
  await mouse.up();
};

/** Moves the mouse (no button) to a point. */
export const pointerMove: BrowserCommand<[point: Point]> = async (context, point) => {
  await context.page.mouse.move(...(await toPage(context, point)));
};

/** Keys held during a click (Ctrl/Shift-click compares sequences). */
export type Modifier = 'Control' | 'Shift' | 'Alt' | 'Meta';

/** Clicks at a point, holding the modifier keys given. */
export const pointerClick: BrowserCommand<[point: Point, modifiers?: Modifier[]]> = async (
  context,
  point,
  modifiers = [],
) => {
  const { keyboard, mouse } = context.page;
  for (const key of modifiers) await keyboard.down(key);
  await mouse.click(...(await toPage(context, point)));
  for (const key of modifiers.toReversed()) await keyboard.up(key);
};
