import type { VFile } from 'vfile';
import type { TextPage } from './read-text-lines.js';
import { TRIM_SIZES, resolveHyphenLimits, type ResolvedBrochureConfig } from '../config/schema.js';
import { checkPages } from './typographic-preflight.js';
import { reportFindings, sourceBlocks, typographyCheck, type TypographyCheck } from './report-findings.js';

/** A built document as the typographic preflight needs it. */
export interface PreflightDocumentInput {
  /** The lines of the screen PDF (trim size, no padding pages), as read-text-lines.ts reads them. */
  pages: TextPage[];
  /** Every file of the language: the section files carry their text blocks, index.md takes what has no block. */
  files: readonly VFile[];
  /** The language's index.md, for findings in text that is not from a section. */
  documentFile: VFile;
  config: ResolvedBrochureConfig;
  lang: string;
  /** `--strict`: findings become errors (one-word last lines excepted). */
  strict?: boolean;
  /** Text printed over every page on purpose (the draft band), left out of the checks. */
  ignore?: string[];
}

/**
 * Runs the typographic preflight on a language's screen PDF, puts the findings on its files as messages, and
 * returns the summary for the preflight report (which keeps the findings, for `release`).
 */
export function preflightDocument(input: PreflightDocumentInput): TypographyCheck {
  const trim = TRIM_SIZES[input.config.trim];
  const findings = checkPages(input.pages, {
    lang: input.lang,
    limits: resolveHyphenLimits(input.config, input.lang),
    blocks: sourceBlocks(input.files),
    geometry: { trimWidth: trim.width, trimHeight: trim.height, margins: input.config.margins },
    ignore: input.ignore,
  });
  reportFindings(input.files, input.documentFile, findings, { strict: input.strict });
  return typographyCheck(findings, { strict: input.strict });
}
