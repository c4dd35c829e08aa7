import { validateDataset } from '@statescope/core';
import { parseCommandLine } from './parseCommandLine.js';
import type { Terminal } from './Terminal.js';
import { UsageError } from './UsageError.js';

export const VALIDATE_HELP = `Usage: statescope validate FILE [--strict]

Reads a dataset exactly as the dashboard and @statescope/core do and checks every value: shapes,
finite numbers, probabilities, class indices, tokens, ids, the files a manifest refers to.
Prints "valid" and a summary, or every problem, one per line, with the field, sequence and step
at fault (exit code 1). A problem of structure (a missing field, a wrong shape) stops the check.
Warnings (unknown keys, probability rows not summing to 1, a binary file longer than its
arrays) are printed too; they fail the check only with --strict.

Options:
  --strict    warnings are problems
  -h, --help  this help
`;

export async function validateCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandLine('validate', args, { strict: { type: 'boolean' } });
  if (values.help) return (void terminal.stdout.write(VALIDATE_HELP), 0);
  if (positionals.length !== 1) throw new UsageError('needs exactly one FILE', 'validate');
  const [file] = positionals;
  const { dataset, problems, warnings } = await validateDataset(file, { strict: values.strict });
  for (const warning of warnings) terminal.stdout.write(`${file}: warning: ${warning.message}\n`);
  if (!dataset) {
    for (const problem of problems) terminal.stdout.write(`${file}: ${problem.message}\n`);
    terminal.stderr.write(`statescope: ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
    return 1;
  }
  const units = dataset.layers.map((layer) => `${layer.name} ${layer.dim}`).join(', ');
  terminal.stdout.write(
    `${file}: valid: ${dataset.sequenceCount.toLocaleString('en')} sequences, ` +
      `${dataset.stepCount.toLocaleString('en')} steps, ${dataset.classCount} classes, units ${units}\n`,
  );
  return 0;
}
