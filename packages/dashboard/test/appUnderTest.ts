/// <reference types="vite/client" />
// The dashboard app as `npm start` serves it, assembled in the test page: the body of the app's
// index.html, its app.css, and the parts main.ts wires together (the dataset list, the projection
// menu and t-SNE, the view controls, the state and export actions, the keyboard help), started on
// the app's own datasets.json (the demo datasets).
import indexHtml from '../app/index.html?raw';
import '../app/app.css';
import '@statescope/dashboard/define';
import type { ProjectionView } from '@statescope/view-projection';
import type { DashboardApp } from '../app/DashboardApp.js';
import type { TsneControl } from '../app/TsneControl.js';
import { startApp } from '../app/startApp.js';
import { nextFrame } from '../../../test/browser/pointer.js';

const appList = new URL('../app/datasets.json', import.meta.url);
const pageUrl = location.href;

export interface AppPage {
  app: DashboardApp;
  tsne: TsneControl;
  dashboard: HTMLElementTagNameMap['hs-dashboard'];
  map: ProjectionView;
  /** The element of the page that `selector` finds (it must exist). */
  find<T extends Element = HTMLElement>(selector: string): T;
  close(): void;
}

/** Opens the app page as if loaded with `query` (`?data=imdb` by default), and waits until it has drawn. */
export async function openApp(query = '?data=imdb'): Promise<AppPage> {
  const parsed = new DOMParser().parseFromString(indexHtml, 'text/html');
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
  const started = await startApp(new URL(query, pageUrl), appList);
  await settle();
  const { app, tsne, dashboard, find } = started;
  return {
    app,
    tsne,
    dashboard,
    map: dashboard.views[2] as ProjectionView,
    find,
    close() {
      started.stop();
      document.body.replaceChildren();
      history.replaceState(history.state, '', pageUrl);
    },
  };
}

/** Waits until a redraw and what it scheduled (a resize observed, a table fitted) have run. */
export async function settle(frames = 4): Promise<void> {
  for (let i = 0; i < frames; i++) await nextFrame();
}
