import type { Root, Heading } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { reportError } from '../report/messages.js';
import type { SectionFrontMatter } from '../config/schema.js';
import './types.js';

/** Requires exactly one level-1 heading, the section title, and records it as `file.data.title`. */
export default function remarkSectionTitle() {
  return (tree: Root, file: VFile) => {
    const titles = tree.children.filter((node): node is Heading => node.type === 'heading' && node.depth === 1);
    if (titles.length === 0) {
      reportError(file, 'Missing section title, expected a first heading like `# Title`', {
        ruleId: 'section-title',
        place: { line: 1, column: 1 },
        hint: 'Start the section with one line `# Section title`.',
      });
      return;
    }
    for (const extra of titles.slice(1)) {
      reportError(file, 'Unexpected second `#` heading, expected one section title per file', {
        ruleId: 'section-title',
        place: extra.position,
        hint: 'Use `##` for headings inside a section, or move this part to its own section file.',
      });
    }
    const frontMatter = file.data.frontMatter as SectionFrontMatter | undefined;
    file.data.title = frontMatter?.tocTitle ?? toString(titles[0]!);
  };
}
