import { loadForCommand } from './loadForCommand.js';
import { parseCommandLine } from './parseCommandLine.js';
import type { Terminal } from './Terminal.js';

export const VALIDATE_HELP = `Usage: statescope validate FILE

Reads a dataset exactly as the dashboard and @statescope/core do and checks every value: shapes,
finite numbers, probabilities, class indices, the files a manifest refers to. Prints "valid" and
a summary, or the problem with the field, sequence and step at fault (exit code 1).

Options:
  -h, --help  this help
`;

export async function validateCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandLine('validate', args, {});
  if (values.help) return (void terminal.stdout.write(VALIDATE_HELP), 0);
  const { file, dataset } = await loadForCommand('validate', positionals);
  const units = dataset.layers.map((layer) => `${layer.name} ${layer.dim}`).join(', ');
  terminal.stdout.write(
    `${file}: valid: ${dataset.sequenceCount.toLocaleString('en')} sequences, ` +
      `${dataset.stepCount.toLocaleString('en')} steps, ${dataset.classCount} classes, units ${units}\n`,
  );
  return 0;
}
