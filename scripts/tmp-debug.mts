import puppeteer from 'puppeteer';
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
for (const csp of [true, false]) {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (r) => { console.log(csp, 'request', r.url()); void (r.url().startsWith('data:') ? r.continue() : r.abort('blockedbyclient')); });
  page.on('console', (m) => console.log(csp, 'console', m.type(), m.text()));
  page.on('requestfailed', (r) => console.log(csp, 'failed', r.url()));
  const meta = csp ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">` : '';
  await page.setContent(`<html><head>${meta}<style>@import url("https://example.org/remote.css"); .x{background:url(file:///etc/hostname);height:20px}</style></head><body><div class=x>x</div><img src="https://example.org/a.png"></body></html>`, { waitUntil: 'load' });
  await page.pdf();
  await page.close();
}
await browser.close();
