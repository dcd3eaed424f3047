import type { Segment } from './types.js';

/** How a text is named in messages. */
export function describeSegment(segment: Segment): string {
  const names: Record<Segment['kind'], string> = {
    heading: 'heading',
    paragraph: 'paragraph',
    'list-item': 'list item',
    'table-cell': 'table cell',
    'box-title': 'box title',
    'alt-text': 'alt text',
    caption: 'caption',
    'figure-text': 'figure text',
    'ui-string': `UI string \`${segment.id}\``,
    'document-text': `\`${segment.id}\``,
  };
  return names[segment.kind];
}
