import { parseArgs } from 'node:util';
import path from 'node:path';
import { build, buildDate, UsageError, type BuildResult } from '../build/build.js';
import { closeAllBrowsers } from '../render/open-browsers.js';
import { formatPreflight } from '../report/format-preflight.js';
import { countMessages, formatMessages, messagesAsJson } from '../report/format-messages.js';
import { formatStatus } from '../check/format-status.js';
import { createProgress } from '../report/progress.js';
import { loadConfig, projectPaths } from '../config/load-config.js';

/** Exit codes: 0 built, 1 content errors or a failed build, 2 usage, settings or a missing browser. */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

const CHECK_HELP = `Usage: npm run check -- [options]

Checks the brochure in every language without printing: the Markdown (images, links, front matter, raw HTML),
the translations against the English source (missing or extra sections, structure, stale sections, untranslated
text), the UI strings (missing, unused, plural forms), characters the fonts cannot print, and typography.
Each problem is shown as file:line:column severity message rule, with a hint; then a table of the translations.

Options:
  --lang LIST              check only these languages (the status table always shows all)
  --format json            print the messages and the status as JSON (for CI)
  --mark-reviewed TARGET   record that a translation matches the current source, after reviewing it:
                           TARGET is a language (mk) or one section (mk/02-circular-economy.md)
  --quiet                  show errors only
  -h, --help               show this help

Exit status: 0 no errors (warnings allowed); 1 errors; 2 wrong options or invalid brochure/brochure.yaml.
`;

const HELP = `Usage: npm run build:brochure -- [options]

Builds the brochure in every language of brochure/brochure.yaml: dist/<lang>/<slug>-<lang>.pdf and
dist/<lang>/index.html.

Options:
  --lang LIST    build only these languages, comma-separated (for example --lang mk,sq)
  --out DIR      write into DIR instead of dist/
  --html-only    stop after the HTML: no browser, no PDF, nothing written; a quick check of the text
                 (dist/ keeps the last full build, so it never holds HTML and PDFs of different builds)
  --press-ready  also make <slug>-<lang>-press.pdf: CMYK PDF/X-3 for print shops that ask for it
                 (needs Ghostscript: apt-get install ghostscript)
  --impose booklet
                 also make <slug>-<lang>-booklet.pdf: two pages on each A4 landscape sheet in booklet
                 order; print duplex (flip on short edge), fold and staple
  --timeout SEC  seconds one language may take to print before the browser is restarted (default 120)
  --force        rebuild every language, even those unchanged since the last build (which are
                 otherwise taken from the cache in node_modules/.cache/brochure-pipeline)
  --timings      show how long each stage took, per language
  --allow-incomplete
                 build languages with stale, untranslated or missing parts anyway, with a "draft" mark
                 on every page (broken content still stops the build)
  --quiet        show errors only, not warnings
  -h, --help     show this help

Exit status: 0 built; 1 the content has errors (each is shown as file:line:column with a hint);
2 wrong options, invalid brochure/brochure.yaml, or no browser found.

Environment:
  BROCHURE_BROWSER   path of the Chrome or Chromium to print with (also PUPPETEER_EXECUTABLE_PATH)
  SOURCE_DATE_EPOCH  date written into the PDFs, in seconds, for reproducible builds
`;

/** Errors of how the tool is called or set up (exit 2); matched by name so that their modules load only when used. */
const SETUP_ERRORS = new Set(['UsageError', 'BrowserNotFoundError', 'PressReadyError']);
/** Errors whose message says it all, shown without their class name. */
const KNOWN_ERRORS = new Set([...SETUP_ERRORS, 'OutputLockedError']);

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  const [command = 'build', ...rest] = argv[0]?.startsWith('-') ? ['build', ...argv] : argv;
  let values: {
    lang?: string;
    out?: string;
    'html-only'?: boolean;
    'press-ready'?: boolean;
    impose?: string;
    timeout?: string;
    'allow-incomplete'?: boolean;
    force?: boolean;
    timings?: boolean;
    format?: string;
    port?: string;
    'mark-reviewed'?: string;
    quiet?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        lang: { type: 'string' },
        out: { type: 'string' },
        'html-only': { type: 'boolean' },
        'press-ready': { type: 'boolean' },
        impose: { type: 'string' },
        timeout: { type: 'string' },
        'allow-incomplete': { type: 'boolean' },
        force: { type: 'boolean' },
        timings: { type: 'boolean' },
        format: { type: 'string' },
        port: { type: 'string' },
        'mark-reviewed': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: command === 'new-language',
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (values.help) {
    process.stdout.write(command === 'check' ? CHECK_HELP : HELP);
    return EXIT.ok;
  }
  if (command === 'check') return runCheck(values, cwd);
  if (command === 'dev') return runDev(values, cwd);
  if (command === 'release') return runRelease(values, cwd);
  if (command === 'new-language') return runNewLanguage(rest.filter((arg) => !arg.startsWith('-')), cwd);
  if (command !== 'build') {
    process.stderr.write(`Unknown command \`${command}\`.\n\n${HELP}`);
    return EXIT.usage;
  }
  if (values.impose !== undefined && values.impose !== 'booklet') {
    process.stderr.write(`Unknown imposition \`${values.impose}\`; the one there is: --impose booklet\n`);
    return EXIT.usage;
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout) * 1000;
  if (timeout !== undefined && !(timeout > 0)) {
    process.stderr.write(`Unexpected --timeout \`${values.timeout}\`, expected a number of seconds such as 120\n`);
    return EXIT.usage;
  }
  const languages = values.lang?.split(',').map((lang) => lang.trim()).filter(Boolean);
  const started = performance.now();
  const progress = createProgress();
  let result: BuildResult;
  try {
    result = await build({
      root: cwd,
      languages,
      outDir: values.out,
      print: !values['html-only'],
      write: !values['html-only'],
      pressReady: values['press-ready'],
      allowIncomplete: values['allow-incomplete'],
      force: values.force,
      timeout,
      impose: values.impose === 'booklet' ? 'booklet' : undefined,
      onProgress: (lang, stage) => progress.update(lang, stage),
    });
  } catch (error) {
    progress.done();
    process.stderr.write(`${describe(error)}\n`);
    return SETUP_ERRORS.has((error as Error).name) ? EXIT.usage : EXIT.content;
  }
  progress.done();
  const files = [result.configFile, ...result.languages.flatMap((language) => language.files)];
  const report = formatMessages(files, { cwd, quiet: values.quiet });
  if (report) process.stderr.write(`${report}\n`);
  if (countMessages([result.configFile]).errors > 0) return EXIT.usage;
  if (result.translations.some((status) => !status.complete)) process.stdout.write(`${formatStatus(result.translations)}\n`);

  for (const language of result.languages) {
    const pdf = language.outputs.find((output) => output.endsWith('.pdf'));
    const seconds = Object.values(language.timings).reduce((sum, ms) => sum + ms, 0) / 1000;
    const detail = language.ok
      ? [
          language.pages ? `${language.pages} pages` : 'HTML only',
          language.pdf ? `${(language.pdf.length / 1024).toFixed(0)} KB` : '',
          language.cached ? 'unchanged (cached)' : `${seconds.toFixed(1)} s`,
          pdf ? path.relative(cwd, path.join(result.outDir, pdf)) : '',
        ]
      : [`failed: ${countMessages(language.files).errors} error(s)`];
    process.stdout.write(`${language.ok ? 'ok  ' : 'FAIL'} ${language.lang.padEnd(5)} ${detail.filter(Boolean).join('  ')}${language.draft ? '  DRAFT (incomplete translation)' : ''}\n`);
  }
  for (const language of result.languages) {
    if (language.preflight && !language.cached) process.stdout.write(`${formatPreflight(language.lang, language.preflight)}\n`);
  }
  if (values.timings) {
    for (const language of result.languages.filter((entry) => !entry.cached)) {
      const stages = Object.entries(language.timings).map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`);
      process.stdout.write(`  timings   ${language.lang.padEnd(5)} ${stages.join(', ')}\n`);
    }
  }
  const total = ((performance.now() - started) / 1000).toFixed(1);
  if (!result.ok) {
    process.stdout.write(`Build failed in ${total} s; ${path.relative(cwd, result.outDir) || '.'}/ was left as it was.\n`);
    return EXIT.content;
  }
  process.stdout.write(
    result.published
      ? `Built ${result.languages.length} language(s) in ${total} s into ${path.relative(cwd, result.outDir) || '.'}/\n`
      : `Checked ${result.languages.length} language(s) in ${total} s; nothing written (--html-only)\n`,
  );
  return EXIT.ok;
}

/** `npm run check`: the build's checks without printing, then the translation table. */
async function runCheck(values: { lang?: string; format?: string; 'mark-reviewed'?: string; quiet?: boolean }, cwd: string): Promise<number> {
  if (values.format !== undefined && values.format !== 'json' && values.format !== 'text') {
    process.stderr.write(`Unexpected --format \`${values.format}\`, expected json or text\n`);
    return EXIT.usage;
  }
  if (values['mark-reviewed']) {
    const paths = projectPaths(cwd);
    const { file, config } = await loadConfig(paths);
    if (!config) {
      process.stderr.write(`${formatMessages([file], { cwd })}\n`);
      return EXIT.usage;
    }
    try {
      const { markReviewed } = await import('../check/mark-reviewed.js');
      const marked = await markReviewed(paths, config, values['mark-reviewed'], buildDate(process.env));
      process.stdout.write(`Marked as reviewed against the current source: ${marked.map((name) => `${values['mark-reviewed']!.split('/')[0]}/${name}`).join(', ')}\n`);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }
  let result: BuildResult;
  try {
    result = await build({ root: cwd, languages: values.lang?.split(',').map((lang) => lang.trim()).filter(Boolean), print: false, write: false });
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.content;
  }
  const files = [result.configFile, ...result.languages.flatMap((language) => language.files)];
  const counts = countMessages(files);
  if (values.format === 'json') {
    process.stdout.write(`${JSON.stringify({ ok: counts.errors === 0, messages: messagesAsJson(files, cwd), translations: result.translations }, null, 2)}\n`);
  } else {
    const report = formatMessages(files, { cwd, quiet: values.quiet });
    if (report) process.stdout.write(`${report}\n\n`);
    process.stdout.write(`${formatStatus(result.translations)}\n\n${counts.errors} error(s), ${counts.warnings} warning(s)\n`);
  }
  if (countMessages([result.configFile]).errors > 0) return EXIT.usage;
  return counts.errors > 0 ? EXIT.content : EXIT.ok;
}

/** `npm run release`: zips and SHA256SUMS from the last build in dist/ (or --out). */
async function runRelease(values: { out?: string }, cwd: string): Promise<number> {
  const paths = projectPaths(cwd);
  const { file, config } = await loadConfig(paths);
  if (!config) {
    process.stderr.write(`${formatMessages([file], { cwd })}\n`);
    return EXIT.usage;
  }
  const outDir = path.resolve(cwd, values.out ?? 'dist');
  try {
    const { makeRelease } = await import('../publish/release.js');
    const written = await makeRelease(outDir, config.slug);
    process.stdout.write(`Release in ${path.relative(cwd, path.join(outDir, 'release')) || '.'}/: ${written.join(', ')}\n`);
    return EXIT.ok;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.content;
  }
}

/** `npm run dev`: the preview server, until Ctrl-C. */
async function runDev(values: { port?: string }, cwd: string): Promise<number> {
  const { startDevServer } = await import('./dev-server.js');
  const server = await startDevServer({
    root: cwd,
    port: values.port ? Number(values.port) : 4173,
    onBuild: (result) =>
      process.stdout.write(
        result.ok
          ? `${new Date().toLocaleTimeString()}  built ${result.languages.map((language) => `${language.lang}${language.cached ? ' (cached)' : ''}`).join(', ')}\n`
          : `${new Date().toLocaleTimeString()}  errors:\n${formatMessages([result.configFile, ...result.languages.flatMap((language) => language.files)], { cwd, quiet: true })}\n`,
      ),
  });
  process.stdout.write(`Preview at ${server.url} — edit brochure/, templates/ or assets/ and the page reloads. Ctrl-C stops.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return EXIT.ok;
}

/** `npm run new-language -- hr`: scaffolds a translation and says what to do next. */
async function runNewLanguage(codes: string[], cwd: string): Promise<number> {
  if (codes.length !== 1) {
    process.stderr.write('Usage: npm run new-language -- CODE   (for example: npm run new-language -- hr)\n');
    return EXIT.usage;
  }
  const paths = projectPaths(cwd);
  const { file, config } = await loadConfig(paths);
  if (!config) {
    process.stderr.write(`${formatMessages([file], { cwd })}\n`);
    return EXIT.usage;
  }
  if (config.languages.includes(codes[0]!)) {
    process.stderr.write(`\`${codes[0]}\` is already a language of brochure/brochure.yaml.\n`);
    return EXIT.usage;
  }
  try {
    const { newLanguage } = await import('../content/new-language.js');
    const created = await newLanguage(paths, codes[0]!, config.sourceLanguage);
    process.stdout.write(
      [
        `Created brochure/${codes[0]}/ from brochure/${config.sourceLanguage}/ (${created.length} files) and added \`${codes[0]}\` to brochure/brochure.yaml.`,
        `Next: translate the sections and fill in every empty value of brochure/${codes[0]}/strings.json;`,
        `\`npm run check -- --lang ${codes[0]}\` lists what is left. When the translation is reviewed:`,
        `\`npm run check -- --mark-reviewed ${codes[0]}\`.`,
      ].join('\n') + '\n',
    );
    return EXIT.ok;
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`);
    return EXIT.usage;
  }
}

/** The error and its causes, outermost first, one per line. */
function describe(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && lines.length < 5) {
    const known = KNOWN_ERRORS.has(current.name);
    lines.push(`${lines.length === 0 ? (known ? '' : `${current.name}: `) : '  caused by: '}${current.message}`);
    current = current.cause;
  }
  return lines.join('\n') || String(error);
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
