import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import { visit } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import type { Root } from 'mdast';
import { REPO, poppler } from '../helpers/project.js';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from '@cantoo/pdf-lib';
import { parse as parseYaml } from 'yaml';
import { readOutline } from '../../src/pdf/fix-outline.js';
import { sharedBuild } from '../helpers/shared-builds.js';

const LANGUAGES = ['en', 'mk', 'sq', 'bs'];
const TRANSLATIONS = LANGUAGES.filter((lang) => lang !== 'en');
const content = (lang: string) => path.join(REPO, 'brochure', lang);
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective);
// The build sets a non-breaking hyphen (U+2011) as an ordinary hyphen that does not wrap.
const normalise = (text: string) => text.replace(/\u2011/g, '-').replace(/\s+/g, ' ').trim();

async function sections(lang: string): Promise<Array<{ name: string; tree: Root }>> {
  const names = (await readdir(content(lang))).filter((name) => /^\d+-.*\.md$/.test(name)).sort();
  return Promise.all(names.map(async (name) => ({ name, tree: parser.parse(await readFile(path.join(content(lang), name), 'utf8')) })));
}

/** The outline of a section: heading levels, directives with their names and attributes, images, list items, table rows. */
function outline(tree: Root): string[] {
  const items: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'heading') items.push(`h${node.depth}`);
    else if (node.type === 'containerDirective' || node.type === 'leafDirective') items.push(`${node.name}${JSON.stringify(node.attributes ?? {})}`);
    else if (node.type === 'image') items.push(`image:${node.url}`);
    else if (node.type === 'listItem') items.push(node.checked === null || node.checked === undefined ? 'li' : 'task');
    else if (node.type === 'tableRow') items.push('tr');
    else if (node.type === 'footnoteDefinition') items.push('footnote');
  });
  return items;
}

describe('the brochure in every language', () => {
  let out: string;
  let messages: string;
  const text = new Map<string, string>();

  beforeAll(async () => {
    ({ out, messages } = await sharedBuild('realBuild'));
    for (const lang of LANGUAGES) text.set(lang, normalise(poppler('pdftotext', [path.join(out, lang, `circular-economy-${lang}.pdf`), '-'])));
  });

  it('builds without an error, and warns only that the partners\' logos are placeholders', () => {
    const lines = messages.split('\n').filter((line) => !line.startsWith('  '));
    expect(lines.map((line) => line.replace(/:\d+:\d+ /, ' ').replace(/ \(.*\) is a placeholder.*/, ''))).toEqual(
      ['psm', 'aset', 'fitd', 'wbf'].map((id) => `brochure/brochure.yaml warning Replace before print: the logo of \`${id}\``),
    );
  });

  it('has the same page count in every language, a multiple of 4 for saddle stitching, as in the files', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; variant: string; pages: number }> };
    const pages = LANGUAGES.map((lang) => manifest.files.find((file) => file.path === `${lang}/circular-economy-${lang}-print.pdf`)!.pages);
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]! % 4).toBe(0);
    for (const file of manifest.files.filter((entry) => entry.path.endsWith('.pdf'))) {
      expect(file.pages, file.path).toBe(Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [path.join(out, file.path)]))![1]));
    }
  });

  it.each(TRANSLATIONS)('%s has every section of the source with the same structure', async (lang) => {
    const source = await sections('en');
    const translated = await sections(lang);
    expect(translated.map((section) => section.name)).toEqual(source.map((section) => section.name));
    for (const [index, section] of source.entries()) {
      expect(outline(translated[index]!.tree), `${lang}/${section.name}`).toEqual(outline(section.tree));
    }
  });

  it.each(LANGUAGES)('%s: the PDF contains every heading of the language', async (lang) => {
    for (const section of await sections(lang)) {
      visit(section.tree, 'heading', (heading) => {
        expect(text.get(lang), `${lang}/${section.name}`).toContain(normalise(toString(heading)));
      });
    }
  });

  it.each(LANGUAGES)('%s: hyphenated words copy as whole words (no soft hyphens in the text)', (lang) => {
    expect(text.get(lang)).not.toContain('\u00ad');
    const raw = poppler('pdftotext', [path.join(out, lang, `circular-economy-${lang}.pdf`), '-']);
    expect(raw).not.toContain('\u00ad');
  });

  it.each(LANGUAGES)('%s: every character is set in the bundled Noto fonts, all embedded', (lang) => {
    for (const variant of ['', '-print']) {
      const rows = poppler('pdffonts', [path.join(out, lang, `circular-economy-${lang}${variant}.pdf`)]).trim().split('\n').slice(2);
      for (const row of rows) expect(row).toMatch(/^[A-Z]{6}\+Noto(Sans|Serif)-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    }
  });

  it('gives each web page only the fonts of its characters: Latin Extended to Bosnian, not to English', async () => {
    const ranges = async (lang: string) => new Set([...(await readFile(path.join(out, lang, 'index.html'), 'utf8')).matchAll(/unicode-range:(U\+[0-9A-F]+)/g)].map((match) => match[1]));
    // Latin, and Cyrillic for Македонски in the language links.
    expect([...(await ranges('en'))].sort()).toEqual(['U+0000', 'U+0301']);
    expect([...(await ranges('bs'))].sort()).toEqual(['U+0000', 'U+0100', 'U+0301']);
  });

  it.each(LANGUAGES)('%s: the PDF has the co-financing notice and the disclaimer', async (lang) => {
    const strings = JSON.parse(await readFile(path.join(content(lang), 'strings.json'), 'utf8'));
    expect(text.get(lang)).toContain(normalise(strings.backCover.cofinancing));
    expect(text.get(lang)).toContain(normalise(strings.backCover.disclaimer));
    expect(text.get(lang)).toContain(normalise(strings.cover.cofinanced));
  });

  it.each(LANGUAGES)('%s: the bookmarks are the headings, spaces included', async (lang) => {
    const document = await PDFDocument.load(await readFile(path.join(out, lang, `circular-economy-${lang}.pdf`)));
    const bookmarks = readOutline(document);
    const index = await readFile(path.join(content(lang), 'index.md'), 'utf8');
    const strings = JSON.parse(await readFile(path.join(content(lang), 'strings.json'), 'utf8'));
    const headings = [normalise(parseYaml(index.split('---')[1]!).title), normalise(strings.toc.title)];
    for (const section of await sections(lang)) visit(section.tree, 'heading', (heading) => void headings.push(normalise(toString(heading))));
    expect([...bookmarks].sort()).toEqual([...headings].sort());
  });

  it.each(LANGUAGES)('%s: the screen PDF is tagged, in its language, and the figures carry the alt text', async (lang) => {
    const file = path.join(out, lang, `circular-economy-${lang}.pdf`);
    expect(poppler('pdfinfo', [file])).toMatch(/Tagged:\s+yes/);
    const document = await PDFDocument.load(await readFile(file));
    expect(String(document.catalog.get(PDFName.of('Lang')))).toBe(`(${lang})`);
    const alts = document.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict && String(object.get(PDFName.of('S'))) === '/Figure')
      .map((figure) => figure.lookup(PDFName.of('Alt')))
      .filter((alt): alt is PDFString | PDFHexString => alt instanceof PDFString || alt instanceof PDFHexString)
      .map((alt) => alt.decodeText());
    const images: string[] = [];
    for (const section of await sections(lang)) visit(section.tree, 'image', (image) => void images.push(image.alt ?? ''));
    // The logos on the back cover are figures too, named by the organisation's name in this language (those whose
    // file is there: a placeholder's mark is typeset text).
    const config = parseYaml(await readFile(path.join(REPO, 'brochure', 'brochure.yaml'), 'utf8')) as { partners: Array<{ id: string; logo?: string }>; funder?: { id: string; logo?: string } };
    const strings = JSON.parse(await readFile(path.join(content(lang), 'strings.json'), 'utf8'));
    const logos = [...config.partners, ...(config.funder ? [config.funder] : [])].filter((organisation) => organisation.logo && existsSync(path.join(REPO, organisation.logo))).map((organisation) => strings.partners[organisation.id].name);
    // Names in the layout have one-letter words bound to the next with a no-break space (Albanian "Fondi i Ballkanit").
    expect(alts.map((alt) => alt.replace(/\u00a0/g, ' '))).toEqual([...images, ...logos]);
  });

  it.each(LANGUAGES)('%s: links are live: the fund\'s website and the contents entries', async (lang) => {
    const document = await PDFDocument.load(await readFile(path.join(out, lang, `circular-economy-${lang}.pdf`)));
    const annotations = document.getPages().flatMap((page) => page.node.Annots()?.asArray().map((ref) => document.context.lookup(ref, PDFDict)) ?? []);
    const uris = annotations.map((annotation) => annotation.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'))).filter(Boolean).map(String);
    expect(uris).toContain('(https://westernbalkansfund.org/)');
    const internal = annotations.filter((annotation) => annotation.has(PDFName.of('Dest')) || String(annotation.lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('S'))) === '/GoTo');
    expect(internal.length).toBeGreaterThanOrEqual((await sections(lang)).length);
  });

  it.each(LANGUAGES)('%s: the contents give the pages where the sections really start', async (lang) => {
    const file = path.join(out, lang, `circular-economy-${lang}.pdf`);
    const contents = poppler('pdftotext', ['-f', '2', '-l', '2', '-layout', file, '-']);
    const entries = [...contents.matchAll(/^\s*0\d\s+(.+?)\s{2,}(\d+)\s*$/gm)].map((match) => ({ title: normalise(match[1]!), page: Number(match[2]) }));
    expect(entries).toHaveLength((await sections(lang)).length);
    for (const entry of entries) {
      const page = normalise(poppler('pdftotext', ['-f', String(entry.page), '-l', String(entry.page), file, '-']));
      expect(page, `${entry.title} on page ${entry.page}`).toContain(entry.title);
      // …and not on the page before (unless that is the contents page itself).
      if (entry.page - 1 <= 2) continue;
      const before = normalise(poppler('pdftotext', ['-f', String(entry.page - 1), '-l', String(entry.page - 1), file, '-']));
      expect(before, `${entry.title} before page ${entry.page}`).not.toContain(entry.title);
    }
  });

  it.each(TRANSLATIONS)('%s: no English paragraph, list item or table cell is left in the PDF', async (lang) => {
    const english: string[] = [];
    for (const section of await sections('en')) {
      visit(section.tree, (node) => {
        if (node.type === 'paragraph' || node.type === 'tableCell' || node.type === 'heading') {
          const value = normalise(toString(node));
          // Proper names (partners, EU documents) stay in English in every language; four words and more is prose.
          if (value.split(' ').length >= 4) english.push(value);
        }
      });
    }
    const leftovers = english.filter((paragraph) => text.get(lang)!.includes(paragraph));
    expect(leftovers).toEqual([]);
  });
});
