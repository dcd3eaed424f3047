import type { Root } from 'mdast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';
import type { ParsedLanguage } from '../../markdown/parse-language.js';
import { asciiId } from '../../markdown/ascii-id.js';
import { decodeUrl } from '../../markdown/decode-url.js';
import { reportError } from '../../report/messages.js';
import type { Rule } from '../context.js';

interface Item {
  kind: string;
  label: string;
  position: Position | undefined;
}

const slugsOf = new WeakMap<Root, string[]>();

/** Heading slugs of a section, in order, to compare anchors by which heading they point at; once per tree. */
function headingSlugs(tree: Root): string[] {
  const known = slugsOf.get(tree);
  if (known) return known;
  const slugger = new GithubSlugger();
  const slugs: string[] = [];
  visit(tree, 'heading', (heading) => void slugs.push(asciiId(slugger.slug(toString(heading)))));
  slugsOf.set(tree, slugs);
  return slugs;
}

/**
 * A link target in a form that is the same in every language: the section file, and for an anchor the number
 * of the heading it points at (the anchor text itself is the translated heading).
 */
function target(url: string, here: string, language: ParsedLanguage): string {
  const [file = '', anchor] = url.split('#', 2);
  const name = file === '' ? here : file.replace(/^\.\//, '');
  if (anchor === undefined) return name;
  const section = language.parsed.get(name);
  const index = section ? headingSlugs(section.tree).indexOf(asciiId(decodeUrl(anchor))) : -1;
  // An anchor that leads nowhere is the link check's to report; here it matches any anchor into the section.
  return index >= 0 ? `${name}#heading-${index + 1}` : `${name}#?`;
}

/**
 * What must be the same in every language and in the same order: headings and their levels, boxes and other
 * directives, images and link targets. (What styles them, such as a box's class, is the styling rule's.)
 */
function outline(tree: Root, here: string, language: ParsedLanguage): Item[] {
  const items: Item[] = [];
  visit(tree, (node) => {
    if (node.type === 'heading') items.push({ kind: `h${node.depth}`, label: `level-${node.depth} heading (${'#'.repeat(node.depth)})`, position: node.position });
    else if (node.type === 'containerDirective' || node.type === 'leafDirective') {
      // A figure's width is part of the layout: a translation keeps it (taking it out moves the pages too).
      const width = node.name === 'figure' && node.attributes?.width ? `{width=${node.attributes.width}}` : '';
      const written = `${node.type === 'containerDirective' ? ':::' : '::'}${node.name}${width}`;
      items.push({ kind: written, label: `\`${written}\``, position: node.position });
    } else if (node.type === 'image') items.push({ kind: `image ${node.url}`, label: `image \`${node.url}\``, position: node.position });
    else if (node.type === 'link' && !/^(https?:|mailto:)/.test(node.url)) items.push({ kind: `link ${target(node.url, here, language)}`, label: `link to \`${node.url}\``, position: node.position });
  });
  return items;
}

/**
 * Structure parity: every section of the source exists in the translation with the same headings, directives,
 * images and link targets in the same order; sections the source does not have are named too.
 */
export const structure: Rule = ({ source, language }) => {
  if (language.lang === source.lang || !language.exists) return;
  const sourceRelative = (name: string) => `brochure/${source.lang}/${name}`;
  for (const [name, { file, tree, unreadable }] of language.parsed) {
    if (!source.parsed.has(name)) {
      reportError(file, `Unexpected section \`${name}\`, the source language has no such file`, {
        ruleId: 'extra-section',
        place: { line: 1, column: 1 },
        hint: `Rename it to match a file of brochure/${source.lang}/, or remove it.`,
      });
      continue;
    }
    // A file that could not be read or passed a limit has that error; comparing its empty tree says nothing.
    if (unreadable || source.parsed.get(name)!.unreadable) continue;
    const expected = outline(source.parsed.get(name)!.tree, name, source);
    const found = outline(tree, name, language);
    const length = Math.max(expected.length, found.length);
    for (let index = 0; index < length; index++) {
      const want = expected[index];
      const have = found[index];
      if (want?.kind === have?.kind) continue;
      if (want && have?.kind.endsWith('#?') && want.kind.startsWith(have.kind.slice(0, -1))) continue;
      const where = want?.position ? `${sourceRelative(name)}:${want.position.start.line}` : sourceRelative(name);
      if (!have) {
        reportError(file, `Missing ${want!.label}, which the source has at ${where}`, { ruleId: 'structure', place: tree.position?.end, hint: 'Translate the missing part, keeping the same Markdown structure as the source.' });
      } else if (!want) {
        reportError(file, `Unexpected ${have.label}, the source has nothing more here`, { ruleId: 'structure', place: have.position, hint: `Compare with ${sourceRelative(name)}: headings, boxes, figures and links must match.` });
      } else {
        reportError(file, `Unexpected ${have.label}, expected ${want.label} as at ${where}`, { ruleId: 'structure', place: have.position, hint: 'Keep the structure of the source: same headings, boxes, figures and links in the same order.' });
      }
      break; // After the first difference the rest is shifted: one message says where to look.
    }
  }
};

/** Every source section must exist in the translation. */
export const missingSections: Rule = ({ source, language }) => {
  if (language.lang === source.lang || !language.exists) return;
  for (const name of source.parsed.keys()) {
    if (language.parsed.has(name)) continue;
    reportError(language.folderFile, `Missing section \`${name}\` in \`${language.lang}\``, {
      ruleId: 'missing-section',
      hint: `Copy brochure/${source.lang}/${name} to brochure/${language.lang}/ and translate it.`,
    });
  }
};
