const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ѓ: 'gj', д: 'd', ђ: 'dj', е: 'e', ё: 'e', ж: 'zh', з: 'z', ѕ: 'dz', и: 'i', й: 'j',
  ј: 'j', к: 'k', ќ: 'kj', л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'c',
  у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'ch', џ: 'dzh', ш: 'sh', щ: 'sht', ъ: 'a', ы: 'y', ь: '', э: 'e', ю: 'ju',
  я: 'ja', і: 'i', ї: 'ji', є: 'je', ґ: 'g',
};
const LATIN: Record<string, string> = { đ: 'dj', ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', ı: 'i' };

/** Longest id kept; PDF name tokens (named destinations) should stay under 127 bytes. */
const MAX_LENGTH = 72;

/**
 * Turns an id into lower-case ASCII (Cyrillic transliterated, accents removed): ids become PDF named
 * destinations and URL fragments, where non-ASCII letters are escaped into long, unreadable tokens.
 */
export function asciiId(id: string): string {
  const lower = id.toLowerCase();
  let out = '';
  for (const char of lower) {
    out += CYRILLIC[char] ?? LATIN[char] ?? char;
  }
  out = out
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  return out.slice(0, MAX_LENGTH).replace(/-$/, '') || 'x';
}
