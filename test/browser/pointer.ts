// Real pointer input for Chromium tests: see commands.ts. Points are client coordinates.
import { commands } from 'vitest/browser';
import type { Modifier } from './commands.js';

type Point = [number, number];

declare module 'vitest/browser' {
  interface BrowserCommands {
    pointerDrag: (points: Point[]) => Promise<void>;
    pointerMove: (point: Point) => Promise<void>;
    pointerClick: (point: Point, modifiers?: Modifier[]) => Promise<void>;
  }
}

/** Drags with the left button along the points. */
export const drag = (...points: Point[]): Promise<void> => commands.pointerDrag(points);
/** Moves the pointer to a point (hover). */
export const moveTo = (x: number, y: number): Promise<void> => commands.pointerMove([x, y]);
/** Clicks at a point, holding the modifier keys given. */
export const clickAt = (x: number, y: number, modifiers: Modifier[] = []): Promise<void> =>
  commands.pointerClick([x, y], modifiers);

/** The client coordinates of the centre of an element. */
export function centre(element: Element): Point {
  const box = element.getBoundingClientRect();
  return [box.left + box.width / 2, box.top + box.height / 2];
}

/** Resolves after the next animation frame (views redraw once per frame). */
export const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
