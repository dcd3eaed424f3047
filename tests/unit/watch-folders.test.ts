import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, it } from 'vitest';
import { watchFolders } from '../../src/cli/watch-folders.js';
import { waitFor } from '../helpers/cli.js';

let folder: string;
let changes = 0;
let watcher: { close(): void };
beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-watch-'));
  await mkdir(path.join(folder, 'mk'));
  await writeFile(path.join(folder, 'mk', '01-about.md'), '# За проектот\n');
  changes = 0;
  watcher = watchFolders([folder], () => changes++);
});
afterEach(async () => {
  watcher.close();
  await rm(folder, { recursive: true, force: true });
});

/** Does `change`, then waits until the watcher has said so at least once more than before. */
async function seen(change: () => Promise<void>): Promise<void> {
  const before = changes;
  await change();
  await waitFor(() => changes > before, 'the change to be seen', 5_000);
}

it('sees a file saved again and again through a temporary file, as editors and git checkout save', async () => {
  const file = path.join(folder, 'mk', '01-about.md');
  for (const text of ['Прва измена', 'Втора измена', 'Трета измена']) {
    await seen(async () => {
      await writeFile(`${file}.tmp`, `# За проектот\n\n${text}\n`);
      await rename(`${file}.tmp`, file);
    });
  }
  await seen(() => writeFile(file, '# За проектот\n\nЗапишано на место.\n'));
});

it('sees files in a folder made after it started, and lets a deleted folder go', async () => {
  await seen(async () => {
    await mkdir(path.join(folder, 'sq', 'figures'), { recursive: true });
  });
  await seen(() => writeFile(path.join(folder, 'sq', 'figures', 'chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>'));
  await seen(() => rm(path.join(folder, 'sq'), { recursive: true }));
  await seen(() => writeFile(path.join(folder, 'mk', '02-new.md'), '# Ново\n'));
});
