import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderComparison, type LanguageComparison } from '../compare/compare-report.js';
import { locateText } from '../compare/locate-text.js';
import { matchPages } from '../compare/match-pages.js';
import { editionFiles } from '../compare/read-edition.js';
import { renderPages } from '../compare/render-pages.js';
import { sectionTexts } from '../compare/text-blocks.js';
import { textChanges } from '../compare/text-changes.js';
import { loadConfig, projectPaths, type ProjectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { BrochureError } from '../errors.js';
import { addToOutput } from '../publish/add-to-output.js';
import { currentOutput } from '../publish/output-folder.js';
import { formatMessages } from '../report/format-messages.js';
import { build } from './build.js';
import { openOrBuild } from './open-edition.js';

/** Resolution the pages are compared at: enough to see a changed word, small enough for a page of pictures. */
const DPI = 72;

export interface CompareOptions {
  root: string;
  /** The earlier edition: a release zip, a folder of a build, or a git tag or commit. */
  old: string;
  /** The output folder whose current build is the new edition; <root>/dist by default. */
  outDir?: string;
  /** Languages to compare; every language both editions have by default. */
  languages?: string[];
  env?: NodeJS.ProcessEnv;
  onProgress?: (lang: string, stage: string) => void;
}

/** What `npm run compare` found, per language, and the files it wrote (dist/compare/<lang>.html). */
export interface CompareResult {
  outDir: string;
  label: string;
  languages: Array<LanguageComparison & { file: string }>;
}

/**
 * `npm run compare -- OLD`: the current build in dist/ against an earlier edition, per language: the pages that
 * changed (rendered with PDFium, lined up by content, compared pixel by pixel) and the texts that changed (from
 * the web pages, placed at their Markdown lines), written as dist/compare/<lang>.html through the output writer.
 */
export async function compareEditions(options: CompareOptions): Promise<CompareResult> {
  const paths = projectPaths(options.root);
  const outDir = path.resolve(paths.root, options.outDir ?? 'dist');
  const config = await settings(paths);
  const current = await currentOutput(outDir);
  if (!current?.manifest) throw new BrochureError('compare', `Cannot find a build in \`${path.relative(paths.root, outDir) || outDir}\` to compare: build first with \`npm run build:brochure\`.`);
  const edition = await openOrBuild(options.old, paths, config, { languages: options.languages, env: options.env, onProgress: options.onProgress, build });
  try {
    const languages = (options.languages ?? config.languages).filter((lang) => current.manifest!.languages[lang]);
    const compared: CompareResult['languages'] = [];
    for (const lang of languages) {
      const [before, after] = await Promise.all([editionFiles(edition.folder, lang), editionFiles(current.folder, lang)]);
      if (!before || !after) continue;
      options.onProgress?.(lang, 'compare');
      compared.push({ ...(await compareLanguage(lang, before, after, paths, config)), file: `compare/${lang}.html` });
    }
    if (compared.length === 0) throw new BrochureError('compare', `Cannot compare: \`${options.old}\` has none of the languages built in \`${path.relative(paths.root, outDir) || outDir}\` (${languages.join(', ')}).`);
    const labels = { old: edition.label, new: `the build of ${current.manifest.buildDate.slice(0, 10)}` };
    const files = await Promise.all(compared.map(async (comparison) => ({ path: comparison.file, data: await renderComparison(paths.templates, config, comparison, labels) })));
    await addToOutput(outDir, files);
    return { outDir, label: edition.label, languages: compared };
  } finally {
    await edition.cleanup();
  }
}

async function settings(paths: ProjectPaths): Promise<ResolvedBrochureConfig> {
  const { file, config } = await loadConfig(paths);
  if (!config) throw new BrochureError('usage', `Cannot read the brochure settings:\n${formatMessages([file], { cwd: paths.root })}`);
  return config;
}

async function compareLanguage(lang: string, before: { screen: string; web: string }, after: { screen: string; web: string }, paths: ProjectPaths, config: ResolvedBrochureConfig): Promise<LanguageComparison> {
  const [oldPdf, newPdf, oldHtml, newHtml, strings] = await Promise.all([
    readFile(before.screen),
    readFile(after.screen),
    readFile(before.web, 'utf8'),
    readFile(after.web, 'utf8'),
    readFile(path.join(paths.content, lang, 'strings.json'), 'utf8').then((text) => JSON.parse(text) as { language?: { name?: string } }, () => ({}) as { language?: { name?: string } }),
  ]);
  const [oldPages, newPages] = [await renderPages(oldPdf, DPI), await renderPages(newPdf, DPI)];
  const px = (mm: number) => Math.round((Math.max(0, mm - 3) * DPI) / 25.4);
  const pages = matchPages(oldPages, newPages, { top: px(config.margins.top), bottom: px(config.margins.bottom) });
  const changes = textChanges(sectionTexts(oldHtml), sectionTexts(newHtml));
  const folder = path.join(paths.content, lang);
  const texts = await Promise.all(changes.map(async (change) => ({ ...change, place: await locateText(folder, paths.root, change.section, change.text) })));
  return { lang, languageName: strings.language?.name ?? lang, pages, texts };
}
