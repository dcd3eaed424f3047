/** One operator of a content stream with its operands, as offsets into the stream's text. */
export interface Operation {
  operator: string;
  /** Where the operands start (the end of the previous operation). */
  start: number;
  /** Just after the operator. */
  end: number;
  /** The operands as written, such as `/P <</MCID 3>>` for BDC. */
  readonly operands: string;
  /** Where the operation's own text begins: its first operand (or its operator), past the white space before it. */
  readonly begin: number;
}

/** Character classes of PDF syntax: white space and delimiters end a word. */
const WHITE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const code of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[code] = WHITE;
for (const char of '()<>[]{}/%') CLASS[char.charCodeAt(0)] = DELIMITER;
const NUMBER_START = /[0-9+\-.]/;

/** An operation whose operands are cut from the text only when asked for: most never are. */
class ParsedOperation implements Operation {
  constructor(
    private readonly text: string,
    readonly operator: string,
    readonly start: number,
    readonly end: number,
    private readonly operatorStart: number,
  ) {}

  get operands(): string {
    return this.text.slice(this.start, this.operatorStart).trim();
  }

  get begin(): number {
    const before = this.text.slice(this.start, this.operatorStart);
    return this.start + before.length - before.trimStart().length;
  }
}

/**
 * Splits a content stream (as latin1 text) into its operations. Strings, hex strings, names, arrays and
 * inline dictionaries are skipped as operands; inline images (BI … ID … EI) are one operation. Pages have tens
 * of thousands of operators, so nothing is cut out of the text that is not needed.
 */
export function parseOperations(text: string): Operation[] {
  const operations: Operation[] = [];
  let operandsStart = 0;
  let index = 0;
  const length = text.length;
  const wordEnd = (from: number) => {
    let position = from;
    while (position < length && CLASS[text.charCodeAt(position) & 0xff] === 0) position++;
    return position;
  };
  while (index < length) {
    const code = text.charCodeAt(index);
    const kind = CLASS[code & 0xff];
    if (kind === WHITE) {
      index++;
    } else if (code === 0x25 /* % */) {
      while (index < length && text[index] !== '\n' && text[index] !== '\r') index++;
    } else if (code === 0x28 /* ( */) {
      index = skipLiteralString(text, index);
    } else if ((code === 0x3c || code === 0x3e) && text.charCodeAt(index + 1) === code) {
      index += 2; // << or >>
    } else if (code === 0x3c /* < */) {
      index = text.indexOf('>', index) + 1 || length;
    } else if (code === 0x2f /* / */) {
      index = wordEnd(index + 1);
    } else if (kind === DELIMITER) {
      index++; // [ ] { } >, or a stray ): skipped, never looped on.
    } else {
      const start = index;
      index = wordEnd(index);
      // Numbers are operands: skipped without being cut out.
      if (NUMBER_START.test(text[start]!)) continue;
      const word = text.slice(start, index);
      if (word === 'true' || word === 'false' || word === 'null') continue;
      if (word === 'BI') index = skipInlineImage(text, index);
      operations.push(new ParsedOperation(text, word, operandsStart, index, start));
      operandsStart = index;
    }
  }
  return operations;
}

function skipLiteralString(text: string, index: number): number {
  let depth = 0;
  for (let position = index; position < text.length; position++) {
    const char = text[position];
    if (char === '\\') position++;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return position + 1;
  }
  return text.length;
}

/** From just after BI to just after EI: the image data is binary and may contain anything but `EI` between white space. */
function skipInlineImage(text: string, index: number): number {
  const data = text.indexOf('ID', index);
  if (data < 0) return text.length;
  const end = /\sEI(?=[\s\0]|$)/g;
  end.lastIndex = data + 3;
  const match = end.exec(text);
  return match ? match.index + 3 : text.length;
}

/** The MCID of a BDC's properties when written inline (`/P <</MCID 3>>`), else undefined. */
export function mcidOf(operation: Operation): number | undefined {
  const match = /\/MCID\s+(\d+)/.exec(operation.operands);
  return match ? Number(match[1]) : undefined;
}

/** The tag of a BMC or BDC (`/Artifact` -> `Artifact`). */
export function tagOf(operation: Operation): string {
  return /^\/([^\s/<[(]+)/.exec(operation.operands)?.[1] ?? '';
}

/** Operand tokens: names (`/CS0`) and other words (numbers); strings, arrays and dictionaries are not looked into. */
const TOKEN = /\/[^\s()<>[\]{}/%]*|[^\s()<>[\]{}/%]+/g;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** The numbers among an operation's operands, in order (`0.2 0.4 0.6` of `rg`, the components of `scn`). */
export function numbersOf(operation: Operation): number[] {
  return (operation.operands.match(TOKEN) ?? []).filter((token) => NUMBER.test(token)).map(Number);
}

/** The operation's first operand when it is a name (`/CS0` of `cs`, `/Fm1` of `Do`), else ''. */
export function nameOf(operation: Operation): string {
  const first = operation.operands.match(TOKEN)?.[0] ?? '';
  return first.startsWith('/') ? first : '';
}
