import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { nameOf, numbersOf, parseOperations } from './content-operations.js';
import { formsOf, pageContents, type ContentStream } from './content-streams.js';

/** A fill colour as the content sets it: its colour space family and components. */
export interface FillColour {
  space: 'DeviceGray' | 'DeviceRGB' | 'DeviceCMYK' | 'Other';
  values: number[];
}

/** What one page draws in which colour, read from its content and the forms it draws. */
export interface PageColours {
  /** Page number, from 1. */
  page: number;
  /** Text by fill colour (key `DeviceCMYK 0 0 0 0.93`), with how many text-showing operators use it. */
  text: Map<string, { colour: FillColour; count: number }>;
  /** Colour operators and images in RGB, by what they are (`rg`, `RG`, `image Im1`, `colour space CS0`). */
  rgb: string[];
}

/** The colour space family that an operator's space name or a resource stands for. */
function family(document: PDFDocument, name: string, resources: PDFDict | undefined): FillColour['space'] {
  if (name === '/DeviceGray' || name === '/G') return 'DeviceGray';
  if (name === '/DeviceRGB' || name === '/RGB') return 'DeviceRGB';
  if (name === '/DeviceCMYK' || name === '/CMYK') return 'DeviceCMYK';
  const resource = resources?.lookupMaybe(PDFName.of('ColorSpace'), PDFDict)?.get(PDFName.of(name.slice(1)));
  return describe(document, resource);
}

function describe(document: PDFDocument, value: PDFObject | undefined): FillColour['space'] {
  const resolved = value instanceof PDFRef ? document.context.lookup(value) : value;
  if (resolved instanceof PDFName) return family(document, String(resolved), undefined);
  if (!(resolved instanceof PDFArray)) return 'Other';
  const kind = String(resolved.get(0));
  if (kind === '/ICCBased') {
    const stream = document.context.lookup(resolved.get(1));
    const components = stream instanceof PDFRawStream ? Number(String(stream.dict.get(PDFName.of('N')))) : 0;
    return components === 1 ? 'DeviceGray' : components === 3 ? 'DeviceRGB' : components === 4 ? 'DeviceCMYK' : 'Other';
  }
  if (kind === '/Indexed') return describe(document, resolved.get(1)) === 'DeviceRGB' ? 'DeviceRGB' : 'Other';
  return 'Other';
}

/**
 * Reads every page's content with its graphics state (q/Q), following the forms it draws (Do), and notes the fill
 * colour of each piece of text and every use of RGB (operators, colour spaces, images).
 */
export function pageColours(document: PDFDocument): PageColours[] {
  return document.getPages().map((page, index) => {
    const result: PageColours = { page: index + 1, text: new Map(), rgb: [] };
    const walk = (content: ContentStream, resources: PDFDict | undefined, start: FillColour, depth: number) => {
      let fill = start;
      const stack: FillColour[] = [];
      const forms = formsOf(document, resources);
      for (const operation of parseOperations(content.text)) {
        const { operator } = operation;
        switch (operator) {
          case 'q':
            stack.push(fill);
            break;
          case 'Q':
            fill = stack.pop() ?? fill;
            break;
          case 'g':
            fill = { space: 'DeviceGray', values: numbersOf(operation) };
            break;
          case 'rg':
            fill = { space: 'DeviceRGB', values: numbersOf(operation) };
            result.rgb.push('rg');
            break;
          case 'RG':
            result.rgb.push('RG');
            break;
          case 'k':
            fill = { space: 'DeviceCMYK', values: numbersOf(operation) };
            break;
          case 'cs':
          case 'CS': {
            const space = family(document, nameOf(operation), resources);
            if (space === 'DeviceRGB') result.rgb.push(`colour space ${nameOf(operation).slice(1)}`);
            if (operator === 'cs') fill = { space, values: [] };
            break;
          }
          case 'sc':
          case 'scn':
            fill = { space: fill.space, values: numbersOf(operation) };
            break;
          case 'Tj':
          case 'TJ':
          case "'":
          case '"': {
            const key = `${fill.space} ${fill.values.join(' ')}`;
            const entry = result.text.get(key) ?? { colour: fill, count: 0 };
            entry.count++;
            result.text.set(key, entry);
            break;
          }
          case 'Do': {
            const name = nameOf(operation);
            const form = forms.get(name);
            // Forms inside forms inside forms: deep enough for any real page, and no endless loop on a broken file.
            if (form && depth < 8) walk(form, form.resources ?? resources, fill, depth + 1);
            else if (!form) imageSpace(name, resources);
            break;
          }
        }
      }
    };
    const imageSpace = (name: string, resources: PDFDict | undefined) => {
      const image = document.context.lookup(resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.get(PDFName.of(name.slice(1))));
      if (image instanceof PDFRawStream && describe(document, image.dict.get(PDFName.of('ColorSpace'))) === 'DeviceRGB') result.rgb.push(`image ${name.slice(1)}`);
    };
    for (const content of pageContents(document, page)) walk(content, page.node.Resources(), { space: 'DeviceGray', values: [0] }, 0);
    return result;
  });
}
