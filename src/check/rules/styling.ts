import type { Root } from 'mdast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import { parse as parseYaml } from 'yaml';
import { reportError } from '../../report/messages.js';
import type { Rule } from '../context.js';
import { rawTags } from '../raw-tags.js';

interface Styled {
  kind: string;
  label: string;
  position: Position | undefined;
}

/** The `class:` of a section's front matter, which styles the whole section. */
function sectionClass(tree: Root): Styled[] {
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  let value: unknown;
  try {
    value = yaml ? (parseYaml(yaml.value, { maxAliasCount: 50 }) as { class?: unknown } | null)?.class : undefined;
  } catch {
    return []; // A broken front matter is reported with its position when the section is transformed.
  }
  return typeof value === 'string' ? [{ kind: `class ${value}`, label: `front matter \`class: ${value}\``, position: yaml!.position }] : [];
}

/**
 * Everything in a section that styles its text rather than saying it: the section's class, the attributes of
 * boxes and other directives, raw HTML tags with their attributes (words such as `title` aside), code blocks'
 * languages, table alignment and tick boxes.
 */
function styledItems(tree: Root): Styled[] {
  const items = sectionClass(tree);
  visit(tree, (node) => {
    if ((node.type === 'containerDirective' || node.type === 'leafDirective') && Object.keys(node.attributes ?? {}).length > 0) {
      const attributes = Object.entries(node.attributes ?? {}).map(([key, value]) => (key === 'class' ? `.${value}` : `${key}=${value}`)).join(' ');
      const written = `${node.type === 'containerDirective' ? ':::' : '::'}${node.name}{${attributes}}`;
      items.push({ kind: written, label: `\`${written}\``, position: node.position });
    } else if (node.type === 'html') for (const tag of rawTags(node.value)) items.push({ kind: `html ${tag}`, label: `HTML \`${tag}\``, position: node.position });
    else if (node.type === 'code' && node.lang) items.push({ kind: `code ${node.lang}`, label: `code block in \`${node.lang}\``, position: node.position });
    else if (node.type === 'table' && node.align?.some(Boolean)) {
      const align = node.align.map((value) => value ?? 'none').join(',');
      items.push({ kind: `table ${align}`, label: `table aligned ${align}`, position: node.position });
    } else if (node.type === 'listItem' && typeof node.checked === 'boolean') items.push({ kind: 'tick box', label: 'tick box `- [ ]`', position: node.position });
  });
  return items;
}

/**
 * Styling: a translation changes words, never how they look. Everything of a translated section that styles
 * its text (styledItems) must be in the source's section as well; a translation may lack some (an unfinished
 * one does: that is the structure rule's), but never add or change one. Always an error, in drafts too,
 * since a translation could otherwise restyle itself in the preview.
 */
export const styling: Rule = ({ source, language }) => {
  if (language.lang === source.lang || !language.exists) return;
  for (const [name, { file, tree, unreadable }] of language.parsed) {
    const sourceSection = source.parsed.get(name);
    if (!sourceSection || unreadable || sourceSection.unreadable) continue;
    const available = new Map<string, number>();
    for (const item of styledItems(sourceSection.tree)) available.set(item.kind, (available.get(item.kind) ?? 0) + 1);
    for (const item of styledItems(tree)) {
      const left = available.get(item.kind) ?? 0;
      if (left > 0) {
        available.set(item.kind, left - 1);
        continue;
      }
      reportError(file, `Unexpected ${item.label}, which brochure/${source.lang}/${name} does not have`, {
        ruleId: 'styling',
        place: item.position,
        hint: 'A translation changes only the words: write boxes, classes, HTML and tables as the source does.',
      });
    }
  }
};
