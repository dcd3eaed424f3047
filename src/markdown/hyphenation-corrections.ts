/**
 * Corrections of the hyphenation patterns where they break against a language's rules, applied to the break
 * offsets the patterns give for one lower-case word. The language's hyphenation.txt still wins over both.
 */

const MK_VOWELS = 'аеиоу';
const MK_OBSTRUENTS = 'бвгдѓжзкпстќфхцчџш';
const MK_CONSONANTS = 'бвгдѓжзјклљмнњпрстќфхцчџш';
/** Macedonian prefixes that end in a consonant: a break right after them stays (из-лез, раз-лика, од-разува). */
const MK_PREFIXES = new Set(['из', 'ис', 'раз', 'рас', 'без', 'бес', 'од', 'от', 'под', 'над', 'пред', 'воз', 'вос', 'низ', 'об', 'обез', 'неиз', 'нераз', 'непред']);

/**
 * Macedonian: a stop or fricative before р or л begins the syllable (на-пра-вен, по-врат-на, ки-ло-грам), where
 * the patterns split the pair (нап-равен, пов-ратна): the break moves before the consonant. A break after a
 * prefix stays (из-лез, од-разува), unless р is syllabic (за-држува), and so does one before the suffix -лив
 * (обнов-ливи). A break that would leave one letter is dropped by the limits afterwards.
 */
function macedonian(word: string, breaks: number[]): number[] {
  return breaks.map((at) => {
    const vowel = word[at - 2];
    const consonant = word[at - 1]!;
    const next = word[at];
    const after = word[at + 1] ?? '';
    if (!vowel || !MK_VOWELS.includes(vowel) || !MK_OBSTRUENTS.includes(consonant) || (next !== 'р' && next !== 'л')) return at;
    if (consonant === 'в' && next === 'л') return at;
    if (next === 'л' && word.startsWith('ив', at + 1)) return at;
    const syllabicR = next === 'р' && MK_CONSONANTS.includes(after);
    if (MK_PREFIXES.has(word.slice(0, at)) && !syllabicR) return at;
    return at - 1;
  });
}

const SQ_DIGRAPHS = ['dh', 'gj', 'll', 'nj', 'rr', 'sh', 'th', 'xh', 'zh'];
const SQ_VOWELS = 'aeëiouy';
/** Albanian prefixes and first parts of compounds after which a break stays (për-fshin, mirë-mbajtje). */
const SQ_PREFIXES = new Set(['për', 'ri', 'pa', 'ndër', 'mbi', 'nën', 'jo', 'para', 'kundër', 'mos', 'mirë', 'një', 'shumë', 'vetë']);

/** The consonant (a letter or a digraph) at `at` in an Albanian word, or undefined for a vowel. */
function sqConsonant(word: string, at: number): string | undefined {
  const pair = word.slice(at, at + 2);
  if (SQ_DIGRAPHS.includes(pair)) return pair;
  const letter = word[at];
  return letter && !SQ_VOWELS.includes(letter) ? letter : undefined;
}

/** Whether the consonants at `at` may begin an Albanian syllable: one consonant, or a cluster such as pr, bl, st, sht. */
function sqOnset(word: string, at: number): boolean {
  if (at >= word.length) return true;
  const first = sqConsonant(word, at);
  const second = first ? sqConsonant(word, at + first.length) : undefined;
  if (!first || !second) return true;
  return ('pbtdkgfv'.includes(first) && (second === 'r' || second === 'l')) || ['s', 'sh', 'z', 'zh'].includes(first);
}

/**
 * Albanian: two consonants that cannot begin a syllable are split, the first staying on the line (lejoj-në,
 * shem-bull, mbet-je, kon-sumuara), where the patterns move both (lejo-jnë, she-mbull); a stop or f/v before r or
 * l, s, sh, z or zh before a consonant, and digraphs (dh, gj, ll, nj, rr, sh, th, xh, zh) begin a syllable. A break
 * after a prefix stays (për-fshin). A piece left without a vowel joins the syllable it can begin or end
 * (nën-produkte, rikon-struktim).
 */
function albanian(word: string, breaks: number[]): number[] {
  const moved = breaks.map((at) => (SQ_PREFIXES.has(word.slice(0, at)) || sqOnset(word, at) ? at : at + sqConsonant(word, at)!.length));
  const hasVowel = (text: string) => [...text].some((letter) => SQ_VOWELS.includes(letter));
  const kept: number[] = [];
  for (const at of [...new Set(moved)].sort((a, b) => a - b)) {
    if (at <= 0 || at >= word.length || !hasVowel(word.slice(at))) continue;
    const last = kept.at(-1) ?? 0;
    if (hasVowel(word.slice(last, at))) kept.push(at);
    else if (kept.length > 0 && !sqOnset(word, last)) kept[kept.length - 1] = at;
  }
  return kept;
}

const CORRECTIONS: Record<string, (word: string, breaks: number[]) => number[]> = { mk: macedonian, sq: albanian };

/** The breaks of `word` (lower case) corrected by the rules of `lang`; unchanged for languages without rules. */
export function correctBreaks(lang: string, word: string, breaks: number[]): number[] {
  const correct = CORRECTIONS[lang.split('-')[0]!];
  return correct ? correct(word, breaks) : breaks;
}
