import crypto from 'node:crypto';
import { readFile, appendFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, cmyk } from '@cantoo/pdf-lib';
import { constants, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { LOAD_OPTIONS } from '../../src/pdf/pdf-lib-options.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { cmykToLab } from '../../src/pdf/icc-lookup.js';
import { measureInkCoverage } from '../../src/pdf/ink-coverage.js';
import { pressReady, withContentId } from '../../src/pdf/press-ready.js';
import { pressPreflight } from '../../src/pdf/press-preflight.js';
import { PRINTING_CONDITIONS } from '../../src/pdf/printing-conditions.js';
import { REPO, clean, makeProject, poppler } from '../helpers/project.js';
import { pageContent, srgbToLab, textFillColours } from '../helpers/press-pdf.js';
import { sharedBuild, type SharedBuild } from '../helpers/shared-builds.js';
import { SHARED_EPOCH } from '../setup/shared-builds.js';

const CONDITIONS = ['fogra39', 'fogra29'] as const;
type Condition = (typeof CONDITIONS)[number];

/**
 * The basic fixture built with --press-ready for each printing condition: for fogra39 (brochure.yaml's default)
 * the run's shared build (tests/setup/shared-builds.ts), for fogra29 its Macedonian brochure, no cache. Each with
 * its messages, paths relative to its project.
 */
const built = new Map<Condition, SharedBuild>();
const cleanups: Array<() => Promise<void>> = [];

const pressFile = (condition: Condition) => path.join(built.get(condition)!.out, 'mk', 'sample-mk-press.pdf');
const printFile = (condition: Condition) => path.join(built.get(condition)!.out, 'mk', 'sample-mk-print.pdf');

/** The page of the PDF whose text contains `text`. */
function pageWith(file: string, text: string): number {
  const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [file]))![1]);
  for (let page = 1; page <= pages; page++) if (poppler('pdftotext', ['-f', String(page), '-l', String(page), file, '-']).includes(text)) return page;
  throw new Error(`No page of ${file} has "${text}"`);
}

beforeAll(async () => {
  built.set('fogra39', await sharedBuild('basicBuild'));
  const project = await makeProject('basic');
  cleanups.push(project.cleanup);
  await appendFile(path.join(project.root, 'brochure', 'brochure.yaml'), 'printing: fogra29\n');
  const out = path.join(project.root, 'out');
  const result = await build({ root: project.root, outDir: out, languages: ['mk'], pressReady: true, cache: false, env: { ...process.env, SOURCE_DATE_EPOCH: SHARED_EPOCH } });
  built.set('fogra29', { root: project.root, out, messages: formatMessages([result.configFile, ...result.languages.flatMap((l) => l.files)], { cwd: project.root }) });
});

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe.each(CONDITIONS)('press-ready PDF for %s (Chromium, Ghostscript)', (condition) => {
  const { identifier, info, inkLimit, profile } = PRINTING_CONDITIONS[condition];

  it('builds without a message, its press preflight all ok, and the PDF/X of every language carries no tags', async () => {
    const { messages, root, out } = built.get(condition)!;
    expect(clean(messages, root)).toBe('');
    for (const lang of (await readdir(out, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
      const press = await PDFDocument.load(await readFile(path.join(out, lang, `sample-${lang}-press.pdf`)), LOAD_OPTIONS);
      expect(press.catalog.has(PDFName.of('StructTreeRoot')), lang).toBe(false);
    }
    const reports = JSON.parse(await readFile(path.join(out, 'mk', 'preflight.json'), 'utf8')) as Array<{ variant: string; checks: Array<{ check: string; severity: string; detail: string }> }>;
    const press = reports.find((report) => report.variant === 'press')!;
    expect(press.checks.filter((check) => check.severity !== 'ok')).toEqual([]);
    expect(press.checks.map((check) => check.check)).toEqual(expect.arrayContaining(['output intent', 'PDF/X version', 'CMYK only', 'fonts embedded', 'TrimBox and BleedBox', 'ink coverage', 'grey text on black only']));
  });

  it(`carries the ${identifier} output intent with the profile it was converted with`, async () => {
    const document = await PDFDocument.load(await readFile(pressFile(condition)));
    const intents = document.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    const text = (key: string) => String(intent.get(PDFName.of(key)));
    expect(text('S')).toBe('/GTS_PDFX');
    expect(text('OutputConditionIdentifier')).toBe(`(${identifier})`);
    expect(text('RegistryName')).toBe('(http://www.color.org)');
    expect(text('Info')).toBe(`(${info})`);
    const embedded = document.context.lookup(intent.get(PDFName.of('DestOutputProfile'))) as PDFRawStream;
    expect(embedded).toBeInstanceOf(PDFRawStream);
    expect(Buffer.from(inflateSync(embedded.contents, { finishFlush: constants.Z_SYNC_FLUSH })).equals(await readFile(path.join(REPO, 'assets', 'profiles', profile)))).toBe(true);
    expect(poppler('pdfinfo', [pressFile(condition)])).toMatch(/PDF version:\s+1\.3/);
  });

  it('prints the body text on the black plate only, and the headings through the profile', async () => {
    const pdf = await readFile(pressFile(condition));
    const page = pageWith(pressFile(condition), 'Пасус со фуснота');
    const colours = textFillColours(await pageContent(pdf, page));
    // The body text (#33403b) is the colour of most text on the page: black only, as light as the design.
    const counts = new Map<string, number>();
    for (const colour of colours) counts.set(colour, (counts.get(colour) ?? 0) + 1);
    const [body] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const [c, m, y, k] = body.split(' ').map(Number);
    expect(body.endsWith(' k')).toBe(true);
    expect([c, m, y]).toEqual([0, 0, 0]);
    expect(k).toBeCloseTo(condition === 'fogra39' ? 0.93 : 1, 2);
    // The heading (deep green) goes through the profile: several inks, close to the design.
    const lab = cmykToLab(await readFile(path.join(REPO, 'assets', 'profiles', profile)));
    const inks = colours.filter((colour) => colour.endsWith(' k')).map((colour) => colour.split(' ').slice(0, 4).map(Number) as [number, number, number, number]);
    const heading = inks.find(([cyan, , yellow]) => cyan > 0.5 && yellow > 0.3)!;
    expect(heading).toBeDefined();
    // On coated paper the deep green is in gamut: printed, it is within ΔE 4 of the design (black point
    // compensation moves it by about 3). Uncoated paper cannot print it (the closest it can is ΔE 10 away).
    const designed = srgbToLab('#1f5c4a');
    const printed = lab(heading);
    if (condition === 'fogra39') expect(Math.hypot(printed.L - designed.L, printed.a - designed.a, printed.b - designed.b)).toBeLessThan(4);
  });

  it('converts with the condition\'s own profile: the heading colour differs between coated and uncoated paper', async () => {
    const headings = await Promise.all(CONDITIONS.map(async (name) => {
      const pdf = await readFile(pressFile(name));
      const colours = textFillColours(await pageContent(pdf, pageWith(pressFile(name), 'Пасус со фуснота')));
      return colours.find((colour) => colour.endsWith(' k') && Number(colour.split(' ')[0]) > 0.5)!;
    }));
    expect(headings[0]).not.toBe(headings[1]);
  });

  it(`keeps the total ink of every page within ${inkLimit} %`, async () => {
    const pages = await measureInkCoverage(await readFile(pressFile(condition)));
    expect(pages.length).toBe(Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pressFile(condition)]))![1]));
    for (const page of pages) expect(page.maximum, `page ${page.page}`).toBeLessThanOrEqual(inkLimit);
    // The deep green cover is real ink, not an empty measurement.
    expect(pages[0]!.maximum).toBeGreaterThan(150);
  });

  it('keeps the Macedonian title extractable', () => {
    expect(poppler('pdftotext', [pressFile(condition), '-'])).toContain('Примерна брошура');
  });
});

describe('an ink limit exceeded (Ghostscript)', () => {
  it('fails the preflight with the page of a 400 % rich black box', async () => {
    // A print PDF with artwork already in CMYK on page 2: Ghostscript passes DeviceCMYK through unchanged.
    const print = await PDFDocument.load(await readFile(printFile('fogra39')));
    print.getPage(1).drawRectangle({ x: 100, y: 300, width: 40, height: 40, color: cmyk(1, 1, 1, 1) });
    const stylesheet = await readFile(path.join(REPO, 'templates', 'style.css'), 'utf8');
    const press = await pressReady(await print.save(), { title: 'Примерна брошура', printing: 'fogra39', stylesheet });
    const failed = (await pressPreflight(press, { printing: 'fogra39' })).filter((check) => check.severity === 'error');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ check: 'ink coverage', severity: 'error', page: 2 });
    expect(failed[0]!.detail).toMatch(/^page 2: 400 % ink \(C\+M\+Y\+K\) at \d+ mm from the left and \d+ mm from the top of the bleed box, more than the 330 % that FOGRA39 allows; /);
  });
});

describe('a release made twice (Ghostscript)', () => {
  it('gives the same PDF/X from the same print: its dates are the build\'s, its file identifier comes from its content, not from the time or a temporary file', async () => {
    const print = await readFile(printFile('fogra39'));
    const stylesheet = await readFile(path.join(REPO, 'templates', 'style.css'), 'utf8');
    const date = new Date(Date.UTC(2021, 5, 1));
    const make = () => pressReady(print, { title: 'Примерна брошура', printing: 'fogra39', stylesheet, date });
    const first = await make();
    // A second later (Ghostscript writes the time it runs, to the second, unless told the date).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await make();
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    expect(Buffer.from(first).toString('latin1')).toContain("/CreationDate(D:20210601000000Z00'00')");
    // The identifier is the MD5 of the file with its digits zeroed, in both places of the trailer.
    const text = Buffer.from(first).toString('latin1');
    const id = /\/ID\s*\[\s*<([0-9A-F]{32})>\s*<([0-9A-F]{32})>\s*\]/.exec(text)!;
    expect(id[1]).toBe(id[2]);
    const zeroed = Buffer.from(text.replaceAll(id[1]!, '0'.repeat(32)), 'latin1');
    expect(crypto.createHash('md5').update(zeroed).digest('hex').toUpperCase()).toBe(id[1]);
    // As Ghostscript wrote it, but for the identifier: a PDF whose identifier is elsewhere or missing is kept as it is.
    expect(withContentId(new Uint8Array(Buffer.from('%PDF-1.4\ntrailer\n<< /Size 1 >>\n%%EOF\n')))).toEqual(new Uint8Array(Buffer.from('%PDF-1.4\ntrailer\n<< /Size 1 >>\n%%EOF\n')));
  });
});
