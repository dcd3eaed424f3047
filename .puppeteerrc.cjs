// Puppeteer's own install step downloads Chrome from the web, which fails on machines that reach only the
// package registries and then fails the whole `npm ci`. `npm run setup` finds or installs a browser instead
// (see scripts/setup.mjs), so the download is skipped here.
module.exports = { skipDownload: true };
