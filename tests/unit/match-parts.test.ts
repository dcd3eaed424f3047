import { describe, expect, it } from 'vitest';
import type { BuildSettings } from '../../src/publish/build-identity.js';
import { matchParts } from '../../src/publish/match-parts.js';
import type { Part } from '../../src/publish/read-part.js';

const settings: BuildSettings = { config: 'c', templates: 't', assets: 'a', content: 'x', tool: 'v', options: [] };

function part(name: string, langs: string[], changes: Partial<BuildSettings> = {}, extra: { commit?: string; tools?: string[] } = {}): Part {
  const languages = Object.fromEntries(langs.map((lang) => [lang, { buildDate: '2021-06-01T00:00:00.000Z', sourceCommit: extra.commit ?? 'a1b2c3', draft: false, settings: { ...settings, ...changes }, tools: extra.tools ?? ['Chromium 1'] }]));
  return { name, manifest: { buildDate: '2021-06-01T00:00:00.000Z', sourceCommit: extra.commit ?? 'a1b2c3', languages, files: [] }, status: { sourceLanguage: 'en', languages: [] }, files: new Map() };
}

const refusal = (parts: Part[]) => {
  try {
    matchParts(parts, ['en', 'mk', 'sq'], settings);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('which parts go together', () => {
  it('accepts every language once from the same commit and settings, in the order of brochure.yaml', () => {
    const { languages, notes } = matchParts([part('p/sq', ['sq']), part('p/en-mk', ['en', 'mk'])], ['en', 'mk', 'sq'], settings);
    expect(languages.map((language) => `${language.lang} ${language.part.name}`)).toEqual(['en p/en-mk', 'mk p/en-mk', 'sq p/sq']);
    expect(notes).toEqual([]);
  });

  it('names the part and what differs', () => {
    expect(refusal([part('p/en', ['en']), part('p/mk', ['mk'], { options: ['--press-ready'] }), part('p/sq', ['sq'])])).toBe(
      'Cannot assemble: the part `p/mk` (mk) was built with other settings than the part `p/en` (en): the options differ (--press-ready against none).',
    );
    expect(refusal([part('p/en', ['en']), part('p/mk', ['mk']), part('p/sq', ['sq'], { templates: 'other', config: 'other' })])).toBe(
      'Cannot assemble: the part `p/sq` (sq) was built with other settings than the part `p/en` (en): brochure/brochure.yaml differs; templates/ differs.',
    );
    expect(refusal([part('p/en', ['en']), part('p/mk', ['mk'], {}, { commit: 'ffff00001111' }), part('p/sq', ['sq'])])).toBe(
      'Cannot assemble: the part `p/mk` (mk) was built from commit ffff00001111, the part `p/en` (en) from commit a1b2c3.',
    );
    expect(refusal([part('p/en', ['en']), part('p/mk', ['mk']), part('p/mk2', ['mk'])])).toBe('Cannot assemble: `mk` is in two parts, `p/mk` and `p/mk2`.');
    expect(refusal([part('p/en', ['en']), part('p/de', ['de'])])).toBe('Cannot assemble: the part `p/de` holds `de`, which brochure/brochure.yaml does not list (en, mk, sq).');
    expect(refusal([part('p/en', ['en'])])).toBe('Cannot assemble: no part holds `mk`, `sq`; brochure/brochure.yaml lists en, mk, sq.');
    expect(refusal([part('p/en', ['en'], { tool: 'newer' }), part('p/mk', ['mk'], { tool: 'newer' }), part('p/sq', ['sq'], { tool: 'newer' })])).toBe(
      'Cannot assemble: the parts were built from other files than this checkout has: the version of the brochure tool (src/, package-lock.json) differs.',
    );
  });

  it('notes parts printed by different browsers', () => {
    const { notes } = matchParts([part('p/en', ['en']), part('p/mk', ['mk'], {}, { tools: ['Chromium 2'] }), part('p/sq', ['sq'])], ['en', 'mk', 'sq'], settings);
    expect(notes).toEqual(['The parts were printed by different browsers (Chromium 1 | Chromium 2); their PDFs may differ slightly in layout.']);
  });
});
