import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parse } from 'yaml';
import { loadConfig, projectPaths } from '../../src/config/load-config.js';
import { runCli } from '../helpers/cli.js';
import { REPO } from '../helpers/project.js';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown> };
  steps: Step[];
}

const file = path.join(REPO, '.github', 'workflows', 'release.yml');
const text = await readFile(file, 'utf8');
const workflow = parse(text) as { permissions: unknown; jobs: Record<string, Job> };
const { jobs } = workflow;

describe('.github/workflows/release.yml', () => {
  it('is a valid workflow by the schema (action-validator), which does reject a broken one', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
    const broken = validateWorkflow(text.replace('needs: languages', 'needs: language-list').replace('contents: write', 'contents: writ'));
    expect(broken.errors.map((error) => error.code).sort()).toEqual(['one_of', 'unresolved_job']);
  });

  it('builds one language per job from the list of brochure.yaml, then assembles, checks and releases', () => {
    expect(jobs.build!.needs).toBe('languages');
    expect(jobs.build!.strategy!.matrix.lang).toBe('${{ fromJSON(needs.languages.outputs.languages) }}');
    const runs = (job: string) => jobs[job]!.steps.map((step) => step.run ?? '').join('\n');
    expect(runs('build')).toMatch(/npm run build:brochure -- --lang "\$BROCHURE_LANG" --out "parts\/\$BROCHURE_LANG"/);
    expect(jobs.build!.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'))!.with!.name).toBe('part-${{ matrix.lang }}');
    expect(jobs.assemble!.needs).toEqual(['build', 'test']);
    expect(jobs.assemble!.steps.find((step) => step.uses?.startsWith('actions/download-artifact'))!.with).toEqual({ pattern: 'part-*', path: 'parts' });
    expect(runs('assemble')).toMatch(/npm run assemble -- parts\/\*\n(.*\n)*npm run release/);
    expect(jobs.assemble!.steps.find((step) => step.with?.name === 'brochure-pdfs')!.if).toBe("github.event_name == 'pull_request'");
    expect(jobs.release!.if).toBe("startsWith(github.ref, 'refs/tags/v')");
  });

  it('gives no job more than it needs: contents: write only where the release is attached', () => {
    expect(workflow.permissions).toEqual({});
    const permissions = Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, job.permissions]));
    expect(permissions).toEqual({
      languages: { contents: 'read' },
      test: { contents: 'read' },
      build: { contents: 'read' },
      assemble: { contents: 'read' },
      release: { contents: 'write' },
    });
  });

  it("lists brochure.yaml's languages as the first job's output, as the matrix reads it", async () => {
    const step = jobs.languages!.steps.find((entry) => entry.id === 'list')!;
    expect(jobs.languages!.outputs!.languages).toBe('${{ steps.list.outputs.languages }}');
    const folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-gh-output-'));
    onTestFinished(() => rm(folder, { recursive: true, force: true }));
    const output = path.join(folder, 'output');
    execFileSync('bash', ['-e', '-c', step.run!], { cwd: REPO, env: { ...process.env, GITHUB_OUTPUT: output } });
    const { config } = await loadConfig(projectPaths(REPO));
    expect(await readFile(output, 'utf8')).toBe(`languages=${JSON.stringify(config!.languages)}\n`);
  });

  it('calls only npm scripts that exist, with options their commands accept', async () => {
    const scripts = (JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const calls = [...text.matchAll(/npm run ([\w:-]+)(?: -- (.*))?$/gm)].map((match) => ({ script: match[1]!, args: match[2] ?? '' }));
    expect(calls.map((call) => call.script)).toEqual(['build:brochure', 'assemble', 'release']);
    for (const call of calls) {
      expect(scripts[call.script]).toMatch(/^node scripts\/cli\.mjs /);
      const command = scripts[call.script]!.split(' ').at(-1)!;
      // Variables as the shell would give them; --help after the options, so that they are parsed strictly and nothing runs.
      const args = call.args.replace(/"\$BROCHURE_LANG"/g, 'mk').replace(/"parts\/\$BROCHURE_LANG"/g, 'parts/mk').replace(/\$STRICT/g, '--strict').split(' ').filter(Boolean);
      const outcome = await runCli([command, ...args, '--help'], { cwd: REPO });
      expect({ call: `${call.script} ${call.args}`, code: outcome.code, stderr: outcome.stderr }).toEqual({ call: `${call.script} ${call.args}`, code: 0, stderr: '' });
    }
  });
});
