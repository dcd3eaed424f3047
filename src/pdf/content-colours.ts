/** The device colour space each colour operator of page content sets: fill and stroke. */
const OPERATORS: Record<string, { space: string; operands: number }> = {
  rg: { space: 'DeviceRGB', operands: 3 },
  RG: { space: 'DeviceRGB', operands: 3 },
  k: { space: 'DeviceCMYK', operands: 4 },
  K: { space: 'DeviceCMYK', operands: 4 },
  g: { space: 'DeviceGray', operands: 1 },
  G: { space: 'DeviceGray', operands: 1 },
};

const OPERATOR = /(?<=\s)(rg|RG|k|K|g|G)(?=\s)/g;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * The device colour spaces a content stream paints in, from its colour operators (an operator counts when the
 * right number of numbers come before it, so that letters inside text do not). One pass over the stream,
 * stopping once every space has been seen: content streams of a book run to megabytes.
 */
export function contentColourSpaces(content: string, into = new Set<string>()): Set<string> {
  OPERATOR.lastIndex = 0;
  for (const match of content.matchAll(OPERATOR)) {
    const { space, operands } = OPERATORS[match[1]!]!;
    if (into.has(space)) continue;
    const before = content.slice(Math.max(0, match.index - 64), match.index).trim().split(/\s+/);
    if (before.length >= operands && before.slice(-operands).every((token) => NUMBER.test(token))) into.add(space);
    if (into.size === 3) break;
  }
  return into;
}
