import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { VFile } from 'vfile';
import { createTranslator } from '../i18n/create-translator.js';
import { parse as parseYaml } from 'yaml';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { brandCss } from '../templates/brand-css.js';
import type { ProjectPaths } from '../config/load-config.js';
import type { StringTree } from '../i18n/load-strings.js';
import type { Manifest } from './manifest.js';

const VARIANTS = [
  { variant: 'screen', label: 'screen', type: 'application/pdf' },
  { variant: 'print', label: 'print', type: 'application/pdf' },
  { variant: 'web', label: 'web', type: 'text/html' },
] as const;

/**
 * dist/index.html: every language by its own name with its screen PDF, print PDF and web page, their size,
 * pages and SHA-256, and the edition. The page is written in the source language and switches to the
 * visitor's language (from the browser, or the buttons) with all texts inside it: no request, works from disk.
 */
export async function renderDownloadPage(paths: ProjectPaths, config: ResolvedBrochureConfig, manifest: Manifest, languages: string[]): Promise<string> {
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
      const texts = {
        title: t('download.title'),
        intro: t('download.intro'),
        switch: t('download.switch'),
        checksum: t('download.checksum'),
        screen: t('download.screen'),
        print: t('download.print'),
        web: t('download.web'),
        documentTitle: frontMatter.title ?? '',
        pageForms,
      };
      const files = VARIANTS.flatMap(({ variant, label, type }) => {
        const file = manifest.files.find((entry) => entry.language === lang && entry.variant === variant);
        if (!file) return [];
        return [{
          path: file.path,
          type,
          label,
          labelText: texts[label],
          pages: file.pages ?? 0,
          pagesText: file.pages ? `${t('download.pages', { count: file.pages })} · ` : '',
          bytesText: `${(file.bytes / 1024 / 1024).toFixed(file.bytes < 1024 * 1024 ? 2 : 1)} MB`,
          sha256: file.sha256,
        }];
      });
      return { lang, name: t('language.name'), documentTitle: texts.documentTitle, source: lang === config.sourceLanguage, files, texts };
    }),
  );
  const sourceEntry = entries.find((entry) => entry.source) ?? entries[0]!;
  const textsJson = JSON.stringify(Object.fromEntries(entries.map((entry) => [entry.lang, entry.texts]))).replace(/</g, '\\u003c');
  return template({
    source: { lang: sourceEntry.lang, documentTitle: sourceEntry.documentTitle, texts: sourceEntry.texts },
    languages: entries,
    textsJson,
    brandCss: brandCss(config.brand),
    edition: `${config.version} · ${config.date}`,
  });
}

function fs(file: string): Promise<string> {
  return readFile(file, 'utf8');
}
