import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './UsageError.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses one command's arguments strictly (unknown options and missing values are usage errors),
 * with `--help` / `-h` understood by every command.
 */
export function parseCommandLine<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''), command);
  }
}

/** A whole-number option within [min, max], or the fallback when absent. */
export function integerOption(
  value: string | undefined,
  name: string,
  command: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${value}"`, command);
  }
  return number;
}
