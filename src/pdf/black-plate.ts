import type { PDFDict, PDFDocument } from '@cantoo/pdf-lib';
import { numbersOf, parseOperations } from './content-operations.js';
import { formsOf, pageContents, replaceStream, type ContentStream } from './content-streams.js';
import { blackOfLightness, cmykToLab, srgbLightness } from './icc-lookup.js';

/** The custom property of templates/style.css that lists the colours printed on the black plate only. */
export const BLACK_ONLY_PROPERTY = '--press-black-only';

/** The stylesheet's list of black-only colours cannot be read; the message names the property and the entry. */
export class BlackPlateError extends Error {
  override name = 'BlackPlateError';
}

/**
 * The colours the stylesheet asks to print on the black plate only (`--press-black-only: var(--text), #8a9a93;`),
 * as lower-case `#rrggbb`; `var(--name)` is resolved from the stylesheet's own custom properties. Empty when the
 * property is absent: then every colour goes through the profile.
 */
export function blackOnlyColours(stylesheet: string): string[] {
  const properties = new Map<string, string>();
  const css = stylesheet.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of css.matchAll(/(--[\w-]+)\s*:\s*([^;}]+)/g)) if (!properties.has(match[1]!)) properties.set(match[1]!, match[2]!.trim());
  const list = properties.get(BLACK_ONLY_PROPERTY);
  if (list === undefined) return [];
  const resolve = (value: string, seen: Set<string>): string => {
    const reference = /^var\(\s*(--[\w-]+)\s*\)$/.exec(value);
    if (!reference) return value;
    const name = reference[1]!;
    const target = properties.get(name);
    if (target === undefined || seen.has(name)) {
      throw new BlackPlateError(`Cannot find the colour \`${name}\` named in \`${BLACK_ONLY_PROPERTY}\` of templates/style.css; define it in \`:root\` or write the colour as #rrggbb.`);
    }
    return resolve(target, new Set([...seen, name]));
  };
  return list.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const colour = resolve(entry, new Set()).toLowerCase();
    const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(colour);
    if (short) return `#${short[1]!.repeat(2)}${short[2]!.repeat(2)}${short[3]!.repeat(2)}`;
    if (/^#[0-9a-f]{6}$/.test(colour)) return colour;
    throw new BlackPlateError(`Unexpected \`${entry}\` in \`${BLACK_ONLY_PROPERTY}\` of templates/style.css, expected colours written #rrggbb or var(--name), separated by commas.`);
  });
}

/**
 * For each colour, the black-only tint (K from 0 to 1, whole percent) of the same lightness on the printing
 * condition's paper, read from its profile: #33403b becomes K 93 % on coated paper (FOGRA39).
 */
export function blackTints(colours: string[], profile: Uint8Array): Map<string, number> {
  const lookup = cmykToLab(profile);
  return new Map(colours.map((colour) => [colour, Math.round(blackOfLightness(lookup, srgbLightness(colour)) * 100) / 100]));
}

/** `#rrggbb` of an RGB colour operator's operands (0 to 1), as Chromium writes them (four decimals of n/255). */
function hexOf(operands: number[]): string | undefined {
  if (operands.length !== 3 || !operands.every((value) => value >= 0 && value <= 1)) return undefined;
  return `#${operands.map((value) => Math.round(value * 255).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Rewrites the RGB fill and stroke colours (`rg`, `RG`) that `tints` names into black-only CMYK (`0 0 0 K k`) in
 * every page's content and in the forms the pages draw, so that Ghostscript, which leaves DeviceCMYK as it is,
 * puts them on the black plate alone. Changes `document` (a copy the caller owns); returns how many colour
 * operators were rewritten.
 */
export function moveToBlackPlate(document: PDFDocument, tints: Map<string, number>): number {
  if (tints.size === 0) return 0;
  let rewritten = 0;
  const done = new Set<string>();
  const rewrite = (content: ContentStream, resources: PDFDict | undefined) => {
    const key = content.ref.toString();
    if (done.has(key)) return;
    done.add(key);
    let text = '';
    let last = 0;
    for (const operation of parseOperations(content.text)) {
      const { operator } = operation;
      if (operator !== 'rg' && operator !== 'RG') continue;
      const black = tints.get(hexOf(numbersOf(operation)) ?? '');
      if (black === undefined) continue;
      text += `${content.text.slice(last, operation.begin)}0 0 0 ${black} ${operator === 'rg' ? 'k' : 'K'}`;
      last = operation.end;
      rewritten++;
    }
    if (last > 0) replaceStream(document, content, text + content.text.slice(last));
    for (const form of formsOf(document, resources).values()) rewrite(form, form.resources);
  };
  for (const page of document.getPages()) {
    for (const content of pageContents(document, page)) rewrite(content, page.node.Resources());
  }
  return rewritten;
}
