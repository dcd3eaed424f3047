import { PDFArray, PDFDict, PDFName, PDFString, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { entriesOf, structTreeRoot, textOf, walkElements } from './structure-tree.js';

/** An element ID as Chromium writes it: `node` and the DOM node's number, eight digits. */
const NODE_ID = /^node(\d{8})$/;

const name = (key: string) => PDFName.of(key);

/**
 * Numbers the structure elements' IDs from 1, in the order of Chromium's numbers: the /ID of each element, the
 * /Headers of table cells that point at them, and the StructTreeRoot's /IDTree. Chromium numbers DOM nodes
 * across every document its renderer process laid out, so the same HTML printed in a page that printed another
 * document first would give another PDF. The IDs keep their form and their order (the IDTree stays sorted).
 * Returns how many IDs there are.
 */
export function renumberElementIds(document: PDFDocument): number {
  const root = structTreeRoot(document);
  if (!root) return 0;
  const strings: Array<{ holder: PDFDict | PDFArray; key: PDFName | number; number: number }> = [];
  const note = (holder: PDFDict | PDFArray, key: PDFName | number, value: PDFObject | undefined) => {
    const match = NODE_ID.exec(textOf(value) ?? '');
    if (match) strings.push({ holder, key, number: Number(match[1]) });
  };
  walkElements(document, ({ dict }) => {
    note(dict, name('ID'), dict.get(name('ID')));
    for (const attributes of entriesOf(document, dict.get(name('A')))) {
      const headers = attributes instanceof PDFDict ? document.context.lookup(attributes.get(name('Headers'))) : undefined;
      if (headers instanceof PDFArray) headers.asArray().forEach((header, index) => note(headers, index, header));
    }
  });
  const visitTree = (node: PDFObject | undefined) => {
    const tree = document.context.lookup(node);
    if (!(tree instanceof PDFDict)) return;
    for (const key of ['Names', 'Limits']) {
      const entries = document.context.lookup(tree.get(name(key)));
      // /Names alternates keys and values; /Limits holds two keys.
      if (entries instanceof PDFArray) entries.asArray().forEach((entry, index) => (key === 'Limits' || index % 2 === 0) && note(entries, index, entry));
    }
    for (const kid of entriesOf(document, tree.get(name('Kids')))) visitTree(kid);
  };
  visitTree(root.get(name('IDTree')));
  const numbers = [...new Set(strings.map((entry) => entry.number))].sort((a, b) => a - b);
  const renumbered = new Map(numbers.map((number, index) => [number, PDFString.of(`node${String(index + 1).padStart(8, '0')}`)]));
  for (const { holder, key, number } of strings) {
    if (holder instanceof PDFDict) holder.set(key as PDFName, renumbered.get(number)!);
    else holder.set(key as number, renumbered.get(number)!);
  }
  return numbers.length;
}
