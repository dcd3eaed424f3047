import type { Root, Paragraph, PhrasingContent, Image } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import { reportError } from '../report/messages.js';
import { FIGURE_WIDTHS } from './figure-widths.js';

/** The block directives a brochure may use, with their syntax for messages. */
const BLOCKS = {
  callout: ':::callout[Title]{.tip icon=name}',
  figure: ':::figure',
  columns: ':::columns',
  pagebreak: '::pagebreak',
} as const;

const CALLOUT_KINDS = new Set(['tip', 'note', 'example']);
/** A language tag for `:lang[…]{en}`, as brochure.yaml writes them. */
const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const ICON_NAME = /^[a-z0-9-]+$/;

export interface RemarkBrochureDirectivesOptions {
  /** Path of the icons folder relative to the Markdown file, such as `../../assets/icons`. */
  iconsPath: string;
}

type BlockDirective = ContainerDirective | LeafDirective;

/**
 * Turns the brochure's directives (callout boxes, figures with captions, columns, page breaks) into the
 * elements the templates style; an unknown directive is an error, and inline `:name` text that
 * remark-directive mistook for a directive is put back as text.
 */
export default function remarkBrochureDirectives(options: RemarkBrochureDirectivesOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (node.type === 'textDirective' && node.name === 'lang') {
        language(node, file);
        return undefined;
      }
      if (node.type === 'textDirective' && parent && index !== undefined) {
        parent.children.splice(index, 1, ...restoreText(node, file));
        return [SKIP, index];
      }
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective') return undefined;
      const expected = node.name in BLOCKS ? BLOCKS[node.name as keyof typeof BLOCKS] : undefined;
      const isContainer = node.type === 'containerDirective';
      if (!expected || expected.startsWith(':::') !== isContainer) {
        const written = `${isContainer ? ':::' : '::'}${node.name}`;
        reportError(file, `Unexpected directive \`${written}\`, expected one of ${Object.values(BLOCKS).map((s) => `\`${s}\``).join(', ')}`, {
          ruleId: 'directive',
          place: node.position,
          hint: suggest(node.name, isContainer),
        });
        return SKIP;
      }
      if (node.name === 'callout') callout(node as ContainerDirective, file, options);
      else if (node.name === 'figure') figure(node as ContainerDirective, file);
      else if (node.name === 'columns') setElement(node, 'div', ['columns']);
      else setElement(node, 'div', ['page-break']);
      return undefined;
    });
  };
}

function setElement(node: BlockDirective, tagName: string, classes: string[], extra: Record<string, string> = {}): void {
  node.data = { ...node.data, hName: tagName, hProperties: { className: classes, ...extra } };
  if (node.type === 'leafDirective') node.children = [];
}

function callout(node: ContainerDirective, file: VFile, options: RemarkBrochureDirectivesOptions): void {
  const attributes = node.attributes ?? {};
  const kinds = (attributes.class ?? '').split(/\s+/).filter(Boolean);
  for (const kind of kinds) {
    if (!CALLOUT_KINDS.has(kind)) {
      reportError(file, `Unexpected callout class \`.${kind}\`, expected one of ${[...CALLOUT_KINDS].map((k) => `\`.${k}\``).join(', ')}`, {
        ruleId: 'directive',
        place: node.position,
      });
    }
  }
  for (const key of Object.keys(attributes)) {
    if (key !== 'class' && key !== 'icon') {
      reportError(file, `Unexpected callout attribute \`${key}\`, expected \`icon\` or a class`, {
        ruleId: 'directive',
        place: node.position,
        hint: 'Write it as `:::callout[Title]{.tip icon=savings}`.',
      });
    }
  }
  setElement(node, 'aside', ['callout', ...kinds.map((kind) => `callout-${kind}`)]);
  const label = takeLabel(node);
  const icon = attributes.icon;
  if (icon !== undefined && icon !== null && !ICON_NAME.test(icon)) {
    reportError(file, `Unexpected icon name \`${icon}\`, expected a file name without extension from assets/icons/`, {
      ruleId: 'directive',
      place: node.position,
    });
  }
  if (!label && !icon) return;
  const heading: PhrasingContent[] = [];
  if (icon && ICON_NAME.test(icon)) {
    const image: Image = { type: 'image', url: `${options.iconsPath}/${icon}.svg`, alt: '', position: node.position };
    image.data = { hProperties: { className: ['callout-icon'] } };
    heading.push(image);
  }
  if (label) heading.push({ type: 'strong', children: label.children, data: { hName: 'span' } });
  node.children.unshift({
    type: 'paragraph',
    children: heading,
    position: label?.position ?? node.position,
    // The title is laid out as a flex box, and Chromium drops the paragraph role of a flex <p> from the tagged
    // PDF (its text would hang loose in the box); the explicit role keeps it a P.
    data: { hProperties: { className: ['callout-title'], role: 'paragraph' } },
  });
}

/**
 * `:lang[text]{en}` marks a passage in another language (the English title of a work in a translation), so that
 * screen readers switch voice and the tagged PDF carries its /Lang. Chromium makes the PDF's tags from its
 * accessibility tree, which leaves a plain span out, and its language with it; `aria-hidden="false"` (the
 * default, so it changes nothing for readers) keeps the span in. `role="generic"` would too, but authors may
 * not write that role (axe-core: aria-roles).
 */
function language(node: TextDirective, file: VFile): void {
  const codes = Object.keys(node.attributes ?? {});
  const code = codes[0];
  if (codes.length !== 1 || !code || !LANGUAGE_CODE.test(code) || (node.attributes?.[code] ?? '') !== '') {
    reportError(file, `Unexpected \`:lang\` ${codes.length === 0 ? 'without a language' : `attributes \`{${codes.join(' ')}}\``}, expected a language code such as \`:lang[text]{en}\``, {
      ruleId: 'directive',
      place: node.position,
      hint: 'Write the passage in brackets and its language in braces: `:lang[*The European Green Deal*]{en}`.',
    });
  }
  node.data = { ...node.data, hName: 'span', hProperties: code && LANGUAGE_CODE.test(code) ? { lang: code, ariaHidden: 'false' } : {} };
}

function figure(node: ContainerDirective, file: VFile): void {
  const attributes = node.attributes ?? {};
  const widths = FIGURE_WIDTHS.map((width) => `${width}%`).join('`, `');
  for (const key of Object.keys(attributes).filter((name) => name !== 'width')) {
    reportError(file, `Unexpected figure attribute \`${key}\`, expected \`width\``, { ruleId: 'directive', place: node.position, hint: `Write \`:::figure{width=50%}\`, with one of \`${widths}\`.` });
  }
  const width = attributes.width === undefined || attributes.width === null ? undefined : /^(\d+)%$/.exec(attributes.width)?.[1];
  const known = width !== undefined && (FIGURE_WIDTHS as readonly number[]).includes(Number(width));
  if (attributes.width !== undefined && attributes.width !== null && !known) {
    reportError(file, `Unexpected figure width \`${attributes.width}\`, expected one of \`${widths}\``, { ruleId: 'directive', place: node.position, hint: 'The width is a share of the text column: `:::figure{width=50%}` is half of it.' });
  }
  setElement(node, 'figure', ['figure', ...(known ? [`figure-width-${width}`] : [])]);
  const first = node.children[0];
  const image = first?.type === 'paragraph' ? first.children.find((child) => child.type === 'image') : undefined;
  if (!first || !image) {
    reportError(file, 'Missing image in `:::figure`, expected an image `![Alt text](path)` as its first line', {
      ruleId: 'directive',
      place: node.position,
      hint: 'Put the image first, a blank line, then the caption, and close with `:::`.',
    });
    return;
  }
  const caption = node.children.slice(1);
  node.children = [first];
  first.data = { hName: 'div', hProperties: { className: ['figure-media'] } };
  if (caption.length > 0) {
    // An mdast node of its own type: remark-rehype turns it into the element named by hName.
    node.children.push({ type: 'figcaption', children: caption, data: { hName: 'figcaption' } } as unknown as Paragraph);
  }
}

function takeLabel(node: ContainerDirective): Paragraph | undefined {
  const first = node.children[0];
  if (first?.type === 'paragraph' && first.data?.directiveLabel) {
    node.children.shift();
    return first;
  }
  return undefined;
}

/** Text such as `ratio 3:1` or `Note:see` is not meant as a directive: put back what was written. */
function restoreText(node: TextDirective, file: VFile): PhrasingContent[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const value = start !== undefined && end !== undefined ? String(file.value).slice(start, end) : `:${node.name}`;
  return [{ type: 'text', value, position: node.position }];
}

function suggest(name: string, isContainer: boolean): string {
  const known = Object.keys(BLOCKS).find((key) => key.startsWith(name.slice(0, 3)) || name.startsWith(key.slice(0, 3)));
  if (known) return `Did you mean \`${BLOCKS[known as keyof typeof BLOCKS]}\`?`;
  return isContainer ? 'Close every `:::` block with a line `:::`, and use only the directives listed.' : 'Use only the directives listed.';
}
