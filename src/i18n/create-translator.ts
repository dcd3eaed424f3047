import path from 'node:path';
import i18next, { type i18n } from 'i18next';
import type { VFile } from 'vfile';
import { reportError } from '../report/messages.js';
import { lookupString, type StringTree } from './load-strings.js';
import { bindShortWords } from '../markdown/rehype-no-break-spaces.js';

/** Looks up UI strings of one language; a missing key is reported once, never filled in from English. */
export interface Translator {
  lang: string;
  /** The text of `key` with `{{name}}` placeholders filled from `values`; the key itself when missing. */
  t(key: string, values?: Record<string, unknown>, usedAt?: string): string;
}

export interface TranslatorOptions {
  /** Report keys that are missing; true by default. */
  report?: boolean;
  /**
   * Keys the checks know the templates use (and report when missing, with where they are used): a missing one
   * of these is not reported again; only a key the checks could not foresee is reported here.
   */
  declaredKeys?: ReadonlySet<string>;
  /** Names of the language's no-break.txt, whose words stay on one line in the strings too. */
  names?: readonly string[];
  /** The source language's strings, to show its text in the message about a missing key. */
  source?: { lang: string; strings: StringTree };
}

/**
 * Creates the i18next instance of one language. There is no fallback language: a key missing in
 * brochure/<lang>/strings.json is an error on that file naming the key and the template that used it.
 */
export function createTranslator(lang: string, strings: StringTree, file: VFile, options: TranslatorOptions = {}): Translator {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: false,
    initAsync: false,
    resources: { [lang]: { translation: strings } },
    // Handlebars escapes the result; escaping here too would print &amp; in the brochure. Values are filled in
    // once (skipOnVariables) and a string has few placeholders: no placeholder in a value is expanded again.
    interpolation: { escapeValue: false, skipOnVariables: true, maxReplaces: 100 },
    returnNull: false,
    returnObjects: false,
  } as Parameters<i18n['init']>[0]);
  const reported = new Set<string>();
  return {
    lang,
    t(key, values = {}, usedAt) {
      if (!instance.exists(key, { lng: lang })) {
        if (options.report !== false && !options.declaredKeys?.has(key) && !reported.has(key)) {
          reported.add(key);
          const sourceText = options.source ? lookupString(options.source.strings, key) : undefined;
          reportError(file, `Missing UI string \`${key}\``, {
            ruleId: 'missing-string',
            place: { line: 1, column: 1 },
            hint: `Add "${key.split('.').at(-1)}": "…" under "${key.split('.').slice(0, -1).join('" → "') || '(top level)'}" in ${path.relative(file.cwd, file.path)}${sourceText !== undefined ? ` (${options.source!.lang}: “${sourceText}”)` : ''}${usedAt ? `; it is used in ${usedAt}` : ''}.`,
          });
        }
        return key;
      }
      // References between strings (`$t(key)`) were filled in, within bounds, when strings.json was read
      // (expand-references.ts): i18next itself never nests, which it would do without limit.
      const text = instance.t(key, { ...values, lng: lang, nest: false });
      return typeof text === 'string' ? bindShortWords(text, lang, options.names) : key;
    },
  };
}
