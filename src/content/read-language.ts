import '../markdown/types.js';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { readSource } from './read-source.js';
import { readReviewed, type ReviewedRecord } from './reviewed.js';
import { reportError, reportWarning } from '../report/messages.js';

/** Section files: a number that sets the order, then the section id: `03-business-models.md`. */
export const SECTION_FILE = /^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
export const DOCUMENT_FILE = 'index.md';
export const STRINGS_FILE = 'strings.json';
export const FIGURES_FOLDER = 'figures';

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
}

/** Every VFile of a language, in the order problems are best shown. */
export function filesOf(language: Pick<LanguageFiles, 'folderFile' | 'document' | 'strings' | 'sections' | 'figures'>): VFile[] {
  return [language.folderFile, language.document, language.strings, ...language.sections, ...language.figures];
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
  const figureNames = (await readdir(path.join(folder, FIGURES_FOLDER)).catch(() => [] as string[])).filter((name) => name.endsWith('.svg')).sort();
  const [document, strings, reviewed, sections, figures] = await Promise.all([
    readSource(path.join(folder, DOCUMENT_FILE), cwd),
    readSource(path.join(folder, STRINGS_FILE), cwd),
    lang === sourceLanguage ? { sourceLanguage, files: {} } : readReviewed(folder, sourceLanguage),
    Promise.all(sectionNames.map((name) => readSource(path.join(folder, name), cwd))),
    Promise.all(figureNames.map((name) => readSource(path.join(folder, FIGURES_FOLDER, name), cwd))),
  ]);
  sections.forEach((file, index) => {
    file.data.sectionId = SECTION_FILE.exec(sectionNames[index]!)![2]!;
  });
  return { lang, folder, exists, folderFile, document, strings, sections, figures, reviewed };
}
