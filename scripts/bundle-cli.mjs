// Compiles the command line from src/ into one folder of JavaScript (esbuild, under a second): what
// scripts/cli.mjs runs, and what the tests start as a process of its own. The packages go into the bundle too,
// but for those below: Node then reads a few dozen files at start instead of some thousand modules of
// node_modules, one by one (measured: 0.4 s less wall time for every command that builds, the same PDFs byte
// for byte). Packages left outside are found from node_modules above the folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Packages that stay files of their own: they load native code, WebAssembly or data files from beside
 * themselves, or are large and loaded only when something is printed or checked.
 */
const EXTERNAL = [
  'pdfjs-dist', // its worker module and @napi-rs/canvas (native) are loaded from its folder
  'puppeteer-core', // large, and needed only when something is printed
  '@puppeteer/browsers',
  '@hyzyla/pdfium', // WebAssembly beside it
  'hunspell-asm', // Emscripten: WebAssembly and its loader
  'dictionary-*', // .aff and .dic files read from their folders
  'hyphen', // the patterns of each language, required by name when a language needs them
  '@fontsource/*', // font files
];

/**
 * fontkit decompresses WOFF2 fonts with the `brotli` package, a decoder written in JavaScript (which also reads
 * a dictionary file from beside itself): in the bundle, Node's own decoder answers its import instead
 * (scripts/native-brotli.mjs).
 */
const nativeBrotli = {
  name: 'native-brotli',
  setup(build) {
    build.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, () => ({ path: fileURLToPath(new URL('native-brotli.mjs', import.meta.url)) }));
  },
};

/** Bundles src/cli/main.ts of the tool at `root` into `outdir` (main.js and its chunks). */
export async function bundleCli(root, outdir) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // esbuild counts Unicode property escapes (`\p{L}`) as missing from Node 20 and turns every such regular
    // expression literal into `new RegExp(…)`, made again at every evaluation: once per word in the checks and the
    // hyphenation (measured: 31 ms of a build in one function alone). Node 20 has them (the properties used here:
    // L, Ll, Lu, M, N, P, S, Cc; one that only a newer Unicode knows would stop the whole bundle from loading).
    supported: { 'regexp-unicode-property-escapes': true },
    external: EXTERNAL,
    plugins: [nativeBrotli],
    // CommonJS packages inside an ES module bundle: `require` for Node's own modules, and `__filename` (which
    // write-file-atomic hashes into its temporary names). The latter under a name of its own, put in by `define`
    // only where a module does not declare `__filename` itself; no `__dirname`, so that a package that looks for
    // files beside itself fails clearly instead of looking in the bundle's folder.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url);",
    },
    define: { __filename: '__bundleFilename' },
    logLevel: 'warning',
  });
}
