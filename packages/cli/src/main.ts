import { StatescopeError } from '@statescope/core';
import { CONVERT_HELP, convertCommand } from './convertCommand.js';
import { INFO_HELP, infoCommand } from './infoCommand.js';
import type { FileError } from './loadForCommand.js';
import { OPEN_HELP, openCommand } from './openCommand.js';
import { PROJECT_HELP, projectCommand } from './projectCommand.js';
import { processTerminal, type Terminal } from './Terminal.js';
import { UsageError } from './UsageError.js';
import { VALIDATE_HELP, validateCommand } from './validateCommand.js';
import { version } from './version.js';

type Command = (args: string[], terminal: Terminal, signal?: AbortSignal) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  open: { run: openCommand, help: OPEN_HELP },
  info: { run: infoCommand, help: INFO_HELP },
  project: { run: projectCommand, help: PROJECT_HELP },
  convert: { run: convertCommand, help: CONVERT_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
};

/** The text of `statescope --help`: the commands and the exit codes. */
export const HELP = `Usage: statescope COMMAND [options]

Look inside your recurrent network's hidden states.

Commands:
  open FILE...       open datasets in the dashboard (served on this machine)
  info FILE          what a dataset holds: sequences, steps, layers, classes, accuracy
  project FILE       add a t-SNE or PCA map of the hidden states to a dataset
  convert IN OUT     rewrite a dataset in the native format, states at float32/float16/int8
  validate FILE      check a dataset; name the field, sequence and step of a problem

Run "statescope COMMAND --help" for a command's options.
Exit codes: 0 success, 1 bad data or a failure, 2 a command line it cannot run, 130 cancelled.
`;

/**
 * Runs the statescope command line (arguments without `node` and the script) and returns its exit
 * code. Results go to stdout; progress and errors, one line each, to stderr. `signal` stands in
 * for Ctrl-C (tests); without it, `open` and `project` listen for SIGINT themselves.
 *
 * @example
 * Run `statescope info --json` from Node and keep what it prints:
 * ```ts
 * import { main, type DatasetDescription } from '@statescope/cli';
 *
 * let output = '';
 * const code = await main(['info', '--json', 'data/imdb.json'], {
 *   stdout: { write: (text: string) => (output += text) },
 *   stderr: process.stderr,
 * });
 * if (code === 0) console.log((JSON.parse(output) as DatasetDescription).accuracy);
 * ```
 */
export async function main(
  argv: string[],
  terminal: Terminal = processTerminal,
  signal?: AbortSignal,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v') return (void terminal.stdout.write(`${version}\n`), 0);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && args[0] ? COMMANDS[args[0]]?.help : undefined;
    terminal.stdout.write(topic ?? HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.run(args, terminal, signal);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command ? `statescope ${error.command} --help` : 'statescope --help';
      terminal.stderr.write(`statescope: ${error.message}\nSee "${help}".\n`);
      return 2;
    }
    const file = (error as FileError).file;
    const message = (error as Error).message?.replace(/\s*\n\s*/g, ' ') ?? String(error);
    terminal.stderr.write(`statescope: ${file ? `${file}: ` : ''}${message}\n`);
    if (!(error instanceof StatescopeError) && process.env.STATESCOPE_DEBUG)
      terminal.stderr.write(`${(error as Error).stack}\n`);
    return 1;
  }
}
