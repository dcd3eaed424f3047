import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { reportFindings, severityOf, sourceBlocks, strictFindings, typographyCheck } from '../../src/typeset/report-findings.js';
import { formatMessages } from '../../src/report/format-messages.js';
import type { Finding } from '../../src/typeset/types.js';

const ROOT = '/project';
const section = new VFile({ path: `${ROOT}/brochure/mk/02-circular-economy.md`, cwd: ROOT, value: '' });
const index = new VFile({ path: `${ROOT}/brochure/mk/index.md`, cwd: ROOT, value: '' });

const ladder: Finding = {
  ruleId: 'hyphen-ladder',
  page: 10,
  file: section.path,
  line: 6,
  column: 1,
  message: 'Unexpected 3 hyphenated lines in a row on page 10, expected at most 2',
  hint: 'Reword a line of the paragraph a little.',
};
const shortLine: Finding = { ruleId: 'short-last-line', page: 3, file: section.path, line: 7, column: 1, message: 'Unexpected one-word last line `со:` on page 3', hint: 'Reword the paragraph.' };
const cover: Finding = { ruleId: 'overflow', page: 1, message: 'Unexpected text `Circular` running 2.0 mm into the right margin on page 1', hint: 'Shorten it.' };

describe('severity of the typographic findings', () => {
  it('is a warning by default; with --strict an error, except a one-word last line', () => {
    expect(severityOf(ladder)).toBe('warning');
    expect(severityOf(ladder, { strict: true })).toBe('error');
    expect(severityOf(shortLine, { strict: true })).toBe('warning');
  });

  it('puts each finding on its Markdown file and line, and text from the templates on index.md', () => {
    const files = [new VFile(section), new VFile(index)].map((file) => {
      file.messages = [];
      return file;
    });
    reportFindings(files, files[1]!, [cover, shortLine, ladder], { strict: true });
    expect(formatMessages(files, { cwd: ROOT })).toBe(
      [
        'brochure/mk/02-circular-economy.md:6:1 error Unexpected 3 hyphenated lines in a row on page 10, expected at most 2  hyphen-ladder',
        '  hint: Reword a line of the paragraph a little.',
        'brochure/mk/02-circular-economy.md:7:1 warning Unexpected one-word last line `со:` on page 3  short-last-line',
        '  hint: Reword the paragraph.',
        'brochure/mk/index.md error Unexpected text `Circular` running 2.0 mm into the right margin on page 1  overflow',
        '  hint: Shorten it.',
      ].join('\n'),
    );
  });

  it('sums up for the preflight table and keeps the findings for preflight.json, from which release reads the strict ones', () => {
    const check = typographyCheck([ladder, shortLine, shortLine]);
    expect(check).toEqual({ check: 'typography', severity: 'warning', detail: '3 findings: 1 hyphen-ladder, 2 short-last-line', findings: [ladder, shortLine, shortLine] });
    expect(typographyCheck([], { strict: true })).toMatchObject({ severity: 'ok', detail: 'no findings' });
    expect(typographyCheck([ladder], { strict: true }).severity).toBe('error');
    const preflightJson = JSON.parse(JSON.stringify([{ variant: 'screen', checks: [{ check: 'fonts embedded', severity: 'ok', detail: '' }, check] }, { variant: 'print', checks: [] }]));
    expect(strictFindings(preflightJson)).toEqual([ladder]);
    expect(strictFindings({ not: 'a report' })).toEqual([]);
  });

  it('takes the blocks of the section files as the Markdown stage recorded them', () => {
    const file = new VFile({ path: section.path });
    file.data.textBlocks = [{ kind: 'heading', line: 1, column: 1, text: 'Title' }];
    expect(sourceBlocks([file, new VFile({ path: index.path })])).toEqual([{ kind: 'heading', line: 1, column: 1, text: 'Title', file: section.path }]);
  });
});
