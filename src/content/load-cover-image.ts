import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { VFile } from 'vfile';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { prefixIds } from '../markdown/sanitize-svg.js';
import { reportError } from '../report/messages.js';
import { isAssetProblem, type AssetStore } from './asset-store.js';

/** The cover picture of `brand.coverImage`, ready for the cover template, and the file it came from. */
export interface CoverImage {
  /** Inline SVG (sanitised like every drawing) or an <img> with a data: URL; decoration, so no alt text. */
  html: string;
  /** The file, relative to the project folder, for the photo credits. */
  file: string;
  /** A photo (PNG, JPEG…), which needs a credit, rather than a drawing. */
  raster: boolean;
}

/**
 * Loads `brand.coverImage` once per build (from the project folder only, like every image); a missing or
 * unusable file is an error on brochure.yaml. Undefined when no cover image is set.
 */
export async function loadCoverImage(config: ResolvedBrochureConfig, assets: AssetStore, configFile: VFile): Promise<CoverImage | undefined> {
  const wanted = config.brand.coverImage;
  if (!wanted) return undefined;
  const asset = await assets.load(wanted, path.join(configFile.cwd, 'brochure.yaml'));
  if (isAssetProblem(asset)) {
    reportError(configFile, `${asset.reason} (\`brand.coverImage\`)`, { ruleId: asset.ruleId, hint: asset.hint });
    return undefined;
  }
  const file = path.relative(configFile.cwd, asset.path).split(path.sep).join('/');
  if (asset.kind === 'raster') return { html: `<img src="${asset.dataUrl}" alt="">`, file, raster: true };
  const svg = structuredClone(asset.svg);
  prefixIds(svg, 'cover-image-');
  return { html: toHtml({ ...svg, properties: { ...svg.properties, focusable: 'false' } }), file, raster: false };
}
