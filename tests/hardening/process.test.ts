import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { sha256 } from '../../src/publish/manifest.js';
import { projectsWithOwnTmpdir } from '../helpers/own-tmpdir.js';
import type { Project } from '../helpers/project.js';
import { spawnCli, waitFor } from '../helpers/cli.js';
import { expectHermetic, reachOutside } from '../helpers/hermetic.js';
import { launchOwnBrowsers } from '../helpers/browser.js';
import { processesWhere } from '../helpers/processes.js';

// These tests are about the Chromium a build launches: not the run's shared one.
launchOwnBrowsers();


/**
 * Chromium processes of this test's builds: their profile folder (brochure-chromium-…) is made in TMPDIR,
 * which each test points into its own project, so browsers of tests running in parallel are left alone.
 */
function chromiumProcesses(): number[] {
  const marker = path.join(project.root, 'tmp', 'brochure-chromium-');
  return processesWhere(({ cmdline }) => cmdline.includes(marker));
}


async function previousBuild(root: string): Promise<void> {
  await mkdir(path.join(root, 'dist', 'en'), { recursive: true });
  await writeFile(path.join(root, 'dist', 'en', 'sample-en.pdf'), 'previous build');
  const file = { language: 'en', variant: 'screen', path: 'en/sample-en.pdf', bytes: 14, pages: 1, sha256: sha256('previous build') };
  await writeFile(path.join(root, 'dist', 'manifest.json'), JSON.stringify({ buildDate: '2021-06-01T00:00:00.000Z', sourceCommit: null, languages: { en: { buildDate: '2021-06-01T00:00:00.000Z', sourceCommit: null, draft: false } }, files: [file] }));
}

/** Runs `build` as a process of its own, with its browsers' profiles in the project's tmp/, while `whileRunning` acts on it. */
async function runBuild(root: string, whileRunning: (build: ReturnType<typeof spawnCli>) => Promise<void>) {
  const build = spawnCli(['build'], { cwd: root, env: { TMPDIR: path.join(root, 'tmp') } });
  await whileRunning(build);
  return build.done;
}

// os.tmpdir() follows TMPDIR: browsers started in this process get their profile inside the project.
const currentProject = projectsWithOwnTmpdir(previousBuild);
let project: Project;
beforeEach(() => {
  project = currentProject();
});

describe('a browser that dies while printing', () => {
  it('is started again once, then the build fails clearly, leaving dist/ and no process behind', async () => {
    const { code, stderr, stdout } = await runBuild(project.root, async ({ child }) => {
      // Every browser it starts is killed, until the build gives up.
      await waitFor(() => {
        for (const pid of chromiumProcesses()) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
        return child.exitCode !== null;
      }, 'the build to give up', 60_000);
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/error Cannot print the (en|mk) brochure: Chromium stopped or did not start \(.+\), twice {2}print/);
    expect(stdout).toContain('Build failed');
    expect(await readFile(path.join(project.root, 'dist', 'en', 'sample-en.pdf'), 'utf8')).toBe('previous build');
    expect(await readdir(path.join(project.root, 'dist'))).toEqual(['en', 'manifest.json']);
    await waitFor(() => chromiumProcesses().length === 0, 'no Chromium to be left', 5_000);
  });
});

describe('a browser killed once while printing', () => {
  it('is replaced, and the build completes', async () => {
    const stages: string[] = [];
    let killed = 0;
    const result = await build({
      root: project.root,
      outDir: path.join(project.root, 'dist'),
      languages: ['en'],
      onProgress: (lang, stage) => {
        stages.push(`${lang} ${stage}`);
        if (stage === 'print' && killed === 0) {
          for (const pid of chromiumProcesses()) {
            process.kill(pid, 'SIGKILL');
            killed++;
          }
        }
      },
    });
    expect(killed).toBeGreaterThan(0);
    expect(stages).toContain('en browser stopped; printing again in a new browser');
    expect(result.ok).toBe(true);
    expect((await readFile(path.join(project.root, 'dist', 'en', 'sample-en.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    expect(chromiumProcesses()).toEqual([]);
  });
});

describe('SIGTERM during a build', () => {
  it('closes the browser, exits 143 and leaves dist/ as it was', async () => {
    const { code, stderr } = await runBuild(project.root, async ({ child, stderrSoFar }) => {
      // Stop while printing: Chromium runs and the progress says so.
      await waitFor(() => chromiumProcesses().length > 0 && stderrSoFar().includes(' print'), 'the build to print');
      child.kill('SIGTERM');
    });
    expect(code).toBe(143);
    expect(stderr).toContain('Stopped (SIGTERM); closing the browser.');
    await waitFor(() => chromiumProcesses().length === 0, 'no Chromium to be left', 5_000);
    expect(await readFile(path.join(project.root, 'dist', 'en', 'sample-en.pdf'), 'utf8')).toBe('previous build');
  });
});

describe('SIGTERM while the Markdown is read and checked', () => {
  it('stops the build within seconds: no step runs long without giving signals a turn', async () => {
    // The largest translation the limits let through, with every hostile string bounded.
    const long = (await readFile(path.join(project.root, 'brochure', 'mk', '01-intro.md'), 'utf8')).replace(/^# .*$/m, '');
    await writeFile(path.join(project.root, 'brochure', 'mk', '03-long.md'), `# Долго\n\n${long.repeat(Math.floor(240_000 / Buffer.byteLength(long)))}`);
    const { child, done, stderrSoFar } = spawnCli(['build', '--force'], { cwd: project.root, env: { TMPDIR: path.join(project.root, 'tmp') } });
    await waitFor(() => stderrSoFar().includes(' parse'), 'the build to read the Markdown');
    const stopped = performance.now();
    child.kill('SIGTERM');
    expect((await done).code).toBe(143);
    expect(performance.now() - stopped).toBeLessThan(5_000);
    await waitFor(() => chromiumProcesses().length === 0, 'no Chromium to be left', 5_000);
  });
});

describe('SIGKILL during a build', () => {
  it('leaves no Chromium and no profile folder: Chromium exits when its pipe closes, and its profile goes with it', async () => {
    const { child, done, stderrSoFar } = spawnCli(['build', '--force'], { cwd: project.root, env: { TMPDIR: path.join(project.root, 'tmp') } });
    await waitFor(() => chromiumProcesses().length > 0 && stderrSoFar().includes(' print'), 'the build to print');
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    // Nothing of the killed build cooperates: Chromium notices the closed pipe by itself.
    await waitFor(() => chromiumProcesses().length === 0, 'no Chromium to be left', 10_000);
    await waitFor(async () => (await readdir(path.join(project.root, 'tmp'))).every((name) => !name.startsWith('brochure-chromium-')), 'no profile folder to be left', 5_000);
    expect(await readFile(path.join(project.root, 'dist', 'en', 'sample-en.pdf'), 'utf8')).toBe('previous build');
  });
});

describe('two builds at once', () => {
  it('both finish and dist/ holds one complete build', async () => {
    const out = path.join(project.root, 'dist');
    const [first, second] = await Promise.all([build({ root: project.root, outDir: out }), build({ root: project.root, outDir: out })]);
    expect(first.ok && first.published).toBe(true);
    expect(second.ok && second.published).toBe(true);
    expect((await readdir(out)).sort()).toEqual(['en', 'index.html', 'manifest.json', 'mk', 'translation-status.json']);
    for (const lang of ['en', 'mk']) {
      expect((await readdir(path.join(out, lang))).sort()).toEqual(['index.html', 'preflight.json', `sample-${lang}-print.pdf`, `sample-${lang}.pdf`]);
      const pdf = await readFile(path.join(out, lang, `sample-${lang}.pdf`));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    }
  });
});

describe('hermetic rendering', () => {
  it('blocks and reports anything the page tries to load from the network or the disk, and runs no script', async () => {
    await reachOutside(project.root);
    expectHermetic(await build({ root: project.root, languages: ['en'], write: false }));
  });
});

describe('a render that does not finish', () => {
  it('is stopped at the per-document timeout, tried once more, then reported', async () => {
    const result = await build({ root: project.root, languages: ['en'], write: false, timeout: 5 });
    expect(result.ok).toBe(false);
    const reasons = result.languages[0]!.files.flatMap((file) => file.messages.map((message) => message.reason));
    expect(reasons).toContain('Cannot print the en brochure: Chromium stopped or did not start (printing took longer than 5 ms and was stopped), twice');
    expect(chromiumProcesses()).toEqual([]);
  });
});
