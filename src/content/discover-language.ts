import '../markdown/types.js';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { readSource } from './read-source.js';
import { reportError, reportWarning } from '../report/messages.js';

/** Section files: a number that sets the order, then the section id: `03-business-models.md`. */
export const SECTION_FILE = /^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
export const DOCUMENT_FILE = 'index.md';
export const STRINGS_FILE = 'strings.json';

/** The source files of one language, read but not yet parsed. */
export interface LanguageSources {
  lang: string;
  folder: string;
  /** index.md: the document's front matter. */
  document: VFile;
  /** strings.json: the UI strings for the templates. */
  strings: VFile;
  /** Section files in reading order; `file.data.sectionId` is set. */
  sections: VFile[];
  /** Problems with the folder itself (missing, empty, odd file names). */
  folderFile: VFile;
}

/** Lists and reads the files of brochure/<lang>/. */
export async function discoverLanguage(contentFolder: string, lang: string, cwd: string): Promise<LanguageSources> {
  const folder = path.join(contentFolder, lang);
  const folderFile = new VFile({ path: folder, cwd });
  let names: string[] = [];
  try {
    names = (await readdir(folder)).sort();
  } catch {
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
  const [document, strings, ...sections] = await Promise.all([
    readSource(path.join(folder, DOCUMENT_FILE), cwd),
    readSource(path.join(folder, STRINGS_FILE), cwd),
    ...sectionNames.map((name) => readSource(path.join(folder, name), cwd)),
  ]);
  sections.forEach((file, index) => {
    file.data.sectionId = SECTION_FILE.exec(sectionNames[index]!)![2]!;
  });
  return { lang, folder, document: document!, strings: strings!, sections, folderFile };
}
