import { existsSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Point } from 'unist';
import type { StringTree } from '../../i18n/load-strings.js';
import { reportWarning } from '../../report/messages.js';
import type { Rule } from '../context.js';

/** The rule id of the messages: `--strict` (CI, release) makes them errors. */
export const PLACEHOLDER_RULE = 'placeholder-logo';

function lookup(tree: StringTree | undefined, key: string): string | undefined {
  let current: StringTree | string | undefined = tree;
  for (const part of key.split('.')) current = typeof current === 'object' ? current[part] : undefined;
  return typeof current === 'string' && current.trim() !== '' ? current : undefined;
}

/** Where `placeholder: true` of an organisation is written in brochure.yaml. */
function placeOf(text: string, keyPath: Array<string | number>): Point | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const node = document.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
  const pair = document.getIn(keyPath.slice(0, -1), true) as { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> } | undefined;
  const key = pair?.items?.find((item) => item.key?.value === keyPath.at(-1))?.key;
  const offset = key?.range?.[0] ?? node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Logos still to come: an organisation marked `placeholder: true` whose logo file is not in the project yet is
 * printed as its typeset name. Each is named once, on brochure.yaml, as a warning to replace before print.
 */
export const placeholderLogos: Rule = ({ config, source, language, configFile }) => {
  if (!configFile || language.lang !== source.lang) return;
  const organisations = [
    ...config.partners.map((organisation, index) => ({ organisation, keyPath: ['partners', index, 'placeholder'] as Array<string | number> })),
    ...(config.funder ? [{ organisation: config.funder, keyPath: ['funder', 'placeholder'] as Array<string | number> }] : []),
  ];
  for (const { organisation, keyPath } of organisations) {
    if (!organisation.placeholder || !organisation.logo || existsSync(path.resolve(configFile.cwd, organisation.logo))) continue;
    const name = lookup(source.stringTree, `partners.${organisation.id}.name`) ?? organisation.id;
    reportWarning(configFile, `Replace before print: the logo of \`${organisation.id}\` (${name}) is a placeholder, its name is typeset instead`, {
      ruleId: PLACEHOLDER_RULE,
      place: placeOf(String(configFile.value), keyPath),
      hint: `Put the official logo at ${organisation.logo}: it replaces the typeset mark in every language, nothing else to change (see assets/logos/README.md).`,
    });
  }
};
