import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/project.js';

const require = createRequire(import.meta.url);

describe('the structure of src/', () => {
  it('keeps its layers (cli -> build -> stages) and has no import cycles, type imports included', async () => {
    const configuration = require(path.join(REPO, '.dependency-cruiser.cjs')) as { forbidden: unknown[]; options: Record<string, unknown> };
    const previous = process.cwd();
    process.chdir(REPO);
    try {
      const result = await cruise(['src'], { ...configuration.options, validate: true, ruleSet: { forbidden: configuration.forbidden } } as never);
      const output = result.output as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string; cycle?: Array<{ name: string }> }> } };
      const violations = output.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}${violation.cycle ? ` (${violation.cycle.map((step) => step.name).join(' -> ')})` : ''}`);
      expect(violations).toEqual([]);
    } finally {
      process.chdir(previous);
    }
  });

  it('has no module over 250 lines', async () => {
    const files = (await readdir(path.join(REPO, 'src'), { recursive: true })).filter((name) => name.endsWith('.ts'));
    const long: string[] = [];
    for (const name of files) {
      const lines = (await readFile(path.join(REPO, 'src', name), 'utf8')).split('\n').length;
      if (lines > 250) long.push(`src/${name}: ${lines} lines`);
    }
    expect(files.length).toBeGreaterThan(50);
    expect(long).toEqual([]);
  });
});
