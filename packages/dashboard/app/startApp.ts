import type { DashboardElement } from '@statescope/dashboard';
import { DashboardApp } from './DashboardApp.js';
import { TsneControl } from './TsneControl.js';
import { mountKeyboardHelp } from './keyboardHelp.js';
import { mountStateActions } from './stateActions.js';
import { mountViewControls } from './viewControls.js';

/** The app running on a page that holds index.html's body. */
export interface StartedApp {
  app: DashboardApp;
  tsne: TsneControl;
  dashboard: DashboardElement;
  /** The element of the page that `selector` finds (it must exist). */
  find<T extends Element = HTMLElement>(selector: string): T;
  /** Stops the app and its parts (the t-SNE, listeners), leaving the page's DOM as it is. */
  stop(): void;
}

/**
 * Wires the app's parts on the page (the dataset list and files, the projection menu and t-SNE,
 * the view controls, the state and export actions, the keyboard help) and starts it as a browser
 * opening `page` would, on the datasets listed at `listUrl`: one wiring for main.ts and the tests.
 */
export async function startApp(page: URL, listUrl: URL): Promise<StartedApp> {
  const find = <T extends Element = HTMLElement>(selector: string): T => {
    const found = document.querySelector<T>(selector);
    if (!found) throw new Error(`the app page has no ${selector}`);
    return found;
  };
  const dashboard = find<DashboardElement>('hs-dashboard');
  const fileInput = find<HTMLInputElement>('#open-files');
  const tsne = new TsneControl({
    dashboard,
    projection: find('#projection'),
    perplexity: find('#perplexity'),
    run: find('#run-tsne'),
    status: find('#tsne-status'),
  });
  const app = new DashboardApp(
    {
      dashboard,
      select: find('#dataset'),
      fileInput,
      alert: find('#alert'),
      status: find('#load-status'),
      dropTarget: document.documentElement,
    },
    { onSwitch: () => tsne.reset() },
  );
  const openFiles = () => fileInput.click();
  find('#open').addEventListener('click', openFiles);
  const unmounts = [
    mountViewControls(dashboard, find('#view-controls')),
    mountStateActions(dashboard, app, find('#state-actions')),
    mountKeyboardHelp(find('#help')),
  ];
  await app.start(page, listUrl);
  return {
    app,
    tsne,
    dashboard,
    find,
    stop() {
      tsne.reset();
      find('#open').removeEventListener('click', openFiles);
      for (const unmount of unmounts) unmount();
      app.destroy();
    },
  };
}
