// The demo app of `npm start`: the dashboard on the demo datasets made by `npm run data`.
import '@statescope/dashboard/define';

const dashboard = document.querySelector('hs-dashboard')!;
const picker = document.querySelector<HTMLSelectElement>('#dataset')!;
const fromUrl = new URLSearchParams(location.search).get('data');
if (fromUrl === 'imdb' || fromUrl === 'reuters') picker.value = fromUrl;

function show(name: string): void {
  dashboard.setAttribute('src', `/data/${name}.json`);
  history.replaceState(null, '', `?data=${name}`);
}

picker.addEventListener('change', () => show(picker.value));
show(picker.value);
