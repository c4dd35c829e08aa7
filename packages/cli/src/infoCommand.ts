import { describeDataset, formatDescription } from './describeDataset.js';
import { loadForCommand } from './loadForCommand.js';
import { parseCommandLine } from './parseCommandLine.js';
import type { Terminal } from './Terminal.js';

export const INFO_HELP = `Usage: statescope info FILE [--json]

Prints what a dataset holds: sequences, steps, units per layer, classes with their counts,
accuracy (on the exported sequences, and as the exporter stated it), projections, metadata.

Options:
  --json      the same as one JSON object
  -h, --help  this help
`;

export async function infoCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandLine('info', args, { json: { type: 'boolean' } });
  if (values.help) return (void terminal.stdout.write(INFO_HELP), 0);
  const { file, dataset } = await loadForCommand('info', positionals, terminal);
  const description = describeDataset(dataset, file);
  terminal.stdout.write(values.json ? `${JSON.stringify(description, null, 2)}\n` : formatDescription(description));
  return 0;
}
