import path from 'node:path';

/** Environment variable that moves the whole cache (for CI caches, and tests that must not touch a checkout's). */
export const CACHE_ENV = 'BROCHURE_CACHE_DIR';

/** The folders of the build cache: the one place that knows where cached things live. */
export interface CacheFolders {
  root: string;
  /** Built languages by the content of their inputs (build-cache.ts). */
  builds: string;
  /** Markdown syntax trees by the text parsed (syntax-tree-cache.ts). */
  syntaxTrees: string;
  /** Page layouts by the content of the printed HTML (page-map-cache.ts). */
  pageMaps: string;
  /** What pdf.js read from each page of the screen PDFs, by the page's content (page-readings.ts). */
  pageReadings: string;
  /** The download page's cover pictures, by screen PDF (cover-picture.ts). */
  covers: string;
  /** Hunspell's answers about words, by dictionary (dictionaries.ts). */
  spelling: string;
  /** Code points of the bundled fonts, read from their character maps. */
  fontCoverage: string;
  /** The output of `npm run dev`. */
  preview: string;
}

/**
 * Where the cache of a project lives: `dir` when given, else $BROCHURE_CACHE_DIR, else
 * node_modules/.cache/brochure-pipeline in the project (removed with node_modules, never committed).
 */
export function cacheFolders(projectRoot: string, dir?: string, env: NodeJS.ProcessEnv = process.env): CacheFolders {
  const root = path.resolve(projectRoot, dir ?? (env[CACHE_ENV] || path.join('node_modules', '.cache', 'brochure-pipeline')));
  return {
    root,
    builds: path.join(root, 'builds'),
    syntaxTrees: path.join(root, 'syntax-trees'),
    pageMaps: path.join(root, 'page-maps'),
    pageReadings: path.join(root, 'page-readings'),
    covers: path.join(root, 'covers'),
    spelling: path.join(root, 'spelling'),
    fontCoverage: path.join(root, 'font-coverage.json'),
    preview: path.join(root, 'preview'),
  };
}
