import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { figureSegments } from '../../src/translate/data-segments.js';
import { inlineOfString } from '../../src/translate/inline.js';
import { renumber } from '../../src/translate/units.js';

describe('translation units', () => {
  it('a translation that leaves out a variable keeps the ids of those it has (`{{year}}` stays `{{year}}`)', () => {
    const source = inlineOfString('Edition {{version}}, {{year}}');
    const target = renumber(source, inlineOfString('Прво издание, {{year}}'));
    const ids = (inline: typeof source) => inline.filter((part) => typeof part !== 'string').map((part) => [part.id, part.native]);
    expect(ids(source)).toEqual([[1, '{{version}}'], [2, '{{year}}']]);
    expect(ids(target)).toEqual([[2, '{{year}}']]);
  });

  it('an SVG label on two lines (tspans) is one text with a line break, which knows the markup between its lines', () => {
    const svg = '<svg><text x="1">Collect</text><text x="2"><tspan x="2">Repair and</tspan><tspan x="2" dy="14">reuse</tspan></text></svg>';
    const file = new VFile({ path: path.join('/project', 'brochure', 'mk', 'figures', 'x.svg'), value: svg });
    const segments = figureSegments(file, 'figures/x.svg');
    expect(segments.map((segment) => segment.text)).toEqual(['Collect', 'Repair and\nreuse']);
    expect(segments[1]!.lineBreaks).toEqual(['</tspan><tspan x="2" dy="14">']);
    expect(svg.slice(segments[1]!.start, segments[1]!.end)).toBe('Repair and</tspan><tspan x="2" dy="14">reuse');
  });
});
