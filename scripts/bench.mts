// npm run bench: how long builds take, next to the cost of Chromium alone printing the same pages.
// Runs every scenario RUNS times (default 3) and reports medians: wall time, CPU time (Node and Chromium),
// peak memory of the whole process tree, the ratio to the floor, and time per page for growing documents.
// Writes the table to stdout and docs/bench-results.json.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../src/build/build.js';
import { findBrowser } from '../src/render/find-browser.js';
import { loadConfig, projectPaths } from '../src/config/load-config.js';
import { markReviewed } from '../src/check/mark-reviewed.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = (process.env.SIZES ?? '25,50,100,200').split(',').map(Number);

interface Sample {
  wall: number;
  cpu: number;
  rss: number;
}

/**
 * Memory of a process and all its descendants, in bytes: the proportional set size (PSS) from
 * /proc/<pid>/smaps_rollup, so that memory Chromium's processes share is counted once, not once per process.
 */
async function treeRss(root: number): Promise<number> {
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
async function measure(args: string[], cwd: string): Promise<Sample> {
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function repeat(runs: number, prepare: () => Promise<void>, args: string[], cwd: string): Promise<Sample> {
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run++) {
    await prepare();
    samples.push(await measure(args, cwd));
  }
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: median(samples.map((s) => s.rss)) };
}

const CLI = [process.execPath, path.join(REPO, 'scripts', 'cli.mjs'), 'build'];
const cacheOf = (root: string) => path.join(root, 'node_modules', '.cache', 'brochure-pipeline', 'builds');
const allCachesOf = (root: string) => path.join(root, 'node_modules', '.cache', 'brochure-pipeline');

/** A copy of the brochure project with the sections of en and mk repeated `times` times (or as shipped). */
async function project(times?: number): Promise<string> {
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
    const paths = projectPaths(root);
    const { config } = await loadConfig(paths);
    await markReviewed(paths, config!, 'mk', new Date());
  }
  return root;
}

/** The final print HTML of each language, from one in-process build, as files for the floor script. */
async function floorFiles(root: string): Promise<string[]> {
  const result = await build({ root, write: false, cache: false });
  if (!result.ok) throw new Error('The benchmark project does not build.');
  const folder = path.join(root, 'floor');
  await mkdir(folder, { recursive: true });
  return Promise.all(
    result.languages.map(async (language) => {
      const file = path.join(folder, `${language.lang}.html`);
      await writeFile(file, language.printHtml!);
      return file;
    }),
  );
}

const rows: Array<Record<string, string | number>> = [];
const browser = (await findBrowser()).executablePath;
const seconds = (value: number) => value.toFixed(2);
const megabytes = (value: number) => Math.round(value / 1024 / 1024);
const nothing = async () => undefined;

// The shipped brochure: four languages, screen and print PDF.
{
  const root = await project();
  const floorHtml = await floorFiles(root);
  const floor = await repeat(RUNS, nothing, [process.execPath, path.join(REPO, 'scripts', 'bench-floor.mjs'), browser, ...floorHtml], root);
  const first = await repeat(RUNS, () => rm(allCachesOf(root), { recursive: true, force: true }), CLI, root);
  const cold = await repeat(RUNS, nothing, [...CLI, '--force'], root);
  const unchanged = await repeat(RUNS, nothing, CLI, root);
  const section = path.join(root, 'brochure', 'mk', '06-getting-started.md');
  let edit = 0;
  const oneLanguage = await repeat(RUNS, async () => {
    await writeFile(section, `${await readFile(section, 'utf8')}\n<!-- edit ${++edit} -->\n`);
  }, CLI, root);
  const pages = 20 * 4;
  const add = (scenario: string, sample: Sample) =>
    rows.push({ document: 'shipped brochure (en, mk, sq, bs)', pages, scenario, wall_s: seconds(sample.wall), cpu_s: seconds(sample.cpu), peak_mb: megabytes(sample.rss), ratio_to_floor: (sample.wall / floor.wall).toFixed(2) });
  add('floor: Chromium prints the final HTML', floor);
  add('first build (no caches at all)', first);
  add('cold build (--force: browser launched, every language printed)', cold);
  add('no-change rebuild', unchanged);
  add('rebuild after editing mk', oneLanguage);
  console.error(`shipped brochure done: floor ${seconds(floor.wall)} s, cold ${seconds(cold.wall)} s`);
  await rm(root, { recursive: true, force: true });
}

// Growing documents in two languages.
for (const size of SIZES) {
  const times = Math.max(1, Math.round((size - 4) / 16));
  const root = await project(times);
  const floorHtml = await floorFiles(root);
  const floor = await repeat(RUNS, nothing, [process.execPath, path.join(REPO, 'scripts', 'bench-floor.mjs'), browser, ...floorHtml], root);
  const cold = await repeat(RUNS, () => rm(cacheOf(root), { recursive: true, force: true }), [...CLI, '--force'], root);
  const first = await repeat(1, () => rm(allCachesOf(root), { recursive: true, force: true }), CLI, root);
  const result = await build({ root, write: false, cache: true });
  const pages = result.languages.reduce((sum, language) => sum + (language.pdfs.print?.pages ?? 0), 0);
  for (const [scenario, sample] of [['floor', floor], ['first build (no caches)', first], ['cold build (--force)', cold]] as const) {
    rows.push({ document: `generated, ~${size} pages × 2 languages`, pages, scenario, wall_s: seconds(sample.wall), cpu_s: seconds(sample.cpu), peak_mb: megabytes(sample.rss), ratio_to_floor: (sample.wall / floor.wall).toFixed(2), ms_per_page: Math.round((sample.wall * 1000) / pages) });
  }
  console.error(`~${size} pages done: ${pages} pages, floor ${seconds(floor.wall)} s, cold ${seconds(cold.wall)} s`);
  await rm(root, { recursive: true, force: true });
}

const columns = ['document', 'pages', 'scenario', 'wall_s', 'cpu_s', 'peak_mb', 'ratio_to_floor', 'ms_per_page'];
// peak_mb: peak PSS of Node and every Chromium process together.
const table = [
  `| ${columns.join(' | ')} |`,
  `| ${columns.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${columns.map((column) => row[column] ?? '').join(' | ')} |`),
].join('\n');
console.log(table);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.versions.node}`;
await writeFile(path.join(REPO, 'docs', 'bench-results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, runs: RUNS, rows }, null, 2)}\n`);
console.log(`\n${new Date().toISOString().slice(0, 10)}, ${machine}, medians of ${RUNS} runs; written to docs/bench-results.json`);
