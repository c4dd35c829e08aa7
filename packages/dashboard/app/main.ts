// The dashboard app, served by `npm start` (Vite, from the sources) and, built to static files,
// by `statescope open`: the datasets listed in datasets.json beside the page, `?src=` URLs and
// files picked or dropped by the user, and a t-SNE computed right here in a worker.
import '@statescope/dashboard/define';
import { DashboardApp } from './DashboardApp.js';
import { TsneControl } from './TsneControl.js';
import { mountKeyboardHelp } from './keyboardHelp.js';
import { mountStateActions } from './stateActions.js';
import { mountViewControls } from './viewControls.js';

const element = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const dashboard = element<HTMLElementTagNameMap['hs-dashboard']>('hs-dashboard');
const fileInput = element<HTMLInputElement>('#open-files');

const tsne = new TsneControl({
  dashboard,
  projection: element('#projection'),
  perplexity: element('#perplexity'),
  run: element('#run-tsne'),
  status: element('#tsne-status'),
});
const app = new DashboardApp(
  {
    dashboard,
    select: element('#dataset'),
    fileInput,
    alert: element('#alert'),
    status: element('#load-status'),
    dropTarget: document.documentElement,
  },
  { onSwitch: () => tsne.reset() },
);
element<HTMLButtonElement>('#open').addEventListener('click', () => fileInput.click());
mountViewControls(dashboard, element('#view-controls'));
mountStateActions(dashboard, app, element('#state-actions'));
mountKeyboardHelp(element('#help'));
void app.start(new URL(location.href), new URL('datasets.json', location.href));
