import { DOMImplementation, DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import type { Inline, PlaceholderKind } from './inline.js';
import type { ExchangeUnit } from './units.js';

const NS = 'urn:oasis:names:tc:xliff:document:1.2';

/** XLIFF 1.2 `ctype` of each placeholder kind (bold and italic are the standard's own, the rest `x-`). */
const CTYPE: Record<PlaceholderKind, string> = { bold: 'bold', italic: 'italic', link: 'link', strike: 'x-strike', code: 'x-code', nbsp: 'x-nbsp', break: 'lb', html: 'x-html', footnote: 'x-footnote', image: 'image', variable: 'x-variable', other: 'x-other' };
const INDENT: Record<string, string> = { '<file ': '  ', '</file>': '  ', '<body>': '    ', '</body>': '    ', '<trans-unit ': '      ' };
const KIND = Object.fromEntries(Object.entries(CTYPE).map(([kind, ctype]) => [ctype, kind])) as Record<string, PlaceholderKind>;

/** What an exchange file says of one unit, read back for an import. */
export interface ImportedUnit {
  id: string;
  /** The source as the file has it, to tell whether it was exported from the current source. */
  source: Inline;
  /** Undefined when the unit has no target. */
  target: Inline | undefined;
  /** The file marks the translation as final (XLIFF `state="final"` or `approved="yes"`, a PO entry not fuzzy). */
  final: boolean;
}

/** An exchange file read back: its language and units, or what is wrong with it. */
export interface ImportedFile {
  targetLanguage: string | undefined;
  units: ImportedUnit[];
}

/**
 * Writes units as XLIFF 1.2, which Trados, memoQ, Phrase and OmegaT import: one `<file>` per brochure file,
 * one `<trans-unit>` per text, inline Markdown as `<g>` (around text) and `<x/>` (alone) placeholders, a note
 * with where the text is and, for a source changed since review, what it was.
 */
export function writeXliff(units: ExchangeUnit[], sourceLanguage: string, targetLanguage: string): string {
  const document = new DOMImplementation().createDocument(NS, 'xliff', null);
  const root = document.documentElement!;
  root.setAttribute('version', '1.2');
  const files = new Map<string, Element>();
  for (const unit of units) {
    const name = unit.id.slice(0, unit.id.lastIndexOf('#'));
    let body = files.get(name);
    if (!body) {
      const file = append(document, root, 'file', { original: name, 'source-language': sourceLanguage, 'target-language': targetLanguage, datatype: name.endsWith('.md') ? 'x-markdown' : name.endsWith('.svg') ? 'xml' : 'plaintext' });
      body = append(document, file, 'body', {});
      files.set(name, body);
    }
    const transUnit = append(document, body, 'trans-unit', { id: unit.id, 'xml:space': 'preserve', approved: unit.status === 'final' ? 'yes' : 'no' });
    inlineInto(document, append(document, transUnit, 'source', {}), unit.source);
    if (unit.target.length > 0) inlineInto(document, append(document, transUnit, 'target', { state: unit.status }), unit.target);
    append(document, transUnit, 'note', { from: 'brochure' }).appendChild(document.createTextNode(unit.note));
    if (unit.before !== undefined) append(document, transUnit, 'note', { from: 'brochure', annotates: 'source' }).appendChild(document.createTextNode(`The source changed since the last review; it was: ${unit.before}`));
  }
  // One line per unit, so that the file can be read and compared; text inside the units is left as it is.
  const xml = new XMLSerializer().serializeToString(document).replace(/<(file |\/file>|body>|\/body>|trans-unit |\/xliff>)/g, (tag) => `\n${INDENT[tag] ?? ''}${tag}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`;
}

function append(document: Document, parent: Element, name: string, attributes: Record<string, string>): Element {
  const element = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith('xml:')) element.setAttributeNS('http://www.w3.org/XML/1998/namespace', key, value);
    else element.setAttribute(key, value);
  }
  parent.appendChild(element);
  return element;
}

function inlineInto(document: Document, parent: Element, inline: Inline): void {
  const stack: Element[] = [parent];
  for (const part of inline) {
    const current = stack.at(-1)!;
    if (typeof part === 'string') current.appendChild(document.createTextNode(part));
    else if (part.tag === 'self') append(document, current, 'x', { id: String(part.id), ctype: CTYPE[part.kind] });
    else if (part.tag === 'open') stack.push(append(document, current, 'g', { id: String(part.id), ctype: CTYPE[part.kind] }));
    else if (stack.length > 1) stack.pop();
  }
}

/** Reads an XLIFF 1.2 file back; throws an Error saying what is wrong when it is not one. */
export function readXliff(text: string): ImportedFile {
  // A partner's file is untrusted: no document type (entities that expand or reach outside) is accepted.
  if (/<!DOCTYPE/i.test(text)) throw new Error('the file declares a document type, which an XLIFF file never needs');
  let problem: string | undefined;
  const document = new DOMParser({ onError: (level, message) => void (level !== 'warning' && (problem ??= message)) }).parseFromString(text, 'text/xml');
  if (problem || !document.documentElement || document.documentElement.localName !== 'xliff') throw new Error(`it is not an XLIFF file${problem ? ` (${problem.split('\n')[0]})` : ''}`);
  const units: ImportedUnit[] = [];
  let targetLanguage: string | undefined;
  for (const file of elements(document.documentElement, 'file')) {
    targetLanguage ??= file.getAttribute('target-language') ?? undefined;
    for (const unit of descendants(file, 'trans-unit')) {
      const source = elements(unit, 'source')[0];
      const target = elements(unit, 'target')[0];
      const state = target?.getAttribute('state') ?? '';
      units.push({
        id: unit.getAttribute('id') ?? '',
        source: source ? inlineFrom(source) : [],
        target: target ? inlineFrom(target) : undefined,
        final: unit.getAttribute('approved') === 'yes' || state === 'final' || state === 'signed-off',
      });
    }
  }
  return { targetLanguage, units };
}

function elements(parent: Element, name: string): Element[] {
  return Array.from(parent.childNodes as unknown as Node[]).filter((node): node is Element => node.nodeType === 1 && (node as Element).localName === name);
}

function descendants(parent: Element, name: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(NS, name) as unknown as Element[]);
}

/** An element's text and placeholders; `<mrk>` that tools add around terms or segments is unwrapped. */
function inlineFrom(element: Element): Inline {
  const out: Inline = [];
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes as unknown as Node[])) {
      if (child.nodeType === 3 || child.nodeType === 4) out.push(child.nodeValue ?? '');
      else if (child.nodeType === 1) {
        const tag = child as Element;
        const id = Number(tag.getAttribute('id'));
        const kind = KIND[tag.getAttribute('ctype') ?? ''] ?? 'other';
        if (tag.localName === 'x') out.push({ tag: 'self', id, kind, native: '' });
        else if (tag.localName === 'g') {
          out.push({ tag: 'open', id, kind, native: '' });
          walk(tag);
          out.push({ tag: 'close', id, kind, native: '' });
        } else if (tag.localName === 'mrk') walk(tag);
        else out.push({ tag: 'self', id: Number.NaN, kind: 'other', native: `<${tag.localName}>` });
      }
    }
  };
  walk(element);
  return out;
}
