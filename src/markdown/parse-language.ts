import path from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { documentFrontMatterSchema, type DocumentFrontMatter } from '../config/schema.js';
import { parseYaml } from '../config/parse-yaml.js';
import type { LanguageFiles } from '../content/read-language.js';
import { loadStrings, type StringTree } from '../i18n/load-strings.js';
import { hasErrors, reportError, reportWarning } from '../report/messages.js';
import { checkSyntax } from './check-syntax.js';
import { createParser } from './create-processor.js';
import { checkTreeLimits } from './remark-limits.js';
import { scanLimits } from './scan-limits.js';
import type { TreeMemo } from './syntax-tree-cache.js';

/** One section: its file and its Markdown syntax tree, parsed once for the checks and the build. */
export interface ParsedSection {
  file: VFile;
  tree: Root;
  /**
   * The file could not be read (encoding, size) or passes a limit (nesting, table size…): its tree is empty,
   * and the checks and the Markdown stage leave it out.
   */
  unreadable: boolean;
}

/** One language read and parsed: syntax trees, the document's front matter and the UI strings. */
export interface ParsedLanguage extends LanguageFiles {
  /** Section trees by file name, in reading order. */
  parsed: Map<string, ParsedSection>;
  /** The front matter of index.md, validated; undefined when it has errors. */
  frontMatter: DocumentFrontMatter | undefined;
  /** strings.json, parsed; undefined when it is empty or has errors. */
  stringTree: StringTree | undefined;
  /** index.md's syntax tree (its front matter), for the translation units; undefined when unreadable. */
  documentTree: Root | undefined;
}

const parser = createParser();

/**
 * Parses what readLanguage read: syntax only (fast, and safe on broken files); problems go on the files. With
 * `trees`, a file whose text was parsed before takes its tree from there instead of the parser.
 */
export function parseLanguage(files: LanguageFiles, trees?: TreeMemo): ParsedLanguage {
  const parsed = new Map<string, ParsedSection>();
  for (const file of files.sections) {
    // An unreadable file (encoding, size; reported when read) still counts as the section, empty.
    const tree = hasErrors([file]) ? undefined : parseWithinLimits(file, trees);
    if (tree) checkSyntax(file, tree);
    parsed.set(path.basename(file.path), { file, tree: tree ?? { type: 'root', children: [] }, unreadable: tree === undefined });
  }
  const stringTree = loadStrings(files.strings);
  if (!stringTree && files.exists && !hasErrors([files.strings])) {
    reportError(files.strings, 'Missing UI strings: the file is empty', { ruleId: 'missing-string', hint: "Copy the source language's strings.json here and translate its values." });
  }
  const documentTree = hasErrors([files.document]) ? undefined : parseWithinLimits(files.document, trees);
  return { ...files, parsed, frontMatter: documentFrontMatter(files.document, documentTree), stringTree, documentTree };
}

/**
 * The syntax tree of a Markdown file, or undefined when the file passes a limit (reported on it): its text is
 * counted before parsing, so that no input makes the parser or the recursive stages after it run away, and
 * the tree is measured before any check walks it.
 */
function parseWithinLimits(file: VFile, trees: TreeMemo | undefined): Root | undefined {
  if (!scanLimits(file)) return undefined;
  const text = String(file.value);
  const kept = trees?.get(text);
  const tree = kept ?? parser.parse(file);
  if (!checkTreeLimits(tree, file)) return undefined;
  // Kept once measured: a tree within the limits is one JSON can hold.
  if (!kept) trees?.add(text, tree);
  return tree;
}

/** The front matter of index.md: title, subtitle, description, keywords. */
function documentFrontMatter(file: VFile, tree: Root | undefined): DocumentFrontMatter | undefined {
  if (!tree) return undefined;
  if (checkSyntax(file, tree)) return undefined;
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  if (!yaml) {
    reportError(file, 'Missing front matter, expected `title:` between two `---` lines at the top', {
      ruleId: 'front-matter',
      place: { line: 1, column: 1 },
      hint: 'Start the file with:\n---\ntitle: "Title of the brochure"\nsubtitle: "…"\n---',
    });
    return undefined;
  }
  if (tree.children.length > 1) {
    reportWarning(file, 'Unexpected text after the front matter; index.md holds only the title and subtitle, the text is left out', {
      ruleId: 'front-matter',
      place: tree.children[1]!.position,
      hint: 'Move the text into a section file such as `01-intro.md`.',
    });
  }
  const data = parseYaml(yaml.value, file, { schema: documentFrontMatterSchema, startLine: (yaml.position?.start.line ?? 0) + 1, ruleId: 'front-matter', what: 'front matter' });
  if (data) file.data.frontMatter = data;
  return data;
}
