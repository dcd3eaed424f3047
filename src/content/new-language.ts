import { cp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { ProjectPaths } from '../config/load-config.js';
import { CONFIG_FILE_NAME } from '../config/load-config.js';
import type { StringTree } from '../i18n/load-strings.js';

/** The language could not be scaffolded; the message says why. */
export class NewLanguageError extends Error {
  override name = 'UsageError';
}

const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Starts a translation: copies the source language's folder to brochure/<lang>/ (sections, figures, index.md),
 * writes a strings.json with every key and empty values, and adds the language to brochure.yaml. Nothing is
 * marked reviewed, so `npm run check` lists everything that is left: untranslated paragraphs, empty strings.
 * Returns the files created.
 */
export async function newLanguage(paths: ProjectPaths, lang: string, sourceLanguage: string): Promise<string[]> {
  if (!LANGUAGE_CODE.test(lang)) throw new NewLanguageError(`Unexpected language code \`${lang}\`, expected a BCP 47 code such as \`hr\` or \`sr-Latn\`.`);
  const source = path.join(paths.content, sourceLanguage);
  const target = path.join(paths.content, lang);
  if (await stat(target).then(() => true, () => false)) throw new NewLanguageError(`brochure/${lang}/ exists already; remove it first to start again.`);
  await mkdir(target, { recursive: true });
  const created: string[] = [];
  for (const name of await readdir(source)) {
    // Word lists are of the source language's words: the new language starts without them.
    if (['strings.json', 'reviewed.json', 'hyphenation.txt', 'no-break.txt', 'words.txt'].includes(name)) continue;
    await cp(path.join(source, name), path.join(target, name), { recursive: true });
    created.push(`brochure/${lang}/${name}`);
  }
  const strings = JSON.parse(await readFile(path.join(source, 'strings.json'), 'utf8')) as StringTree;
  await writeFile(path.join(target, 'strings.json'), `${JSON.stringify(emptied(strings), null, 2)}\n`);
  created.push(`brochure/${lang}/strings.json`);

  const configPath = path.join(paths.content, CONFIG_FILE_NAME);
  const document = parseDocument(await readFile(configPath, 'utf8'));
  const languages = document.get('languages') as { add(value: string): void; items: unknown[] } | undefined;
  if (!languages) throw new NewLanguageError(`brochure/${CONFIG_FILE_NAME} has no \`languages\` list to add \`${lang}\` to.`);
  languages.add(lang);
  await writeFile(configPath, document.toString());
  return created;
}

/** The same keys, every value empty: a translator fills each one, and the check names those still empty. */
function emptied(tree: StringTree): StringTree {
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, typeof value === 'string' ? '' : emptied(value)]));
}
