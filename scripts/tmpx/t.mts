import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '../../src/build/build.js';
const root = await mkdtemp(path.join(os.tmpdir(), 'bt-'));
await cp('/work/main/tests/fixtures/basic', root, { recursive: true });
await cp('/work/main/templates', path.join(root, 'templates'), { recursive: true });
await cp('/work/main/assets', path.join(root, 'assets'), { recursive: true, force: false });
for (let i = 0; i < 3; i++) {
  const t = performance.now(); const c = process.cpuUsage();
  const r = await build({ root, cache: false, write: false });
  const u = process.cpuUsage(c);
  console.log(r.ok, 'wall', (performance.now() - t).toFixed(0), 'node cpu', ((u.user + u.system) / 1000).toFixed(0), JSON.stringify(Object.fromEntries(Object.entries(r.languages[0]!.timings).map(([k, v]) => [k, Math.round(v)]))));
}
const t = performance.now();
await build({ root, cache: false, write: false, print: false });
console.log('html-only', (performance.now() - t).toFixed(0));
await rm(root, { recursive: true, force: true });
