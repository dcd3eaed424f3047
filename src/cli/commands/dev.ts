import { BrochureError, EXIT, describeError } from '../../errors.js';
import { formatMessages } from '../../report/format-messages.js';
import { COMMON_HELP, type Command } from '../command.js';

const HELP = `Usage: npm run dev -- [options]

Starts a preview on http://127.0.0.1:4173/: each language's pages as printed, and its web page. Edit
brochure/, templates/ or assets/ and the open pages rebuild and reload; errors show over the page and here.
Ctrl-C stops.

Options:
  --port N       the port to listen on (default 4173)
${COMMON_HELP}
`;

/** `npm run dev`: the preview server, until Ctrl-C. */
export const devCommand: Command = {
  name: 'dev',
  help: HELP,
  options: { port: { type: 'string' } },
  async run(values, _positionals, context) {
    const { stdout, stderr, cwd } = context;
    const port = values.port === undefined ? 4173 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new BrochureError('usage', `Unexpected --port \`${String(values.port)}\`, expected a number such as 4173.`);
    }
    const { startDevServer } = await import('../dev-server.js');
    const time = () => new Date().toLocaleTimeString();
    const server = await startDevServer({
      root: cwd,
      port,
      onBuild: (result) =>
        stdout.write(
          result.ok
            ? `${time()}  built ${result.languages.map((language) => `${language.lang}${language.cached ? ' (cached)' : ''}`).join(', ')}\n`
            : `${time()}  errors:\n${formatMessages([result.configFile, ...result.languages.flatMap((language) => language.files)], { cwd, quiet: true })}\n`,
        ),
      // A build that fails by an exception is shown here too, not only in the browser.
      onError: (error) => stderr.write(`${time()}  the build stopped:\n${describeError(error, { debug: values.debug === true })}\n`),
    });
    stdout.write(`Preview at ${server.url} — edit brochure/, templates/ or assets/ and the page reloads. Ctrl-C stops.\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return EXIT.ok;
  },
};
