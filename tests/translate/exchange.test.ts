import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import PO from 'pofile';
// @ts-expect-error The xliff package has no type declarations; it is only the independent reader here.
import xliff from 'xliff';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeProject, makeRealProject } from '../helpers/project.js';
import { projectPerTest } from '../helpers/project-per-test.js';

const cli = (root: string, ...args: string[]) => runCli(args, { cwd: root, env: { SOURCE_DATE_EPOCH: '1764374400' } });

/** Every file of brochure/ with the SHA-256 of its bytes. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const folder = path.join(root, 'brochure');
  const names = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath ?? folder, entry.name)));
  const files: Record<string, string> = {};
  for (const name of names.sort()) files[name] = createHash('sha256').update(await readFile(path.join(folder, name))).digest('hex');
  return files;
}

describe('XLIFF and PO on the real brochure', () => {
  const project = projectPerTest(() => makeRealProject());

  it('export then import with no edits leaves every file byte-identical, reviewed.json included', async () => {
    const before = await snapshot(project.root);
    expect(Object.keys(before)).toContain(path.join('mk', 'reviewed.json'));
    for (const [lang, format] of [['mk', 'xliff'], ['mk', 'po'], ['sq', 'xliff'], ['bs', 'po']] as const) {
      {
        const out = path.join(project.root, `${lang}.${format}`);
        const exported = await cli(project.root, 'translate', 'export', lang, '--format', format, '--out', out);
        expect(exported.code, exported.stderr).toBe(0);
        expect(exported.stdout).toMatch(/: 258 texts, \d+ source words; 0 to review \(0 words\), 0 not translated/);
        const imported = await cli(project.root, 'translate', 'import', out);
        expect(imported.code, imported.stderr).toBe(0);
        expect(imported.stdout).toContain(`into brochure/${lang}/: 0 texts changed; 0 marked reviewed; 0 still to translate or review.`);
      }
    }
    expect(await snapshot(project.root)).toEqual(before);
  });

  it('the XLIFF reads back with an independent parser: units, placeholders, notes', async () => {
    const out = path.join(project.root, 'mk.xlf');
    await cli(project.root, 'translate', 'export', 'mk', '--out', out);
    const js = (await xliff.xliff12ToJs(await readFile(out, 'utf8'))) as { sourceLanguage: string; targetLanguage: string; resources: Record<string, Record<string, { source: unknown; target: unknown; note?: string }>> };
    expect([js.sourceLanguage, js.targetLanguage]).toEqual(['en', 'mk']);
    const units = Object.values(js.resources).flatMap((file) => Object.entries(file));
    expect(units).toHaveLength(258);
    expect(Object.keys(js.resources)).toEqual(['index.md', '01-about.md', '02-circular-economy.md', '03-business-models.md', '04-benefits.md', '05-examples.md', '06-getting-started.md', '07-glossary.md', 'strings.json', 'figures/linear-vs-circular.svg']);
    const edition = js.resources['strings.json']!['strings.json#backCover.edition']!;
    expect(edition.source).toEqual(['Edition ', { Standalone: { id: '1', ctype: 'x-variable' } }, ', ', { Standalone: { id: '2', ctype: 'x-variable' } }]);
    const bold = js.resources['02-circular-economy.md']!['02-circular-economy.md#3']!;
    expect((bold.source as unknown[])[1]).toEqual({ GenericSpan: { id: '1', ctype: 'bold', contents: 'linear' } });
    expect(bold.note).toBe('paragraph, brochure/en/02-circular-economy.md:5; translation at brochure/mk/02-circular-economy.md:5');
    expect(js.resources['figures/linear-vs-circular.svg']!['figures/linear-vs-circular.svg#11']!.source).toBe('Repair & reuse');
  });

  it('a translator edits the XLIFF with an XML library; the import writes only that text and marks only it reviewed', async () => {
    const english = path.join(project.root, 'brochure', 'en', '02-circular-economy.md');
    const text = await readFile(english, 'utf8');
    await writeFile(english, text.replace('The smaller the loop, the better.', 'The smaller the loop, the better for your business.').replace('**Technical materials**, such as metals', '**Technical materials**, such as metals and minerals'));
    const out = path.join(project.root, 'mk-changed.xlf');
    const exported = await cli(project.root, 'translate', 'export', 'mk', '--changed', '--out', out);
    expect(exported.stdout).toContain('2 texts, ');
    expect(exported.stdout).toContain('2 to review');

    // As a translation tool would: parse, change one target's text, set its state, save.
    const document = new DOMParser().parseFromString(await readFile(out, 'utf8'), 'text/xml');
    const units = Array.from(document.getElementsByTagName('trans-unit') as unknown as Element[]);
    expect(units.map((unit) => unit.getAttribute('id'))).toEqual(['02-circular-economy.md#10', '02-circular-economy.md#12']);
    const loop = units[1]!;
    const target = loop.getElementsByTagName('target')[0]!;
    expect(target.getAttribute('state')).toBe('needs-review-translation');
    target.textContent = 'Колку е помал кругот, толку подобро за вашата фирма. Поправена во сопствената работилница, машината ја задржува речиси целата своја вредност; претопена како старо железо – само вредноста на металот.';
    target.setAttribute('state', 'translated');
    await writeFile(out, new XMLSerializer().serializeToString(document));

    const mk = path.join(project.root, 'brochure', 'mk', '02-circular-economy.md');
    const oldLines = (await readFile(mk, 'utf8')).split('\n');
    const imported = await cli(project.root, 'translate', 'import', out);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('1 texts changed in brochure/mk/02-circular-economy.md; 1 marked reviewed; 1 still to translate or review.');
    const newLines = (await readFile(mk, 'utf8')).split('\n');
    expect(newLines.filter((line, index) => line !== oldLines[index])).toEqual([newLines[23]]);
    expect(newLines[23]).toMatch(/^Колку е помал кругот, толку подобро за вашата фирма\./);

    // The edited text is current; the other, not edited nor marked final, is still reported.
    const check = await cli(project.root, 'check', '--lang', 'mk');
    expect(check.stdout).not.toContain('brochure/mk/02-circular-economy.md:24:1 error');
    expect(check.stdout).toMatch(/brochure\/mk\/02-circular-economy\.md:21:3 error Translation out of date: the source of this list item changed since the review on \d{4}-\d\d-\d\d {2}stale/);
    expect(check.stdout).toContain('“…materials, such as metals, plastics and glass,…” → “…materials, such as metals and minerals, plastics and glass,…”');
  });

  it('refuses a file whose placeholders were broken, naming the unit, and writes nothing', async () => {
    const out = path.join(project.root, 'sq.xlf');
    await cli(project.root, 'translate', 'export', 'sq', '--out', out);
    const before = await snapshot(project.root);
    const broken = (await readFile(out, 'utf8')).replace(/(<trans-unit id="strings.json#backCover.edition"[^\n]*<target[^>]*>)([^<]*)<x id="1" ctype="x-variable"\/>/, '$1$2 1.0');
    expect(broken).not.toBe(await readFile(out, 'utf8'));
    await writeFile(out, broken.replace('Modele biznesi', 'Modelet e biznesit'));
    const imported = await cli(project.root, 'translate', 'import', out);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('Cannot import `');
    expect(imported.stderr).toContain('unit strings.json#backCover.edition (UI string `backCover.edition`, brochure/en/strings.json:38; translation at brochure/sq/strings.json:38): placeholder <x1/> (variable `{{version}}`) is missing');
    expect(await snapshot(project.root)).toEqual(before);
  });

  it('the PO reads back with an independent parser, with fuzzy and the earlier English for a changed text', async () => {
    const english = path.join(project.root, 'brochure', 'en', 'strings.json');
    await writeFile(english, (await readFile(english, 'utf8')).replace('"Contents"', '"Table of contents"'));
    const out = path.join(project.root, 'bs.po');
    await cli(project.root, 'translate', 'export', 'bs', '--format', 'po', '--out', out);
    const parsed = PO.parse(await readFile(out, 'utf8'));
    expect(parsed.headers.Language).toBe('bs');
    expect(parsed.items).toHaveLength(258);
    const toc = parsed.items.find((item) => item.msgctxt === 'strings.json#toc.title')!;
    expect([toc.msgid, toc.msgstr[0], toc.flags.fuzzy]).toEqual(['Table of contents', 'Sadržaj', true]);
    const edition = parsed.items.find((item) => item.msgctxt === 'strings.json#backCover.edition')!;
    expect([edition.msgid, edition.flags.fuzzy]).toEqual(['Edition <x1/>, <x2/>', undefined]);
    expect(await readFile(out, 'utf8')).toContain('#| msgid "Contents"');
  });
});

describe('links, footnotes and anchors in the basic fixture', () => {
  const project = projectPerTest(() => makeProject('basic'));

  it('a PO edit keeps the translation’s own link targets and writes valid Markdown', async () => {
    const out = path.join(project.root, 'mk.po');
    await cli(project.root, 'translate', 'export', 'mk', '--format', 'po', '--out', out);
    const po = await readFile(out, 'utf8');
    const entry = /msgctxt "01-intro.md#2"\nmsgid "[^\n]*"\nmsgstr "([^\n]*)"/.exec(po)!;
    expect(entry[1]).toMatch(/<x1\/>.*<g2>.*<\/g2>.*<g3>.*<\/g3>/);
    // The translator rewrites the sentence, keeping the tags, and types a `*` that must stay a star.
    await writeFile(out, po.replace(entry[0], entry[0].replace(/msgstr "[^\n]*"/, 'msgstr "Нов пасус*<x1/> Види <g2>следниот дел</g2> и <g3>табелата</g3>."')));
    const imported = await cli(project.root, 'translate', 'import', out);
    expect(imported.code, imported.stderr).toBe(0);
    const mk = await readFile(path.join(project.root, 'brochure', 'mk', '01-intro.md'), 'utf8');
    expect(mk.split('\n')[2]).toMatch(/^Нов пасус\\\*\[\^1\] Види \[следниот дел\]\(02-details\.md\) и \[табелата\]\(02-details\.md#[^)]+\)\.$/);
    expect((await cli(project.root, 'check', '--lang', 'mk')).stdout).toContain('0 error(s)');
  });
});

describe('a paragraph added to the English', () => {
  it('is reported where it belongs in the translation, exported without a target, and its translation is not lost on import', async () => {
    const project = await makeRealProject();
    try {
      const english = path.join(project.root, 'brochure', 'en', '02-circular-economy.md');
      await writeFile(english, (await readFile(english, 'utf8')).replace('The smaller the loop, the better.', 'A new paragraph about loops.\n\nThe smaller the loop, the better for your business.'));
      const check = await cli(project.root, 'check', '--lang', 'bs');
      // Line 22 of the Bosnian file is the list item before the place of the new paragraph.
      expect(check.stdout).toContain('brochure/bs/02-circular-economy.md:22:3 error Translation missing: the source has a new paragraph after this text  stale');
      expect(check.stdout).toMatch(/brochure\/bs\/02-circular-economy\.md:24:1 error Translation out of date: the source of this paragraph changed since the review on \d{4}-\d\d-\d\d {2}stale/);
      const out = path.join(project.root, 'bs.po');
      await cli(project.root, 'translate', 'export', 'bs', '--changed', '--format', 'po', '--out', out);
      const po = await readFile(out, 'utf8');
      expect(po).toContain('msgctxt "02-circular-economy.md#12"\nmsgid "A new paragraph about loops."\nmsgstr ""');
      await writeFile(out, po.replace('msgid "A new paragraph about loops."\nmsgstr ""', 'msgid "A new paragraph about loops."\nmsgstr "Novi pasus o krugovima."'));
      const imported = await cli(project.root, 'translate', 'import', out);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('Not written, 1 text new in the source:\n  unit 02-circular-economy.md#12 (paragraph, brochure/en/02-circular-economy.md:24): new in the source, so brochure/bs/02-circular-economy.md has no place for it yet; add this translation there by hand (`npm run check` says where): Novi pasus o krugovima.');
    } finally {
      await project.cleanup();
    }
  });
});
