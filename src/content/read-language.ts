import '../markdown/types.js';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { readSource } from './read-source.js';
import { readReviewed, type ReviewedRecord } from './reviewed.js';
import { readTypesetLists, type TypesetLists } from './typeset-lists.js';
import { reportError, reportWarning } from '../report/messages.js';

/** Section files: a number that sets the order, then the section id: `03-business-models.md`. */
export const SECTION_FILE = /^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
export const DOCUMENT_FILE = 'index.md';
export const STRINGS_FILE = 'strings.json';
export const FIGURES_FOLDER = 'figures';
/** Largest total of the source language's section files: ten times what a hundred-page brochure needs. */
export const MAX_LANGUAGE_BYTES = 4 * 1024 * 1024;
/**
 * A translation's sections may be this many times the size of the source's (Macedonian in Cyrillic is 1.5 times
 * the English in bytes), and at least TRANSLATION_FLOOR_BYTES: a translation cannot make the build print
 * much more than the source does.
 */
export const TRANSLATION_SIZE_FACTOR = 3;
export const TRANSLATION_FLOOR_BYTES = 256 * 1024;

/** Every file of one language, read once: the checks and the build both work on these VFiles. */
export interface LanguageFiles {
  lang: string;
  folder: string;
  /** False when brochure/<lang>/ does not exist (reported on `folderFile`). */
  exists: boolean;
  /** The folder itself, for problems of the whole language (a missing section, an odd file name). */
  folderFile: VFile;
  /** index.md: the document's front matter; problems of the document as a whole are reported here. */
  document: VFile;
  /** strings.json: the UI strings for the templates. */
  strings: VFile;
  /** Section files in reading order; `file.data.sectionId` is set. */
  sections: VFile[];
  /** The SVG figures of figures/, whose text prints too. */
  figures: VFile[];
  /** reviewed.json: which version of the source each section translates (empty for the source). */
  reviewed: ReviewedRecord;
  /** hyphenation.txt and no-break.txt: the language's own line-breaking exceptions (their files in `files`). */
  typeset: TypesetLists;
}

/** Bytes of the section files of a folder (all of them when `names` is not given), without reading them. */
async function sectionBytes(folder: string, names?: string[]): Promise<number> {
  const sections = names ?? (await readdir(folder).catch(() => [] as string[])).filter((name) => SECTION_FILE.test(name));
  const sizes = await Promise.all(sections.map((name) => stat(path.join(folder, name)).then((info) => info.size, () => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Every VFile of a language, in the order problems are best shown. */
export function filesOf(language: Pick<LanguageFiles, 'folderFile' | 'document' | 'strings' | 'sections' | 'figures' | 'typeset'>): VFile[] {
  return [language.folderFile, language.document, language.strings, ...language.sections, ...language.figures, ...language.typeset.files];
}

/** Lists and reads the files of brochure/<lang>/: index.md, strings.json, the sections, the figures, reviewed.json. */
export async function readLanguage(contentFolder: string, lang: string, cwd: string, sourceLanguage: string): Promise<LanguageFiles> {
  const folder = path.join(contentFolder, lang);
  const folderFile = new VFile({ path: folder, cwd });
  let names: string[] = [];
  let exists = true;
  try {
    names = (await readdir(folder)).sort();
  } catch {
    exists = false;
    reportError(folderFile, `Cannot find the folder of language \`${lang}\``, {
      ruleId: 'missing-language',
      hint: `Create ${path.relative(cwd, folder)}/ with index.md, strings.json and the section files, or remove \`${lang}\` from \`languages\` in brochure/brochure.yaml.`,
    });
  }
  const real = exists ? await realpath(folder) : folder;
  if (exists && path.relative(await realpath(contentFolder), real).startsWith('..')) {
    // A language folder that is a link to somewhere else: nothing of it is read.
    exists = false;
    names = [];
    reportError(folderFile, `Unexpected link \`${path.relative(cwd, folder)}\` to \`${real}\`, expected a folder inside brochure/`, {
      ruleId: 'file-outside',
      hint: 'Replace the link by the folder itself: the brochure reads only files of its own folders.',
    });
  }
  const sectionNames = names.filter((name) => SECTION_FILE.test(name));
  for (const name of names) {
    if (name.endsWith('.md') && name !== DOCUMENT_FILE && !SECTION_FILE.test(name)) {
      reportWarning(folderFile, `Unexpected file name \`${name}\`, expected \`NN-name.md\`; the file is left out`, {
        ruleId: 'section-name',
        hint: 'Name sections with a number and lower-case words, such as `02-what-is-circular.md`.',
      });
    }
  }
  if (names.length > 0 && sectionNames.length === 0) {
    reportError(folderFile, `Missing sections in language \`${lang}\`, expected files such as \`01-intro.md\``, { ruleId: 'missing-section' });
  }
  const figureNames = exists ? (await readdir(path.join(folder, FIGURES_FOLDER)).catch(() => [] as string[])).filter((name) => name.endsWith('.svg')).sort() : [];
  const total = await sectionBytes(folder, sectionNames);
  const sourceBytes = lang === sourceLanguage ? 0 : await sectionBytes(path.join(contentFolder, sourceLanguage));
  const limit = Math.min(MAX_LANGUAGE_BYTES, lang === sourceLanguage ? MAX_LANGUAGE_BYTES : Math.max(TRANSLATION_FLOOR_BYTES, TRANSLATION_SIZE_FACTOR * sourceBytes));
  if (total > limit) {
    const mb = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);
    reportError(folderFile, `Unexpected size of language \`${lang}\`: ${mb(total)} of sections, expected at most ${mb(limit)}${lang === sourceLanguage ? '' : ` (the source has ${mb(sourceBytes)})`}`, {
      ruleId: 'file-too-large',
      hint: 'A translation is about as long as the source: look for text or files that do not belong here.',
    });
    sectionNames.length = 0;
  }
  const read = (name: string) => readSource(path.join(folder, name), cwd, contentFolder);
  const [document, strings, reviewed, sections, figures, typeset] = await Promise.all([
    read(DOCUMENT_FILE),
    read(STRINGS_FILE),
    lang === sourceLanguage || !exists ? { sourceLanguage, files: {} } : readReviewed(folder, sourceLanguage, contentFolder),
    Promise.all(sectionNames.map(read)),
    Promise.all(figureNames.map((name) => read(path.join(FIGURES_FOLDER, name)))),
    readTypesetLists(folder, cwd, contentFolder),
  ]);
  sections.forEach((file, index) => {
    file.data.sectionId = SECTION_FILE.exec(sectionNames[index]!)![2]!;
  });
  return { lang, folder, exists, folderFile, document, strings, sections, figures, reviewed, typeset };
}
