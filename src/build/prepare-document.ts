import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { VFile } from 'vfile';
import type { Root } from 'mdast';
import { documentFrontMatterSchema, type DocumentFrontMatter, type ResolvedBrochureConfig } from '../config/schema.js';
import type { ProjectPaths } from '../config/load-config.js';
import { discoverLanguage, type LanguageSources } from '../content/discover-language.js';
import type { AssetStore } from '../content/asset-store.js';
import type { Organisations } from './organisations.js';
import type { PageMapCache } from './page-map-cache.js';
import { createSectionProcessor } from '../markdown/create-processor.js';
import remarkFrontMatter from '../markdown/remark-front-matter.js';
import { loadStrings } from '../i18n/load-strings.js';
import { createTranslator, type Translator } from '../i18n/create-translator.js';
import type { Templates } from '../templates/load-templates.js';
import { pageCss, pageGeometry } from '../templates/page-css.js';
import { bindShortWords } from '../markdown/rehype-no-break-spaces.js';
import { readTypesetLists, type TypesetLists } from '../content/typeset-lists.js';
import { resolveHyphenLimits } from '../config/schema.js';
import { draftMarkText, readSourceStrings } from '../i18n/draft-mark.js';
import { hasErrors, reportError, reportWarning } from '../report/messages.js';

/** What every document of a build shares: read or compiled once. */
export interface BuildShared {
  paths: ProjectPaths;
  config: ResolvedBrochureConfig;
  assets: AssetStore;
  templates: Templates;
  /** @font-face rules with inlined fonts. */
  fontCss: string;
  /** Partners and funder with their logos, as the templates show them. */
  organisations: Organisations;
  /** Layouts of earlier prints by content, to print once instead of twice; absent without the build cache. */
  pageMaps?: PageMapCache;
  /** Each language's own name (`language.name` of its strings), for the language links of the web pages. */
  languageNames?: Map<string, string>;
  /** Milliseconds one print may take before the browser is considered hung. */
  printTimeout: number;
  /** Name and version of this tool, for the HTML generator tag and the PDF Creator. */
  generator: string;
}

/** One section as the templates see it. */
export interface SectionView {
  id: string;
  title: string;
  headingId: string;
  html: string;
}

/** A language made ready for printing: its HTML, or the problems that stop it. */
export interface PreparedDocument {
  lang: string;
  /** Every file that took part, with its messages. */
  files: VFile[];
  /** Self-contained HTML for the web (trim size); undefined when the language has errors. */
  html: string | undefined;
  /** The same for printing: pages with bleed and room for crop marks. */
  printHtml: string | undefined;
  frontMatter: DocumentFrontMatter | undefined;
  /** Every heading of the document (cover title, contents, sections), to check the PDF's bookmarks against. */
  headings: string[];
  /** The partners' names in this language, for the PDF Author field. */
  authors: string[];
  sections: SectionView[];
  /** The text of the draft band, when the document is a draft. */
  draftMark?: string;
  /** Milliseconds for reading, Markdown and templates. */
  timings: { parse: number; templates: number };
}

/** Reads one language, runs its Markdown through unified and renders the templates: HTML ready to print. */
export async function prepareDocument(shared: BuildShared, lang: string, options: { draft?: boolean; trees?: Map<string, Root> } = {}): Promise<PreparedDocument> {
  const started = performance.now();
  const sources = await discoverLanguage(shared.paths.content, lang, shared.paths.root);
  // Hook (issue 13): the language's hyphenation.txt and no-break.txt, for the Markdown stage and the UI strings.
  const typeset = await readTypesetLists(sources.folder, shared.paths.root);
  const files = [sources.folderFile, sources.document, sources.strings, ...sources.sections, ...typeset.files];
  const strings = loadStrings(sources.strings);
  if (!strings && !hasErrors([sources.strings])) {
    reportError(sources.strings, 'Missing UI strings: the file is empty', { ruleId: 'missing-string', hint: `Copy brochure/${shared.config.sourceLanguage}/strings.json and translate its values.` });
  }
  // Strings that could not be read are reported once; reporting each key as missing too would only add noise.
  const translator = createTranslator(lang, strings ?? {}, sources.strings, { report: strings !== undefined, names: typeset.names });
  const frontMatter = await readDocumentFrontMatter(sources.document);
  const sections = await parseSections(shared, sources, translator, options.trees, typeset);
  checkAnchors(sources.sections);
  const parsed = performance.now();
  const timings = { parse: parsed - started, templates: 0 };
  const authors = shared.config.partners.map((partner) => translator.t(`partners.${partner.id}.name`));
  if (hasErrors(files)) return { lang, files, html: undefined, printHtml: undefined, frontMatter, headings: [], authors, sections, timings };

  const context = {
    lang,
    draft: options.draft === true,
    // Hook (issue 13): the draft band's text, the source language's while this language's is still empty.
    draftMark: options.draft
      ? bindShortWords(draftMarkText(strings, lang === shared.config.sourceLanguage ? strings : await readSourceStrings(shared.paths.content, shared.config.sourceLanguage, shared.paths.root)), lang)
      : null,
    generator: shared.generator,
    document: {
      title: bindShortWords(frontMatter!.title, lang, typeset.names),
      subtitle: frontMatter!.subtitle ? bindShortWords(frontMatter!.subtitle, lang, typeset.names) : null,
      description: frontMatter!.description ?? null,
    },
    sections,
    imageTargets: sources.sections.flatMap((file) => file.data.rasterImages ?? []),
    partners: shared.organisations.partners,
    funder: shared.organisations.funder,
    edition: { version: shared.config.version, year: shared.config.date.slice(0, 4), date: shared.config.date },
  };
  const web = {
    languages: shared.config.languages.map((code) => ({ lang: code, name: shared.languageNames?.get(code) ?? code, current: code === lang })),
    screenPdf: `${shared.config.slug}-${lang}.pdf`,
    printPdf: `${shared.config.slug}-${lang}-print.pdf`,
  };
  const render = (variant: 'print' | 'screen') =>
    shared.templates.render(
      { ...context, web: variant === 'screen' ? web : null, styles: [shared.fontCss, pageCss(shared.config, pageGeometry(shared.config, variant), frontMatter!.title, sections), shared.templates.stylesheet].join('\n') },
      translator,
    );
  const html = render('screen');
  const headings = [frontMatter!.title, translator.t('toc.title'), ...sources.sections.flatMap((file) => file.data.headings ?? [])];
  const printHtml = render('print');
  timings.templates = performance.now() - parsed;
  const ok = !hasErrors(files);
  return { lang, files, html: ok ? html : undefined, printHtml: ok ? printHtml : undefined, frontMatter, headings, authors, sections, draftMark: context.draftMark ?? undefined, timings };
}

async function readDocumentFrontMatter(file: VFile): Promise<DocumentFrontMatter | undefined> {
  if (hasErrors([file])) return undefined;
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkFrontMatter, { schema: documentFrontMatterSchema });
  const tree = (await processor.run(processor.parse(file), file)) as import('mdast').Root;
  if (tree.children[0]?.type !== 'yaml') {
    reportError(file, 'Missing front matter, expected `title:` between two `---` lines at the top', {
      ruleId: 'front-matter',
      place: { line: 1, column: 1 },
      hint: 'Start the file with:\n---\ntitle: "Title of the brochure"\nsubtitle: "…"\n---',
    });
    return undefined;
  }
  if (tree.children.length > 1) {
    reportWarning(file, 'Unexpected text after the front matter; index.md holds only the title and subtitle, the text is left out', {
      ruleId: 'front-matter',
      place: tree.children[1]!.position,
      hint: 'Move the text into a section file such as `01-intro.md`.',
    });
  }
  return file.data.frontMatter as DocumentFrontMatter | undefined;
}

async function parseSections(shared: BuildShared, sources: LanguageSources, translator: Translator, trees?: Map<string, Root>, typeset?: TypesetLists): Promise<SectionView[]> {
  const byName = new Map(sources.sections.map((file) => [file.basename!, file.data.sectionId!]));
  const processor = createSectionProcessor({
    assets: shared.assets,
    sections: byName,
    footnoteLabel: translator.t('footnotes.label'),
    footnoteBackLabel: translator.t('footnotes.backLabel'),
    lang: sources.lang,
    hyphenate: shared.config.hyphenation,
    hyphenLimits: resolveHyphenLimits(shared.config, sources.lang),
    typeset,
    iconsPath: path.relative(sources.folder, path.join(shared.paths.assets, 'icons')).split(path.sep).join('/'),
  });
  const views = await Promise.all(
    sources.sections.map(async (file): Promise<SectionView | undefined> => {
      if (hasErrors([file])) return undefined;
      try {
        // The checks have parsed the same text already: start from a copy of that tree instead of parsing again.
        const parsed = trees?.get(path.basename(file.path));
        const html = parsed
          ? processor.stringify(await processor.run(structuredClone(parsed), file), file)
          : String(await processor.process(file));
        return { id: file.data.sectionId!, title: file.data.title ?? '', headingId: file.data.headingId ?? file.data.sectionId!, html };
      } catch (cause) {
        reportError(file, `Cannot process this section: ${(cause as Error).message}`, { ruleId: 'markdown', hint: 'Look at the Markdown near the position given, or report this as a bug with the file attached.' });
        return undefined;
      }
    }),
  );
  return views.filter((view): view is SectionView => view !== undefined);
}

/** Every `#anchor` a section links to must exist in the document (a section id or an id inside one). */
function checkAnchors(sections: VFile[]): void {
  const known = new Set(sections.flatMap((file) => [file.data.sectionId!, ...(file.data.ids ?? [])]));
  for (const file of sections) {
    for (const link of file.data.internalLinks ?? []) {
      if (known.has(link.id)) continue;
      reportError(file, `Cannot find anchor \`${link.written}\` in this language`, {
        ruleId: 'link',
        place: link.place,
        hint: 'Anchors are heading texts written in lower case with hyphens, such as `#a-table` for `## A table`.',
      });
    }
  }
}
