/** Browsers this process has started and not yet closed (kept here, apart from puppeteer, so that closing needs no heavy import). */
export const open = new Set<{ close(): Promise<void> }>();

/** Closes every browser this process started; for signal handlers and tests. */
export async function closeAllBrowsers(): Promise<void> {
  await Promise.all([...open].map((session) => session.close()));
}
