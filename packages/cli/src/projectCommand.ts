import { readFile } from 'node:fs/promises';
import { pca, tsne } from '@statescope/projection';
import { interruptSignal } from './interruptSignal.js';
import { loadForCommand } from './loadForCommand.js';
import { parseCommandLine } from './parseCommandLine.js';
import { ProgressBar } from './ProgressBar.js';
import type { Terminal } from './Terminal.js';
import { UsageError } from './UsageError.js';
import { writeDatasetAtomically } from './writeDatasetAtomically.js';

export const PROJECT_HELP = `Usage: statescope project FILE [--method tsne|pca] [--perplexity P] [--layer NAME]
                          [--name NAME] [--out OUT.json]

Computes a 2-D map of every hidden state (t-SNE by default) and stores it in the dataset as a
named projection, which the dashboard's map offers. Shows progress; Ctrl-C cancels and leaves
every file as it was. Writes in the native format, under temporary names renamed when complete.

Options:
  --method M      tsne (default) or pca
  --perplexity P  t-SNE's effective number of neighbours (default 30; the paper used 100)
  --layer NAME    which layer's hidden states (default: the top one, which the head reads)
  --name NAME     name of the projection (default: tsne-p<P> or pca); replaces one so named
  --out OUT.json  where to write (default: FILE itself when it is a native manifest, else
                  FILE with .statescope.json in place of .json)
  -h, --help      this help
`;

export async function projectCommand(args: string[], terminal: Terminal, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandLine('project', args, {
    method: { type: 'string' },
    perplexity: { type: 'string' },
    layer: { type: 'string' },
    name: { type: 'string' },
    out: { type: 'string' },
  });
  if (values.help) return (void terminal.stdout.write(PROJECT_HELP), 0);
  const method = values.method ?? 'tsne';
  if (method !== 'tsne' && method !== 'pca')
    throw new UsageError(`--method must be tsne or pca, got "${method}"`, 'project');
  const perplexity = values.perplexity === undefined ? 30 : Number(values.perplexity);
  if (!(perplexity > 0 && Number.isFinite(perplexity))) {
    throw new UsageError(`--perplexity must be a positive number, got "${values.perplexity}"`, 'project');
  }
  if (values.out !== undefined && !/\.json$/i.test(values.out)) {
    throw new UsageError(`--out must end in .json, got "${values.out}"`, 'project');
  }
  const { file, dataset } = await loadForCommand('project', positionals, terminal);
  const layerNames = dataset.layers.map((layer) => layer.name);
  if (values.layer !== undefined && !layerNames.includes(values.layer)) {
    throw new UsageError(`--layer: no layer "${values.layer}"; the dataset has ${layerNames.join(', ')}`, 'project');
  }
  const out = values.out ?? ((await isNativeManifest(file)) ? file : file.replace(/(\.json)?$/i, '.statescope.json'));
  const name = values.name ?? (method === 'pca' ? 'pca' : `tsne-p${perplexity}`);
  const { hidden, dim } = dataset.layer(values.layer);
  const stop = interruptSignal(signal);
  const started = performance.now();
  terminal.stderr.write(
    `${method === 'pca' ? 'PCA' : `t-SNE (perplexity ${perplexity})`} of ${dataset.stepCount.toLocaleString('en')} states x ${dim} units\n`,
  );
  const bar = new ProgressBar(terminal.stderr);
  let layout: Float32Array;
  try {
    layout =
      method === 'pca'
        ? await pca(hidden, { dim, signal: stop })
        : await tsne(hidden, {
            dim,
            perplexity,
            // Each report measures the KL over every neighbour pair (about 3x a plain step's
            // attraction); 30 reports are plenty for a progress bar.
            progressEvery: 25,
            signal: stop,
            onProgress: ({ iteration, iterations, kl }) =>
              bar.update(
                iteration,
                iterations,
                `iteration ${iteration} of ${iterations}, KL ${Number.isNaN(kl) ? '...' : kl.toFixed(3)}`,
              ),
          });
  } catch (error) {
    bar.finish();
    if (stop.aborted) {
      terminal.stderr.write(`cancelled; ${file} is untouched\n`);
      return 130;
    }
    throw error;
  }
  bar.finish();
  dataset.addProjection(name, layout);
  const written = await writeDatasetAtomically(dataset, out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  terminal.stdout.write(`projection "${name}" computed in ${seconds} s; wrote ${written.join(' and ')}\n`);
  return 0;
}

/** Whether FILE is a native manifest, which `project` may rewrite in place (a hiddenStatesVis export it may not). */
async function isNativeManifest(file: string): Promise<boolean> {
  const json: unknown = JSON.parse(await readFile(file, 'utf8'));
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === 'statescope';
}
