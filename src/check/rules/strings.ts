import { lookupString, placeOfKey, type StringTree } from '../../i18n/load-strings.js';
import { reportError, reportWarning } from '../../report/messages.js';
import { CODE_KEYS, FEATURE_KEYS } from '../../templates/template-keys.js';
import type { Rule } from '../context.js';

const CLDR_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** Strings named per kind of problem; the rest are counted (finding each one's line reads the whole file). */
const MAX_NAMED = 20;

const lookup = lookupString;

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
  const usedKeys = new Set([...used.map(({ key }) => key), ...FEATURE_KEYS]);
  const unused = [...present].filter((key) => !usedKeys.has(key) && !usedKeys.has(key.replace(PLURAL_SUFFIX, '')) && key !== 'language.name');
  for (const key of unused.slice(0, MAX_NAMED)) {
    reportWarning(file, `Unexpected unused UI string \`${key}\``, {
      ruleId: 'unused-string',
      place: placeOfKey(text, key),
      hint: 'No template uses it: remove it, or use it in templates/ with {{t "…"}}.',
    });
  }
  if (unused.length > MAX_NAMED) reportWarning(file, `Unexpected ${unused.length - MAX_NAMED} more unused UI strings`, { ruleId: 'unused-string' });
  const categories = [...new Intl.PluralRules(language.lang).resolvedOptions().pluralCategories].sort((a, b) => CLDR_ORDER.indexOf(a) - CLDR_ORDER.indexOf(b));
  for (const base of bases) {
    const forms = [...present].filter((key) => key.replace(PLURAL_SUFFIX, '') === base && key !== base).map((key) => PLURAL_SUFFIX.exec(key)![1]!);
    if (forms.length === 0) continue;
    for (const form of categories.filter((category) => !forms.includes(category))) {
      const sourceText = source.stringTree ? lookup(source.stringTree, `${base}_${form}`) ?? lookup(source.stringTree, `${base}_other`) : undefined;
      reportError(file, `Missing the form of UI string \`${base}\` used for ${pluralMeaning(language.lang, form)} (\`${base}_${form}\`)`, {
        ruleId: 'plural-forms',
        place: placeOfKey(text, `${base}_${forms[0]}`),
        hint: `Add "${base.split('.').at(-1)}_${form}": "…" beside the other forms${sourceText ? ` (${source.lang}: “${sourceText}”)` : ''}. In ${language.lang} a count takes ${categories.length} forms: ${categories.map((category) => `_${category} for ${pluralMeaning(language.lang, category)}`).join('; ')}`,
      });
    }
  }
};

/** The whole numbers a plural form of `lang` is used for, as a reader would say it: `2-4, 22-24, 32-34, …`. */
export function pluralMeaning(lang: string, form: string): string {
  const rules = new Intl.PluralRules(lang);
  const limit = 1000;
  const ranges: Array<[number, number]> = [];
  for (let n = 0; n <= limit; n++) {
    if (rules.select(n) !== form) continue;
    const last = ranges.at(-1);
    if (last && last[1] === n - 1) last[1] = n;
    else ranges.push([n, n]);
  }
  if (ranges.length === 0) return 'fractions only';
  const say = ([from, to]: [number, number]) => (to === limit ? `${from} and more` : from === to ? String(from) : `${from}-${to}`);
  return `${ranges.slice(0, 3).map(say).join(', ')}${ranges.length > 3 ? ', …' : ''}`;
}
