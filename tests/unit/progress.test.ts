import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/report/progress.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, written };
}

describe('progress', () => {
  it('writes plain lines without escape codes in CI or into a pipe', () => {
    for (const [isTTY, env] of [[false, {}], [true, { CI: 'true' }]] as const) {
      const { stream, written } = fakeStream(isTTY);
      const progress = createProgress(stream, env);
      progress.update('mk', 'print');
      progress.done();
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(/^ {2}mk {4}print {2}\(\d+\.\d s\)\n$/);
      expect(written.join('')).not.toContain('\x1b');
    }
  });

  it('keeps one line per language on a terminal, redrawn in place', () => {
    const { stream, written } = fakeStream(true);
    const progress = createProgress(stream, {});
    progress.update('en', 'parse');
    progress.update('mk', 'parse');
    progress.update('en', 'print');
    progress.done();
    const last = written.at(-1)!;
    expect(last.startsWith('\x1b[2A')).toBe(true);
    expect(last).toMatch(/\x1b\[2K {2}en {4}print {2}\(\d+\.\d s\)\n\x1b\[2K {2}mk {4}parse/);
  });
});
