/** An operand of a content-stream operator: a number, a name (`/F1`), a string or dictionary (raw), or an array. */
export type Operand = number | string | Operand[];

/** One operator of a content stream with its operands and where it stands in the text. */
export interface Operation {
  operator: string;
  operands: Operand[];
  /** Offset of the first operand (or of the operator when it has none). */
  start: number;
  /** Offset just after the operator. */
  end: number;
}

const WHITESPACE = /[\0\t\n\f\r ]/;
const DELIMITER = /[\0\t\n\f\r ()<>[\]{}/%]/;

/**
 * Splits a page's content stream (decoded, as latin1 text) into operations. Strings and dictionaries are kept as
 * raw text, so that nothing inside them (text, marked-content properties) is taken for an operator; inline images
 * are skipped whole.
 */
export function* contentOperations(text: string): Generator<Operation> {
  let index = 0;
  let operands: Operand[] = [];
  let start = -1;
  const stack: Operand[][] = [];
  const push = (value: Operand, at: number) => {
    if (stack.length > 0) stack[stack.length - 1]!.push(value);
    else {
      if (operands.length === 0) start = at;
      operands.push(value);
    }
  };
  while (index < text.length) {
    const char = text[index]!;
    if (WHITESPACE.test(char)) {
      index++;
    } else if (char === '%') {
      while (index < text.length && text[index] !== '\n' && text[index] !== '\r') index++;
    } else if (char === '(') {
      const at = index;
      index = skipLiteralString(text, index);
      push(text.slice(at, index), at);
    } else if (text.startsWith('<<', index)) {
      const at = index;
      index = skipDictionary(text, index);
      push(text.slice(at, index), at);
    } else if (char === '<') {
      const at = index;
      index = text.indexOf('>', index) + 1 || text.length;
      push(text.slice(at, index), at);
    } else if (char === '[') {
      if (stack.length === 0 && operands.length === 0) start = index;
      stack.push([]);
      index++;
    } else if (char === ']') {
      const array = stack.pop() ?? [];
      index++;
      if (stack.length > 0) stack[stack.length - 1]!.push(array);
      else operands.push(array);
    } else {
      const at = index;
      index++;
      while (index < text.length && !DELIMITER.test(text[index]!)) index++;
      const token = text.slice(at, index);
      if (char === '/') push(token, at);
      else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) push(Number(token), at);
      else if (stack.length > 0) stack[stack.length - 1]!.push(token);
      else {
        yield { operator: token, operands, start: operands.length > 0 ? start : at, end: index };
        operands = [];
        if (token === 'BI') index = skipInlineImage(text, index);
      }
    }
  }
}

function skipLiteralString(text: string, index: number): number {
  let depth = 0;
  for (; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return index + 1;
  }
  return index;
}

function skipDictionary(text: string, index: number): number {
  let depth = 0;
  while (index < text.length) {
    if (text.startsWith('<<', index)) {
      depth++;
      index += 2;
    } else if (text.startsWith('>>', index)) {
      index += 2;
      if (--depth === 0) return index;
    } else if (text[index] === '(') {
      index = skipLiteralString(text, index);
    } else {
      index++;
    }
  }
  return index;
}

/** After `BI`: past the image data and its `EI`. */
function skipInlineImage(text: string, index: number): number {
  const data = text.indexOf('ID', index);
  if (data < 0) return text.length;
  const end = /\sEI(?=[\s]|$)/g;
  end.lastIndex = data + 3;
  const match = end.exec(text);
  return match ? match.index + match[0].length : text.length;
}
