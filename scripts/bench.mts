// npm run bench: how long builds take, next to the cost of Chromium alone printing the same pages.
// Runs every scenario RUNS times (default 3) and reports medians: wall time, CPU time (Node and Chromium),
// peak memory of the whole process tree, the ratios to the floor in wall and CPU time (the shipped brochure in
// pairs of runs), and time per page for growing documents.
// Writes the table to stdout and docs/bench-results.json.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/build/build.js';
import { findBrowser } from '../src/render/find-browser.js';
import { allCachesOf, CLI, derivedCachesOf, median, project, REPO, repeat, type Sample } from './bench-tools.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = (process.env.SIZES ?? '25,50,100,200').split(',').map(Number);
/** Which scenarios to run: `brochure`, `sizes`, `languages` (comma-separated); all by default. */
const SCENARIOS = new Set((process.env.SCENARIOS ?? 'brochure,sizes,languages').split(','));
/** Language counts of the many-languages scenario, and the --jobs values each is built with. */
const LANGUAGE_COUNTS = (process.env.LANGUAGES ?? '4,8,12').split(',').map(Number);
const JOBS = (process.env.JOBS ?? '1,2,4').split(',').map(Number);

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

/** The machine's load (1-minute average) before a scenario: the benchmark shares the machine. */
const loads: string[] = [];
const noteLoad = (what: string) => loads.push(`${what}: ${os.loadavg()[0]!.toFixed(1)}`);

// The shipped brochure: four languages, screen and print PDF. Each scenario is run in pairs with the floor, one
// right after the other, and the ratio taken per pair: the machine is shared and its speed drifts, so a ratio of
// two runs side by side says more than two medians taken minutes apart. The ratios reported are the medians of
// the pairs' ratios, for wall time and for CPU time (Node and Chromium together).
if (SCENARIOS.has('brochure')) {
  noteLoad('shipped brochure');
  const root = await project();
  const floorHtml = await floorFiles(root);
  const floorArgs = [process.execPath, path.join(REPO, 'scripts', 'bench-floor.mjs'), browser, ...floorHtml];
  const section = path.join(root, 'brochure', 'mk', '06-getting-started.md');
  let edit = 0;
  // An edit of the text, new in every run (a sentence at the end of the first paragraph), not a comment: the page
  // it is on changes, and is printed, checked, read with pdf.js and pictured on the download page again.
  const editMk = async () => {
    const text = await readFile(section, 'utf8');
    const edited = text.replace(/(без оглед на секторот\.)(?: Измена \d+\.)?/, `$1 Измена ${++edit}.`);
    if (edited === text) throw new Error(`bench: the sentence to edit is no longer in ${section}`);
    await writeFile(section, edited);
  };
  const pairs = async (prepare: () => Promise<unknown>, args: string[], against: { prepare: () => Promise<unknown>; args: string[] } = { prepare: nothing, args: floorArgs }) => {
    const runs: Array<{ sample: Sample; base: Sample }> = [];
    for (let run = 0; run < RUNS; run++) {
      await against.prepare();
      const base = await repeat(1, nothing, against.args, root);
      await prepare();
      runs.push({ sample: await repeat(1, nothing, args, root), base });
    }
    const pick = (key: keyof Sample, from: 'sample' | 'base') => median(runs.map((entry) => entry[from][key]));
    return {
      sample: { wall: pick('wall', 'sample'), cpu: pick('cpu', 'sample'), rss: pick('rss', 'sample') },
      base: { wall: pick('wall', 'base'), cpu: pick('cpu', 'base'), rss: pick('rss', 'base') },
      wallRatio: median(runs.map((entry) => entry.sample.wall / entry.base.wall)),
      cpuRatio: median(runs.map((entry) => entry.sample.cpu / entry.base.cpu)),
    };
  };
  const first = await pairs(() => rm(allCachesOf(root), { recursive: true, force: true }), CLI);
  const forced = await pairs(nothing, [...CLI, '--force']);
  const unchanged = await pairs(nothing, CLI, { prepare: nothing, args: [...CLI, '--force'] });
  const oneLanguage = await pairs(editMk, CLI, { prepare: nothing, args: [...CLI, '--force'] });
  const pages = 20 * 4;
  const add = (scenario: string, sample: Sample, ratios: { wall: string; cpu: string; of: string }) =>
    rows.push({ document: 'shipped brochure (en, mk, sq, bs)', pages, scenario, wall_s: seconds(sample.wall), cpu_s: seconds(sample.cpu), peak_mb: megabytes(sample.rss), ratio_to_floor: ratios.wall, cpu_ratio: ratios.cpu, against: ratios.of });
  const ratio = (value: number) => value.toFixed(2);
  add('floor: Chromium prints the final HTML', first.base, { wall: '1.00', cpu: '1.00', of: 'floor' });
  add('first build (no caches at all)', first.sample, { wall: ratio(first.wallRatio), cpu: ratio(first.cpuRatio), of: 'floor' });
  add('forced rebuild (--force; syntax trees, page layouts, page readings, spelling answers and covers known)', forced.sample, { wall: ratio(forced.wallRatio), cpu: ratio(forced.cpuRatio), of: 'floor' });
  add('no-change rebuild', unchanged.sample, { wall: ratio(unchanged.wallRatio), cpu: ratio(unchanged.cpuRatio), of: 'forced rebuild' });
  add('rebuild after editing mk', oneLanguage.sample, { wall: ratio(oneLanguage.wallRatio), cpu: ratio(oneLanguage.cpuRatio), of: 'forced rebuild' });
  console.error(`shipped brochure done: first ${ratio(first.wallRatio)}× / ${ratio(first.cpuRatio)}× floor, forced ${ratio(forced.wallRatio)}× / ${ratio(forced.cpuRatio)}×`);
  await rm(root, { recursive: true, force: true });
}

// Growing documents in two languages.
for (const size of SCENARIOS.has('sizes') ? SIZES : []) {
  noteLoad(`~${size} pages`);
  const times = Math.max(1, Math.round((size - 4) / 16));
  const root = await project(times);
  const floorHtml = await floorFiles(root);
  const floor = await repeat(RUNS, nothing, [process.execPath, path.join(REPO, 'scripts', 'bench-floor.mjs'), browser, ...floorHtml], root);
  const cold = await repeat(RUNS, async () => void (await Promise.all(derivedCachesOf(root).map((folder) => rm(folder, { recursive: true, force: true })))), [...CLI, '--force'], root);
  const first = await repeat(1, () => rm(allCachesOf(root), { recursive: true, force: true }), CLI, root);
  const result = await build({ root, write: false, cache: true });
  const pages = result.languages.reduce((sum, language) => sum + (language.pdfs.print?.pages ?? 0), 0);
  for (const [scenario, sample] of [['floor', floor], ['first build (no caches)', first], ['cold build (--force)', cold]] as const) {
    rows.push({ document: `generated, ~${size} pages × 2 languages`, pages, scenario, wall_s: seconds(sample.wall), cpu_s: seconds(sample.cpu), peak_mb: megabytes(sample.rss), ratio_to_floor: (sample.wall / floor.wall).toFixed(2), cpu_ratio: (sample.cpu / floor.cpu).toFixed(2), against: 'floor', ms_per_page: Math.round((sample.wall * 1000) / pages) });
  }
  console.error(`~${size} pages done: ${pages} pages, floor ${seconds(floor.wall)} s, cold ${seconds(cold.wall)} s`);
  await rm(root, { recursive: true, force: true });
}

// Many languages of a ~50-page document on one machine: cold builds with each --jobs, the runs of one count
// interleaved (jobs 1, 2, 4, then again), so that a busy moment of the machine falls on all of them alike.
for (const count of SCENARIOS.has('languages') ? LANGUAGE_COUNTS : []) {
  noteLoad(`${count} languages`);
  const root = await project(3, count - 2);
  const samples = new Map<number, Sample[]>(JOBS.map((jobs) => [jobs, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const jobs of JOBS) samples.get(jobs)!.push(await repeat(1, () => rm(allCachesOf(root), { recursive: true, force: true }), [...CLI, '--force', '--jobs', String(jobs)], root));
  }
  const result = await build({ root, write: false, cache: true });
  const pages = result.languages.reduce((sum, language) => sum + (language.pdfs.print?.pages ?? 0), 0);
  for (const [jobs, runs] of samples) {
    const sample = { wall: median(runs.map((entry) => entry.wall)), cpu: median(runs.map((entry) => entry.cpu)), rss: median(runs.map((entry) => entry.rss)) };
    rows.push({ document: `generated, ~50 pages, ${count} languages`, pages, scenario: `cold build, --jobs ${jobs}`, wall_s: seconds(sample.wall), cpu_s: seconds(sample.cpu), peak_mb: megabytes(sample.rss), ms_per_page: Math.round((sample.wall * 1000) / pages) });
  }
  console.error(`${count} languages done: ${pages} pages, ${JOBS.map((jobs) => `--jobs ${jobs} ${seconds(median(samples.get(jobs)!.map((entry) => entry.wall)))} s`).join(', ')}`);
  await rm(root, { recursive: true, force: true });
}
noteLoad('end');

// Rows not measured this time are kept from the last results when their scenario ran only in part (SIZES=200 keeps
// the other sizes, JOBS=2 the other jobs); a scenario run whole replaces all its rows, so that none outlives a
// document or setting the script no longer makes.
const groupOf = (document: string) => (document.startsWith('shipped') ? 'brochure' : /languages$/.test(document) && !/× 2 languages$/.test(document) ? 'languages' : 'sizes');
const ranWhole: Record<string, boolean> = { brochure: SCENARIOS.has('brochure'), sizes: SCENARIOS.has('sizes') && !process.env.SIZES, languages: SCENARIOS.has('languages') && !process.env.LANGUAGES && !process.env.JOBS };
const previous = await readFile(path.join(REPO, 'docs', 'bench-results.json'), 'utf8').then(
  (text) => JSON.parse(text) as { date?: string; machine?: string; rows: typeof rows },
  () => ({ rows: [] as typeof rows, date: undefined, machine: undefined }),
);
// A kept row says when and where it was measured, since the file's date and machine are this run's.
const rowKey = (row: Record<string, string | number>) => `${row.document}\n${row.scenario}`;
const measured = new Set(rows.map(rowKey));
const kept = previous.rows
  .filter((row) => !ranWhole[groupOf(String(row.document))] && !measured.has(rowKey(row)))
  .map((row): Record<string, string | number> => ({ measured: `${previous.date}, ${previous.machine}`, ...row }));
rows.push(...kept);
// The brochure, then the sizes and the language counts in growing order, each count's --jobs too (a kept row
// of --jobs 1 and 4 around a new one of 2); a stable sort keeps the other rows as made.
const orderOf = (row: Record<string, string | number>) => {
  const document = String(row.document);
  return [['brochure', 'sizes', 'languages'].indexOf(groupOf(document)), Number(/~(\d+) pages/.exec(document)?.[1] ?? 0), Number(/(\d+) languages$/.exec(document)?.[1] ?? 0), Number(/--jobs (\d+)/.exec(String(row.scenario))?.[1] ?? 0)];
};
rows.sort((a, b) => {
  const [x, y] = [orderOf(a), orderOf(b)];
  return x.reduce((order, value, index) => order || value - y[index]!, 0);
});

const columns = ['document', 'pages', 'scenario', 'wall_s', 'cpu_s', 'peak_mb', 'ratio_to_floor', 'cpu_ratio', 'against', 'ms_per_page'];
// peak_mb: peak PSS of Node and every Chromium process together.
const table = [
  `| ${columns.join(' | ')} |`,
  `| ${columns.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${columns.map((column) => row[column] ?? '').join(' | ')} |`),
].join('\n');
console.log(table);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.versions.node}`;
await writeFile(path.join(REPO, 'docs', 'bench-results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, runs: RUNS, scenarios: [...SCENARIOS], loads, rows }, null, 2)}\n`);
console.log(`\n${new Date().toISOString().slice(0, 10)}, ${machine}, medians of ${RUNS} runs; load average before each scenario: ${loads.join(', ')}; written to docs/bench-results.json`);
