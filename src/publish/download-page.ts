import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { VFile } from 'vfile';
import { createTranslator } from '../i18n/create-translator.js';
import { parse as parseYaml } from 'yaml';
import { TRIM_SIZES, type ResolvedBrochureConfig } from '../config/schema.js';
import { brandCss } from '../templates/brand-css.js';
import type { ProjectPaths } from '../config/load-config.js';
import type { StringTree } from '../i18n/load-strings.js';
import { coverPictureOf, type CoverCache } from './cover-picture.js';
import type { Manifest } from './manifest.js';

const VARIANTS = [
  { variant: 'screen', label: 'screen', type: 'application/pdf' },
  { variant: 'print', label: 'print', type: 'application/pdf' },
  { variant: 'web', label: 'web', type: 'text/html' },
] as const;

/** A zip of `npm run release`, for the download page: its name in dist/release/, size and SHA-256. */
export interface ReleaseArchive {
  name: string;
  bytes: number;
  sha256: string;
}

/** What the download page shows besides the manifest. */
export interface DownloadPageInput {
  /** The bytes of a file of the output by its path (the screen PDFs, for the cover pictures). */
  fileData: (file: string) => Promise<Uint8Array | undefined>;
  /** Where the cover pictures of earlier builds are kept. */
  covers?: CoverCache;
  /** The keys of the screen PDFs' first pages by language, when the build knows them (see firstPageKey). */
  firstPages?: ReadonlyMap<string, string>;
  /** After `npm run release`: each language's zip and the one with every language. */
  release?: { languages: Record<string, ReleaseArchive>; all: ReleaseArchive };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;

/**
 * dist/index.html: every language by its own name with a picture of its cover (made from its screen PDF), its
 * screen PDF, print PDF, web page and, after a release, its zip; sizes and pages; the SHA-256 sums folded away;
 * the partners and the funder; the edition in words. The page is written in the source language and switches to
 * the visitor's language (from the browser, or the buttons) with all texts inside it: no request, works from disk.
 */
export async function renderDownloadPage(paths: ProjectPaths, config: ResolvedBrochureConfig, manifest: Manifest, languages: string[], input: DownloadPageInput): Promise<string> {
  const source = await fs(path.join(paths.templates, 'download.hbs'));
  const template = Handlebars.create().compile(source, { strict: true });
  const entries = await Promise.all(
    languages.map(async (lang) => {
      const strings = JSON.parse(await fs(path.join(paths.content, lang, 'strings.json'))) as StringTree;
      const frontMatter = parseYaml((await fs(path.join(paths.content, lang, 'index.md'))).split(/^---$/m)[1] ?? '') as { title?: string };
      // The same lookup as the brochure's templates (no fallback language); the checks report missing keys.
      const translator = createTranslator(lang, strings, new VFile({ path: path.join(paths.content, lang, 'strings.json') }), { report: false });
      const t = (key: string, values: Record<string, unknown> = {}) => translator.t(key, values);
      const download = (strings.download ?? {}) as Record<string, string>;
      const pageForms = Object.fromEntries(Object.entries(download).filter(([key]) => key.startsWith('pages_')).map(([key, value]) => [key.slice(6), value]));
      const organisation = (id: string) => {
        const country = t(`partners.${id}.country`);
        return country === `partners.${id}.country` ? t(`partners.${id}.name`) : `${t(`partners.${id}.name`)} (${country})`;
      };
      const texts: Record<string, unknown> = {
        title: t('download.title'),
        intro: t('download.intro'),
        switch: t('download.switch'),
        checksum: t('download.checksum'),
        checksums: t('download.checksums'),
        screen: t('download.screen'),
        print: t('download.print'),
        web: t('download.web'),
        zip: t('download.zip'),
        allLanguages: t('download.allLanguages'),
        partnersTitle: t('partners.title'),
        cofinancing: t('backCover.cofinancing'),
        edition: t('backCover.edition', { version: config.version, year: config.date.slice(0, 4) }),
        documentTitle: frontMatter.title ?? '',
        pageForms,
        ...Object.fromEntries(config.partners.map((partner) => [`partner-${partner.id}`, organisation(partner.id)])),
      };
      const files = VARIANTS.flatMap(({ variant, label, type }) => {
        const file = manifest.files.find((entry) => entry.language === lang && entry.variant === variant);
        if (!file) return [];
        return [{ path: file.path, type, label, labelText: texts[label], pages: file.pages ?? 0, pagesText: file.pages ? `${t('download.pages', { count: file.pages })} · ` : '', bytesText: megabytes(file.bytes), sha256: file.sha256 }];
      });
      const screen = manifest.files.find((entry) => entry.language === lang && entry.variant === 'screen');
      const zip = input.release?.languages[lang];
      return {
        lang,
        name: t('language.name'),
        documentTitle: texts.documentTitle,
        source: lang === config.sourceLanguage,
        // A picture, not a proof of anything: a PDF PDFium cannot read simply has none (the manifest check says why).
        cover: screen ? await coverPictureOf({ sha256: screen.sha256, firstPage: input.firstPages?.get(lang), bytes: () => input.fileData(screen.path) }, TRIM_SIZES[config.trim].width, input.covers) : null,
        files,
        zip: zip ? { path: `release/${zip.name}`, bytesText: megabytes(zip.bytes), sha256: zip.sha256 } : null,
        texts,
      };
    }),
  );
  const sourceEntry = entries.find((entry) => entry.source) ?? entries[0]!;
  const textsJson = JSON.stringify(Object.fromEntries(entries.map((entry) => [entry.lang, entry.texts]))).replace(/</g, '\\u003c');
  const all = input.release?.all;
  return template({
    source: { lang: sourceEntry.lang, documentTitle: sourceEntry.documentTitle, texts: sourceEntry.texts },
    languages: entries,
    partners: config.partners.map((partner) => ({ id: partner.id, text: sourceEntry.texts[`partner-${partner.id}`] })),
    funder: config.funder !== undefined,
    all: all ? { path: `release/${all.name}`, bytesText: megabytes(all.bytes), sha256: all.sha256 } : null,
    textsJson,
    brandCss: brandCss(config.brand),
  });
}

function fs(file: string): Promise<string> {
  return readFile(file, 'utf8');
}
