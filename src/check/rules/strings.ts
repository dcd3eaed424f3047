import { placeOfKey, type StringTree } from '../../i18n/load-strings.js';
import { reportError, reportWarning } from '../../report/messages.js';
import { CODE_KEYS } from '../../templates/template-keys.js';
import type { Rule } from '../context.js';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** Strings named per kind of problem; the rest are counted (finding each one's line reads the whole file). */
const MAX_NAMED = 20;

function lookup(tree: StringTree, key: string): string | undefined {
  let current: StringTree | string | undefined = tree;
  for (const part of key.split('.')) current = typeof current === 'object' ? current[part] : undefined;
  return typeof current === 'string' ? current : undefined;
}

function flatten(tree: StringTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`)));
}

/**
 * UI strings: every key the templates and the build use exists in the language (never filled in from English);
 * keys nobody uses are named; a key with plural forms has every form the language needs.
 */
export const strings: Rule = ({ language, templateKeys, source }) => {
  if (!language.stringTree) return; // Missing or unreadable: reported when the file is read.
  const file = language.strings;
  const text = String(file.value);
  const present = new Set(flatten(language.stringTree));
  const bases = new Set([...present].map((key) => key.replace(PLURAL_SUFFIX, '')));
  const used = [...templateKeys, ...CODE_KEYS.map((key) => ({ key, usedAt: 'the build' }))];
  const reported = new Set<string>();
  for (const { key, usedAt } of used) {
    if (present.has(key) || bases.has(key) || reported.has(key)) continue;
    reported.add(key);
    const group = key.split('.').slice(0, -1);
    const sourceText = source.stringTree ? lookup(source.stringTree, key) : undefined;
    reportError(file, `Missing UI string \`${key}\``, {
      ruleId: 'missing-string',
      place: { line: 1, column: 1 },
      hint: `Add "${key.split('.').at(-1)}": "…" ${group.length > 0 ? `under "${group.join('" → "')}" ` : ''}in brochure/${language.lang}/strings.json${sourceText !== undefined ? ` (${source.lang}: “${sourceText}”)` : ''}; it is used in ${usedAt}.`,
    });
  }
  const empty = [...present].filter((key) => lookup(language.stringTree!, key)?.trim() === '');
  for (const key of empty.slice(0, MAX_NAMED)) {
    reportError(file, `Missing translation of UI string \`${key}\`: it is empty`, {
      ruleId: 'missing-string',
      place: placeOfKey(text, key),
      hint: `Write the ${language.lang} text between the quotes (the ${source.lang} one is in brochure/${source.lang}/strings.json).`,
    });
  }
  if (empty.length > MAX_NAMED) reportError(file, `Missing translations of ${empty.length - MAX_NAMED} more UI strings: they are empty`, { ruleId: 'missing-string' });
  const usedKeys = new Set(used.map(({ key }) => key));
  const unused = [...present].filter((key) => !usedKeys.has(key) && !usedKeys.has(key.replace(PLURAL_SUFFIX, '')) && key !== 'language.name');
  for (const key of unused.slice(0, MAX_NAMED)) {
    reportWarning(file, `Unexpected unused UI string \`${key}\``, {
      ruleId: 'unused-string',
      place: placeOfKey(text, key),
      hint: 'No template uses it: remove it, or use it in templates/ with {{t "…"}}.',
    });
  }
  if (unused.length > MAX_NAMED) reportWarning(file, `Unexpected ${unused.length - MAX_NAMED} more unused UI strings`, { ruleId: 'unused-string' });
  const categories = new Intl.PluralRules(language.lang).resolvedOptions().pluralCategories;
  for (const base of bases) {
    const forms = [...present].filter((key) => key.replace(PLURAL_SUFFIX, '') === base && key !== base).map((key) => PLURAL_SUFFIX.exec(key)![1]!);
    if (forms.length === 0) continue;
    const missing = categories.filter((category) => !forms.includes(category));
    if (missing.length === 0) continue;
    reportError(file, `Missing plural form${missing.length > 1 ? 's' : ''} ${missing.map((form) => `\`${base}_${form}\``).join(', ')} for \`${language.lang}\``, {
      ruleId: 'plural-forms',
      place: placeOfKey(text, `${base}_${forms[0]}`),
      hint: `${language.lang} needs the forms ${categories.join(', ')} (Unicode CLDR plural rules).`,
    });
  }
};
