import { findDatasetFiles } from './findDatasetFiles.js';
import { dashboardApp } from './dashboardApp.js';
import { interruptSignal } from './interruptSignal.js';
import { loadFile } from './loadForCommand.js';
import { openBrowser } from './openBrowser.js';
import { integerOption, parseCommandLine } from './parseCommandLine.js';
import { serveDashboard } from './serveDashboard.js';
import type { Terminal } from './Terminal.js';
import { UsageError } from './UsageError.js';

export const OPEN_HELP = `Usage: statescope open FILE... [--port N] [--host H] [--no-open]

Opens datasets in the Statescope dashboard: checks every file, serves the dashboard and the files
on this machine, prints the address and opens it in the browser. Ctrl-C stops the server.
FILE is a manifest (its .bin/.npy/.npz arrays beside it), a self-contained JSON, a hiddenStatesVis
JSON, or a folder of them. Only these files, the arrays their manifests name and the model
weights they name in metadata.weights (for what-if) are served, from each file's own folder.

Options:
  --port N    port to listen on (default 5180, or a free one when that is taken)
  --host H    address to listen on (default 127.0.0.1: this machine only)
  --no-open   print the address without opening a browser
  -h, --help  this help
`;

const DEFAULT_PORT = 5180;

/** Announces where the dashboard is; resolves when the server stops (Ctrl-C or `signal`). */
export async function openCommand(args: string[], terminal: Terminal, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandLine('open', args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'no-open': { type: 'boolean' },
  });
  if (values.help) return (void terminal.stdout.write(OPEN_HELP), 0);
  if (positionals.length === 0) throw new UsageError('missing FILE', 'open');
  const port = integerOption(values.port, 'port', 'open', 0, 65535, DEFAULT_PORT);
  const stop = interruptSignal(signal);
  const appDir = dashboardApp(terminal);
  const files = await findDatasetFiles(positionals);
  // Every file is read here first, so a broken one fails in the terminal with its place.
  for (const file of files) {
    const dataset = await loadFile(file.path, terminal);
    terminal.stderr.write(
      `${file.path}: ${dataset.sequenceCount.toLocaleString('en')} sequences, ` +
        `${dataset.stepCount.toLocaleString('en')} steps, ${dataset.classCount} classes\n`,
    );
    for (const warning of file.warnings ?? []) terminal.stderr.write(`statescope: warning: ${file.path}: ${warning}\n`);
  }
  const options = { appDir, datasets: files, host: values.host ?? '127.0.0.1' };
  const server = await serveDashboard({ ...options, port }).catch((error: NodeJS.ErrnoException) => {
    // The default port is a convenience: when it is taken, any free one will do.
    if (error.code === 'EADDRINUSE' && values.port === undefined) return serveDashboard({ ...options, port: 0 });
    throw error;
  });
  terminal.stdout.write(`\n  Statescope dashboard: ${server.url}  (Ctrl-C to stop)\n\n`);
  if (!values['no-open']) openBrowser(server.url);
  await new Promise<void>((done) =>
    stop.aborted ? done() : stop.addEventListener('abort', () => done(), { once: true }),
  );
  await server.close();
  terminal.stderr.write('stopped\n');
  return 0;
}
