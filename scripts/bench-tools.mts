// Measuring tools and generated projects for `npm run bench` (scripts/bench.mts).
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, projectPaths } from '../src/config/load-config.js';
import { markReviewed } from '../src/check/mark-reviewed.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Sample {
  wall: number;
  cpu: number;
  rss: number;
}

/**
 * Memory of a process and all its descendants, in bytes: the proportional set size (PSS) from
 * /proc/<pid>/smaps_rollup, so that memory Chromium's processes share is counted once, not once per process.
 */
export async function treeRss(root: number): Promise<number> {
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const [rollup, children] = await Promise.all([
      readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => ''),
      // Only the tree is read, through each process's list of children, so that measuring stays cheap.
      readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => ''),
    ]);
    total += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) * 1024;
    stack.push(...children.split(/\s+/).filter(Boolean).map(Number));
  }
  return total;
}

/** Runs a command under GNU time: wall and CPU (user + system, children included) and peak tree memory. */
export async function measure(args: string[], cwd: string): Promise<Sample> {
  const child = spawn('/usr/bin/time', ['-f', 'BENCH %e %U %S', ...args], { cwd, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let peak = 0;
  const timer = setInterval(() => void treeRss(child.pid!).then((value) => (peak = Math.max(peak, value))), 100);
  const code = await new Promise<number>((resolve) => child.on('exit', (exit) => resolve(exit ?? 1)));
  clearInterval(timer);
  const match = /BENCH ([\d.]+) ([\d.]+) ([\d.]+)/.exec(stderr);
  if (code !== 0 || !match) throw new Error(`\`${args.join(' ')}\` failed (${code}):\n${stderr.slice(-2000)}`);
  return { wall: Number(match[1]), cpu: Number(match[2]) + Number(match[3]), rss: peak };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function repeat(runs: number, prepare: () => Promise<void>, args: string[], cwd: string): Promise<Sample> {
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run++) {
    await prepare();
    samples.push(await measure(args, cwd));
  }
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: median(samples.map((s) => s.rss)) };
}

export const CLI = [process.execPath, path.join(REPO, 'scripts', 'cli.mjs'), 'build'];
/** What a cold build must not find: the built languages, the syntax trees, the pages read and the cover pictures (page layouts stay known). */
export const derivedCachesOf = (root: string) => ['builds', 'syntax-trees', 'page-readings', 'covers'].map((name) => path.join(root, 'node_modules', '.cache', 'brochure-pipeline', name));
export const allCachesOf = (root: string) => path.join(root, 'node_modules', '.cache', 'brochure-pipeline');

/**
 * A copy of the brochure project with the sections of en and mk repeated `times` times (or as shipped), and
 * `extraLanguages` more languages made as copies of mk (mk-gen01, mk-gen02, …: Macedonian rules, hyphenation
 * and fonts, each a language of its own to check and print).
 */
export async function project(times?: number, extraLanguages = 0): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'brochure-bench-'));
  for (const folder of ['templates', 'assets', 'brochure']) await cp(path.join(REPO, folder), path.join(root, folder), { recursive: true });
  if (times !== undefined) {
    const configFile = path.join(root, 'brochure', 'brochure.yaml');
    await writeFile(configFile, (await readFile(configFile, 'utf8')).replace('languages: [en, mk, sq, bs]', 'languages: [en, mk]'));
    for (const lang of ['en', 'mk']) {
      const folder = path.join(root, 'brochure', lang);
      const sections = (await readdir(folder)).filter((name) => /^\d+-.*\.md$/.test(name)).sort();
      const texts = await Promise.all(sections.map((name) => readFile(path.join(folder, name), 'utf8')));
      for (const name of sections) await rm(path.join(folder, name));
      let number = 1;
      for (let copy = 1; copy <= times; copy++) {
        for (const [index, name] of sections.entries()) {
          const id = name.replace(/^\d+-/, '').replace(/\.md$/, '');
          await writeFile(path.join(folder, `${String(number++).padStart(3, '0')}-${id}-${copy}.md`), texts[index]!.replace(/\]\((\d+)-([a-z-]+)\.md/g, `](${'$1'}-$2-${copy}.md`));
        }
      }
    }
    // Links between sections point at the first copy's numbering; keep them inside the document.
    for (const lang of ['en', 'mk']) {
      const folder = path.join(root, 'brochure', lang);
      const names = (await readdir(folder)).filter((name) => name.endsWith('.md') && name !== 'index.md');
      for (const name of names) {
        const file = path.join(folder, name);
        const text = await readFile(file, 'utf8');
        await writeFile(file, text.replace(/\]\(\d+-([a-z-]+?)-(\d+)\.md/g, (whole, id: string, copy: string) => {
          const target = names.find((candidate) => candidate.endsWith(`-${id}-${copy}.md`));
          return target ? `](${target}` : whole;
        }));
      }
    }
    const generated = Array.from({ length: extraLanguages }, (_, index) => `mk-gen${String(index + 1).padStart(2, '0')}`);
    for (const lang of generated) await cp(path.join(root, 'brochure', 'mk'), path.join(root, 'brochure', lang), { recursive: true });
    await writeFile(configFile, (await readFile(configFile, 'utf8')).replace('languages: [en, mk]', `languages: [${['en', 'mk', ...generated].join(', ')}]`));
    const paths = projectPaths(root);
    const { config } = await loadConfig(paths);
    for (const lang of ['mk', ...generated]) await markReviewed(paths, config!, lang, new Date());
  }
  return root;
}

