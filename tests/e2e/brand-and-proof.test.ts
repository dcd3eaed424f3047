import { execFileSync } from 'node:child_process';
import { access, appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliOutcome } from '../helpers/cli.js';
import { makeProject, poppler } from '../helpers/project.js';
import { sharedBrowser } from '../helpers/browser.js';

/** The brand of this test: colours far from the shipped green, and the fonts swapped. */
const PRIMARY = [0x8c, 0x1d, 0x40] as const;
const ACCENT = [0x1f, 0x77, 0xb4] as const;
const BRAND = `brand:\n  primary: "#8c1d40"\n  secondary: "#b8476a"\n  accent: "#1f77b4"\n  headingFont: Noto Serif\n  bodyFont: Noto Sans\n`;

/** The pixels of one page of a PDF at `dpi`, read from pdftoppm's PPM. */
function pagePixels(pdf: string, page: number, dpi = 40): { width: number; height: number; at: (x: number, y: number) => number[] } {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), pdf], { maxBuffer: 64 * 1024 * 1024 });
  const [, width, height] = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 30).toString('latin1'))!.map(Number);
  const offset = ppm.length - width! * height! * 3;
  return { width: width!, height: height!, at: (x, y) => [...ppm.subarray(offset + (y * width! + x) * 3, offset + (y * width! + x) * 3 + 3)] };
}

const near = (pixel: number[], colour: readonly number[], tolerance = 12) => pixel.every((value, index) => Math.abs(value - colour[index]!) <= tolerance);

/** Pixels of `colour` in a rectangle of the page (fractions of its width and height). */
function count(page: ReturnType<typeof pagePixels>, colour: readonly number[], box: { x: [number, number]; y: [number, number] }): number {
  let found = 0;
  for (let y = Math.floor(box.y[0] * page.height); y < box.y[1] * page.height; y++) {
    for (let x = Math.floor(box.x[0] * page.width); x < box.x[1] * page.width; x++) if (near(page.at(x, y), colour, 40)) found++;
  }
  return found;
}

describe('brand settings and proofs, one build of the basic fixture in English with another brand and --proof', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let built: CliOutcome;
  const out = () => path.join(project.root, 'out');
  const screen = () => path.join(out(), 'en', 'sample-en.pdf');

  beforeAll(async () => {
    project = await makeProject('basic');
    await appendFile(path.join(project.root, 'brochure', 'brochure.yaml'), BRAND);
    built = await runCli(['build', '--lang', 'en', '--proof', '--out', 'out'], { cwd: project.root, env: { SOURCE_DATE_EPOCH: '1622505600' } });
  });
  afterAll(() => project?.cleanup());

  it('builds, with the PDF/UA checks passed and no typographic finding', () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain('PDF/UA machine checks: 11 of 11');
    expect(built.stdout).toContain('0 typographic findings');
  });

  it('prints the primary colour on the cover and in the page numbers, the accent above the section title', () => {
    const cover = pagePixels(screen(), 1);
    expect(near(cover.at(Math.round(cover.width * 0.1), Math.round(cover.height * 0.5)), PRIMARY)).toBe(true);
    const section = pagePixels(screen(), 3, 150);
    // Page 3 is a right page: its number sits in the bottom margin on the right.
    expect(count(section, PRIMARY, { x: [0.75, 1], y: [0.9, 0.98] })).toBeGreaterThan(10);
    expect(count(section, ACCENT, { x: [0, 0.6], y: [0.05, 0.15] })).toBeGreaterThan(50);
    // Nothing of the shipped green is left on the cover.
    expect(count(cover, [0x1f, 0x5c, 0x4a], { x: [0, 1], y: [0, 1] })).toBe(0);
  });

  it('gives the web page the same colours and fonts', async () => {
    const session = await sharedBrowser();
    try {
      const page = await session.pages.newPage();
      await page.goto(pathToFileURL(path.join(out(), 'en', 'index.html')).href, { waitUntil: 'load' });
      const styles = await page.evaluate(() => ({
        cover: getComputedStyle(document.querySelector('.cover')!).backgroundColor,
        heading: getComputedStyle(document.querySelector('main h1')!).fontFamily,
        body: getComputedStyle(document.querySelector('main p')!).fontFamily,
        bar: getComputedStyle(document.querySelector('.web-bar')!).backgroundColor,
      }));
      expect(styles).toEqual({ cover: 'rgb(140, 29, 64)', heading: '"Noto Serif", serif', body: '"Noto Sans", sans-serif', bar: 'rgb(140, 29, 64)' });
    } finally {
      await session.close();
    }
  });

  it('marks every page of the screen and the print PDF "PROOF – <date> – <edition>"', () => {
    for (const file of [screen(), path.join(out(), 'en', 'sample-en-print.pdf')]) {
      const pages = poppler('pdftotext', ['-layout', file, '-']).split('\f').slice(0, -1);
      expect(pages.length).toBeGreaterThan(4);
      for (const [index, text] of pages.entries()) expect(text, `${path.basename(file)} page ${index + 1}`).toContain('PROOF – 2021-06-01 – edition 0.1');
    }
  });

  it('records the proof in manifest.json, and npm run release refuses it', async () => {
    const manifest = JSON.parse(await readFile(path.join(out(), 'manifest.json'), 'utf8')) as { languages: Record<string, { proof?: boolean }> };
    expect(manifest.languages.en!.proof).toBe(true);
    const release = await runCli(['release', '--out', 'out'], { cwd: project.root });
    expect(release.code).toBe(1);
    expect(release.stderr).toContain('Cannot release: `en` is a proof');
    await expect(access(path.join(out(), 'release'))).rejects.toThrow();
  });

  it('refuses brand values that are not a colour or a bundled font, at their line', async () => {
    const yaml = path.join(project.root, 'brochure', 'brochure.yaml');
    const settings = await readFile(yaml, 'utf8');
    try {
      await writeFile(yaml, settings.replace('"#8c1d40"', '"#8c1d40; } body { display: none"').replace('headingFont: Noto Serif', 'headingFont: Comic Sans'));
      const result = await runCli(['build', '--html-only'], { cwd: project.root });
      expect(result.code).toBe(2);
      const line = settings.split('\n').findIndex((text) => text.includes('primary:')) + 1;
      expect(result.stderr).toContain(`brochure/brochure.yaml:${line}:12 error Unexpected value of \`brand.primary\`: a colour written \`#rrggbb\``);
      expect(result.stderr).toMatch(/Unexpected value of `brand.headingFont`: Invalid option: expected one of "Noto Sans"\|"Noto Serif"/);
      await writeFile(yaml, settings.replace('"#8c1d40"', '"#f0e68c"'));
      expect((await runCli(['build', '--html-only'], { cwd: project.root })).stderr).toContain('dark enough for white text');
    } finally {
      await writeFile(yaml, settings);
    }
  });
});
