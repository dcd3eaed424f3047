import path from 'node:path';
import { build } from '../../build/build.js';
import { EXIT } from '../../errors.js';
import { outputPath } from '../../publish/output-names.js';
import { formatStatus } from '../../check/format-status.js';
import { formatPreflight } from '../../report/format-preflight.js';
import { countMessages, formatMessages } from '../../report/format-messages.js';
import { createProgress } from '../../report/progress.js';
import { BrochureError } from '../../errors.js';
import { COMMON_HELP, countOption, languageList, secondsOption, type Command } from '../command.js';

const HELP = `Usage: npm run build:brochure -- [options]

Builds the brochure in every language of brochure/brochure.yaml: dist/<lang>/<slug>-<lang>.pdf (screen),
-print.pdf (print shop), index.html (web page), and dist/index.html (download page). A build of some languages
leaves the others in dist/ as the last build left them.

Options:
  --lang LIST    build only these languages, comma-separated (for example --lang mk,sq)
  --out DIR      write into DIR instead of dist/ (an empty folder or an earlier build's output)
  --html-only    stop after the HTML: no browser, no PDF, nothing written; a quick check of the text
  --press-ready  also make <slug>-<lang>-press.pdf: CMYK PDF/X-3 for print shops that ask for it
                 (needs Ghostscript: apt-get install ghostscript)
  --impose booklet
                 also make <slug>-<lang>-booklet.pdf: two pages on each A4 landscape sheet in booklet
                 order; print duplex (flip on short edge), fold and staple
  --timeout SEC  seconds one language may take to print before the browser is restarted (default 120)
  --jobs N       print at most N languages at once (default: one per core, as many as free memory
                 allows, at most 4); fewer use less memory, the time grows with the languages
  --browser-ws URL
                 print with the browser service at URL (ws://host:port/…, such as a browserless or
                 Chromium container) instead of launching Chromium; same as BROCHURE_BROWSER_WS
  --force        rebuild every language, even those unchanged since the last build (which are
                 otherwise taken from the cache in node_modules/.cache/brochure-pipeline)
  --timings      show how long each stage took, per language
  --allow-incomplete
                 build languages with stale, untranslated or missing parts anyway, with a "draft" mark
                 on every page (broken content still stops the build; a release refuses drafts)
  --proof        a proof for partners to sign off: "PROOF – <date> – <edition>" on every page
                 (recorded in manifest.json; npm run release refuses a proof)
  --since OLD    a proof whose first two pages list the texts changed since OLD (a release zip, a
                 folder of a build or a git tag, as for npm run compare); implies --proof
  --strict       as a print shop would: typographic findings (bad hyphen breaks, lines alone at a page's
                 top or foot, text in the margin…) and placeholder logos are errors; CI builds this way
  --quiet        show errors only, not warnings
${COMMON_HELP}

Exit status: 0 built; 1 the content has errors (each is shown as file:line:column with a hint);
2 wrong options, invalid brochure/brochure.yaml, no browser (or Ghostscript) found, or the browser
service cannot be reached.

Environment:
  BROCHURE_BROWSER   path of the Chrome or Chromium to print with (also PUPPETEER_EXECUTABLE_PATH)
  BROCHURE_BROWSER_WS  WebSocket address of a browser service to print with instead (see --browser-ws)
  SOURCE_DATE_EPOCH  date written into the PDFs, in seconds, for reproducible builds
  BROCHURE_CACHE_DIR folder of the build cache
`;

/** `npm run build:brochure`. */
export const buildCommand: Command = {
  name: 'build',
  help: HELP,
  options: {
    lang: { type: 'string' },
    out: { type: 'string' },
    'html-only': { type: 'boolean' },
    'press-ready': { type: 'boolean' },
    impose: { type: 'string' },
    timeout: { type: 'string' },
    jobs: { type: 'string' },
    'browser-ws': { type: 'string' },
    'allow-incomplete': { type: 'boolean' },
    force: { type: 'boolean' },
    timings: { type: 'boolean' },
    strict: { type: 'boolean' },
    proof: { type: 'boolean' },
    since: { type: 'string' },
    quiet: { type: 'boolean' },
  },
  async run(values, _positionals, context) {
    if (values.impose !== undefined && values.impose !== 'booklet') {
      throw new BrochureError('usage', `Unknown imposition \`${String(values.impose)}\`; the one there is: --impose booklet`);
    }
    const timeout = secondsOption('timeout', values.timeout);
    const jobs = countOption('jobs', values.jobs);
    const started = performance.now();
    const progress = createProgress(context.stderr as NodeJS.WriteStream, context.env);
    const result = await build({
      root: context.cwd,
      env: context.env,
      languages: languageList(values.lang),
      outDir: values.out as string | undefined,
      print: !values['html-only'],
      write: !values['html-only'],
      pressReady: values['press-ready'] === true,
      allowIncomplete: values['allow-incomplete'] === true,
      strict: values.strict === true,
      proof: values.proof === true,
      since: values.since as string | undefined,
      force: values.force === true,
      timeout,
      jobs,
      browserWs: values['browser-ws'] as string | undefined,
      impose: values.impose === 'booklet' ? 'booklet' : undefined,
      onProgress: (lang, stage) => progress.update(lang, stage),
    }).finally(() => progress.done());
    const { stdout, stderr } = context;
    const files = [result.configFile, ...result.languages.flatMap((language) => language.files)];
    const report = formatMessages(files, { cwd: context.cwd, quiet: values.quiet === true });
    if (report) stderr.write(`${report}\n`);
    if (countMessages([result.configFile]).errors > 0) return EXIT.usage;
    if (result.translations.some((status) => !status.complete)) stdout.write(`${formatStatus(result.translations)}\n`);
    const slug = result.config?.slug ?? '';
    for (const language of result.languages) {
      const seconds = Object.values(language.timings).reduce((sum, ms) => sum + ms, 0) / 1000;
      const screen = language.pdfs.screen;
      const detail = language.ok
        ? [
            screen ? `${screen.pages} pages` : 'HTML only',
            screen ? `${(screen.bytes.length / 1024).toFixed(0)} KB` : '',
            language.cached ? 'unchanged (cached)' : `${seconds.toFixed(1)} s`,
            screen && result.published ? path.relative(context.cwd, path.join(result.outDir, outputPath(slug, language.lang, 'screen'))) : '',
          ]
        : [`failed: ${countMessages(language.files).errors} error(s)`];
      stdout.write(`${language.ok ? 'ok  ' : 'FAIL'} ${language.lang.padEnd(5)} ${detail.filter(Boolean).join('  ')}${language.draft ? '  DRAFT (incomplete translation)' : ''}${values.proof || values.since ? '  PROOF' : ''}\n`);
    }
    for (const language of result.languages) if (language.preflight.length > 0 && !language.cached) stdout.write(`${formatPreflight(language.lang, language.preflight)}\n`);
    if (values.timings) {
      for (const language of result.languages.filter((entry) => !entry.cached)) {
        stdout.write(`  timings   ${language.lang.padEnd(5)} ${Object.entries(language.timings).map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`).join(', ')}\n`);
      }
    }
    const total = ((performance.now() - started) / 1000).toFixed(1);
    const shownOut = `${path.relative(context.cwd, result.outDir) || '.'}/`;
    if (!result.ok) {
      stdout.write(`Build failed in ${total} s; ${shownOut} was left as it was.\n`);
      return EXIT.failed;
    }
    stdout.write(result.published ? `Built ${result.languages.length} language(s) in ${total} s into ${shownOut}\n` : `Checked ${result.languages.length} language(s) in ${total} s; nothing written (--html-only)\n`);
    return EXIT.ok;
  },
};
