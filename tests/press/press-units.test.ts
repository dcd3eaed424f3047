import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts, cmyk, rgb } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { BlackPlateError, blackOnlyColours, blackTints, moveToBlackPlate } from '../../src/pdf/black-plate.js';
import { cmykToLab } from '../../src/pdf/icc-lookup.js';
import { findGhostscript, pressReady } from '../../src/pdf/press-ready.js';
import { BrochureError, describeError } from '../../src/errors.js';
import { pressPreflight } from '../../src/pdf/press-preflight.js';
import { PRINTING_CONDITIONS } from '../../src/pdf/printing-conditions.js';
import { REPO } from '../helpers/project.js';
import { pageContent, textFillColours } from '../helpers/press-pdf.js';

const profile = (name: 'fogra39' | 'fogra29') => readFileSync(path.join(REPO, 'assets', 'profiles', PRINTING_CONDITIONS[name].profile));

describe('the committed profiles', () => {
  it('give the Lab values ArgyllCMS (xicclu -ff -ir) gives for the same CMYK', () => {
    // Reference values from `xicclu -ff -ir -pl assets/profiles/<profile>.icc` (ArgyllCMS 2.3.1).
    const cases: Array<['fogra39' | 'fogra29', [number, number, number, number], [number, number, number]]> = [
      ['fogra39', [0, 0, 0, 1], [17.43, 0.01, 0.61]],
      ['fogra39', [0.725, 0.557, 0.647, 0.502], [30.96, -3.56, 2.85]],
      ['fogra39', [0, 0, 0, 0.5], [65.46, -0.08, -0.01]],
      ['fogra29', [0, 0, 0, 1], [33.63, 1.91, 3.18]],
      ['fogra29', [0.3, 0.2, 0.1, 0.05], [76.25, -0.39, -7.92]],
    ];
    for (const [name, ink, [L, a, b]] of cases) {
      const lab = cmykToLab(profile(name))(ink);
      expect(Math.hypot(lab.L - L, lab.a - a, lab.b - b), `${name} ${ink.join(' ')}`).toBeLessThan(0.5);
    }
  });
});

describe('blackOnlyColours', () => {
  it('reads the list from the stylesheet, resolving var() and short colours', () => {
    const css = ':root { --text: #33403b; --rule: var(--text); /* --press-black-only: #000; */ --press-black-only: var(--rule), #8A9A93, #abc; }';
    expect(blackOnlyColours(css)).toEqual(['#33403b', '#8a9a93', '#aabbcc']);
    expect(blackOnlyColours('body { color: red; }')).toEqual([]);
  });

  it('says which entry it cannot read', () => {
    expect(() => blackOnlyColours(':root { --press-black-only: var(--missing); }')).toThrow(
      new BlackPlateError('Cannot find the colour `--missing` named in `--press-black-only` of templates/style.css; define it in `:root` or write the colour as #rrggbb.'),
    );
    expect(() => blackOnlyColours(':root { --press-black-only: #33403b, dark grey; }')).toThrow(
      'Unexpected `dark grey` in `--press-black-only` of templates/style.css, expected colours written #rrggbb or var(--name), separated by commas.',
    );
  });

  it('lists the body text, small text and rule colours of the shipped stylesheet', () => {
    const colours = blackOnlyColours(readFileSync(path.join(REPO, 'templates', 'style.css'), 'utf8'));
    expect(colours).toEqual(expect.arrayContaining(['#33403b', '#55645e']));
    // Brand colours (headings, coloured areas) are not on the list: they go through the profile.
    expect(colours).not.toContain('#1f5c4a');
    expect(colours).not.toContain('#cfe6d8');
  });
});

describe('blackTints', () => {
  it('gives each colour the black of the same lightness on the condition\'s paper', () => {
    const coated = blackTints(['#33403b', '#55645e', '#ffffff', '#000000'], profile('fogra39'));
    expect(coated.get('#33403b')).toBe(0.93);
    expect(coated.get('#55645e')).toBe(0.78);
    expect(coated.get('#ffffff')).toBe(0);
    expect(coated.get('#000000')).toBe(1);
    // Black alone on uncoated paper is no darker than L* 34, lighter than #33403b (L* 26): solid black.
    expect(blackTints(['#33403b'], profile('fogra29')).get('#33403b')).toBe(1);
  });
});

describe('moveToBlackPlate', () => {
  it('rewrites the listed colours in pages and forms to black only, and nothing else', async () => {
    const document = await PDFDocument.create();
    const font = await document.embedFont(StandardFonts.Helvetica);
    const page = document.addPage([200, 200]);
    page.drawText('(0.2 0.251 0.2314 rg)', { x: 10, y: 150, size: 10, font, color: rgb(0.2, 0.251, 0.2314) });
    page.drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(0.1216, 0.3608, 0.2902) });
    const form = document.context.register(document.context.flateStream('.2 .251 .2314 rg 0 0 10 10 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 100, 100] }));
    page.node.setXObject(PDFName.of('Fm9'), form);
    // As in the build: the print PDF is read from its bytes.
    const printed = await PDFDocument.load(await document.save({ useObjectStreams: false }));

    expect(moveToBlackPlate(printed, new Map([['#33403b', 0.93]]))).toBe(2);
    const bytes = await printed.save({ useObjectStreams: false });
    const content = await pageContent(bytes, 1);
    expect(textFillColours(content)).toEqual(['0 0 0 0.93 k']);
    // The text drawn is unchanged: a colour written inside a string is text, not an operator.
    expect(content.toLowerCase()).toContain(Buffer.from('(0.2 0.251 0.2314 rg)').toString('hex'));
    // Another colour (a brand colour) stays RGB, for the profile.
    expect(content).toContain('0.1216 0.3608 0.2902 rg');
    const saved = await PDFDocument.load(bytes);
    const formStream = saved.context.lookup(form) as PDFRawStream;
    expect(inflateSync(formStream.contents).toString('latin1')).toBe('0 0 0 0.93 k 0 0 10 10 re f');
  });
});

describe('findGhostscript', () => {
  it('finds this machine\'s Ghostscript and its profile folder', async () => {
    const found = await findGhostscript();
    expect(found.version).toMatch(/^\d+\.\d+/);
    expect(found.profiles).toMatch(/iccprofiles\/?$/);
  });

  it('says how to install Ghostscript when it is missing', async () => {
    const error = await findGhostscript('/nonexistent/gs').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BrochureError);
    expect(describeError(error)).toBe(
      'Cannot find Ghostscript (`/nonexistent/gs`), which makes the press-ready PDF/X (--press-ready).\n  caused by: spawn /nonexistent/gs ENOENT\n  hint: Debian/Ubuntu: `sudo apt-get install ghostscript`; macOS: `brew install ghostscript`.',
    );
    await expect(pressReady(new Uint8Array(), { title: 'x', gs: '/nonexistent/gs' })).rejects.toThrow(BrochureError);
  });
});

describe('pressPreflight', () => {
  it('names each problem with its page: no output intent, RGB, boxes, fonts, grey text in four inks', async () => {
    const document = await PDFDocument.create();
    const font = await document.embedFont(StandardFonts.Helvetica);
    const good = document.addPage([200, 200]);
    good.setTrimBox(10, 10, 180, 180);
    good.setBleedBox(5, 5, 190, 190);
    good.drawText('Heading', { x: 20, y: 100, size: 12, font, color: cmyk(0.8, 0.2, 0.6, 0.5) });
    const bad = document.addPage([200, 200]);
    bad.drawText('Body text', { x: 20, y: 100, size: 9, font, color: cmyk(0.73, 0.56, 0.65, 0.5) });
    bad.drawRectangle({ x: 20, y: 20, width: 20, height: 20, color: rgb(0.5, 0.5, 0.5) });
    const checks = await pressPreflight(await document.save());
    const failed = checks.filter((check) => check.severity === 'error').map((check) => `${check.check}: ${check.detail}`);
    expect(failed).toEqual([
      'output intent: No PDF/X output intent: the print shop cannot tell which printing condition the colours are for; make the press-ready PDF again with --press-ready',
      'PDF/X version: No PDF/X version in PDF 1.7, expected PDF/X-3 (PDF 1.3 or 1.4); make the press-ready PDF again with --press-ready',
      'CMYK only: page 2: RGB left (rg); the conversion missed it: report this with the PDF',
      'fonts embedded: page 1: fonts not embedded: Helvetica; the print shop\'s fonts would replace them',
      'fonts embedded: page 2: fonts not embedded: Helvetica; the print shop\'s fonts would replace them',
      'TrimBox and BleedBox: page 2: no TrimBox; the print shop cannot tell where the page is cut',
      'TrimBox and BleedBox: page 2: no BleedBox; the print shop cannot tell where the page is cut',
      'grey text on black only: page 2: grey or black text in several inks (C 73 % M 56 % Y 65 % K 50 %), 1 time; it blurs when the plates are out of register: add its colour to --press-black-only in templates/style.css',
    ]);
    expect(checks.filter((check) => check.severity === 'error' && check.detail.startsWith('page ')).map((check) => check.page)).toEqual([2, 1, 2, 2, 2, 2]);
    expect(checks.find((check) => check.check === 'ink coverage')).toMatchObject({ severity: 'ok' });
  });
});
