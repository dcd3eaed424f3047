import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Hunspell, HunspellFactory } from 'hunspell-asm';

/** Checks single words against a language's Hunspell dictionaries and the project's own word list. */
export interface Speller {
  /** The dictionaries used, for messages: `dictionary-mk (npm)`, `/usr/share/hunspell/bs_BA.dic`. */
  sources: string[];
  correct(word: string): boolean;
  /** At most three; none for a word longer than SUGGEST_UP_TO letters. */
  suggest(word: string): string[];
}

/**
 * The longest word that gets suggestions. Hunspell's suggestions take time that grows steeply with a word's
 * length (measured: 0.7 s for a 90-letter run-together address, 12 s for a 230-letter hyphenated chain); no
 * dictionary word is this long, so a longer one is a name, an address or a chain that no suggestion would fix.
 */
const SUGGEST_UP_TO = 30;

/** A language's spelling: its speller, or why there is none. */
export type Spelling = { speller: Speller; words: Set<string> } | { missing: string };

/** Dictionaries on npm, by language: the English one in both its American and British spelling. */
const NPM_DICTIONARIES: Record<string, string[]> = { en: ['dictionary-en', 'dictionary-en-gb'], mk: ['dictionary-mk'] };
/** Where Debian (hunspell-*, myspell-*) and most Linux distributions put Hunspell dictionaries. */
const SYSTEM_FOLDERS = ['/usr/share/hunspell', '/usr/share/myspell/dicts', '/usr/share/myspell'];
/** Debian packages with each language's dictionary, for the message when it is missing. */
const DEBIAN_PACKAGES: Record<string, string> = { bs: 'hunspell-bs', sq: 'myspell-sq', hr: 'hunspell-hr', sr: 'hunspell-sr', sl: 'hunspell-sl', de: 'hunspell-de-de', fr: 'hunspell-fr', it: 'hunspell-it' };
/** The project's own words (names, terms) for a language: brochure/<lang>/words.txt, one a line, `#` for comments. */
export const WORD_LIST = 'words.txt';

// The CommonJS build of hunspell-asm: its ES module build imports the Emscripten loader in a way that only
// works when bundled, not when Node or vitest load it as it is.
const { loadModule } = createRequire(import.meta.url)('hunspell-asm') as typeof import('hunspell-asm');
let factory: Promise<HunspellFactory> | undefined;
const loaded = new Map<string, Promise<Hunspell>>();

/** Hunspell (compiled to WebAssembly) with a dictionary, loaded once per process; the files are converted to UTF-8. */
async function hunspell(aff: Uint8Array, dic: Uint8Array, key: string): Promise<Hunspell> {
  if (!loaded.has(key)) {
    loaded.set(key, (async () => {
      const hunspellFactory = await (factory ??= loadModule());
      const encoding = /^SET\s+(\S+)/m.exec(new TextDecoder('latin1').decode(aff.subarray(0, 4096)))?.[1] ?? 'UTF-8';
      const decoder = new TextDecoder(encoding.toLowerCase().replace(/^iso(\d)/, 'iso-$1').replace(/^microsoft-cp/, 'windows-'));
      const utf8 = (bytes: Uint8Array) => new TextEncoder().encode(decoder.decode(bytes));
      const affText = new TextDecoder().decode(utf8(aff)).replace(/^SET\s+\S+/m, 'SET UTF-8');
      const name = key.replace(/\W+/g, '-');
      return hunspellFactory.create(hunspellFactory.mountBuffer(new TextEncoder().encode(affText), `${name}.aff`), hunspellFactory.mountBuffer(utf8(dic), `${name}.dic`));
    })());
  }
  return loaded.get(key)!;
}

async function npmDictionary(name: string): Promise<{ aff: Uint8Array; dic: Uint8Array } | undefined> {
  try {
    return ((await import(name)) as { default: { aff: Uint8Array; dic: Uint8Array } }).default;
  } catch {
    return undefined;
  }
}

async function systemDictionary(lang: string): Promise<{ aff: Uint8Array; dic: Uint8Array; file: string } | undefined> {
  for (const folder of SYSTEM_FOLDERS) {
    const names = await readdir(folder).catch(() => [] as string[]);
    const stem = names.map((name) => name.replace(/\.dic$/, '')).find((name) => (name === lang || name.startsWith(`${lang}_`) || name.startsWith(`${lang}-`)) && names.includes(`${name}.aff`) && names.includes(`${name}.dic`));
    if (!stem) continue;
    const [aff, dic] = await Promise.all([readFile(path.join(folder, `${stem}.aff`)), readFile(path.join(folder, `${stem}.dic`))]);
    return { aff, dic, file: path.join(folder, `${stem}.dic`) };
  }
  return undefined;
}

/** The words of brochure/<lang>/words.txt, in lower case; an absent file is an empty list. */
async function wordList(folder: string): Promise<Set<string>> {
  const text = await readFile(path.join(folder, WORD_LIST), 'utf8').catch(() => '');
  return new Set(text.split('\n').map((line) => line.replace(/#.*/, '').trim().toLowerCase()).filter(Boolean));
}

/**
 * Finds and loads the spelling dictionaries of each language: from npm (dictionary-en, dictionary-en-gb,
 * dictionary-mk) or the system (Debian's hunspell-bs, myspell-sq, …), never from the network; and the
 * project's word list of each language. A language without a dictionary says why, to be reported once.
 */
export async function loadSpelling(contentFolder: string, languages: string[]): Promise<Map<string, Spelling>> {
  const entries = await Promise.all(
    languages.map(async (lang): Promise<[string, Spelling]> => {
      const base = lang.split('-')[0]!.toLowerCase();
      const spellers: Hunspell[] = [];
      const sources: string[] = [];
      for (const name of NPM_DICTIONARIES[base] ?? []) {
        const dictionary = await npmDictionary(name);
        if (!dictionary) continue;
        spellers.push(await hunspell(dictionary.aff, dictionary.dic, name));
        sources.push(`${name} (npm)`);
      }
      if (spellers.length === 0) {
        const system = await systemDictionary(base);
        if (system) {
          spellers.push(await hunspell(system.aff, system.dic, system.file));
          sources.push(system.file);
        }
      }
      if (spellers.length === 0) {
        const debian = DEBIAN_PACKAGES[base] ? `Debian's ${DEBIAN_PACKAGES[base]}` : `a Hunspell dictionary for ${lang}`;
        return [lang, { missing: `install ${debian} (\`npm run setup\` installs the brochure's languages' dictionaries), or put ${base}.aff and ${base}.dic into /usr/share/hunspell` }];
      }
      // Hunspell's answers kept for the rest of the process (the dictionaries are): a rebuild in `npm run dev`
      // asks about the same words again, and a suggestion takes 10 to 90 ms.
      const { verdicts, suggestions } = answersOf(sources.join('\n'));
      const speller: Speller = {
        sources,
        correct: (word) => remember(verdicts, word, () => spellers.some((one) => one.spell(word))),
        suggest: (word) => (word.length > SUGGEST_UP_TO ? [] : remember(suggestions, word, () => [...new Set(spellers.flatMap((one) => one.suggest(word)))].slice(0, 3))),
      };
      return [lang, { speller, words: await wordList(path.join(contentFolder, lang)) }];
    }),
  );
  return new Map(entries);
}

/** Hunspell's answers by set of dictionaries (they are loaded once per process, so their answers hold). */
const answers = new Map<string, { verdicts: Map<string, boolean>; suggestions: Map<string, string[]> }>();

function answersOf(dictionaries: string): { verdicts: Map<string, boolean>; suggestions: Map<string, string[]> } {
  if (!answers.has(dictionaries)) answers.set(dictionaries, { verdicts: new Map(), suggestions: new Map() });
  return answers.get(dictionaries)!;
}

function remember<T>(known: Map<string, T>, word: string, ask: () => T): T {
  if (!known.has(word)) known.set(word, ask());
  return known.get(word)!;
}
