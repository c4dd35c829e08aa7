import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { KEYBOARD_MAP } from '../app/keyboardHelp.js';
import { openApp, settle, type AppPage } from './appUnderTest.js';
import { expectNoSeriousViolations } from '../../../test/support/axe.js';

// The served dashboard app (the real index.html, app.css and the parts main.ts wires) checked by
// axe-core on both demo datasets, and its "?" overlay of keys and gestures driven by keyboard.
let opened: AppPage | null = null;

async function open(query: string) {
  await page.viewport(1600, 1000);
  opened = await openApp(query); // with everything main.ts mounts: controls, state actions, the ? overlay
  await settle();
  return opened;
}

afterEach(() => {
  opened?.close();
  opened = null;
});

const dialog = () => document.querySelector<HTMLDialogElement>('dialog.keyboard-help')!;

describe('the dashboard app and axe-core', () => {
  for (const [name, query] of [
    ['IMDB', '?data=imdb'],
    ['Reuters', '?data=reuters'],
  ]) {
    it(`${name}: nothing serious or critical, as opened and with sequences compared, a step focused and the help open`, async () => {
      const { dashboard } = await open(query);
      expect(dashboard.data).not.toBeNull();
      await expectNoSeriousViolations();

      // Every view drawing more: two sequences compared, a step focused (tooltip, outlines).
      const bus = dashboard.bus;
      bus.selectSequence(1, 'test', 'add');
      bus.setFocus(dashboard.data!.offsets[bus.activeSequence] + 2, 'test');
      await settle();
      await expectNoSeriousViolations();

      await userEvent.click(document.querySelector<HTMLButtonElement>('#help')!);
      expect(dialog().open).toBe(true);
      await expectNoSeriousViolations();
    }, 60_000);
  }
});

describe('the "?" overlay', () => {
  it('the ? button opens a dialog listing every key and gesture as text; Esc closes it and the focus goes back', async () => {
    await open('?data=imdb');
    const button = document.querySelector<HTMLButtonElement>('#help')!;
    button.focus();
    await userEvent.keyboard('{Enter}');
    const shown = dialog();
    expect(shown.open).toBe(true);
    expect(shown.getAttribute('aria-labelledby')).toBe('keyboard-help-title');
    const rows = [...shown.querySelectorAll('tbody tr')].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(rows).toEqual(KEYBOARD_MAP.flatMap((section) => section.entries.map((e) => [e.keys, e.does])));
    expect([...shown.querySelectorAll('caption strong')].map((c) => c.textContent)).toEqual(
      KEYBOARD_MAP.map((section) => section.title),
    );
    // Modal: the page behind it is inert while it is open.
    expect(shown.matches(':modal')).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(shown.open).toBe(false);
    expect(document.activeElement).toBe(button);
  });

  it('the ? key opens it from anywhere but a text field, a view included', async () => {
    const { dashboard } = await open('?data=imdb');
    const heatmap = dashboard.views[4];
    await settle();
    // From the heatmap's cell (inside its shadow root).
    heatmap.shadowRoot!.querySelector<SVGElement>('rect.cell[tabindex="0"]')!.focus();
    await userEvent.keyboard('?');
    expect(dialog().open).toBe(true);
    await userEvent.click(dialog().querySelector('button')!); // Close
    expect(dialog().open).toBe(false);

    // A "?" typed into a text field is the field's.
    const field = document.createElement('input');
    field.type = 'search';
    field.setAttribute('aria-label', 'a text field');
    document.querySelector('header')!.append(field);
    await userEvent.click(field);
    await userEvent.keyboard('what?');
    expect(field.value).toBe('what?');
    expect(dialog().open).toBe(false);
  });
});
