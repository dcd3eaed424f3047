import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderSection } from '../helpers/markdown.js';
import { markdownish, mutated } from '../helpers/markdown-arbitraries.js';
import { REPO } from '../helpers/project.js';

/**
 * Cases per property in the normal suite (new random cases on every run, so that many runs of the suite add up);
 * `npm run fuzz` runs 50,000.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

/**
 * The property: the stages up to HTML never throw; every error says where it is and which rule found it; and
 * HTML that comes out without an error has its section title and nothing that could run or load (no script,
 * no event handler, no javascript: address, no image that is not inside the page).
 */
async function holds(markdown: string): Promise<void> {
  const { html, file } = await renderSection(markdown);
  const errors = file.messages.filter((message) => message.fatal === true);
  for (const error of errors) {
    expect(error.line, `${error.reason} has no line`).toBeTypeOf('number');
    expect(error.ruleId, error.reason).toBeTypeOf('string');
  }
  if (errors.length > 0) return;
  expect(file.data.title, 'a section without errors has its title').toBeTypeOf('string');
  expect(html).toMatch(/<h1[ >]/);
  expect(html).not.toMatch(/<script|<iframe|<object|<embed|\son[a-z]+=|javascript:|<img[^>]+src="(?!data:)/i);
}

describe('Markdown and front matter that no one wrote on purpose', () => {
  it('random Markdown-like input gives HTML or positioned messages, never an exception', async () => {
    // Inputs the property once failed on are tried on every run, before the random ones.
    const found: [string][] = [['[https://example.org\\<script>alert(1)</script>']];
    await fc.assert(fc.asyncProperty(markdownish, holds), { numRuns: RUNS, examples: found });
  });

  it('randomly edited brochure sections give HTML or positioned messages, never an exception', async () => {
    const source = await readFile(path.join(REPO, 'brochure', 'en', '02-circular-economy.md'), 'utf8');
    await fc.assert(fc.asyncProperty(mutated(source), holds), { numRuns: Math.ceil(RUNS / 3) });
  });

  it('random front matter gives a positioned message or valid data', async () => {
    const frontMatter = fc.array(fc.constantFrom('tocTitle: "Intro"\n', 'tocTitle:\n', 'x: 1\n', '- a\n', '  nested: {\n', 'a: &a [1]\n', 'b: [*a, *a]\n', ': :\n', '"\n', '\t\n', 'tocTitle: 5\n'), { maxLength: 8 });
    await fc.assert(fc.asyncProperty(frontMatter, async (lines) => holds(`---\n${lines.join('')}---\n# Title\n`)), { numRuns: Math.ceil(RUNS / 3) });
  });
});
