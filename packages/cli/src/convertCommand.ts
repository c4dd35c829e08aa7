import { loadFile } from './loadForCommand.js';
import { parseCommandLine } from './parseCommandLine.js';
import type { Terminal } from './Terminal.js';
import { UsageError } from './UsageError.js';
import { writeDatasetAtomically } from './writeDatasetAtomically.js';

export const CONVERT_HELP = `Usage: statescope convert IN OUT.json [--precision float32|float16|int8] [--inline]

Reads IN in any format Statescope reads (manifest with .bin/.npy/.npz arrays, self-contained
JSON, hiddenStatesVis JSON) and writes OUT.json in the native format, with its arrays in OUT.bin
beside it. Files are written under temporary names and renamed when complete.

Options:
  --precision P  hidden and cell states as float32 (exact, default), float16 (relative error
                 <= 2^-11) or int8 (per unit, error <= max|unit| / 254); a quarter of the size
  --inline       one self-contained JSON file, arrays inline (small data only; float32)
  -h, --help     this help
`;

const PRECISIONS = ['float32', 'float16', 'int8'] as const;

export async function convertCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandLine('convert', args, {
    precision: { type: 'string' },
    inline: { type: 'boolean' },
  });
  if (values.help) return (void terminal.stdout.write(CONVERT_HELP), 0);
  if (positionals.length !== 2) throw new UsageError('needs IN and OUT', 'convert');
  const [input, output] = positionals;
  if (!/\.json$/i.test(output))
    throw new UsageError(`OUT must end in .json (its arrays go to a .bin beside it), got "${output}"`, 'convert');
  const precision = values.precision ?? 'float32';
  if (!(PRECISIONS as readonly string[]).includes(precision)) {
    throw new UsageError(`--precision must be float32, float16 or int8, got "${precision}"`, 'convert');
  }
  if (values.inline && precision !== 'float32') throw new UsageError('--inline writes float32 only', 'convert');
  const dataset = await loadFile(input, terminal);
  const written = await writeDatasetAtomically(dataset, output, {
    inline: values.inline,
    statePrecision: precision as (typeof PRECISIONS)[number],
  });
  terminal.stdout.write(`wrote ${written.join(' and ')}\n`);
  return 0;
}
