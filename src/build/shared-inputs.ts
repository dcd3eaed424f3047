import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import type { CheckInputs } from '../check/check-translations.js';
import type { ProjectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { AssetStore } from '../content/asset-store.js';
import { loadCoverImage, type CoverImage } from '../content/load-cover-image.js';
import { loadOrganisations } from '../content/load-organisations.js';
import { loadPhotoCredits, type PhotoCredit, type PhotoCredits } from '../content/load-photo-credits.js';
import { reportWarning } from '../report/messages.js';
import { fontCoverage } from '../templates/font-coverage.js';
import { loadSpelling } from '../check/dictionaries.js';
import { fontFaces, type FontFace } from '../templates/font-faces.js';
import { loadTemplates, type Templates } from '../templates/load-templates.js';
import type { Organisations } from '../templates/render-document.js';
import { templateKeys } from '../templates/template-keys.js';
import { toolRoot } from '../tool-root.js';
import type { CacheFolders } from './cache-folders.js';
import { PageMapCache } from './page-map-cache.js';

/** What every language of a build shares: read or compiled once per build. */
export interface SharedInputs {
  assets: AssetStore;
  templates: Templates;
  /** @font-face rules with the fonts inlined. */
  fontFaces: FontFace[];
  /** Name and version of this tool, for the HTML generator tag and the PDF Creator. */
  generator: string;
  organisations: Organisations;
  /** The cover picture of `brand.coverImage`, when set and usable. */
  coverImage: CoverImage | undefined;
  /** brochure/photos/ and the photos' credits (credits.yaml), and the cover photo's credit when it has one. */
  credits: PhotoCredits;
  coverCredit: PhotoCredit | undefined;
  /** The template keys and the fonts' coverage, for the checks. */
  checks: CheckInputs;
  /** Layouts of earlier prints by content; absent without the build cache. */
  layouts: PageMapCache | undefined;
}

/**
 * Loads the templates, fonts, logos and what the checks need; problems with logos go on brochure.yaml. Spelling
 * dictionaries are loaded for the languages built (`languages`, all by default): spelling only warns, and the
 * warnings of the other languages are not shown.
 */
export async function loadSharedInputs(paths: ProjectPaths, config: ResolvedBrochureConfig, configFile: VFile, caches: CacheFolders | undefined, languages: string[] = config.languages): Promise<SharedInputs> {
  const assets = new AssetStore(paths.root);
  const organisationIds = { partners: config.partners.map((partner) => partner.id), funder: config.funder?.id };
  const [templates, faces, generator, organisations, coverImage, credits, keys, coverage, spelling] = await Promise.all([
    loadTemplates(paths.templates, paths.root),
    fontFaces(),
    toolName(),
    loadOrganisations(config, assets, configFile),
    loadCoverImage(config, assets, configFile),
    loadPhotoCredits(paths.content, paths.root),
    templateKeys(paths.templates, paths.root, organisationIds),
    fontCoverage(caches?.fontCoverage),
    loadSpelling(paths.content, languages, caches?.spelling),
  ]);
  const coverCredit = coverImage?.raster ? creditOfCover(coverImage, credits, paths, configFile) : undefined;
  return { assets, templates, fontFaces: faces, generator, organisations, coverImage, credits, coverCredit, checks: { templateKeys: keys, coverage, spelling }, layouts: caches ? new PageMapCache(caches.pageMaps) : undefined };
}

/** A cover photo needs its credit like any photo: said on brochure.yaml when it has none. */
function creditOfCover(cover: CoverImage, credits: PhotoCredits, paths: ProjectPaths, configFile: VFile): PhotoCredit | undefined {
  const inside = path.relative(credits.folder, path.join(paths.root, cover.file)).split(path.sep).join('/');
  const credit = inside.startsWith('..') ? undefined : credits.entries.get(inside);
  if (!credit) {
    reportWarning(configFile, `Missing credit for the cover photo \`${cover.file}\`: its author and licence are printed in the imprint`, {
      ruleId: 'photo-credit',
      hint: 'Keep the photo in brochure/photos/ and add its author and licence to brochure/photos/credits.yaml.',
    });
  }
  return credit;
}

let cachedToolName: string | undefined;

/** `brochure-pipeline <version>`, read from package.json. */
export async function toolName(): Promise<string> {
  if (!cachedToolName) {
    const { name, version } = JSON.parse(await readFile(path.join(toolRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
    cachedToolName = `${name} ${version}`;
  }
  return cachedToolName;
}
