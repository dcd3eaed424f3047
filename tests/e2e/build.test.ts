import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { REPO, clean, makeProject, poppler } from '../helpers/project.js';
import { runCli } from '../helpers/cli.js';
import { SHARED_EPOCH } from '../setup/shared-builds.js';
import { solidPng } from '../helpers/png.js';
import { LAUNCH_OWN_BROWSER } from '../helpers/browser.js';
import { sharedBuild } from '../helpers/shared-builds.js';


describe('build of the basic fixture (Chromium)', () => {
  let out: string;
  beforeAll(async () => {
    ({ out } = await sharedBuild('basicBuild'));
  });

  it('writes a PDF and a self-contained HTML file per language', async () => {
    expect((await readdir(out)).sort()).toEqual(['en', 'index.html', 'manifest.json', 'mk', 'translation-status.json']);
    for (const lang of ['en', 'mk']) {
      expect((await readdir(path.join(out, lang))).sort()).toEqual(
        ['index.html', 'preflight.json', `sample-${lang}-booklet.pdf`, `sample-${lang}-press.pdf`, `sample-${lang}-print.pdf`, `sample-${lang}.pdf`],
      );
      const html = await readFile(path.join(out, lang, 'index.html'), 'utf8');
      // Nothing is loaded from outside the file: no remote or file: sources, no linked stylesheets.
      expect(html).not.toMatch(/src="(?!data:)|<link[^>]+href=|url\((?!data:)/);
      expect(html).toContain('@font-face{font-family:\'Noto Sans\'');
    }
  });

  it('prints A5 pages: cover, contents, sections with a page break, back cover', () => {
    for (const lang of ['en', 'mk']) {
      const info = poppler('pdfinfo', [path.join(out, lang, `sample-${lang}.pdf`)]);
      expect(info).toMatch(/Pages:\s+6\n/);
      const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
      // A5 is 419.53 x 595.28 pt; Chromium rounds the page to whole CSS pixels (within 1 pt).
      expect(Math.abs(Number(width) - 419.53)).toBeLessThan(1);
      expect(Math.abs(Number(height) - 595.28)).toBeLessThan(1);
      expect(info).toMatch(/Tagged:\s+yes/);
    }
  });

  it('extracts the title in each language, Cyrillic for mk', () => {
    expect(poppler('pdftotext', [path.join(out, 'en', 'sample-en.pdf'), '-'])).toContain('Sample brochure');
    const mk = poppler('pdftotext', [path.join(out, 'mk', 'sample-mk.pdf'), '-']);
    expect(mk).toContain('Примерна брошура');
    expect(mk).toContain('Тест за ѓ, ќ, ѕ, џ, љ и њ');
    expect(mk).toContain('Loop label');
  });

  it('embeds every font, and only the bundled Noto fonts', () => {
    for (const lang of ['en', 'mk']) {
      const rows = poppler('pdffonts', [path.join(out, lang, `sample-${lang}.pdf`)]).trim().split('\n').slice(2);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row).toMatch(/^[A-Z]{6}\+Noto(Sans|Serif)-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
      }
    }
  });

  it('prints the page numbers in the footer, on inner pages only', () => {
    const pdf = path.join(out, 'en', 'sample-en.pdf');
    const footer = (page: number) => poppler('pdftotext', ['-f', String(page), '-l', String(page), '-x', '0', '-y', '560', '-W', '420', '-H', '35', pdf, '-']).trim();
    expect(footer(1)).toBe('');
    expect(footer(2)).toBe('2');
    expect(footer(3)).toBe('3');
    expect(footer(6)).toBe('');
  });

  it('fills the table of contents with the pages the sections start on', () => {
    const contents = poppler('pdftotext', ['-f', '2', '-l', '2', '-layout', path.join(out, 'en', 'sample-en.pdf'), '-']);
    expect(contents).toMatch(/01\s+Introduction\s+3\n/);
    expect(contents).toMatch(/02\s+Details\s+4\n/);
    expect(poppler('pdftotext', ['-f', '4', '-l', '4', path.join(out, 'en', 'sample-en.pdf'), '-'])).toContain('Details');
  });

  it('makes a print PDF with bleed, crop marks and boxes, padded to a multiple of 4 pages', () => {
    const info = poppler('pdfinfo', ['-box', '-f', '1', '-l', '8', path.join(out, 'en', 'sample-en-print.pdf')]);
    expect(info).toMatch(/Pages:\s+8\n/);
    const boxes = [...info.matchAll(/Page\s+\d+ (\w+Box):\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/g)];
    const size = (name: string) =>
      boxes.filter((match) => match[1] === name).map((match) => [Number(match[4]) - Number(match[2]), Number(match[5]) - Number(match[3])]);
    const mm = (points: number) => (points * 25.4) / 72;
    expect(size('TrimBox')).toHaveLength(8);
    for (const [width, height] of size('TrimBox')) {
      expect(mm(width!)).toBeCloseTo(148, 2);
      expect(mm(height!)).toBeCloseTo(210, 2);
    }
    for (const [width, height] of size('BleedBox')) {
      expect(mm(width!)).toBeCloseTo(154, 2);
      expect(mm(height!)).toBeCloseTo(216, 2);
    }
    // The two padding pages come before the back cover, which stays the last page.
    const text = (page: number) => poppler('pdftotext', ['-f', String(page), '-l', String(page), path.join(out, 'en', 'sample-en-print.pdf'), '-']).trim();
    expect(text(6)).toBe('');
    expect(text(7)).toBe('');
    expect(text(8)).toContain('The contents are the sole responsibility of the partners.');
  });

  it('draws the crop marks in the slug, outside the bleed', () => {
    // Page 2 rendered at 4 pixels per point in grey levels: the marks continue the trim edges outwards.
    const image = execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '288', '-gray', '-x', '0', '-y', '0', '-W', '240', '-H', '240', path.join(out, 'en', 'sample-en-print.pdf')]);
    const [, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(image.subarray(0, 20).toString('latin1'))!;
    const headerLength = image.length - Number(width) * Number(height);
    const darkest = (xPt: number, yFromTopPt: number) => {
      let value = 255;
      for (let dy = -3; dy <= 3; dy++) {
        for (let dx = -3; dx <= 3; dx++) {
          const x = Math.round(xPt * 4) + dx;
          const y = Math.round(yFromTopPt * 4) + dy;
          value = Math.min(value, image[headerLength + y * Number(width) + x]!);
        }
      }
      return value;
    };
    const pt = 72 / 25.4;
    const trim = 11 * pt; // slug 8 mm + bleed 3 mm from the media edge
    expect(darkest(trim - 3 * pt - 2.5 * pt, trim)).toBeLessThan(100); // horizontal mark, left of the top-left corner
    expect(darkest(trim, trim - 3 * pt - 2.5 * pt)).toBeLessThan(100); // vertical mark, above it
    expect(darkest(trim - 1.5 * pt, trim)).toBeGreaterThan(200); // nothing inside the bleed
    expect(darkest(trim, trim - 1.5 * pt)).toBeGreaterThan(200);
  });

  it('makes a screen PDF of the trim size without the padding pages', () => {
    const info = poppler('pdfinfo', ['-box', path.join(out, 'en', 'sample-en.pdf')]);
    expect(info).toMatch(/Pages:\s+6\n/);
    expect(info).toMatch(/Page size:\s+419\.5\d* x 595\.2\d* pts/);
  });

  it('makes a CMYK PDF/X-3 that keeps the boxes and the text', async () => {
    const file = path.join(out, 'mk', 'sample-mk-press.pdf');
    const info = poppler('pdfinfo', ['-box', '-f', '1', '-l', '1', file]);
    expect(info).toMatch(/PDF version:\s+1\.3/);
    expect(info).toMatch(/Page\s+1 TrimBox:/);
    expect(info).toMatch(/Page\s+1 BleedBox:/);
    const bytes = (await readFile(file)).toString('latin1');
    expect(bytes).toContain('/GTS_PDFX');
    expect(bytes).toContain('/GTS_PDFXVersion');
    expect(bytes).not.toContain('/DeviceRGB');
    // Copied text stays readable, Cyrillic included.
    expect(poppler('pdftotext', [file, '-'])).toContain('Примерна брошура');
  });

  it('imposes the print PDF as a booklet in saddle-stitch order', () => {
    const file = path.join(out, 'en', 'sample-en-booklet.pdf');
    expect(poppler('pdfinfo', [file])).toMatch(/Pages:\s+4\n/);
    // Sheet 1 carries the back cover (page 8) on the left and the cover (page 1) on the right.
    const left = poppler('pdftotext', ['-f', '1', '-l', '1', '-x', '0', '-y', '0', '-W', '420', '-H', '595', file, '-']);
    const right = poppler('pdftotext', ['-f', '1', '-l', '1', '-x', '421', '-y', '0', '-W', '420', '-H', '595', file, '-']);
    expect(left).toContain('The contents are the sole responsibility of the partners.');
    expect(right).toContain('Sample brochure');
  });

  it('gives byte-identical PDFs for the same sources and SOURCE_DATE_EPOCH', async () => {
    // A second build of its own, without any cache, in another copy of the project.
    const copy = await makeProject('basic');
    const again = path.join(copy.root, 'again');
    const rebuilt = await build({ root: copy.root, outDir: again, cache: false, env: { ...process.env, SOURCE_DATE_EPOCH: SHARED_EPOCH } });
    expect(rebuilt.ok).toBe(true);
    onTestFinished(() => copy.cleanup());
    for (const name of ['en/sample-en.pdf', 'en/sample-en-print.pdf', 'mk/sample-mk.pdf', 'mk/sample-mk-print.pdf']) {
      expect(Buffer.compare(await readFile(path.join(out, name)), await readFile(path.join(again, name))), name).toBe(0);
    }
  });

  it('lists every file in manifest.json with sizes, pages and SHA-256 that match the files', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.buildDate).toBe('2021-06-01T00:00:00.000Z');
    expect(manifest.files.map((file: { path: string }) => file.path).sort()).toEqual(
      ['en', 'mk'].flatMap((lang) => [`${lang}/index.html`, `${lang}/preflight.json`, `${lang}/sample-${lang}-booklet.pdf`, `${lang}/sample-${lang}-press.pdf`, `${lang}/sample-${lang}-print.pdf`, `${lang}/sample-${lang}.pdf`]).sort(),
    );
    const { createHash } = await import('node:crypto');
    for (const file of manifest.files as Array<{ path: string; bytes: number; sha256: string; pages: number | null; variant: string }>) {
      const data = await readFile(path.join(out, file.path));
      expect(file.bytes, file.path).toBe(data.length);
      expect(file.sha256, file.path).toBe(createHash('sha256').update(data).digest('hex'));
    }
    const pagesOf = (variant: string) => manifest.files.find((file: { path: string; variant: string }) => file.path.startsWith('en/') && file.variant === variant).pages;
    expect([pagesOf('screen'), pagesOf('print'), pagesOf('booklet'), pagesOf('web')]).toEqual([6, 8, 4, null]);
  });

  it('packs a release: a zip per language and one with all, with SHA256SUMS', async () => {
    const { makeRelease } = await import('../../src/publish/release.js');
    // The shared build is read only: the release is made from a copy of it.
    const folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-release-'));
    onTestFinished(() => rm(folder, { recursive: true, force: true }));
    const copy = path.join(folder, 'dist');
    await cp(out, copy, { recursive: true, dereference: true });
    const written = await makeRelease(copy, 'sample');
    expect(written).toEqual(['sample-en.zip', 'sample-mk.zip', 'sample-all-languages.zip', 'SHA256SUMS']);
    const release = path.join(copy, 'release');
    expect(execFileSync('sha256sum', ['--check', 'SHA256SUMS'], { cwd: release, encoding: 'utf8' })).toContain('sample-mk.zip: OK');
    const listing = execFileSync('python3', ['-m', 'zipfile', '-l', path.join(release, 'sample-mk.zip')], { encoding: 'utf8' });
    for (const name of ['mk/index.html', 'mk/sample-mk.pdf', 'mk/sample-mk-print.pdf', 'mk/sample-mk-press.pdf', 'mk/sample-mk-booklet.pdf']) expect(listing).toContain(name);
    expect(listing).not.toContain('en/');
    // The same build gives the same archives.
    const first = await readFile(path.join(release, 'SHA256SUMS'), 'utf8');
    await makeRelease(copy, 'sample');
    expect(await readFile(path.join(release, 'SHA256SUMS'), 'utf8')).toBe(first);
  });

  it('writes the document information', () => {
    const info = poppler('pdfinfo', [path.join(out, 'mk', 'sample-mk.pdf')]);
    expect(info).toContain('Title:           Примерна брошура');
    expect(info).toContain('Author:          Партнер Еден, Партнер Два');
    expect(info).toMatch(/Creator:\s+brochure-pipeline \d+\.\d+\.\d+/);
    expect(info).toContain('CreationDate:    Tue Jun  1 00:00:00 2021 UTC');
  });
});

/** Adds each photo to assets/ (as `<name>.png` in lower case) and as a full-width figure to en/02-details.md. */
async function addPhotos(root: string, photos: Record<string, Buffer>): Promise<void> {
  const section = path.join(root, 'brochure', 'en', '02-details.md');
  let text = await readFile(section, 'utf8');
  for (const [name, png] of Object.entries(photos)) {
    await writeFile(path.join(root, 'assets', `${name.toLowerCase()}.png`), png);
    text += `\n:::figure\n![${name}](../../assets/${name.toLowerCase()}.png)\n\n${name}.\n:::\n`;
  }
  await writeFile(section, text);
}

describe('a photo of too low resolution', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  afterAll(async () => {
    await project.cleanup();
  });

  it('fails the preflight with its name, page and ppi; a 200 ppi one is a warning', async () => {
    project = await makeProject('basic');
    // The text column is 120 mm (4.72 in) wide: 472 pixels across it are 100 ppi, 945 are 200 ppi.
    await addPhotos(project.root, { Low: solidPng(472, 200), Fair: solidPng(945, 300) });
    const result = await build({ root: project.root, languages: ['en'], write: false });
    const messages = clean(formatMessages(result.languages[0]!.files, { cwd: project.root }), project.root);
    expect(result.ok).toBe(false);
    // Each message points at the image's own line of the Markdown, not at index.md.
    const section = (await readFile(path.join(project.root, 'brochure', 'en', '02-details.md'), 'utf8')).split('\n');
    const line = (name: string) => section.findIndex((row) => row.startsWith(`![${name}]`)) + 1;
    expect(messages).toContain(`brochure/en/02-details.md:${line('Low')}:1 error Preflight of sample-en-print.pdf: image resolution: assets/low.png on page 5: 100 ppi, expected at least 150 (300 for print)  preflight`);
    expect(messages).toContain(`brochure/en/02-details.md:${line('Fair')}:1 warning Preflight of sample-en-print.pdf: image resolution: assets/fair.png on page 5: 200 ppi, 300 recommended for print  preflight`);
  });
});

describe('photos in the screen PDF', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  afterAll(async () => {
    await project.cleanup();
  });

  it('are brought down to 150 ppi as JPEG, while the print PDF keeps every pixel', async () => {
    project = await makeProject('basic');
    // 2400 pixels across the 120 mm column are about 508 ppi.
    await addPhotos(project.root, { Sharp: solidPng(2400, 1200) });
    const out = path.join(project.root, 'out');
    const result = await build({ root: project.root, languages: ['en'], outDir: out });
    expect(result.ok).toBe(true);
    const list = (file: string) =>
      execFileSync('pdfimages', ['-list', path.join(out, 'en', file)], { encoding: 'utf8' }).trim().split('\n').slice(2).map((row) => row.trim().split(/\s+/));
    const [print] = list('sample-en-print.pdf');
    const [screen] = list('sample-en.pdf');
    expect(print!.slice(3, 5)).toEqual(['2400', '1200']);
    // 150 ppi over 4.72 in: about 709 by 354 pixels, as JPEG.
    expect(Math.abs(Number(screen![3]) - 709)).toBeLessThanOrEqual(3);
    expect(Math.abs(Number(screen![4]) - 354)).toBeLessThanOrEqual(3);
    expect(screen![8]).toBe('jpeg');
  });
});

describe('a missing image', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;

  beforeAll(async () => {
    project = await makeProject('basic');
    const section = path.join(project.root, 'brochure', 'mk', '01-intro.md');
    await writeFile(section, (await readFile(section, 'utf8')).replace('../../assets/loop.svg', '../../assets/lopp.svg'));
    await mkdir(path.join(project.root, 'dist', 'en'), { recursive: true });
    await writeFile(path.join(project.root, 'dist', 'en', 'previous.pdf'), 'previous build');
    // An earlier build's output: its manifest lists what it holds.
    const previous = { language: 'en', variant: 'screen', path: 'en/previous.pdf', bytes: 14, pages: 1, sha256: createHash('sha256').update('previous build').digest('hex') };
    await writeFile(path.join(project.root, 'dist', 'manifest.json'), JSON.stringify({ buildDate: '2021-06-01T00:00:00.000Z', sourceCommit: null, languages: {}, files: [previous] }));
  });
  afterAll(async () => {
    await project.cleanup();
  });

  it('fails with exit code 1, file:line:column, the path and a hint, and writes no PDF', async () => {
    const error = await runCli([], { cwd: project.root });
    expect(error.code).toBe(1);
    expect(error.stderr).toContain(
      'brochure/mk/01-intro.md:10:1 error Cannot find image `../../assets/lopp.svg`  missing-image\n  hint: Did you mean `loop.svg`? It is in `assets`.',
    );
    expect(error.stdout).toContain('FAIL mk');
    expect(error.stdout).toContain('Build failed');
    expect(existsSync(path.join(project.root, 'dist', 'mk'))).toBe(false);
    expect(await readdir(path.join(project.root, 'dist', 'en'))).toEqual(['previous.pdf']);
  });
});

describe('command line', () => {
  it('explains every flag with --help', async () => {
    const { stdout, code } = await runCli(['--help'], { cwd: REPO });
    expect(code).toBe(0);
    for (const flag of ['--lang', '--out', '--html-only', '--jobs', '--browser-ws', '--quiet', '--help']) expect(stdout).toContain(flag);
  });

  it('exits 2 with what to do when the browser given cannot run', async () => {
    const project = await makeProject('basic');
    onTestFinished(() => project.cleanup());
    const failure = await runCli([], { cwd: project.root, env: { ...LAUNCH_OWN_BROWSER, BROCHURE_BROWSER: '/nonexistent/chrome' } });
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('Cannot start the browser in $BROCHURE_BROWSER: `/nonexistent/chrome` is not an executable file. Fix or unset $BROCHURE_BROWSER.');
    expect(failure.stderr).not.toContain('    at ');
  });

  it('exits 2 on an unknown flag or language', async () => {
    const flag = await runCli(['--colour'], { cwd: REPO });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--colour' for `build`.");
    const lang = await runCli(['--lang', 'de', '--html-only'], { cwd: REPO });
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('Unknown language `de`; brochure/brochure.yaml lists en, mk, sq, bs.');
    const jobs = await runCli(['--jobs', '0', '--html-only'], { cwd: REPO });
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toBe('Unexpected --jobs `0`, expected a whole number above 0, such as 2.\n  hint: Run the command with --help to see what it accepts.\n');
  });
});
