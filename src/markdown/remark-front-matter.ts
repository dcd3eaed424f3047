import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { z } from 'zod';
import { parseYaml } from '../config/parse-yaml.js';
import './types.js';

export interface RemarkFrontMatterOptions {
  /** Schema the front matter must satisfy; an absent front matter is validated as `{}`. */
  schema: z.ZodType;
}

/** Validates the YAML front matter of a Markdown file and stores it as `file.data.frontMatter`. */
export default function remarkFrontMatter(options: RemarkFrontMatterOptions) {
  return (tree: Root, file: VFile) => {
    const node = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
    const startLine = node?.position ? node.position.start.line + 1 : 1;
    const data = parseYaml(node?.value ?? '', file, {
      schema: options.schema,
      startLine,
      ruleId: 'front-matter',
      what: 'front matter',
    });
    if (data) file.data.frontMatter = data;
  };
}
