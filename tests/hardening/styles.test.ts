import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import fc from 'fast-check';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it, onTestFinished } from 'vitest';
import { build } from '../../src/build/build.js';
import { prefixIds, sanitizeSvg, svgTextProblem } from '../../src/markdown/sanitize-svg.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { cssString } from '../../src/templates/page-css.js';
import { clean, makeRealProject, poppler } from '../helpers/project.js';

/**
 * Reads a CSS string token as CSS Syntax Level 3 does (input preprocessing, §4.3.5 string token, §4.3.7
 * escapes): its value, and where it ended; throws on a bad string (a newline inside it) or a missing end.
 */
function readCssString(css: string): { value: string; end: number } {
  const input = css.replace(/\r\n|\r|\f/g, '\n').replace(/\0/g, '\uFFFD');
  const quote = input[0]!;
  let value = '';
  for (let index = 1; index < input.length; ) {
    const char = input[index]!;
    if (char === quote) return { value, end: index + 1 };
    if (char === '\n') throw new Error(`bad string at ${index}`);
    if (char !== '\\') {
      value += char;
      index++;
      continue;
    }
    const hex = /^[0-9a-f]{1,6}/i.exec(input.slice(index + 1))?.[0];
    if (hex) {
      const code = Number.parseInt(hex, 16);
      value += code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
      index += 1 + hex.length;
      if (/[ \t\n]/.test(input[index] ?? '')) index++;
    } else if (input[index + 1] === '\n') index += 2;
    else {
      value += input[index + 1] ?? '';
      index += 2;
    }
  }
  throw new Error('unterminated string');
}

describe('text written into CSS', () => {
  it('is one string token whose value is the text, whatever the text (form feed, CR, quotes, backslashes, </style>)', () => {
    const hostile = fc.constantFrom('\f', '\r', '\n', '\r\n', '"', "'", '\\', '\\a ', '}', '{', ';', '</style>', '<', '>', '\0', '\u0085', '\u2028', '@import', 'url(', '*/', '/*');
    const text = fc.array(fc.oneof(hostile, fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        const literal = cssString(value);
        const read = readCssString(`${literal};}`);
        expect(read.value).toBe(value.replace(/\0/g, '\uFFFD'));
        expect(read.end).toBe(literal.length);
        expect(literal).not.toMatch(/[<>\n\r\f]/);
      }),
      { numRuns: 2000 },
    );
  });
});

/** The SVG of `markup` sanitised, as HTML, or the problem that refuses it. */
function cleaned(markup: string): string {
  const problem = svgTextProblem(markup);
  if (problem) return `refused: ${problem}`;
  const svg = (fromHtml(markup, { fragment: true }) as Root).children[0] as Element;
  const refused = sanitizeSvg(svg);
  return refused ? `refused: ${refused}` : toHtml(svg, { space: 'svg', closeEmptyElements: true, tightSelfClosing: true });
}

describe('an SVG figure can only draw inside its own box', () => {
  it('loses <style> (which would style the whole document), classes and style sheets of any kind', () => {
    expect(cleaned('<svg viewBox="0 0 10 10"><style>.back-disclaimer{display:none}</style><text class="back-disclaimer" x="1" y="5">Hi</text></svg>')).toBe('<svg viewBox="0 0 10 10"><text x="1" y="5">Hi</text></svg>');
    // The issue's preview leak: a media query and an escaped url() inside <style>.
    expect(cleaned('<svg><style>@media (min-width:3000px){text{fill:u\\72l(https://x.example/p)}}</style><text>T</text></svg>')).toBe('<svg><text>T</text></svg>');
  });

  it('keeps the presentation a drawing needs from `style`, and drops values that could load anything', () => {
    expect(cleaned('<svg><text style="fill:#1f5c4a; font-size: 12px; font-family: Noto Sans, sans-serif; position:fixed; background:red" x="1">A</text></svg>')).toBe(
      '<svg><text x="1" fill="#1f5c4a" font-size="12px" font-family="Noto Sans, sans-serif">A</text></svg>',
    );
    const values = ['u\\72l(https://x.example/p)', 'url(https://x.example/p)', "url( 'https://x.example/p')", "image-set('https://x.example/p' 1x)", '-webkit-image-set(url(x) 1x)', 'src(https://x)', 'var(--x)', 'attr(x)'];
    for (const value of values) expect(cleaned(`<svg><rect fill="${value}" stroke="url(#gradient)" width="1"/></svg>`), value).toBe('<svg><rect stroke="url(#gradient)" width="1"/></svg>');
    expect(cleaned('<svg><rect style="fill:u\\72l(https://x.example/p)" transform="rotate(45) translate(1 2)"/></svg>')).toBe('<svg><rect transform="rotate(45) translate(1 2)"/></svg>');
  });

  it('keeps its outer box where the page put it: no overflow, transform or position on the <svg> itself', () => {
    expect(cleaned('<svg viewBox="0 0 10 10" overflow="visible" transform="scale(40)" x="-100" style="overflow:visible;position:fixed;top:0" font-family="Noto Sans"><rect width="1"/></svg>')).toBe(
      '<svg viewBox="0 0 10 10" font-family="Noto Sans"><rect width="1"/></svg>',
    );
  });

  it('loses everything that runs, embeds or links out', () => {
    const markup = '<svg><script>alert(1)</script><foreignObject><p>x</p></foreignObject><image href="https://x.example/p.png"/><a href="https://x.example"><text>link</text></a><animate attributeName="fill" to="url(https://x)"/><filter><feImage href="https://x.example/p.png"/></filter><use href="https://x.example/s.svg#a"/><text onclick="x()">T</text></svg>';
    expect(cleaned(markup)).toBe('<svg><use/><text>T</text></svg>');
  });

  it('refuses a <use> bomb, a loop of references and nesting that would exhaust the parser', () => {
    const levels = Array.from({ length: 9 }, (_, level) => `<g id="l${level + 1}">${`<use href="#l${level}"/>`.repeat(10)}</g>`).join('');
    expect(cleaned(`<svg><defs><g id="l0"><rect width="1"/></g>${levels}</defs><use href="#l9"/></svg>`)).toBe('refused: its `<use>` elements draw more than 50000 elements');
    expect(cleaned('<svg><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></svg>')).toBe('refused: its `<use>` elements draw more than 50000 elements');
    expect(cleaned(`<svg>${'<g>'.repeat(20_000)}<text>x</text>${'</g>'.repeat(20_000)}</svg>`)).toBe('refused: elements nested more than 100 levels deep');
    expect(cleaned(`<svg>${'<rect/>'.repeat(60_000)}</svg>`)).toBe('refused: more than 50000 elements');
    // What a diagram does with <use> stays.
    expect(cleaned('<svg><defs><path id="arrow" d="M0 0L1 1"/></defs><use href="#arrow"/><use href="#arrow" x="2"/></svg>')).toBe('<svg><defs><path id="arrow" d="M0 0L1 1"/></defs><use href="#arrow"/><use href="#arrow" x="2"/></svg>');
  });
});

describe('ids of an SVG placed in the page', () => {
  it('get a prefix, with every reference to them, so that none can take the id of a heading or the contents', () => {
    const svg = (fromHtml('<svg aria-labelledby="t"><title id="t">T</title><defs><linearGradient id="contents"/><path id="about" d="M0 0"/></defs><rect fill="url(#contents)" stroke="url(\'#contents\')"/><use href="#about"/><use xlink:href="#about"/></svg>', { fragment: true }) as Root).children[0] as Element;
    prefixIds(svg, 'intro-figure-1-');
    expect(toHtml(svg, { space: 'svg', closeEmptyElements: true, tightSelfClosing: true })).toBe(
      '<svg aria-labelledby="intro-figure-1-t"><title id="intro-figure-1-t">T</title><defs><linearGradient id="intro-figure-1-contents"/><path id="intro-figure-1-about" d="M0 0"/></defs><rect fill="url(#intro-figure-1-contents)" stroke="url(&#x27;#intro-figure-1-contents&#x27;)"/><use href="#intro-figure-1-about"/><use xlink:href="#intro-figure-1-about"/></svg>',
    );
  });
});

const result0 = (result: { languages: Array<{ files: VFile[] }> }) => result.languages[0]!;

describe('a translation that tries to restyle the brochure', () => {
  it('cannot hide the funder, the co-financing notice or the disclaimer, nor add its own text (printed)', async () => {
    const { root, cleanup } = await makeRealProject();
    onTestFinished(cleanup);
    const mk = path.join(root, 'brochure', 'mk');
    const section = path.join(mk, '01-about.md');
    const about = await readFile(section, 'utf8');
    // A form feed ends the CSS string of the running header: what follows became rules of the page. A title with
    // a control character is refused at its line now, before anything is printed.
    const injection = '}.back-disclaimer,.back-cofinancing,.back-funder{display:none}.back-edition::after{content:\\"ATTACKER\\"}@page z{';
    await writeFile(section, `---\ntocTitle: "За проектот\\f${injection}"\n---\n${about}`);
    const refused = await build({ root, languages: ['mk'], allowIncomplete: true, write: false, print: false });
    expect(clean(formatMessages(result0(refused).files.filter((file) => file.messages.some((message) => message.fatal)), { cwd: root, quiet: true }), root)).toMatch(
      /^brochure\/mk\/01-about\.md:2:11 error Unexpected value of `tocTitle`: text without control characters \(a form feed, a carriage return…\); write it on one line {2}front-matter/,
    );
    // Without that title, the other attacks: a carriage return in a heading (a new line, so the rest is a
    // paragraph of text) and a figure with its own styles and a box over the page.
    await writeFile(section, about);
    const heading = path.join(mk, '02-circular-economy.md');
    await writeFile(heading, (await readFile(heading, 'utf8')).replace(/^# (.*)$/m, `# $1\r${injection.replace(/\\"/g, '"')}`));
    const figure = path.join(mk, 'figures', 'linear-vs-circular.svg');
    await writeFile(figure, (await readFile(figure, 'utf8')).replace(/<svg([^>]*)>/, '<svg$1 overflow="visible"><style>.back-partner{display:none}.back-edition::before{content:"SVG ATTACKER"}</style><rect x="-5000" y="-5000" width="20000" height="20000" fill="#fff"/>'));
    const out = path.join(root, 'out');
    const result = await build({ root, outDir: out, languages: ['mk'], allowIncomplete: true });
    expect(formatMessages(result.languages[0]!.files.filter((file) => file.messages.some((message) => message.fatal)), { cwd: root })).toBe('');
    const pdf = path.join(out, 'mk', 'circular-economy-mk.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdf]))![1]);
    const back = poppler('pdftotext', ['-f', String(pages), '-l', String(pages), pdf, '-']);
    const strings = JSON.parse(await readFile(path.join(mk, 'strings.json'), 'utf8')) as { backCover: Record<string, string>; partners: Record<string, { name: string }> };
    const words = (text: string) => text.replace(/\s+/g, ' ').trim();
    // The partners' and the funder's marks are typeset from the language's own names.
    for (const expected of [strings.backCover.disclaimer!, strings.backCover.cofinancing!, strings.partners.wbf!.name, strings.partners.psm!.name]) expect(words(back)).toContain(words(expected));
    expect(back).not.toContain('ATTACKER');
    // The text the translation wrote is its words: it shows as written, in the contents and the running header.
    const html = result.languages[0]!.html!;
    expect(html).not.toMatch(/<svg[^]*?<style/);
    expect(html).not.toContain('overflow="visible"');
  });

  it('cannot add or change classes and attributes that the source does not have, not even in a draft', async () => {
    const { root, cleanup } = await makeRealProject();
    onTestFinished(cleanup);
    const variants: Array<[string, (text: string) => string, string]> = [
      ['01-about.md', (text) => text.replace(/^## (.*)$/m, '<div class="page-break"></div>\n\n## $1'), 'HTML `<div class="page-break">`'],
      ['02-circular-economy.md', (text) => text.replace(/^## (.*)$/m, '<span align="right" id="contents">Пасус</span>\n\n## $1'), 'HTML `<span align="right" id="contents">`'],
      ['03-business-models.md', (text) => `---\nclass: glossary\n---\n${text}`, 'front matter `class: glossary`'],
      ['04-benefits.md', (text) => `${text}\n\`\`\`css\nx\n\`\`\`\n`, 'code block in `css`'],
      ['05-examples.md', (text) => `${text}\n| a | b |\n|--:|:-:|\n| 1 | 2 |\n`, 'table aligned right,center'],
      ['06-getting-started.md', (text) => text.replace(/:::callout\[([^\]]*)\]\{\.tip/, ':::callout[$1]{.example'), '`:::callout{.example}`'],
      ['07-glossary.md', (text) => text.replace(/^- Европска/m, '- [ ] Европска'), 'tick box `- [ ]`'],
    ];
    for (const [name, change] of variants) {
      const file = path.join(root, 'brochure', 'mk', name);
      const before = await readFile(file, 'utf8');
      expect(change(before), name).not.toBe(before);
      await writeFile(file, change(before));
    }
    const result = await build({ root, languages: ['mk'], print: false, write: false, allowIncomplete: true });
    const text = clean(formatMessages(result.languages.flatMap((language) => language.files), { cwd: root }), root);
    const escape = (value: string) => value.replace(/[()[\]{}.*+?^$|\\]/g, '\\$&');
    for (const [name, , what] of variants) {
      expect(text).toMatch(new RegExp(`brochure/mk/${escape(name)}:\\d+:\\d+ error Unexpected ${escape(what)}.*, which brochure/en/${escape(name)} does not have  styling`));
    }
    expect(result.languages[0]!.ok).toBe(false);
  });
});
