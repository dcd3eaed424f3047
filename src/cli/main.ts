import { BrochureError, describeError, exitCodeOf, EXIT } from '../errors.js';
import { closeAllBrowsers } from '../render/open-browsers.js';
import { printable } from '../report/format-messages.js';
import { parseCommand, type CliContext, type Command } from './command.js';
import { assembleCommand } from './commands/assemble.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { compareCommand } from './commands/compare.js';
import { devCommand } from './commands/dev.js';
import { newLanguageCommand } from './commands/new-language.js';
import { releaseCommand } from './commands/release.js';
import { translateCommand } from './commands/translate.js';

/** The commands, by the name given first on the command line; `build` when the first argument is an option. */
const COMMANDS: Record<string, Command> = {
  build: buildCommand,
  check: checkCommand,
  dev: devCommand,
  release: releaseCommand,
  'new-language': newLanguageCommand,
  translate: translateCommand,
  assemble: assembleCommand,
  compare: compareCommand,
};

/**
 * Runs the command line in process and returns the exit code: 0 done, 1 the content has errors or a step
 * failed, 2 wrong options, settings or a missing tool. Everything is written to `context`'s streams.
 */
export async function main(argv: string[], context: Partial<CliContext> = {}): Promise<number> {
  const cli: CliContext = { cwd: context.cwd ?? process.cwd(), env: context.env ?? process.env, stdout: context.stdout ?? process.stdout, stderr: context.stderr ?? process.stderr };
  const [name = 'build', ...args] = argv[0] === undefined || argv[0].startsWith('-') ? ['build', ...argv] : argv;
  const command = COMMANDS[name];
  const debug = args.includes('--debug');
  try {
    if (!command) throw new BrochureError('usage', `Unknown command \`${name}\`; the commands are ${Object.keys(COMMANDS).map((key) => `\`${key}\``).join(', ')}.`);
    const { values, positionals } = parseCommand(command, args);
    if (values.help) {
      cli.stdout.write(command.help);
      return EXIT.ok;
    }
    return await command.run(values, positionals, cli);
  } catch (error) {
    // An error can quote a path or a file name: what a terminal would act on is shown escaped.
    cli.stderr.write(`${printable(describeError(error, { debug }))}\n`);
    return exitCodeOf(error);
  }
}

/** Runs the command line with this process's arguments and signals; sets the exit code. */
export async function runFromCommandLine(): Promise<void> {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\nStopped (${signal}); closing the browser. dist/ keeps the previous build.\n`);
      void closeAllBrowsers().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  process.exitCode = await main(process.argv.slice(2));
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('src/cli/main.ts')) {
  await runFromCommandLine();
}
