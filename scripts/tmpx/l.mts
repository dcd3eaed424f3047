import { findBrowser } from '../../src/render/find-browser.js';
import { launchBrowser } from '../../src/render/launch-browser.js';
const found = await findBrowser();
for (let i = 0; i < 4; i++) {
  const t = performance.now();
  const s = await launchBrowser(found);
  const t1 = performance.now();
  await s.close();
  console.log('launch', (t1 - t).toFixed(0), 'close', (performance.now() - t1).toFixed(0));
}
