import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSection, rehypeWith } from '../helpers/markdown.js';
import rehypeHyphenate from '../../src/markdown/rehype-hyphenate.js';
import { loadConfig, projectPaths } from '../../src/config/load-config.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { languagePassages } from '../../src/pdf/accessibility/language-passages.js';
import { PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import { mcidOf, parseOperations, tagOf } from '../../src/pdf/content-operations.js';
import { pageContents } from '../../src/pdf/content-streams.js';
import { markArtifacts } from '../../src/pdf/mark-artifacts.js';
import { kidsOf, structTreeRoot, typeOf, walkElements } from '../../src/pdf/structure-tree.js';
import { parseToUnicode } from '../../src/pdf/read-marked-text.js';
import { accessibilityPreflight } from '../../src/pdf/accessibility/preflight-checks.js';
import { formatPreflight } from '../../src/report/format-preflight.js';
import type { AccessibilityReport } from '../../src/pdf/accessibility/types.js';
import type { PreflightReport } from '../../src/pdf/preflight/report.js';

describe(':lang[…]{code}: passages in another language', () => {
  it('makes a span with the language that Chromium keeps in its accessibility tree', async () => {
    const { html, messages } = await renderSection('# T\n\nEuropska komisija (:lang[*The European Green Deal*]{en}), 2019.\n');
    expect(messages).toBe('');
    expect(html).toBe('<h1 id="intro-t">T</h1>\n<p>Europska komisija (<span lang="en" aria-hidden="false"><em>The European Green Deal</em></span>), 2019.</p>');
  });

  it('reports a passage without a language, or with something that is not a language code', async () => {
    const missing = await renderSection('# T\n\nA :lang[title] here.\n');
    expect(missing.messages).toBe(
      'brochure/en/01-intro.md:3:3 error Unexpected `:lang` without a language, expected a language code such as `:lang[text]{en}`  directive\n' +
        '  hint: Write the passage in brackets and its language in braces: `:lang[*The European Green Deal*]{en}`.',
    );
    expect(missing.html).toContain('<span>title</span>');
    const wrong = await renderSection('# T\n\nA :lang[title]{English} here.\n');
    expect(wrong.messages).toContain('error Unexpected `:lang` attributes `{English}`, expected a language code such as `:lang[text]{en}`');
  });

  it('leaves other inline directives as the text that was written', async () => {
    const { html, messages } = await renderSection('# T\n\nRatio 3:1 and Note:see.\n');
    expect(messages).toBe('');
    expect(html).toContain('<p>Ratio 3:1 and Note:see.</p>');
  });

  it('does not hyphenate a passage in another language with the document\'s patterns', () => {
    const html = rehypeWith(rehypeHyphenate, 'bs', '<p>provedbu implementacije (<span lang="en" aria-hidden="false"><em>implementation guidelines</em></span>)</p>');
    expect(html).toContain('im\u00adple\u00admen\u00adta\u00adcije');
    expect(html).toContain('<em>implementation guidelines</em>');
  });

  it('finds the passages of a printed page, without hidden ones and without soft hyphens', () => {
    const html =
      '<html lang="mk"><head><style>p{}</style></head><body><p>Зелен договор (<span lang="en" aria-hidden="false"><em>The Euro\u00adpean Green Deal</em></span>)</p>' +
      '<div aria-hidden="true"><span lang="en">hidden</span></div><p lang="mk">веќе</p><p lang="sq-AL">Marrëveshja</p></body></html>';
    expect(languagePassages(html, 'mk')).toEqual([
      { text: 'The European Green Deal', lang: 'en' },
      { text: 'Marrëveshja', lang: 'sq-AL' },
    ]);
  });
});

describe('the callout title', () => {
  it('keeps its paragraph role although it is laid out as a flex box', async () => {
    const { html } = await renderSection('# T\n\n:::callout[Key points]{.note}\nText.\n:::\n');
    expect(html).toContain('<p class="callout-title" role="paragraph"><span>Key points</span></p>');
  });
});

describe('accessibilityReviewed in brochure.yaml', () => {
  const VALID = 'slug: demo\nsourceLanguage: en\nlanguages: [en, mk]\nversion: "1.0"\ndate: "2021-05"\npartners:\n  - id: psm\n';
  const check = async (yaml: string) => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'brochure-config-'));
    try {
      await mkdir(path.join(root, 'brochure'));
      await writeFile(path.join(root, 'brochure', 'brochure.yaml'), yaml);
      const { file, config } = await loadConfig(projectPaths(root));
      return { messages: formatMessages([file], { cwd: root }), config };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };

  it('is empty unless set: nothing is claimed as PDF/UA', async () => {
    expect((await check(VALID)).config?.accessibilityReviewed).toEqual([]);
    const { messages, config } = await check(`${VALID}accessibilityReviewed: [mk]\n`);
    expect(messages).toBe('');
    expect(config?.accessibilityReviewed).toEqual(['mk']);
  });

  it('names a language the brochure does not have, at its place', async () => {
    const { messages } = await check(`${VALID}accessibilityReviewed: [en, sq]\n`);
    expect(messages).toBe('brochure/brochure.yaml:8:29 error Unexpected value of `accessibilityReviewed.1`: `sq` is not one of `languages` (en, mk)  config');
  });
});

describe('content streams', () => {
  it('splits operators from operands, skipping strings, arrays, dictionaries and inline images', () => {
    // A stray `)` (malformed input) is skipped, not looped on.
    const text = '/P <</MCID 3>> BDC BT (a) Tj) (x\\) y) Tj [<0024> -20 (b)] TJ ET EMC q BI /W 1 /H 1 ID \x00EI\xff EI Q /Artifact BMC 0 0 m 1 1 l S EMC';
    const operations = parseOperations(text);
    expect(operations.map((operation) => operation.operator)).toEqual(['BDC', 'BT', 'Tj', 'Tj', 'TJ', 'ET', 'EMC', 'q', 'BI', 'Q', 'BMC', 'm', 'l', 'S', 'EMC']);
    expect(mcidOf(operations[0]!)).toBe(3);
    expect(tagOf(operations[10]!)).toBe('Artifact');
    expect(text.slice(operations[4]!.start, operations[4]!.end).trim()).toBe('[<0024> -20 (b)] TJ');
  });

  it('wraps what is neither tagged nor an artifact, nesting with text objects and spans, and turns decorations into artifacts', async () => {
    const document = await PDFDocument.create();
    const page = document.addPage([100, 100]);
    const content = [
      'q 0 0 m 10 10 l S Q',
      '/P <</MCID 0>> BDC BT /F1 9 Tf (a) Tj ET EMC',
      '/Span <</ActualText (fi)>> BDC BT (x) Tj ET EMC',
      'BT (h) Tj /P <</MCID 1>> BDC (b) Tj EMC (i) Tj ET',
      '/Div <</MCID 2>> BDC 0 0 5 5 re f EMC',
    ].join('\n');
    page.node.set(PDFName.of('Contents'), document.context.register(PDFRawStream.of(document.context.obj({}), Buffer.from(content, 'latin1'))));
    const paragraph = document.context.register(document.context.obj({ Type: 'StructElem', S: 'P', Pg: page.ref, K: [0, 1] }));
    const box = document.context.register(document.context.obj({ Type: 'StructElem', S: 'Div', Pg: page.ref, K: 2 }));
    const root = document.context.obj({ Type: 'StructTreeRoot', K: [paragraph, box] });
    document.catalog.set(PDFName.of('StructTreeRoot'), document.context.register(root));
    page.node.set(PDFName.of('StructParents'), document.context.obj(0));

    expect(markArtifacts(document)).toEqual({ wrapped: 4, decorations: 1 });
    expect(pageContents(document, page)[0]!.text.split('\n').filter(Boolean)).toEqual([
      'q /Artifact BMC', '0 0 m 10 10 l S', 'EMC Q',
      '/P <</MCID 0>> BDC BT /F1 9 Tf (a) Tj ET EMC',
      '/Span <</ActualText (fi)>> BDC /Artifact BMC', 'BT (x) Tj ET', 'EMC EMC',
      'BT /Artifact BMC', '(h) Tj', 'EMC /P <</MCID 1>> BDC (b) Tj EMC /Artifact BMC', '(i) Tj', 'EMC ET',
      '/Artifact BMC 0 0 5 5 re f EMC',
    ]);
    // The box drew only an area: it left the tree with its content.
    const types: string[] = [];
    walkElements(document, ({ dict }) => void types.push(`${typeOf(dict)} ${kidsOf(document, dict).map((kid) => (kid.kind === 'mcid' ? kid.mcid : kid.kind)).join(',')}`));
    expect(types).toEqual(['P 0,1']);
    expect(structTreeRoot(document)!.has(PDFName.of('ParentTree'))).toBe(true);
  });

  it('reads ToUnicode maps: single codes and ranges, two-byte codes', () => {
    const { bytes, map } = parseToUnicode('1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0003> <0020> <00d0> <201C> endbfchar 1 beginbfrange <0024> <0026> <0041> endbfrange', 1);
    expect(bytes).toBe(2);
    expect([3, 0xd0, 0x24, 0x26].map((code) => map.get(code))).toEqual([' ', '“', 'A', 'C']);
  });
});

describe('the accessibility report in the preflight', () => {
  const report: AccessibilityReport = {
    passed: false,
    checkpoints: [
      { number: '01', name: 'Real content tagged', passed: true, findings: [] },
      { number: '13', name: 'Figures have alternate text', passed: false, findings: [{ page: 4, element: 'Figure 12 0 R', message: 'Missing alternate text' }] },
      { number: '14', name: 'Headings nest', passed: false, findings: Array.from({ length: 7 }, (_, index) => ({ page: index + 1, message: `skip ${index}` })) },
    ],
  };

  it('gives a summary and one check per finding, with its page, five per checkpoint', () => {
    const { checks, summary } = accessibilityPreflight(report);
    expect(summary).toBe('PDF/UA machine checks: 1 of 3');
    expect(checks[0]).toEqual({ check: 'PDF/UA machine checks', severity: 'error', detail: '1 of 3; failed: 13, 14' });
    expect(checks[1]).toEqual({ check: 'PDF/UA 13 Figures have alternate text', severity: 'error', detail: 'page 4: Figure 12 0 R: Missing alternate text', page: 4 });
    expect(checks.filter((check) => check.check.startsWith('PDF/UA 14'))).toHaveLength(6);
    expect(checks.at(-1)!.detail).toBe('… and 2 more findings');
    expect(accessibilityPreflight(report, 'warning').checks.every((check) => check.severity === 'warning')).toBe(true);
  });

  it('shows N of N on the screen PDF\'s line of the preflight table', () => {
    const screen = { variant: 'screen', pages: 20, pageSize: { width: 148, height: 210 }, fonts: [], tagged: true, lang: 'en', outlineEntries: 3, colourSpaces: [], bytes: 2048, checks: accessibilityPreflight({ passed: true, checkpoints: [report.checkpoints[0]!] }).checks } as unknown as PreflightReport;
    expect(formatPreflight('en', [screen])).toBe('  preflight en    screen 20 pages, 148 × 210 mm, 0/0 fonts embedded, tagged, /Lang en, 3 bookmarks, PDF/UA machine checks: 1 of 1, 2 KB  ok');
  });
});
