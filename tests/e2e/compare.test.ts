import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_EPOCH } from '../setup/shared-builds.js';
import { runCli, type CliOutcome } from '../helpers/cli.js';
import { makeRealProject, poppler } from '../helpers/project.js';
import { sharedBuild, type SharedBuild } from '../helpers/shared-builds.js';

/** A paragraph of the Macedonian benefits section, and the same paragraph with two words added. */
const BEFORE = 'и носат поредовен приход од еднократната продажба.';
const AFTER = 'и носат поредовен и посигурен приход од еднократната продажба.';

describe('npm run compare, the shared build of the real brochure against a copy with one paragraph of mk changed', () => {
  let shared: SharedBuild;
  let project: Awaited<ReturnType<typeof makeRealProject>>;
  let compared: CliOutcome;
  let report: string;

  beforeAll(async () => {
    shared = await sharedBuild('realBuild');
    project = await makeRealProject();
    const section = path.join(project.root, 'brochure', 'mk', '04-benefits.md');
    const text = await readFile(section, 'utf8');
    expect(text).toContain(BEFORE);
    await writeFile(section, text.replace(BEFORE, AFTER));
    // English unchanged: its PDF is built anew and must come out as the shared build's.
    const built = await runCli(['build', '--lang', 'en,mk', '--out', 'out'], { cwd: project.root, env: { SOURCE_DATE_EPOCH: SHARED_EPOCH } });
    expect(built.code, built.stderr).toBe(0);
    compared = await runCli(['compare', shared.out, '--lang', 'en,mk', '--out', 'out'], { cwd: project.root });
    report = await readFile(path.join(project.root, 'out', 'compare', 'mk.html'), 'utf8');
  });
  afterAll(() => project?.cleanup());

  it('reports exactly the page that changed and the paragraph, at its Markdown line', async () => {
    expect(compared.code, compared.stderr).toBe(0);
    expect(compared.stdout).toContain('mk    1 page changed (10), 1 text changed.  out/compare/mk.html');
    expect(report).toContain('Page 10 changed');
    expect(report.match(/<img src="data:image\/png;base64,/g)).toHaveLength(2);
    expect(report).toMatch(/<span class="mark" style="left:[\d.]+%;top:[\d.]+%/);
    const line = (await readFile(path.join(project.root, 'brochure', 'mk', '04-benefits.md'), 'utf8')).split('\n').findIndex((text) => text.includes(AFTER)) + 1;
    expect(report).toContain(`brochure/mk/04-benefits.md:${line} · changed`);
    expect(report).toContain('<ins>и посигурен </ins>');
  });

  it('reports nothing for a language whose two builds are the same', async () => {
    expect(compared.stdout).toContain('en    Nothing changed.  out/compare/en.html');
    const english = await readFile(path.join(project.root, 'out', 'compare', 'en.html'), 'utf8');
    expect(english).toContain('No page changed.');
    expect(english).toContain('No text changed.');
  });

  it('writes through the output writer: the build stays as it was, listed in its manifest', async () => {
    const out = path.join(project.root, 'out');
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { files: Array<{ path: string }> };
    expect(manifest.files.map((file) => file.path)).not.toContain('compare/mk.html');
    // A build into the same output afterwards accepts the comparison's folder (and drops it).
    const again = await runCli(['build', '--lang', 'mk', '--out', 'out'], { cwd: project.root, env: { SOURCE_DATE_EPOCH: SHARED_EPOCH } });
    expect(again.code, again.stderr).toBe(0);
  });

  it('says what OLD may be when it is none of them', async () => {
    const result = await runCli(['compare', 'no-such-edition', '--out', 'out'], { cwd: project.root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot find the edition `no-such-edition`: it is neither a zip, a folder nor a git tag or commit of this project.');
  });

  it('--since: a proof whose first page lists the paragraph changed since the shared build, the cover two pages on', async () => {
    const proof = await runCli(['build', '--lang', 'mk', '--since', shared.out, '--out', 'since'], { cwd: project.root, env: { SOURCE_DATE_EPOCH: SHARED_EPOCH } });
    expect(proof.code, proof.stderr).toBe(0);
    expect(proof.stdout).toContain('PDF/UA machine checks: 11 of 11');
    const pages = poppler('pdftotext', [path.join(project.root, 'since', 'mk', 'circular-economy-mk.pdf'), '-']).split('\f').slice(0, -1);
    expect(pages[0]).toContain('Што е изменето');
    expect(pages[0]).toMatch(/поредовен\s+и\s+посигурен\s+приход/);
    expect(pages[0]).not.toContain('Нови приходи');
    expect(pages[2]).toContain('Циркуларна економија');
    for (const [index, text] of pages.entries()) expect(text, `page ${index + 1}`).toContain('КОРЕКТУРА – 2021-06-01 – издание 1.0');
  });
});
