import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import rehypeHyphenate, { lastWord, type RehypeHyphenateOptions } from '../../src/markdown/rehype-hyphenate.js';
import rehypeNoBreakSpaces, { bindShortWords } from '../../src/markdown/rehype-no-break-spaces.js';
import { readTypesetLists } from '../../src/content/typeset-lists.js';
import { renderSection } from '../helpers/markdown.js';
import { formatMessages } from '../../src/report/format-messages.js';

/** Runs the hyphenator over an HTML fragment; soft hyphens shown as `~`, no-break spaces as `°`. */
function hyphenate(html: string, options: RehypeHyphenateOptions): string {
  const output = String(unified().use(rehypeParse, { fragment: true }).use(rehypeHyphenate, options).use(rehypeStringify).processSync(html));
  return output.replace(/\u00ad/g, '~').replace(/\u00a0/g, '°');
}

const show = (text: string) => text.replace(/\u00a0/g, '°');

describe('rehypeHyphenate: what is never broken', () => {
  it('leaves bold terms whole, and the last word of a paragraph, list item and table cell', () => {
    expect(hyphenate('<p>Kada <strong>industrijska simbioza</strong> pomaže preduzećima danas</p>', { lang: 'bs' })).toBe(
      '<p>Kada <strong>industrijska simbioza</strong> pomaže pre~du~ze~ćima danas</p>',
    );
    expect(hyphenate('<ul><li>preduzećima preduzećima</li></ul><table><tr><td>preduzećima preduzećima</td></tr></table>', { lang: 'bs' })).toBe(
      '<ul><li>pre~du~ze~ćima preduzećima</li></ul><table><tbody><tr><td>pre~du~ze~ćima preduzećima</td></tr></tbody></table>',
    );
  });

  it('leaves the last word before a note reference whole', () => {
    expect(hyphenate('<p>preduzećima preduzećima<sup><a href="#n1">1</a></sup></p>', { lang: 'bs' })).toBe('<p>pre~du~ze~ćima preduzećima<sup><a href="#n1">1</a></sup></p>');
  });

  it('finds the last word as "the run of letters, marks and soft hyphens with none after it" does, from the end', () => {
    const pattern = /[\p{L}\p{M}\u00ad]+(?=[^\p{L}\p{M}\u00ad]*$)/u;
    const expected = (text: string): [number, number] => {
      const found = pattern.exec(text);
      return found ? [found.index, found.index + found[0].length] : [text.length, text.length];
    };
    // Letters of every script here, a mark, astral letters, soft hyphens, digits, spaces, punctuation, lone surrogates.
    const pieces = ['a', 'ж', 'ë', 'ć', '\u0301', '\u{1d400}', '\u00ad', '1', ' ', '\u00a0', '.', '-', '\ud800', '\udc00', '»'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const [start, end] = lastWord(text);
        // An empty text or one without letters: nothing (the position does not matter then).
        if (expected(text)[0] === expected(text)[1]) expect(start).toBe(end);
        else expect([start, end]).toEqual(expected(text));
      }),
      { numRuns: 3000 },
    );
    expect(hyphenate('<p>pre~du~ze~ćima pre~du~ze~ćima.</p>'.replace(/~/g, '\u00ad'), { lang: 'bs' })).toBe('<p>pre~du~ze~ćima preduzećima.</p>');
  });

  it('leaves the words of a listed name whole, even in lower case', () => {
    expect(hyphenate('<p>Fondacija za inovacije i tehnološki razvoj, tehnološki napredak.</p>', { lang: 'bs', names: ['inovacije i tehnološki razvoj'] })).toBe(
      '<p>Fondacija za inovacije i tehnološki razvoj, teh~no~lo~ški napredak.</p>',
    );
  });

  it('leaves a month whole where a date binds it to its day or year', () => {
    const dated = bindShortWords('deklaracija, novembar 2020, novembar kraj', 'bs');
    expect(hyphenate(`<p>${dated}</p>`, { lang: 'bs' })).toBe('<p>dek~la~ra~cija, novembar°2020, no~vem~bar kraj</p>');
  });
});

describe('rehypeHyphenate: where words break', () => {
  it('keeps to the limits: 2 letters before a break and 3 after it by default, or as configured', () => {
    // The patterns give is-ko-ris-ti-ti, ot-vo-ri-ti, pre-du-ze-ću: the breaks before 2 letters go.
    expect(hyphenate('<p>iskoristiti otvoriti preduzeću kraj</p>', { lang: 'bs' })).toBe('<p>is~ko~ris~titi otvo~riti pre~du~zeću kraj</p>');
    expect(hyphenate('<p>iskoristiti kraj</p>', { lang: 'bs', limits: { before: 4, after: 4 } })).toBe('<p>isko~ris~titi kraj</p>');
  });

  it('breaks a word of hyphenation.txt only where the list allows, and a listed word without hyphens never', () => {
    const exceptions = new Map([
      ['повторно', [2, 6]],
      ['економија', []],
    ]);
    // The patterns give пов-тор-но and еко-но-ми-ја; the limits still apply to a listed break (-но).
    expect(hyphenate('<p>Повторно повторно економија крај</p>', { lang: 'mk', exceptions })).toBe('<p>Повторно по~вторно економија крај</p>');
  });

  it('Macedonian: a stop or fricative before р or л starts the syllable, a prefix keeps its consonant', () => {
    // The patterns give нап-ра-вен, нап-ла-ќа, пов-рат-на, зад-ржу-ва, ки-лог-рам (and rightly из-ле-гу-ва, од-ра-зу-ва).
    expect(hyphenate('<p>направен наплаќа повратна задржува килограм излегува одразува крај</p>', { lang: 'mk', limits: { before: 2, after: 2 } })).toBe(
      '<p>на~пра~вен на~пла~ќа по~врат~на за~држу~ва ки~ло~грам из~ле~гу~ва од~ра~зу~ва крај</p>',
    );
  });

  it('Albanian: two consonants that cannot start a syllable are split (lejoj-në, kon-sumuara), digraphs stay whole', () => {
    // The patterns give le-jo-jnë, ko-n-su-mu-a-ra, she-mbull, mbe-tjet, për-z-gjedhjen.
    expect(hyphenate('<p>lejojnë konsumuara shembull mbetjet përzgjedhjen fund</p>', { lang: 'sq', limits: { before: 2, after: 2 } })).toBe(
      '<p>le~joj~në kon~su~mu~a~ra shem~bull mbet~jet për~zgjedhjen fund</p>',
    );
  });
});

describe('bindShortWords: no-break rules', () => {
  it('keeps day, month and year together, and month and year, in each language', () => {
    expect(show(bindShortWords('Sofia, 10 November 2020; started in June 2020', 'en'))).toBe('Sofia, 10°November°2020; started in June°2020');
    expect(show(bindShortWords('Sofija, 10. novembra 2020. (decembar 2019.)', 'bs'))).toBe('Sofija, 10.°novembra°2020. (decembar°2019.)');
    expect(show(bindShortWords('Sofje, 10 nëntor 2020 (mars 2020)', 'sq'))).toBe('Sofje, 10°nëntor°2020 (mars°2020)');
    expect(show(bindShortWords('Софија, 10 ноември 2020 (март 2020)', 'mk'))).toBe('Софија, 10°ноември°2020 (март°2020)');
  });

  it('keeps a number with the word or unit after it, but not a ratio or a number ending a sentence', () => {
    expect(show(bindShortWords('runs for 12 months, 20 MB and 5 % of 2020. Then a ratio 3:1 and COVID-19 pandemic', 'en'))).toBe(
      'runs for 12°months, 20°MB and 5°% of 2020. Then a ratio 3:1 and COVID-19 pandemic',
    );
  });

  it('keeps a reference with its number', () => {
    expect(show(bindShortWords('COM(2019) 640, December 2019; SWD(2020) 223; ISO 9001, EU 27', 'en'))).toBe('COM(2019)°640, December°2019; SWD(2020)°223; ISO°9001, EU°27');
  });

  it('keeps a listed name on one line, wherever the text breaks its words', () => {
    expect(show(bindShortWords('(Bosna i\nHercegovina) i Bosna', 'bs', ['Bosna i Hercegovina']))).toBe('(Bosna°i°Hercegovina) i°Bosna');
  });
});

describe('the Markdown stage with the lists', () => {
  it('keeps a listed name over 40 characters on one line in the text by a span, and binds it nowhere else', () => {
    const names = ['Foundation for Innovation and Technology Development', 'Fondacija PSM'];
    const text = 'Fondacija PSM i Foundation for Innovation and\nTechnology Development – partneri.';
    const html = String(unified().use(rehypeParse, { fragment: true }).use(rehypeNoBreakSpaces, { lang: 'bs', names }).use(rehypeStringify).processSync(`<p>${text}</p>`));
    // Short names by no-break spaces everywhere; the long one in a span that style.css releases on phones.
    expect(show(html)).toBe('<p>Fondacija°PSM i°<span class="nowrap-name">Foundation for Innovation and\nTechnology Development</span>°– partneri.</p>');
    expect(show(bindShortWords(text, 'bs', names))).toBe('Fondacija°PSM i°Foundation for Innovation and\nTechnology Development°– partneri.');
  });

  it('binds listed names and records each block of text with its line', async () => {
    const { file } = await renderSection('# Title\n\nA paragraph about North Macedonia.\n\n- an item\n\n| a | b |\n|---|---|\n| cell | two |\n');
    expect(file.data.textBlocks).toEqual([
      { kind: 'heading', line: 1, column: 1, text: 'Title' },
      { kind: 'paragraph', line: 3, column: 1, text: 'A paragraph about North Macedonia.' },
      { kind: 'list-item', line: 5, column: 1, text: 'an item' },
      { kind: 'cell', line: 7, column: 1, text: 'a' },
      { kind: 'cell', line: 7, column: 5, text: 'b' },
      { kind: 'cell', line: 9, column: 1, text: 'cell' },
      { kind: 'cell', line: 9, column: 8, text: 'two' },
    ]);
  });
});

describe('readTypesetLists: hyphenation.txt and no-break.txt, untrusted', () => {
  let root: string;
  const folder = () => path.join(root, 'brochure', 'mk');
  const report = async () => {
    const lists = await readTypesetLists(folder(), root, path.join(root, 'brochure'));
    return { lists, messages: formatMessages(lists.files, { cwd: root }) };
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'brochure-lists-'));
    await mkdir(path.join(root, 'brochure', 'mk'), { recursive: true });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads words with their breaks and names, comments and blank lines aside', async () => {
    await writeFile(path.join(folder(), 'hyphenation.txt'), '# Macedonian words\nна-пра-вен\n\nЕкономија\n');
    await writeFile(path.join(folder(), 'no-break.txt'), '# names\nБосна и Херцеговина\n');
    const { lists, messages } = await report();
    expect(messages).toBe('');
    expect([...lists.hyphenation]).toEqual([
      ['направен', [2, 5]],
      ['економија', []],
    ]);
    expect(lists.names).toEqual(['Босна и Херцеговина']);
  });

  it('reports each bad line with its file and line', async () => {
    await writeFile(path.join(folder(), 'hyphenation.txt'), 'на-пра-вен\nдва збора\nна--пра\nна-пра-вен\n');
    await writeFile(path.join(folder(), 'no-break.txt'), 'Босна\nAaaaaaaaaa Bbbbbbbbbb Cccccccccc Dddddddddd Eeeeeeeeee Ffffffffff\n');
    expect((await report()).messages).toBe(
      [
        'brochure/mk/hyphenation.txt:2:1 error Unexpected entry `два збора` in hyphenation.txt, expected one word with a hyphen where it may break, such as `на-пра-вен`  typeset-list',
        '  hint: One word a line (at most 60 letters), letters and hyphens only; a word without hyphens is never broken; lines starting with # are comments.',
        'brochure/mk/hyphenation.txt:3:1 error Unexpected entry `на--пра` in hyphenation.txt, expected one word with a hyphen where it may break, such as `на-пра-вен`  typeset-list',
        '  hint: One word a line (at most 60 letters), letters and hyphens only; a word without hyphens is never broken; lines starting with # are comments.',
        'brochure/mk/hyphenation.txt:4:1 warning Unexpected second entry for `направен`, the first is on line 1  typeset-list',
        '  hint: Keep one line per word; this one is used.',
        'brochure/mk/no-break.txt:1:1 error Unexpected entry `Босна` in no-break.txt, expected a name of 2 to 6 words, such as `Bosna i Hercegovina`  typeset-list',
        '  hint: One name a line, its words separated by spaces; lines starting with # are comments.',
        'brochure/mk/no-break.txt:2:1 error Unexpected name of 65 characters in no-break.txt, expected at most 60  typeset-list',
        '  hint: A longer name set in one piece leaves the line before it short, or does not fit it: list the part that must stay together.',
      ].join('\n'),
    );
  });

  it('refuses a list over 64 KB and stops at 2000 entries', async () => {
    await writeFile(path.join(folder(), 'hyphenation.txt'), 'а'.repeat(40_000));
    await writeFile(path.join(folder(), 'no-break.txt'), 'Име Презиме\n'.repeat(2001));
    const { lists, messages } = await report();
    expect(messages).toContain('brochure/mk/hyphenation.txt error Unexpected size of hyphenation.txt: 78 KB, expected at most 64 KB  limit');
    expect(messages).toContain('brochure/mk/no-break.txt:2001:1 error Unexpected entry 2001, expected at most 2000 entries  limit');
    expect(lists.names).toHaveLength(2000);
  });
});
