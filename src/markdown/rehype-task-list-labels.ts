import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

/**
 * Gives each tick box of a checklist (GFM task list) the text of its item as accessible name: screen readers
 * and accessibility checkers otherwise meet an unlabelled form field.
 */
export default function rehypeTaskListLabels() {
  return (tree: Root) => {
    visit(tree, 'element', (item: Element) => {
      const classes = Array.isArray(item.properties.className) ? item.properties.className : [];
      if (item.tagName !== 'li' || !classes.includes('task-list-item')) return;
      const box = item.children.find((child): child is Element => child.type === 'element' && child.tagName === 'input');
      if (box) box.properties.ariaLabel = toString(item).replace(/\s+/g, ' ').trim();
    });
  };
}
