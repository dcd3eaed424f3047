import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { discoverLanguage } from '../content/discover-language.js';
import { loadStrings, type StringTree } from '../i18n/load-strings.js';

/** One language as the checks see it: its section trees and UI strings, parsed but not rendered. */
export interface ParsedLanguage {
  lang: string;
  folder: string;
  /** Section trees by file name, in order. */
  sections: Map<string, { file: VFile; tree: Root }>;
  strings: StringTree | undefined;
  stringsFile: VFile;
  /** The language folder itself, for problems of the whole language (a missing section). */
  folderFile: VFile;
  folderExists: boolean;
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective);

/** Reads and parses the sections and strings of one language (syntax only: fast, and safe on broken files). */
export async function parseLanguage(contentFolder: string, lang: string, cwd: string): Promise<ParsedLanguage> {
  const sources = await discoverLanguage(contentFolder, lang, cwd);
  const sections = new Map<string, { file: VFile; tree: Root }>();
  for (const file of sources.sections) sections.set(path.basename(file.path), { file, tree: parser.parse(file) });
  return {
    lang,
    folder: sources.folder,
    sections,
    strings: loadStrings(sources.strings),
    stringsFile: sources.strings,
    folderFile: sources.folderFile,
    folderExists: !sources.folderFile.messages.some((message) => message.ruleId === 'missing-language'),
  };
}
