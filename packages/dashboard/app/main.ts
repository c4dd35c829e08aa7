// The dashboard app, served by `npm start` (Vite, from the sources) and, built to static files,
// by `statescope open`: the datasets listed in datasets.json beside the page, `?src=` URLs and
// files picked or dropped by the user, and a t-SNE computed right here in a worker.
import '@statescope/dashboard/define';
import { startApp } from './startApp.js';

void startApp(new URL(location.href), new URL('datasets.json', location.href));
