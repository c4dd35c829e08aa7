// The demo app of `npm start`: the dashboard on the demo datasets made by `npm run data`, and a
// t-SNE computed right here, in a worker, that the map follows as it runs.
import '@statescope/dashboard/define';
import { tsne } from '@statescope/projection';
import type { ProjectionView } from '@statescope/view-projection';

const dashboard = document.querySelector('hs-dashboard')!;
const picker = document.querySelector<HTMLSelectElement>('#dataset')!;
const perplexity = document.querySelector<HTMLSelectElement>('#perplexity')!;
const run = document.querySelector<HTMLButtonElement>('#run-tsne')!;
const status = document.querySelector<HTMLOutputElement>('#tsne-status')!;
const fromUrl = new URLSearchParams(location.search).get('data');
if (fromUrl === 'imdb' || fromUrl === 'reuters') picker.value = fromUrl;

let running: AbortController | null = null;

function show(name: string): void {
  running?.abort();
  dashboard.setAttribute('src', `/data/${name}.json`);
  history.replaceState(null, '', `?data=${name}`);
}

async function runTsne(): Promise<void> {
  const data = dashboard.data;
  const map = dashboard.views[2] as ProjectionView;
  if (!data) return;
  running?.abort();
  const controller = (running = new AbortController());
  const { hidden, dim } = data.layer();
  const chosen = Number(perplexity.value);
  const started = performance.now();
  run.disabled = true;
  try {
    const layout = await tsne(hidden, {
      dim,
      perplexity: chosen,
      seed: 1,
      signal: controller.signal,
      onProgress: ({ iteration, iterations, kl, embedding }) => {
        map.coordinates = embedding;
        status.value = `iteration ${iteration} of ${iterations}, KL ${kl.toFixed(3)}`;
      },
    });
    const name = `tsne-p${chosen}`;
    data.addProjection(name, layout);
    map.coordinates = null;
    map.setAttribute('projection', name);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    status.value = `${data.stepCount.toLocaleString('en')} states in ${seconds} s`;
  } catch (error) {
    map.coordinates = null;
    status.value = controller.signal.aborted ? 'stopped' : `failed: ${(error as Error).message}`;
  } finally {
    run.disabled = false;
    if (running === controller) running = null;
  }
}

picker.addEventListener('change', () => show(picker.value));
run.addEventListener('click', () => void runTsne());
show(picker.value);
