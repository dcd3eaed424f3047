import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BrochureError } from '../errors.js';

/** Where a command writes and what it runs in: the process's by default, buffers in tests. */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** One command of the command line, with its own options and help. */
export interface Command<V = Record<string, string | boolean | undefined>> {
  name: string;
  /** The full help text, starting with `Usage:`. */
  help: string;
  options: Options;
  /** Whether the command takes arguments other than options (such as a language code). */
  positionals?: boolean;
  run(values: V, positionals: string[], context: CliContext): Promise<number>;
}

/** Options every command has. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const satisfies Options;

/** The lines of help for the common options. */
export const COMMON_HELP = `  --debug        show the full stack of an unexpected error (to report a bug)
  -h, --help     show this help`;

/**
 * Parses a command's arguments strictly: an option the command does not have, a missing value or a stray
 * argument is a usage error that names it and points at --help.
 */
export function parseCommand(command: Command<unknown>, args: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...command.options, ...COMMON_OPTIONS }, strict: true, allowPositionals: command.positionals === true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (cause) {
    const message = (cause as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unexpected argument/, 'Unexpected argument');
    throw new BrochureError('usage', `${message} for \`${command.name}\`.`, { hint: `See \`npm run ${command.name === 'build' ? 'build:brochure' : command.name} -- --help\`.`, cause });
  }
}

/** A whole number of seconds given to an option, in milliseconds; a usage error otherwise. */
export function secondsOption(name: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0)) {
    throw new BrochureError('usage', `Unexpected --${name} \`${String(value)}\`, expected a number of seconds such as 120.`);
  }
  return seconds * 1000;
}

/** A whole number above zero given to an option (such as --jobs 2); a usage error otherwise. */
export function countOption(name: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new BrochureError('usage', `Unexpected --${name} \`${String(value)}\`, expected a whole number above 0, such as 2.`);
  }
  return Number(value);
}

/** A comma-separated list of languages, such as `mk,sq`. */
export function languageList(value: string | boolean | undefined): string[] | undefined {
  return typeof value === 'string' ? value.split(',').map((lang) => lang.trim()).filter(Boolean) : undefined;
}
