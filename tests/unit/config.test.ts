import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, projectPaths } from '../../src/config/load-config.js';
import { formatMessages } from '../../src/report/format-messages.js';

let root: string;

async function check(yaml: string): Promise<string> {
  root = await mkdtemp(path.join(os.tmpdir(), 'brochure-config-'));
  await mkdir(path.join(root, 'brochure'));
  await writeFile(path.join(root, 'brochure', 'brochure.yaml'), yaml);
  const { file } = await loadConfig(projectPaths(root));
  return formatMessages([file], { cwd: root });
}

const VALID = `slug: demo
sourceLanguage: en
languages: [en, mk]
version: "1.0"
date: "2021-05"
partners:
  - id: psm
`;

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('accepts a valid file and fills defaults', async () => {
    expect(await check(VALID)).toBe('');
    const { config } = await loadConfig(projectPaths(root));
    expect(config?.trim).toBe('A5');
  });

  it('takes hyphen limits per language or for all, and names a language that is not one of `languages`', async () => {
    expect(await check(`${VALID}hyphenLimits:\n  default: { after: 3 }\n  mk: { before: 2 }\n`)).toBe('');
    const { config } = await loadConfig(projectPaths(root));
    const { resolveHyphenLimits } = await import('../../src/config/schema.js');
    expect(resolveHyphenLimits(config!, 'mk')).toEqual({ before: 2, after: 3 });
    expect(resolveHyphenLimits(config!, 'en')).toEqual({ before: 2, after: 3 });
    await rm(root, { recursive: true, force: true });
    expect(await check(`${VALID}hyphenLimits:\n  mkk: { after: 4 }\n  mk: { before: 9 }\n`)).toBe(
      'brochure/brochure.yaml:9:8 error Unexpected value of `hyphenLimits.mkk`: `mkk` is not one of `languages` (en, mk) nor `default`  config\n' +
        'brochure/brochure.yaml:10:17 error Unexpected value of `hyphenLimits.mk.before`: Too big: expected number to be <=6  config',
    );
  });

  it('names the line, column and key of a misspelt key, with the allowed keys', async () => {
    expect(await check(VALID.replace('version:', 'versoin:'))).toBe(
      'brochure/brochure.yaml:1:1 error Missing `version` in brochure settings  config\n' +
        '  hint: Add `version: …` (expected string, received undefined).\n' +
        'brochure/brochure.yaml:4:1 error Unexpected key `versoin` in brochure settings  config\n' +
        '  hint: Remove it or check its spelling; the keys allowed here are: `slug`, `sourceLanguage`, `languages`, `trim`, `bleed`, `margins`, `printing`, `hyphenation`, `hyphenLimits`, `version`, `date`, `partners`, `funder`, `brand`, `accessibilityReviewed`.',
    );
  });

  it('points at a bad value inside a list', async () => {
    expect(await check(VALID.replace('[en, mk]', '[en, Macedonian]'))).toBe(
      'brochure/brochure.yaml:3:17 error Unexpected value of `languages.1`: a BCP 47 language code such as `en`, `mk` or `sr-Latn`  config',
    );
  });

  it('reports an unknown trim size with the sizes it knows', async () => {
    expect(await check(`${VALID}trim: B5\n`)).toBe(
      'brochure/brochure.yaml:8:7 error Unexpected value of `trim`: Invalid option: expected one of "A5"|"A4"  config',
    );
  });

  it('reports YAML syntax errors at their position', async () => {
    const messages = await check('slug: demo\nlanguages: [en, mk\n');
    expect(messages).toMatch(/^brochure\/brochure\.yaml:\d+:\d+ error Cannot read brochure settings: /);
  });

  it('refuses a YAML alias bomb instead of expanding it', async () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    const messages = await check(bomb);
    expect(messages).toContain('brochure/brochure.yaml:1:1 error Cannot read brochure settings: Excessive alias count indicates a resource exhaustion attack  config');
  });

  it('requires the source language among the languages', async () => {
    expect(await check(VALID.replace('sourceLanguage: en', 'sourceLanguage: sq'))).toBe(
      'brochure/brochure.yaml error Unexpected `sourceLanguage: sq`, expected one of `languages`  config\n  hint: Add `sq` to `languages` or pick one of en, mk.',
    );
  });
});
