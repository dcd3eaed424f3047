import type { Element, Nodes } from 'hast';

/** Every element of a tree with the tag name, in document order (a small stand-in for a CSS selector). */
export function selectAll(tree: Nodes, tagName: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'element' && node.tagName === tagName) found.push(node);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}
