import { describe, expect, it } from 'vitest';
import { rehypeWith, renderSection } from '../helpers/markdown.js';
import rehypeNoBreakSpaces from '../../src/markdown/rehype-no-break-spaces.js';
import rehypeHyphenate from '../../src/markdown/rehype-hyphenate.js';

describe('remarkBrochureDirectives', () => {
  it('turns a callout with a title and a class into an aside', async () => {
    const { html, messages } = await renderSection('# T\n\n:::callout[Did you know?]{.tip}\nSome **text**.\n:::\n');
    expect(messages).toBe('');
    expect(html).toBe(
      '<h1 id="intro-t">T</h1>\n<aside class="callout callout-tip"><p class="callout-title" role="paragraph"><span>Did you know?</span></p><p>Some <strong>text</strong>.</p></aside>',
    );
  });

  it('puts the icon named by `icon` inline before the callout title', async () => {
    const { html, messages } = await renderSection('# T\n\n:::callout[Save]{icon=savings}\nText.\n:::\n');
    expect(messages).toBe('');
    expect(html).toMatch(/^<h1 id="intro-t">T<\/h1>\n<aside class="callout"><p class="callout-title" role="paragraph"><svg [^>]*class="inline-svg callout-icon"[^>]*aria-hidden="true"/);
    expect(html).toContain('<span>Save</span></p><p>Text.</p></aside>');
  });

  it('makes a figure with its caption and inlines the SVG without script or handlers', async () => {
    const { html, messages } = await renderSection('# T\n\n:::figure\n![A loop](../../assets/loop.svg)\n\nThe caption.\n:::\n');
    expect(messages).toBe('');
    expect(html).toContain('<figure class="figure"><div class="figure-media"><svg');
    expect(html).toContain('aria-label="A loop"');
    expect(html).toContain('<figcaption><p>The caption.</p></figcaption></figure>');
    expect(html).not.toMatch(/<script|onclick|alert/);
    expect(html).not.toMatch(/width="200"/);
  });

  it('turns columns and page breaks into divs', async () => {
    const { html } = await renderSection('# T\n\n:::columns\nA\n:::\n\n::pagebreak\n');
    expect(html).toBe('<h1 id="intro-t">T</h1>\n<div class="columns"><p>A</p></div>\n<div class="page-break"></div>');
  });

  it('reports an unknown directive with its position and a suggestion', async () => {
    const { messages } = await renderSection('# T\n\n:::calout[x]\nA\n:::\n');
    expect(messages).toBe(
      'brochure/en/01-intro.md:3:1 error Unexpected directive `:::calout`, expected one of `:::callout[Title]{.tip icon=name}`, `:::figure`, `:::columns`, `::pagebreak`  directive\n' +
        '  hint: Did you mean `:::callout[Title]{.tip icon=name}`?',
    );
  });

  it('keeps text like `ratio 3:1` or `Note:this` as written', async () => {
    const { html, messages } = await renderSection('# T\n\nA ratio 3:1 and Note:this word.\n');
    expect(messages).toBe('');
    expect(html).toBe('<h1 id="intro-t">T</h1>\n<p>A ratio 3:1 and Note:this word.</p>');
  });

  it('reports a figure without an image', async () => {
    const { messages } = await renderSection('# T\n\n:::figure\nOnly a caption.\n:::\n');
    expect(messages).toContain('brochure/en/01-intro.md:3:1 error Missing image in `:::figure`');
  });
});

describe('remarkSectionTitle', () => {
  it('requires one `#` heading', async () => {
    const { messages } = await renderSection('Text only.\n');
    expect(messages).toBe(
      'brochure/en/01-intro.md:1:1 error Missing section title, expected a first heading like `# Title`  section-title\n  hint: Start the section with one line `# Section title`.',
    );
  });

  it('reports a second `#` heading', async () => {
    const { messages } = await renderSection('# One\n\n# Two\n');
    expect(messages).toContain('brochure/en/01-intro.md:3:1-3:6 error Unexpected second `#` heading'.replace(':3:1-3:6', ':3:1'));
  });
});

describe('rehypeSectionLinks', () => {
  it('prefixes ids with the section and rewrites links between sections', async () => {
    const { html, messages } = await renderSection('# T\n\n## Sub part\n\n[a](#sub-part) [b](02-details.md) [c](02-details.md#a-table) [d](https://example.org)\n');
    expect(messages).toBe('');
    expect(html).toBe(
      '<h1 id="intro-t">T</h1>\n<h2 id="intro-sub-part">Sub part</h2>\n<p><a href="#intro-sub-part">a</a> <a href="#details">b</a> <a href="#details-a-table">c</a> <a href="https://example.org">d</a></p>',
    );
  });

  it('transliterates Cyrillic ids to ASCII, so PDF destinations stay short', async () => {
    const { html } = await renderSection('# Што е циркуларна економија?\n');
    expect(html).toBe('<h1 id="intro-shto-e-cirkularna-ekonomija">Што е циркуларна економија?</h1>');
  });

  it('keeps footnote ids unique per section', async () => {
    const { html } = await renderSection('# T\n\nText.[^1]\n\n[^1]: Source, 2020.\n');
    expect(html).toContain('<a href="#intro-fn-1" id="intro-fnref-1" data-footnote-ref="" aria-describedby="intro-footnote-label">1</a>');
    expect(html).toContain('<h2 class="footnotes-title" id="intro-footnote-label">Notes</h2>');
    expect(html).toContain('<li id="intro-fn-1">');
  });

  it('reports a link to something that is not a section', async () => {
    const { messages } = await renderSection('# T\n\n[x](notes.txt)\n');
    expect(messages).toBe(
      'brochure/en/01-intro.md:3:1 error Cannot resolve link `notes.txt`, expected a web address, a section file or an `#anchor`  link\n' +
        '  hint: Link to a section by its file name in this folder: `01-intro.md`, `02-details.md`.',
    );
  });
});

describe('rehypeImages', () => {
  it('reports a missing image with position, path and a suggestion', async () => {
    const { messages } = await renderSection('# T\n\nText.\n\n![Loop](../../assets/lop.svg)\n');
    expect(messages).toBe(
      'brochure/en/01-intro.md:5:1 error Cannot find image `../../assets/lop.svg`  missing-image\n  hint: Did you mean `loop.svg`? It is in `assets`.',
    );
  });

  it('refuses images outside the project and on the web', async () => {
    const { messages } = await renderSection('# T\n\n![a](../../../../../etc/passwd)\n\n![b](http://example.org/x.png)\n');
    expect(messages).toContain('brochure/en/01-intro.md:3:1 error Unexpected image path `../../../../../etc/passwd`, expected a file inside the project folder  image-outside');
    expect(messages).toContain('brochure/en/01-intro.md:5:1 error Unexpected image address `http://example.org/x.png`, expected a file in the project  image-remote');
  });
});

describe('raw HTML', () => {
  it('keeps the harmless formatting a brochure needs', async () => {
    const { html, messages } = await renderSection('# T\n\nCO<sub>2</sub>, m<sup>2</sup>, <abbr title="Small and medium enterprises">SMEs</abbr><br>next\n');
    expect(messages).toBe('');
    expect(html).toBe('<h1 id="intro-t">T</h1>\n<p>CO<sub>2</sub>, m<sup>2</sup>, <abbr title="Small and medium enterprises">SMEs</abbr><br>next</p>');
  });

  it('removes <script> and reports it as an error', async () => {
    const { html, messages } = await renderSection('# T\n\n<script>alert(1)</script>\n');
    expect(html.trim()).toBe('<h1 id="intro-t">T</h1>');
    expect(messages).toBe(
      'brochure/en/01-intro.md:3:1 error Unexpected `<script>` in the Markdown, it is removed  unsafe-html\n' +
        '  hint: The brochure may not run script or load anything from elsewhere; delete this element.',
    );
  });

  it('removes event handlers such as onerror', async () => {
    const { html, messages } = await renderSection('# T\n\nText <b onclick="x()">bold</b> <img src="../../assets/loop.svg" alt="Loop" onerror="alert(1)">\n');
    expect(html).not.toMatch(/onclick|onerror|alert/);
    expect(messages).toContain('brochure/en/01-intro.md:3:6 error Unexpected event handler `onclick` on `<b>`, it is removed  unsafe-html');
    expect(messages).toContain('brochure/en/01-intro.md:3:32 error Unexpected event handler `onerror` on `<img>`, it is removed  unsafe-html');
  });

  it('removes javascript: links, frames and remote stylesheets', async () => {
    const { html, messages } = await renderSection(
      '# T\n\n<a href="javascript:alert(1)">x</a>\n\n<iframe src="https://example.org"></iframe>\n\n<link rel="stylesheet" href="https://example.org/x.css">\n',
    );
    expect(html).not.toMatch(/javascript|iframe|<link|example\.org/);
    expect(messages).toContain('brochure/en/01-intro.md:3:1 error Unexpected `javascript:` address in `href` of `<a>`, it is removed  unsafe-html');
    expect(messages).toContain('brochure/en/01-intro.md:5:1 error Unexpected `<iframe>` in the Markdown, it is removed  unsafe-html');
    expect(messages).toContain('brochure/en/01-intro.md:7:1 error Unexpected `<link>` in the Markdown, it is removed  unsafe-html');
  });

  it('removes style tricks that hide text, as a warning', async () => {
    const { html, messages } = await renderSection('# T\n\n<span style="display:none">hidden</span> <div hidden>also</div> <details><summary>More</summary>folded</details>\n');
    expect(html).not.toMatch(/style|hidden=|<details/);
    expect(html).toContain('hidden');
    expect(messages).toContain('brochure/en/01-intro.md:3:1 warning Unexpected `style` attribute on `<span>`, it is removed  unsafe-html');
    expect(messages).toContain('warning Unexpected `<details>` in the Markdown, it is removed  unsafe-html');
  });
});

describe('rehypeNoBreakSpaces', () => {
  it('binds one-letter words to the next word in Macedonian and Bosnian, and leaves English alone', async () => {
    const run = (lang: string, html: string) => rehypeWith(rehypeNoBreakSpaces, lang, html);
    expect(run('mk', '<p>Фирми и у регионот, а не <code>и x</code></p>')).toBe('<p>Фирми и\u00a0у\u00a0регионот, а\u00a0не <code>и x</code></p>');
    expect(run('bs', '<p>Rad s partnerima i u regiji</p>')).toBe('<p>Rad s\u00a0partnerima i\u00a0u\u00a0regiji</p>');
    expect(run('en', '<p>a plan I like</p>')).toBe('<p>a plan I like</p>');
  });
});

describe('non-breaking hyphens', () => {
  it('become ordinary hyphens in a span that does not wrap', async () => {
    const { html } = await renderSection('# T\n\nThe **R\u2011strategies** and R\u2011ladder.\n');
    expect(html).toBe('<h1 id="intro-t">T</h1>\n<p>The <strong><span class="nowrap">R-strategies</span></strong> and <span class="nowrap">R-ladder.</span></p>');
  });
});

describe('paths with a stray percent sign', () => {
  // Found by the property-based tests: decodeURIComponent throws on `%fi`.
  it('are reported as missing, not thrown', async () => {
    const { messages } = await renderSection('# T\n\n![x](%figures/x.svg) [y](%zz.md) [z](#a%zz)\n');
    expect(messages).toContain('brochure/en/01-intro.md:3:1 error Cannot find image `%figures/x.svg`  missing-image');
    expect(messages).toContain('error Cannot resolve link `%zz.md`');
  });
});

describe('raw HTML split across blocks', () => {
  // Found by the property-based tests: the re-parsed <b> has no position of its own.
  it('is reported at the enclosing position', async () => {
    const { messages } = await renderSection('# <b onclick="x()">\n---\n# </b>');
    expect(messages).toMatch(/^brochure\/en\/01-intro\.md:\d+:\d+ error Unexpected event handler `onclick` on `<b>`, it is removed {2}unsafe-html/m);
  });
});

describe('bindShortWords', () => {
  it('keeps dashes off the start of a line, and one-letter Albanian and Macedonian words with the next word', async () => {
    const { bindShortWords } = await import('../../src/markdown/rehype-no-break-spaces.js');
    expect(bindShortWords('regije – lideri', 'bs')).toBe('regije\u00a0– lideri');
    expect(bindShortWords('emri i ri dhe u bë', 'sq')).toBe('emri i\u00a0ri dhe u\u00a0bë');
    expect(bindShortWords('веќе е тука', 'mk')).toBe('веќе е\u00a0тука');
  });
});

describe('rehypeHyphenate', () => {
  const run = async (lang: string, html: string) => rehypeWith(rehypeHyphenate, lang, html).replace(/\u00ad/g, '~');

  it('puts soft hyphens into long words of running text by the language\'s patterns', async () => {
    // At least 2 letters before a break and 3 after it; the last word of a block stays whole (see typesetting.test.ts).
    expect(await run('mk', '<p>циркуларната економија е тука</p>')).toBe('<p>цир~ку~лар~ната еко~но~мија е тука</p>');
    expect(await run('sq', '<p>ndërmarrjet qarkulluese sot</p>')).toBe('<p>ndër~marr~jet qar~ku~llu~ese sot</p>');
    expect(await run('bs', '<td>preduzeća danas</td>')).toBe('<td>pre~du~zeća danas</td>');
  });

  it('leaves headings, links, names, addresses and short words alone', async () => {
    expect(await run('en', '<h2>Remanufacturing</h2><p><a href="#x">remanufacturing</a> Remanufacturing westernbalkansfund.org remanufacturing2 small</p>')).toBe(
      '<h2>Remanufacturing</h2><p><a href="#x">remanufacturing</a> Remanufacturing westernbalkansfund.org remanufacturing2 small</p>',
    );
  });
});
