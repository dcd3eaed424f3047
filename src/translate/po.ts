import { po, type GetTextTranslation } from 'gettext-parser';
import type { Inline, PlaceholderKind } from './inline.js';
import type { ExchangeUnit } from './units.js';
import type { ImportedFile, ImportedUnit } from './xliff.js';

/**
 * Placeholders in PO text, which has no markup of its own: `<g1>…</g1>` around text and `<x2/>` alone, as in
 * XLIFF; a literal `<` or `&` of the text is written `&lt;` and `&amp;`. Weblate checks such XML-like tags.
 */
function toPoText(inline: Inline): string {
  return inline
    .map((part) => {
      if (typeof part === 'string') return part.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      return part.tag === 'self' ? `<x${part.id}/>` : part.tag === 'open' ? `<g${part.id}>` : `</g${part.id}>`;
    })
    .join('');
}

function fromPoText(text: string, kinds: ReadonlyMap<number, PlaceholderKind>): Inline {
  const out: Inline = [];
  let last = 0;
  for (const match of text.matchAll(/<(\/?)([gx])(\d+)(\/?)>/g)) {
    if (match.index > last) out.push(unescape(text.slice(last, match.index)));
    const id = Number(match[3]);
    const kind = kinds.get(id) ?? 'other';
    if (match[2] === 'x') out.push({ tag: 'self', id, kind, native: '' });
    else out.push({ tag: match[1] ? 'close' : 'open', id, kind, native: '' });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(unescape(text.slice(last)));
  return out;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}

/**
 * Writes units as a PO file (Weblate, Poedit): the unit id as msgctxt, where the text is as reference and
 * comment, a changed source's earlier text as the previous msgid, and `fuzzy` for a text that needs review.
 */
export function writePo(units: ExchangeUnit[], sourceLanguage: string, targetLanguage: string): string {
  const translations: Record<string, Record<string, GetTextTranslation>> = { '': { '': { msgid: '', msgstr: [''] } } };
  for (const unit of units) {
    const msgid = toPoText(unit.source);
    const flags = [unit.status !== 'final' && unit.target.length > 0 ? 'fuzzy' : '', 'xml-text'].filter(Boolean).join(', ');
    translations[unit.id] = {
      [msgid]: {
        msgctxt: unit.id,
        msgid,
        msgstr: [toPoText(unit.target)],
        comments: {
          extracted: unit.note,
          reference: unit.note.split(', ').at(-1)!.split(';')[0]!,
          flag: flags,
          ...(unit.before !== undefined ? { previous: `msgid ${JSON.stringify(unit.before)}` } : {}),
        },
      },
    };
  }
  const headers = { 'Content-Type': 'text/plain; charset=UTF-8', Language: targetLanguage, 'X-Source-Language': sourceLanguage, 'X-Generator': 'brochure-pipeline' };
  return po.compile({ charset: 'utf-8', headers, translations }, { foldLength: 0 }).toString('utf8');
}

/** Reads a PO file back; the placeholders' kinds come from the source text of each entry. */
export function readPo(text: string): ImportedFile {
  const table = po.parse(text, { validation: false });
  const units: ImportedUnit[] = [];
  for (const [context, entries] of Object.entries(table.translations)) {
    for (const entry of Object.values(entries)) {
      if (entry.msgid === '' && context === '') continue;
      const kinds = new Map<number, PlaceholderKind>();
      const target = entry.msgstr[0] ?? '';
      units.push({
        id: entry.msgctxt ?? context,
        source: fromPoText(entry.msgid, kinds),
        target: target === '' ? undefined : fromPoText(target, kinds),
        final: target !== '' && !(entry.comments?.flag ?? '').split(',').map((flag) => flag.trim()).includes('fuzzy'),
      });
    }
  }
  return { targetLanguage: table.headers.Language || undefined, units };
}
