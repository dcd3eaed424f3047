import path from 'node:path';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { AssetStore } from '../../src/content/asset-store.js';
import { createSectionProcessor } from '../../src/markdown/create-processor.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { REPO } from './project.js';

const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'basic');

/** Runs Markdown through the section processor as `brochure/en/<name>` of the basic fixture. */
export async function renderSection(markdown: string, name = '01-intro.md', root = FIXTURE): Promise<{ html: string; messages: string; file: VFile }> {
  const processor = createSectionProcessor({
    assets: new AssetStore(root),
    sections: new Map([
      ['01-intro.md', 'intro'],
      ['02-details.md', 'details'],
    ]),
    footnoteLabel: 'Notes',
    footnoteBackLabel: 'Back to reference {{reference}}',
    iconsPath: '../../assets/icons',
    // Soft hyphens would make the expected HTML unreadable; hyphenation has tests of its own.
    hyphenate: false,
  });
  const file = new VFile({ path: path.join(root, 'brochure', 'en', name), cwd: root, value: markdown });
  file.data.sectionId = /^\d+-(.+)\.md$/.exec(name)![1]!;
  const result = await processor.process(file);
  return { html: String(result), messages: formatMessages([file], { cwd: root }), file };
}

/** Runs one rehype plugin with `{ lang }` over an HTML fragment and returns the HTML: for plugin tests. */
export function rehypeWith(plugin: (options: { lang: string }) => unknown, lang: string, html: string): string {
  return String(unified().use(rehypeParse, { fragment: true }).use(plugin as never, { lang }).use(rehypeStringify).processSync(html));
}
