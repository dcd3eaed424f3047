import path from 'node:path';
import type { VFile } from 'vfile';
import { checkTranslations, INCOMPLETE_RULES, type TranslationStatus } from '../check/check-translations.js';
import { PLACEHOLDER_RULE } from '../check/rules/placeholder-logos.js';
import type { ProjectPaths } from '../config/load-config.js';
import { resolveHyphenLimits, type DocumentFrontMatter, type ResolvedBrochureConfig } from '../config/schema.js';
import { filesOf, readLanguage } from '../content/read-language.js';
import { createTranslator } from '../i18n/create-translator.js';
import { draftMarkText } from '../i18n/draft-mark.js';
import { parseLanguage, type ParsedLanguage } from '../markdown/parse-language.js';
import type { SyntaxTreeCache } from '../markdown/syntax-tree-cache.js';
import { transformSections } from '../markdown/transform-sections.js';
import { proofChanges } from '../compare/proof-changes.js';
import { hasErrors } from '../report/messages.js';
import { CODE_KEYS } from '../templates/template-keys.js';
import { renderDocument, type RenderedDocument } from '../templates/render-document.js';
import type { SharedInputs } from './shared-inputs.js';

/** One language read, checked and rendered: its HTML, or the problems that stop it. */
export interface PreparedLanguage {
  lang: string;
  draft: boolean;
  /** Every file of the language, with its messages. */
  files: VFile[];
  /** index.md, where problems of the document as a whole go. */
  document: VFile;
  frontMatter: DocumentFrontMatter | undefined;
  /** The HTML for the web and for printing; undefined when the language has errors. */
  rendered: RenderedDocument | undefined;
  /** The partners' names in this language, for the PDF Author field. */
  authors: string[];
  timings: { read: number; markdown: number; templates: number };
}

export interface PrepareInput {
  paths: ProjectPaths;
  config: ResolvedBrochureConfig;
  shared: SharedInputs;
  /** Languages to render; every language of brochure.yaml is read and checked all the same. */
  languages: string[];
  /**
   * Languages not built this time whose status and own name are known (from the build cache): they are neither
   * read nor checked again. Every other language of brochure.yaml is.
   */
  known: ReadonlyMap<string, { status: TranslationStatus; name: string }>;
  /** Render languages whose translation is unfinished, as drafts. */
  allowIncomplete: boolean;
  /** brochure.yaml: the rules of the brochure as a whole (placeholder logos) report on it. */
  configFile: VFile;
  /** Placeholder logos are errors, not warnings. */
  strict: boolean;
  /** A proof (`--proof`): the date its mark gives, YYYY-MM-DD; with `--since`, the earlier edition's web pages by language. */
  proof?: { date: string; since?: { label: string; pages: ReadonlyMap<string, string> } };
  onProgress?: (lang: string, stage: string) => void;
  /** Syntax trees of texts parsed before, taken instead of parsing them again. */
  trees?: SyntaxTreeCache;
}

/**
 * Reads and parses once the languages asked for, the source, and any language whose status the cache does not
 * know; runs the translation checks over them (so that the status of every language is known), and renders the
 * languages asked for: Markdown stage, then templates. Returns, once the checks are done, the languages asked for
 * in that order, each a promise kept as soon as that language is rendered; the status of all; and every
 * language's own name.
 */
export async function prepareLanguages(input: PrepareInput): Promise<{ languages: Array<Promise<PreparedLanguage>>; status: TranslationStatus[]; names: ReadonlyMap<string, string> }> {
  const { paths, config, shared } = input;
  const started = performance.now();
  for (const lang of input.languages) input.onProgress?.(lang, 'parse');
  const toCheck = config.languages.filter((lang) => input.languages.includes(lang) || !input.known.has(lang));
  const toRead = [...new Set([...toCheck, config.sourceLanguage])];
  const parsed = new Map<string, ParsedLanguage>();
  const read = await Promise.all(toRead.map((lang) => readLanguage(paths.content, lang, paths.root, config.sourceLanguage)));
  await input.trees?.load(read.flatMap((files) => [files.document, ...files.sections].map((file) => String(file.value))));
  for (const files of read) parsed.set(files.lang, parseLanguage(files, input.trees));
  const saving = input.trees?.save();
  const checked = checkTranslations(config, parsed, { ...shared.checks, configFile: input.configFile }, toCheck);
  if (input.strict) strictPlaceholders(input.configFile);
  const readTime = performance.now() - started;
  const status = config.languages.map((lang) => checked.find((entry) => entry.lang === lang) ?? input.known.get(lang)!.status);
  const draft = new Set(input.allowIncomplete ? status.filter((entry) => !entry.complete).map((entry) => entry.lang) : []);
  const names = new Map(config.languages.map((lang) => [lang, parsed.has(lang) ? languageName(parsed.get(lang)!) : input.known.get(lang)!.name]));
  const source = parsed.get(config.sourceLanguage)!;
  // One language after the other, each given out as soon as it is rendered (the build prints it while the next
  // is rendered), with a turn of the event loop before each, in which the printing of the ones before goes on.
  const languages: Array<Promise<PreparedLanguage>> = [];
  // (The syntax trees were written while the checks ran.)
  await saving;
  let previous: Promise<unknown> = Promise.resolve();
  for (const lang of input.languages) {
    const ready = previous.then(() => new Promise((resolve) => setImmediate(resolve))).then(() => prepareOne(parsed.get(lang)!, source, draft.has(lang), names, input, readTime));
    languages.push(ready);
    previous = ready.catch(() => undefined);
  }
  // brochure/photos/credits.yaml belongs to no language: its problems are shown (and stop the build) once.
  if (shared.credits.file.messages.length > 0 && languages[0]) {
    languages[0] = languages[0].then((first) => (first.files.push(shared.credits.file), first));
    // Its failure is the caller's to await, and not an unhandled one before that (as each `ready` above).
    languages[0].catch(() => undefined);
  }
  return { languages, status, names };
}

async function prepareOne(language: ParsedLanguage, source: ParsedLanguage, draft: boolean, languageNames: ReadonlyMap<string, string>, input: PrepareInput, readTime: number): Promise<PreparedLanguage> {
  const { config, shared } = input;
  const files = filesOf(language);
  // A draft is built despite what is unfinished; what is broken still stops it.
  if (draft) downgradeIncomplete(files);
  const declaredKeys = new Set([...shared.checks.templateKeys.map((entry) => entry.key), ...CODE_KEYS]);
  const names = language.typeset.names;
  const translator = createTranslator(language.lang, language.stringTree ?? {}, language.strings, {
    report: language.stringTree !== undefined,
    declaredKeys,
    names,
    source: source.stringTree && source !== language ? { lang: source.lang, strings: source.stringTree } : undefined,
  });
  const authors = config.partners.map((partner) => translator.t(`partners.${partner.id}.name`));
  const started = performance.now();
  const sections = await transformSections(language, {
    assets: shared.assets,
    credits: shared.credits,
    iconsFolder: path.join(input.paths.assets, 'icons'),
    footnoteLabel: translator.t('footnotes.label'),
    footnoteBackLabel: translator.t('footnotes.backLabel'),
    hyphenate: config.hyphenation,
    hyphenLimits: resolveHyphenLimits(config, language.lang),
  });
  const markdown = performance.now() - started;
  const result = { lang: language.lang, draft, files, document: language.document, frontMatter: language.frontMatter, authors };
  if (hasErrors(files) || !language.frontMatter) return { ...result, rendered: undefined, timings: { read: readTime, markdown, templates: 0 } };
  const sectionFiles = language.sections;
  const photoCredits = creditLine([...(shared.coverCredit ? [shared.coverCredit] : []), ...sectionFiles.flatMap((file) => file.data.photoCredits ?? [])], () => translator.t('imprint.photos'));
  const t = (key: string, values?: Record<string, unknown>) => translator.t(key, values);
  const since = input.proof?.since;
  const proof = input.proof
    ? { mark: t('proof.mark', { date: input.proof.date, edition: config.version }), changes: since ? proofChanges(since.pages.get(language.lang), sections, t, since.label) : null }
    : undefined;
  const rendered = renderDocument({
    config,
    templates: shared.templates,
    fontFaces: shared.fontFaces,
    organisations: shared.organisations,
    coverImage: shared.coverImage?.html ?? null,
    generator: shared.generator,
    languageNames,
    lang: language.lang,
    draft,
    frontMatter: language.frontMatter,
    sections,
    translator,
    imageTargets: sectionFiles.flatMap((file) => file.data.rasterImages ?? []),
    headings: sectionFiles.flatMap((file) => file.data.headings ?? []),
    names,
    proof,
    photoCredits,
    // The one deliberate fallback to the source language: a draft must look like a draft (the check still
    // reports the empty string).
    draftMark: draftMarkText(language.stringTree, source.stringTree),
  });
  return { ...result, rendered: hasErrors(files) ? undefined : rendered, timings: { read: readTime, markdown, templates: performance.now() - started - markdown } };
}

/** The imprint's line of photo credits: each author and licence once, in the order the photos come. */
function creditLine(credits: Array<{ author: string; licence: string }>, label: () => string): { label: string; text: string } | null {
  if (credits.length === 0) return null;
  const unique = [...new Set(credits.map((credit) => `${credit.author} (${credit.licence})`))];
  return { label: label(), text: unique.join('; ') };
}

/** A language's own name, from `language.name` of its strings; its code when it has none. */
function languageName(language: ParsedLanguage): string {
  const name = (language.stringTree?.language as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name.trim() ? name : language.lang;
}

/** Under --strict a placeholder logo is an error: it must not reach the print shop. */
function strictPlaceholders(configFile: VFile): void {
  for (const message of configFile.messages) if (message.ruleId === PLACEHOLDER_RULE) message.fatal = true;
}

/** Turns the errors that mean "not finished yet" into warnings, for a draft build. */
function downgradeIncomplete(files: VFile[]): void {
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true && INCOMPLETE_RULES.has(message.ruleId ?? '')) message.fatal = false;
    }
  }
}
