// A page as a bundler user writes it: the views' `define` entries, the dataset loaded by core, and
// a t-SNE of its hidden states computed in the page (in a Web Worker) while the map follows.
import '@statescope/view-projection/define';
import '@statescope/view-sequence/define';
import { loadDataset } from '@statescope/core';
import { tsne } from '@statescope/projection';

const status = document.querySelector('#status');
const map = document.querySelector('hs-projection');
const tokens = document.querySelector('hs-sequence');

async function main() {
  const data = await loadDataset(new URL('./tiny-imdb.json', document.baseURI).href);
  map.data = data;
  tokens.data = data;
  const layer = data.layer();
  let reports = 0;
  map.coordinates = await tsne(layer.hidden, {
    dim: layer.dim,
    iterations: 300,
    onProgress: ({ embedding }) => {
      reports++;
      map.coordinates = embedding;
    },
  });
  status.textContent = `done: t-SNE of ${layer.hidden.length / layer.dim} states, ${reports} progress reports`;
}

main().catch((error) => {
  status.textContent = `failed: ${error}`;
});
