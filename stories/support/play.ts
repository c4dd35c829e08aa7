import { userEvent, waitFor, within } from 'storybook/test';

/**
 * Testing Library queries inside an element's shadow root: the queries do not enter shadow
 * roots by themselves.
 */
export function inShadow(element: Element) {
  return within(element.shadowRoot as unknown as HTMLElement);
}

/** The story's element of a tag, once it has its data (loaded by the story or from its `src`). */
export async function loadedView<K extends keyof HTMLElementTagNameMap>(
  canvasElement: HTMLElement,
  tag: K,
): Promise<HTMLElementTagNameMap[K]> {
  const view = canvasElement.querySelector(tag);
  if (!view) throw new Error(`the story has no <${tag}>`);
  // A `src` of the demo data takes a few seconds: 22 MB of IMDB states.
  await waitFor(
    () => {
      if (!(view as { data?: unknown }).data) throw new Error(`<${tag}> has no data yet`);
    },
    { timeout: 30_000 },
  );
  return view;
}

/** The client coordinates of the centre of an element. */
export function centreOf(element: Element): { clientX: number; clientY: number } {
  const box = element.getBoundingClientRect();
  return { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
}

/** Moves the pointer (no button pressed) over an element, to client coordinates within it. */
export async function pointAt(target: Element, coords: { clientX: number; clientY: number }): Promise<void> {
  await userEvent.pointer({ target, coords });
}
