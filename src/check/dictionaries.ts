import crypto from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readCacheFile, writeCacheFile } from '../cache-files.js';
import type { Hunspell, HunspellFactory } from 'hunspell-asm';

/** Checks single words against a language's Hunspell dictionaries and the project's own word list. */
export interface Speller {
  /** The dictionaries used, for messages: `dictionary-mk (npm)`, `/usr/share/hunspell/bs_BA.dic`. */
  sources: string[];
  correct(word: string): boolean;
  /** At most three; none for a word longer than SUGGEST_UP_TO letters. */
  suggest(word: string): string[];
  /** Keeps its answers for the next build (with a folder to keep them in; else nothing). */
  keep(): Promise<void>;
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
// English as the European publications of this tool write it first (en-GB), then en-US: a word is asked of the
// second only when the first does not know it, and a dictionary is loaded only then.
const NPM_DICTIONARIES: Record<string, string[]> = { en: ['dictionary-en-gb', 'dictionary-en'], mk: ['dictionary-mk'] };
/** Where Debian (hunspell-*, myspell-*) and most Linux distributions put Hunspell dictionaries. */
const SYSTEM_FOLDERS = ['/usr/share/hunspell', '/usr/share/myspell/dicts', '/usr/share/myspell'];
/** Debian packages with each language's dictionary, for the message when it is missing. */
const DEBIAN_PACKAGES: Record<string, string> = { bs: 'hunspell-bs', sq: 'myspell-sq', hr: 'hunspell-hr', sr: 'hunspell-sr', sl: 'hunspell-sl', de: 'hunspell-de-de', fr: 'hunspell-fr', it: 'hunspell-it' };
/** The project's own words (names, terms) for a language: brochure/<lang>/words.txt, one a line, `#` for comments. */
export const WORD_LIST = 'words.txt';

// The CommonJS build of hunspell-asm: its ES module build imports the Emscripten loader in a way that only
// works when bundled, not when Node or vitest load it as it is.
const require = createRequire(import.meta.url);
const { loadModule } = require('hunspell-asm') as typeof import('hunspell-asm');
const HUNSPELL_VERSION = (require('hunspell-asm/package.json') as { version: string }).version;
let factory: Promise<HunspellFactory> | undefined;
const loaded = new Map<string, Hunspell>();

/** A dictionary's files, not loaded into Hunspell yet. */
interface Dictionary {
  /** For messages: `dictionary-mk (npm)`, `/usr/share/hunspell/bs_BA.dic`. */
  source: string;
  aff: Uint8Array;
  dic: Uint8Array;
  /** SHA-256 of both files: what the dictionary is, for Hunspell loaded in this process and its answers kept. */
  hash: string;
}

/**
 * Hunspell (compiled to WebAssembly) with a dictionary, loaded once per process; the files are converted to
 * UTF-8. Loading a dictionary takes 0.05 to 0.4 s: it happens only when a word is asked about that no earlier
 * build has asked about (see answersOf) and that the language's dictionaries before it do not know.
 */
function hunspell(hunspellFactory: HunspellFactory, dictionary: Dictionary): Hunspell {
  const key = dictionary.hash;
  if (!loaded.has(key)) {
    const { aff, dic } = dictionary;
    const encoding = /^SET\s+(\S+)/m.exec(new TextDecoder('latin1').decode(aff.subarray(0, 4096)))?.[1] ?? 'UTF-8';
    const decoder = new TextDecoder(encoding.toLowerCase().replace(/^iso(\d)/, 'iso-$1').replace(/^microsoft-cp/, 'windows-'));
    // A dictionary in UTF-8 already is given as it is (Hunspell skips a byte order mark itself).
    const utf8 = decoder.encoding === 'utf-8' ? (bytes: Uint8Array) => bytes : (bytes: Uint8Array) => new TextEncoder().encode(decoder.decode(bytes));
    const affText = new TextDecoder().decode(utf8(aff)).replace(/^SET\s+\S+/m, 'SET UTF-8');
    const name = dictionary.source.replace(/\W+/g, '-');
    loaded.set(key, hunspellFactory.create(hunspellFactory.mountBuffer(new TextEncoder().encode(affText), `${name}.aff`), hunspellFactory.mountBuffer(utf8(dic), `${name}.dic`)));
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
 * Hunspell's WebAssembly module. Its Emscripten loader adds a process-wide `uncaughtException` listener that
 * throws the error again: any error not caught elsewhere would then end the process from inside that listener,
 * past the command line's own error handling (and, in the tests, past vitest's report, ending its worker with
 * no message). The listener is taken away once the module is loaded.
 */
async function loadHunspell(): Promise<HunspellFactory> {
  const before = new Set(process.listeners('uncaughtException'));
  try {
    return await loadModule();
  } finally {
    for (const listener of process.listeners('uncaughtException')) {
      if (!before.has(listener)) process.removeListener('uncaughtException', listener);
    }
  }
}

/**
 * Finds and loads the spelling dictionaries of each language: from npm (dictionary-en, dictionary-en-gb,
 * dictionary-mk) or the system (Debian's hunspell-bs, myspell-sq, …), never from the network; and the
 * project's word list of each language. A language without a dictionary says why, to be reported once.
 * Hunspell's answers are kept in `keptIn` (by the dictionaries' content) when a speller's keep() is called.
 */
export async function loadSpelling(contentFolder: string, languages: string[], keptIn?: string): Promise<Map<string, Spelling>> {
  const hunspellFactory = await (factory ??= loadHunspell());
  const entries = await Promise.all(
    languages.map(async (lang): Promise<[string, Spelling]> => {
      const base = lang.split('-')[0]!.toLowerCase();
      const dictionaries: Dictionary[] = [];
      for (const name of NPM_DICTIONARIES[base] ?? []) {
        const dictionary = await npmDictionary(name);
        if (dictionary) dictionaries.push({ source: `${name} (npm)`, ...dictionary, hash: hashOf(dictionary) });
      }
      if (dictionaries.length === 0) {
        const system = await systemDictionary(base);
        if (system) dictionaries.push({ source: system.file, aff: system.aff, dic: system.dic, hash: hashOf(system) });
      }
      if (dictionaries.length === 0) {
        const debian = DEBIAN_PACKAGES[base] ? `Debian's ${DEBIAN_PACKAGES[base]}` : `a Hunspell dictionary for ${lang}`;
        return [lang, { missing: `install ${debian} (\`npm run setup\` installs the brochure's languages' dictionaries), or put ${base}.aff and ${base}.dic into /usr/share/hunspell` }];
      }
      const answers = await answersOf(dictionaries, keptIn);
      // A dictionary is loaded into Hunspell on the first word that no earlier build asked about and that the
      // dictionaries before it do not know (0.05 to 0.4 s each here).
      const ask = (dictionary: Dictionary) => hunspell(hunspellFactory, dictionary);
      const speller: Speller = {
        sources: dictionaries.map((dictionary) => dictionary.source),
        correct: (word) => answers.remember(answers.verdicts, word, () => dictionaries.some((dictionary) => ask(dictionary).spell(word))),
        suggest: (word) => (word.length > SUGGEST_UP_TO ? [] : answers.remember(answers.suggestions, word, () => [...new Set(dictionaries.flatMap((dictionary) => ask(dictionary).suggest(word)))].slice(0, 3))),
        keep: () => answers.keep(),
      };
      return [lang, { speller, words: await wordList(path.join(contentFolder, lang)) }];
    }),
  );
  return new Map(entries);
}

function hashOf({ aff, dic }: { aff: Uint8Array; dic: Uint8Array }): string {
  return crypto.createHash('sha256').update(`${aff.length} ${dic.length}\n`).update(aff).update(dic).digest('hex');
}

/**
 * Hunspell's answers for one set of dictionaries, kept in memory; its verdicts also in a folder, for the next
 * build. Suggestions are not: Hunspell stops looking for them after a time, so a busy machine may find fewer.
 */
interface Answers {
  verdicts: Map<string, boolean>;
  suggestions: Map<string, string[]>;
  remember<T>(known: Map<string, T>, word: string, ask: () => T): T;
  keep(): Promise<void>;
}

/** The answers by set of dictionaries: one per process, filled from the folder's file the first time. */
const answers = new Map<string, Promise<Answers>>();

/** Changes when what is kept of the answers, or how they are made of Hunspell's, changes. */
const ANSWERS_FORMAT = 2;

/**
 * Hunspell's answers about words, by the dictionaries' content, Hunspell's version and Node's ICU (which
 * converts the dictionaries to UTF-8): a rebuild in `npm run dev` asks about the same words again, a
 * suggestion takes 10 to 90 ms, and loading the dictionaries 0.1 s each. Kept in `folder` (the build cache), a
 * build whose words were all asked about before loads none.
 */
function answersOf(dictionaries: Dictionary[], folder: string | undefined): Promise<Answers> {
  const key = crypto
    .createHash('sha256')
    .update([`answers ${ANSWERS_FORMAT}`, `hunspell-asm ${HUNSPELL_VERSION}`, `icu ${process.versions.icu ?? ''}`, ...dictionaries.map((dictionary) => dictionary.hash)].join('\n'))
    .digest('hex');
  const file = folder && path.join(folder, `${key}.json`);
  const id = `${key} ${file ?? ''}`;
  if (!answers.has(id)) {
    answers.set(id, (async () => {
      const kept = file ? ((await readCacheFile(file)) as { verdicts?: unknown } | undefined) : undefined;
      const verdicts = new Map<string, boolean>(isEntries<boolean>(kept?.verdicts, (value) => typeof value === 'boolean') ? kept.verdicts : []);
      const suggestions = new Map<string, string[]>();
      let added = false;
      return {
        verdicts,
        suggestions,
        remember<T>(known: Map<string, T>, word: string, ask: () => T): T {
          if (!known.has(word)) {
            known.set(word, ask());
            if (known === (verdicts as Map<string, unknown>)) added = true;
          }
          return known.get(word)!;
        },
        async keep() {
          if (!file || !added) return;
          added = false;
          await writeCacheFile(file, JSON.stringify({ verdicts: [...verdicts] }));
        },
      };
    })());
  }
  return answers.get(id)!;
}

function isEntries<T>(value: unknown, valid: (entry: unknown) => boolean): value is Array<[string, T]> {
  return Array.isArray(value) && value.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && valid(entry[1]));
}
