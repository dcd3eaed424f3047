import type { VFile } from 'vfile';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import type { TranslationStatus } from '../check/incomplete-rules.js';
import type { PreflightReport } from '../pdf/preflight/report.js';
import type { PdfVariant } from '../publish/output-names.js';
import type { KeptBrowser } from '../render/kept-browser.js';

/** What to build. */
export interface BuildOptions {
  /** Project folder (holding brochure/, templates/, assets/); the current folder by default. */
  root?: string;
  /** Languages to build; all of brochure.yaml's by default. The others stay in the output as they were. */
  languages?: string[];
  /** Output folder; <root>/dist by default. */
  outDir?: string;
  /** Print PDFs with Chromium; true by default. False stops after the HTML (no browser needed). */
  print?: boolean;
  /** Write the outputs into outDir; true by default. False keeps everything in memory. */
  write?: boolean;
  /** Also make a CMYK PDF/X-3 of each print PDF with Ghostscript (<slug>-<lang>-press.pdf). */
  pressReady?: boolean;
  /** Also impose each print PDF as a saddle-stitched booklet on A4 sheets (<slug>-<lang>-booklet.pdf). */
  impose?: 'booklet';
  /** Environment, for SOURCE_DATE_EPOCH, the browser path and the cache folder; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Milliseconds one print of one language may take; 120 000 by default. */
  timeout?: number;
  /**
   * A proof for partners to sign off: "PROOF – <date> – <edition>" on every page. Recorded in manifest.json;
   * `npm run release` refuses a proof.
   */
  proof?: boolean;
  /**
   * A proof whose first two pages list the texts changed since an earlier edition (a release zip, a build
   * folder or a git tag, as for `npm run compare`); implies `proof`.
   */
  since?: string;
  /** Build languages whose translation is incomplete or stale anyway, with a "draft" mark on every page. */
  allowIncomplete?: boolean;
  /** Use the build cache: unchanged languages are not printed again; true by default. */
  cache?: boolean;
  /** Folder of the build cache; $BROCHURE_CACHE_DIR or node_modules/.cache/brochure-pipeline by default. */
  cacheDir?: string;
  /** Rebuild every language even when the cache has it (the cache is refreshed). */
  force?: boolean;
  /**
   * Print-shop strictness (CI, releases): typographic findings become errors (one-word last lines excepted), and
   * so do placeholder logos.
   */
  strict?: boolean;
  /** WebSocket address of a browser service to print with instead of launching Chromium; $BROCHURE_BROWSER_WS by default. */
  browserWs?: string;
  /**
   * A browser kept running from build to build (the preview server's): printed with instead of a browser
   * launched and closed by this build. A browser started again after a crash is this build's own.
   */
  keptBrowser?: KeptBrowser;
  /** How many languages are printed at once; by default from the cores and the free memory (see default-jobs.ts). */
  jobs?: number;
  /** Told when a language moves to its next stage. */
  onProgress?: (lang: string, stage: string) => void;
}

/** A PDF made by the build, with the number of pages it has. */
export interface PdfFile {
  bytes: Uint8Array;
  pages: number;
}

/** The outcome of one language. */
export interface LanguageResult {
  lang: string;
  ok: boolean;
  /** Taken from the build cache: its inputs have not changed since it was built. */
  cached: boolean;
  /** Built with `allowIncomplete` although unfinished: every page carries a draft mark. */
  draft: boolean;
  /** Every file of the language, with its messages. */
  files: VFile[];
  /** index.md, where problems of the document as a whole are reported. */
  document: VFile;
  /** The web page: self-contained HTML at trim size. */
  html?: string;
  /** The HTML for printing (bleed, room for crop marks); once printed, as printed (contents filled, padding pages). */
  printHtml?: string;
  /** The PDFs made: screen (trim size, no padding pages), print (bleed, marks, boxes), press, booklet. */
  pdfs: Partial<Record<PdfVariant, PdfFile>>;
  /** The preflight of each PDF. */
  preflight: PreflightReport[];
  /** The key of the screen PDF's first page, for the download page's cover picture (see firstPageKey). */
  firstPage?: string;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** Where its translation stands, and its own name: kept in the build cache, so that a build of other languages need not check it again. */
  status?: TranslationStatus;
  languageName?: string;
}

/** The outcome of a build. */
export interface BuildResult {
  ok: boolean;
  /** brochure.yaml with its messages; when it has errors nothing else was built. */
  configFile: VFile;
  /** The settings, when brochure.yaml is valid. */
  config: ResolvedBrochureConfig | undefined;
  languages: LanguageResult[];
  outDir: string;
  /** True when the outputs were written into outDir. */
  published: boolean;
  /** Where each language's translation stands. */
  translations: TranslationStatus[];
}
