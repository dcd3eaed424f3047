import type { ProofChanges } from '../compare/proof-changes.js';
import type { DocumentFrontMatter, ResolvedBrochureConfig } from '../config/schema.js';
import type { Translator } from '../i18n/create-translator.js';
import { bindShortWords } from '../markdown/rehype-no-break-spaces.js';
import type { SectionView } from '../markdown/transform-sections.js';
import type { Templates } from './load-templates.js';
import { brandCss } from './brand-css.js';
import { fontCssFor, type FontFace } from './font-faces.js';
import { pageCss, pageGeometry, proofCss } from './page-css.js';

/** An organisation as the templates show it; its name and country are UI strings looked up by `id`. */
export interface OrganisationView {
  id: string;
  /** Sanitised inline SVG (or an <img> with a data: URL), or null when no logo is configured. */
  logo: string | null;
  website: string | null;
  /** True when the logo is a placeholder still to come (`placeholder: true` and no file yet): the mark is typeset. */
  placeholder: boolean;
  /** The web address without `https://` and `www.`, for print. */
  websiteLabel: string | null;
  email: string | null;
}

/** Partners and funder, as the templates show them. */
export interface Organisations {
  partners: OrganisationView[];
  funder: OrganisationView | null;
}

/** What rendering one language needs. */
export interface RenderInput {
  config: ResolvedBrochureConfig;
  templates: Templates;
  /** The bundled fonts' @font-face rules (fonts inlined): each page gets those of the characters it has. */
  fontFaces: FontFace[];
  organisations: Organisations;
  /** The cover picture (`brand.coverImage`) as HTML, or null for the drawn cover art. */
  coverImage: string | null;
  /** Name and version of this tool, for the generator tag. */
  generator: string;
  /** Each language's own name, for the web page's language links. */
  languageNames: ReadonlyMap<string, string>;
  lang: string;
  draft: boolean;
  frontMatter: DocumentFrontMatter;
  sections: SectionView[];
  translator: Translator;
  /** Ids of the photos, which the print links to so that their pages can be found. */
  imageTargets: string[];
  /** Section headings in order, after the cover title and the contents. */
  headings: string[];
  /** Names that stay on one line (the language's no-break.txt), for the title and subtitle. */
  names: readonly string[];
  /** The imprint's photo credits ("Photos: Ana Petrova (CC BY 4.0)"), or null when the brochure has no photo. */
  photoCredits?: { label: string; text: string } | null;
  /** A proof for partners (`--proof`): its mark, printed on every page, and what changed (`--since`). */
  proof?: ProofView;
  /** The text of the draft band when `draft`: the language's own, or the source language's while that is empty. */
  draftMark: string;
}

/** A proof as the templates show it. */
export interface ProofView {
  /** "PROOF – 2021-06-01 – edition 1.0", in the language. */
  mark: string;
  /** The first pages of a proof made with --since: the texts changed since the earlier edition. */
  changes: ProofChanges | null;
}

/** One language as HTML: for the web (trim size) and for printing (bleed and room for crop marks). */
export interface RenderedDocument {
  html: string;
  printHtml: string;
  /** Every heading of the document (cover title, contents, sections), to check the PDF's bookmarks against. */
  headings: string[];
  /** The draft band's text, when there is one (the typographic preflight leaves it out). */
  draftMark: string | null;
  /** The proof mark, when a proof (the typographic preflight leaves it out too). */
  proofMark: string | null;
}

/**
 * Where the @font-face rules go, once the page's characters are known: a mark no text can hold (a title is in
 * the page before the styles, and it is a translator's to write), since every text comes escaped (`&lt;` in
 * HTML, `\3c` in CSS strings), as fill-padding.ts's mark.
 */
const FONTS = '<brochure-fonts>';

/** Renders the templates of one language, once for the web page and once for printing. */
export function renderDocument(input: RenderInput): RenderedDocument {
  const { config, lang, frontMatter, translator } = input;
  const context = {
    lang,
    draft: input.draft,
    draftMark: input.draft ? bindShortWords(input.draftMark, lang, input.names) : null,
    generator: input.generator,
    document: {
      title: bindShortWords(frontMatter.title, lang, input.names),
      subtitle: frontMatter.subtitle ? bindShortWords(frontMatter.subtitle, lang, input.names) : null,
      description: frontMatter.description ?? null,
    },
    sections: input.sections,
    imageTargets: input.imageTargets,
    partners: input.organisations.partners,
    funder: input.organisations.funder,
    coverImage: input.coverImage,
    proof: input.proof ?? null,
    photoCredits: input.photoCredits ?? null,
    edition: { version: config.version, year: config.date.slice(0, 4), date: config.date },
  };
  const web = {
    languages: config.languages.map((code) => ({ lang: code, name: input.languageNames.get(code) ?? code, current: code === lang })),
    screenPdf: `${config.slug}-${lang}.pdf`,
    printPdf: `${config.slug}-${lang}-print.pdf`,
  };
  const render = (variant: 'print' | 'screen') => {
    const html = input.templates.render(
      {
        ...context,
        web: variant === 'screen' ? web : null,
        styles: [FONTS, brandCss(config.brand), pageCss(config, pageGeometry(config, variant), frontMatter.title, input.sections), input.proof ? proofCss(input.proof.mark) : '', input.templates.stylesheet].filter(Boolean).join('\n'),
      },
      translator,
    );
    // The page's own text and styles decide which fonts it gets.
    return html.replace(FONTS, () => fontCssFor(input.fontFaces, html));
  };
  return { html: render('screen'), printHtml: render('print'), headings: [frontMatter.title, translator.t('toc.title'), ...input.headings], draftMark: context.draftMark, proofMark: input.proof?.mark ?? null };
}
