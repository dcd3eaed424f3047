/**
 * The one catalogue of the ways the tool itself can fail (as opposed to problems in the content, which are
 * messages on files): each kind has the exit code the command line returns and, where it helps, what to do.
 * Code throws `new BrochureError(kind, message)`; the command line never matches class names.
 */
export const ERROR_KINDS = {
  /** Unknown command, option or language; a value an option cannot take. */
  usage: { exit: 2, hint: 'Run the command with --help to see what it accepts.' },
  /** No Chrome or Chromium, or the one named cannot run. */
  'browser-missing': { exit: 2, hint: undefined },
  /** Chromium was found but does not start. */
  'browser-start': { exit: 2, hint: 'Check the browser with `chromium --version`, or set BROCHURE_BROWSER to another Chrome or Chromium.' },
  /** The browser service of --browser-ws or $BROCHURE_BROWSER_WS cannot be reached. */
  'browser-connect': { exit: 2, hint: 'Check that the browser service is running and that this machine can reach it (address, port, token), or unset BROCHURE_BROWSER_WS (or leave out --browser-ws) to launch a local Chromium.' },
  /** Ghostscript, needed for --press-ready, is missing or too old. */
  'ghostscript-missing': { exit: 2, hint: 'Debian/Ubuntu: `sudo apt-get install ghostscript`; macOS: `brew install ghostscript`.' },
  /** Ghostscript ran but could not make the PDF/X. */
  'ghostscript-failed': { exit: 1, hint: 'Build without --press-ready to get the other PDFs, and report this message.' },
  /** A template of templates/ cannot be compiled or rendered. */
  template: { exit: 1, hint: 'Fix the template at the place named; the README ("Templates") lists what templates can use.' },
  /** Another build holds the output folder. */
  'output-locked': { exit: 1, hint: undefined },
  /** The output folder is one the build must not write into. */
  'output-unsafe': { exit: 2, hint: 'Choose an empty folder, or the output folder of an earlier build, with --out.' },
  /** Reading or writing the output folder failed (full disk, permissions). */
  'output-io': { exit: 1, hint: 'Check free space and permissions of the output folder; the previous build is kept.' },
  /** A file of the output folder differs from what manifest.json says the build made (edited by hand). */
  'output-changed': { exit: 1, hint: 'Build every language again (without --lang): the output is then made anew.' },
  /** `npm run assemble` cannot put the parts together: one is damaged, or they do not belong together. */
  assemble: { exit: 1, hint: 'Build every part from the same commit with the same settings (one `npm run build:brochure -- --lang X --out parts/X` per language), then assemble them again.' },
  /** `npm run compare` (or `--since`) cannot open or build the earlier edition, or there is no build to compare. */
  compare: { exit: 1, hint: undefined },
  /** `npm run release` cannot pack what dist/ holds. */
  release: { exit: 1, hint: undefined },
  /** `--mark-reviewed` or a translation import refused to record a review. */
  review: { exit: 1, hint: undefined },
  /** `npm run translate` cannot read or write an exchange file. */
  translate: { exit: 1, hint: undefined },
  /** `npm run new-language` cannot start the translation. */
  'new-language': { exit: 2, hint: undefined },
} as const satisfies Record<string, { exit: number; hint: string | undefined }>;

/** A kind of failure of the catalogue. */
export type ErrorKind = keyof typeof ERROR_KINDS;

/** Exit codes: 0 done, 1 the content has errors or a step failed, 2 usage, settings or a missing tool. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A failure of the tool with its kind; the message says what happened in one sentence, the cause why. */
export class BrochureError extends Error {
  override name = 'BrochureError';
  readonly kind: ErrorKind;
  /** What to do, when the kind's general hint is not enough. */
  readonly hint: string | undefined;

  constructor(kind: ErrorKind, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.hint = options.hint ?? ERROR_KINDS[kind].hint;
  }
}

/** True when `error` is a BrochureError of one of `kinds`. */
export function isKind(error: unknown, ...kinds: ErrorKind[]): error is BrochureError {
  return error instanceof BrochureError && kinds.includes(error.kind);
}

/** The exit code for an error: from its kind; anything else is a bug of the tool (1). */
export function exitCodeOf(error: unknown): number {
  return error instanceof BrochureError ? ERROR_KINDS[error.kind].exit : EXIT.failed;
}

/**
 * The error for the terminal: its message and causes, outermost first, and the hint. An error that is not a
 * BrochureError is a bug of the tool: it says so and, with `debug`, shows the stack of every cause.
 */
export function describeError(error: unknown, options: { debug?: boolean } = {}): string {
  const known = error instanceof BrochureError;
  const lines: string[] = [known ? (error as Error).message : `Unexpected internal error: ${error instanceof Error ? error.message : String(error)}`];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++, cause = cause.cause) lines.push(`  caused by: ${cause.message.split('\n')[0]}`);
  if (known && (error as BrochureError).hint) lines.push(`  hint: ${(error as BrochureError).hint}`);
  if (!known && !options.debug) lines.push('  This is a bug of the brochure tool: run the command again with --debug and report what it prints.');
  if (options.debug) {
    for (let current: unknown = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth++) {
      lines.push(depth === 0 ? (current.stack ?? '') : `Caused by ${current.stack ?? current.message}`);
    }
  }
  return lines.join('\n');
}
