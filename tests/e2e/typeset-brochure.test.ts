import { appendFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { loadConfig, projectPaths } from '../../src/config/load-config.js';
import { newLanguage } from '../../src/content/new-language.js';
import { readTextLines } from '../../src/typeset/read-text-lines.js';
import { normalise } from '../../src/typeset/match-lines.js';
import type { TypographyCheck } from '../../src/typeset/report-findings.js';
import { makeRealProject } from '../helpers/project.js';
import { sharedBuild } from '../helpers/shared-builds.js';

describe('the shipped brochure, typeset (Chromium)', () => {
  it('has no typographic finding in any language but at most three one-word last lines, and 20 pages in each', async () => {
    // The shared build of the real brochure (tests/setup/shared-builds.ts), read only.
    const { out } = await sharedBuild('realBuild');
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; language: string; variant: string; pages: number }> };
    const pages: Array<[string, number, number]> = [];
    for (const lang of ['en', 'mk', 'sq', 'bs']) {
      const reports = JSON.parse(await readFile(path.join(out, lang, 'preflight.json'), 'utf8')) as Array<{ variant: string; checks: Array<{ check: string }> }>;
      const check = reports.find((report) => report.variant === 'screen')!.checks.find((entry) => entry.check === 'typography') as TypographyCheck;
      const findings = check.findings.map((finding) => `${lang} p${finding.page} ${finding.ruleId}: ${finding.message}`);
      expect(findings.filter((finding) => !finding.includes(' short-last-line: ')), lang).toEqual([]);
      expect(findings.length, findings.join('\n')).toBeLessThanOrEqual(3);
      const pagesOf = (variant: string) => manifest.files.find((file) => file.language === lang && file.variant === variant)!.pages;
      pages.push([lang, pagesOf('screen'), pagesOf('print')]);
    }
    expect(pages).toEqual([
      ['en', 20, 20],
      ['mk', 20, 20],
      ['sq', 20, 20],
      ['bs', 20, 20],
    ]);
  });

  it('prints the draft band of every language whole, within the text width, and a new language\'s in the source language', async () => {
    const project = await makeRealProject();
    try {
      // The band is the same on every page: the first two sections (a cover, the contents, pages of text and
      // the back cover) show it in each language without printing the whole brochure four times.
      for (const lang of ['en', 'mk', 'sq', 'bs']) {
        for (const section of ['03-business-models', '04-benefits', '05-examples', '06-getting-started', '07-glossary']) await rm(path.join(project.root, 'brochure', lang, `${section}.md`));
      }
      // Every translation goes stale; hr is new, with every UI string empty.
      await appendFile(path.join(project.root, 'brochure', 'en', '02-circular-economy.md'), '\nOne more sentence for the test.\n');
      const paths = projectPaths(project.root);
      await newLanguage(paths, 'hr', 'en');
      const result = await build({ root: project.root, write: false, cache: false, allowIncomplete: true, languages: ['mk', 'sq', 'bs', 'hr'] });
      const english = JSON.parse(await readFile(path.join(project.root, 'brochure', 'en', 'strings.json'), 'utf8')) as { draft: { mark: string } };
      expect((await loadConfig(paths)).config!.languages).toEqual(['en', 'mk', 'sq', 'bs', 'hr']);
      for (const language of result.languages) {
        expect(language.draft, language.lang).toBe(true);
        const strings = JSON.parse(await readFile(path.join(project.root, 'brochure', language.lang, 'strings.json'), 'utf8')) as { draft: { mark: string } };
        const mark = normalise(strings.draft.mark || english.draft.mark).toUpperCase();
        const pages = await readTextLines(language.pdfs.screen!.bytes);
        expect(pages.length, language.lang).toBeGreaterThanOrEqual(6);
        for (const page of pages) {
          const band = page.lines.filter((line) => line.size > 12 && mark.includes(normalise(line.text)));
          expect(normalise(band.map((line) => line.text).join('')), `${language.lang} page ${page.page}`).toBe(mark);
          const cover = page.page === 1 || page.page === pages.length;
          for (const line of band) {
            // Within the text area on the pages of text; the covers place it a margin to the left, still on the page.
            expect(line.left, `${language.lang} page ${page.page}`).toBeGreaterThanOrEqual(cover ? 0 : 13.5);
            expect(line.right, `${language.lang} page ${page.page}`).toBeLessThanOrEqual(cover ? 148 : 134.5);
          }
        }
      }
    } finally {
      await project.cleanup();
    }
  });
});
