import { BrochureError } from '../errors.js';
import { SETTINGS_NAMES, type BuildSettings } from './build-identity.js';
import type { LanguageBuild } from './manifest.js';
import type { Part } from './read-part.js';

/** A language of a part, with how it was built. */
export interface PartLanguage {
  lang: string;
  part: Part;
  build: LanguageBuild;
}

const list = (items: string[]) => items.map((item) => `\`${item}\``).join(', ');
const short = (commit: string | null) => (commit ? commit.slice(0, 12) : 'none (not built in git)');

/**
 * Checks that parts can be put together into one output, and says which part does not fit: each language of
 * brochure.yaml in exactly one part, all built from the same source commit with the same settings, and those
 * settings the ones of this checkout (whose templates and text make the download page). Returns the languages
 * in the order of brochure.yaml, and notes worth showing (parts printed by different browsers).
 */
export function matchParts(parts: Part[], languages: readonly string[], checkout: BuildSettings): { languages: PartLanguage[]; notes: string[] } {
  const found = new Map<string, PartLanguage>();
  for (const part of parts) {
    for (const [lang, build] of Object.entries(part.manifest.languages)) {
      const other = found.get(lang);
      if (other) refuse(`\`${lang}\` is in two parts, \`${other.part.name}\` and \`${part.name}\``, 'Give each language once.');
      if (!languages.includes(lang)) refuse(`the part \`${part.name}\` holds \`${lang}\`, which brochure/brochure.yaml does not list (${languages.join(', ')})`);
      found.set(lang, { lang, part, build });
    }
  }
  const missing = languages.filter((lang) => !found.has(lang));
  if (missing.length > 0) {
    refuse(`no part holds ${list(missing)}; brochure/brochure.yaml lists ${languages.join(', ')}`, `Build ${missing.length === 1 ? 'it' : 'each'} into a part of its own (\`npm run build:brochure -- --lang ${missing[0]} --out parts/${missing[0]}\`) and give it too.`);
  }
  const ordered = languages.map((lang) => found.get(lang)!);
  const first = ordered[0]!;
  for (const language of ordered.slice(1)) {
    if (language.build.sourceCommit !== first.build.sourceCommit) {
      refuse(`the part \`${language.part.name}\` (${language.lang}) was built from commit ${short(language.build.sourceCommit)}, the part \`${first.part.name}\` (${first.lang}) from commit ${short(first.build.sourceCommit)}`);
    }
    const differ = differences(language.build.settings!, first.build.settings!);
    if (differ.length > 0) refuse(`the part \`${language.part.name}\` (${language.lang}) was built with other settings than the part \`${first.part.name}\` (${first.lang}): ${differ.join('; ')}`);
  }
  const here = differences({ ...checkout, options: first.build.settings!.options }, first.build.settings!);
  if (here.length > 0) {
    refuse(`the parts were built from other files than this checkout has: ${here.join('; ')}`, `Assemble in a checkout of the commit the parts were built from (${short(first.build.sourceCommit)}), where the download page is made from the same templates and text.`);
  }
  const browsers = new Set(ordered.map((language) => (language.build.tools ?? []).join(', ')));
  const notes = browsers.size > 1 ? [`The parts were printed by different browsers (${[...browsers].join(' | ')}); their PDFs may differ slightly in layout.`] : [];
  return { languages: ordered, notes };
}

/** What differs between two settings, in words. */
function differences(settings: BuildSettings, reference: BuildSettings): string[] {
  const differ: string[] = [];
  for (const key of Object.keys(SETTINGS_NAMES) as Array<keyof BuildSettings>) {
    if (key === 'options') {
      const [a, b] = [settings.options.join(' ') || 'none', reference.options.join(' ') || 'none'];
      if (a !== b) differ.push(`the options differ (${a} against ${b})`);
    } else if (settings[key] !== reference[key]) differ.push(`${SETTINGS_NAMES[key]} differs`);
  }
  return differ;
}

function refuse(why: string, hint?: string): never {
  throw new BrochureError('assemble', `Cannot assemble: ${why}.`, hint ? { hint } : {});
}
