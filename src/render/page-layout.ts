import type { Page } from 'puppeteer-core';

/** Where the headings of a document landed: page per element id (headings, photos), and the page count. */
export interface PageLayout {
  pages: Record<string, number>;
  count: number;
}

/** The text area of a page in CSS pixels: the column the content is set in. */
export interface TextArea {
  width: number;
  height: number;
}

/**
 * Runs in the page (as source text, so that no bundler helper leaks into it). Blink breaks a multi-column box
 * into columns with the same block fragmentation it uses for printed pages; a column as wide and as tall as a
 * page's text area therefore ends where the page ends. Each page sequence (cover, contents, each section, back
 * cover) is laid out that way for a moment, its columns counted and the column of every element with an id
 * noted; forced page breaks inside become column breaks. The page's styles are put back afterwards.
 */
const PREDICT = `(width, height) => {
  const pages = {};
  let next = 1;
  const isPage = (value) => value === 'page' || value === 'left' || value === 'right' || value === 'recto' || value === 'verso';
  for (const group of document.querySelectorAll('body > .cover, body > .contents, main > .section, body > .back-cover')) {
    if (group.matches('.cover, .back-cover')) {
      if (group.id) pages[group.id] = next;
      for (const element of group.querySelectorAll('[id]')) pages[element.id] = next;
      next += 1;
      continue;
    }
    const saved = group.style.cssText;
    const forced = [];
    for (const element of group.querySelectorAll('*')) {
      const style = getComputedStyle(element);
      if (!isPage(style.breakBefore) && !isPage(style.breakAfter)) continue;
      forced.push([element, element.style.cssText]);
      if (isPage(style.breakBefore)) element.style.breakBefore = 'column';
      if (isPage(style.breakAfter)) element.style.breakAfter = 'column';
    }
    group.style.cssText += ';column-width:' + width + 'px;column-gap:0;column-fill:auto;height:' + height + 'px;width:' + width + 'px;box-sizing:border-box;margin:0;break-before:auto;';
    const left = group.getBoundingClientRect().left;
    const columnOf = (element) => Math.max(0, Math.floor((element.getBoundingClientRect().left - left + 1) / width));
    let last = 0;
    for (const element of group.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 || box.height > 0) last = Math.max(last, columnOf(element));
    }
    if (group.id) pages[group.id] = next;
    for (const element of group.querySelectorAll('[id]')) pages[element.id] = next + columnOf(element);
    next += last + 1;
    group.style.cssText = saved;
    for (const [element, css] of forced) element.style.cssText = css;
  }
  return { pages, count: next - 1 };
}`;

/** Fills in the contents' page numbers and adds the padding pages, in the loaded page, as fill-contents.ts and fill-padding.ts do to HTML. */
const FILL = `(pages, padding) => {
  for (const slot of document.querySelectorAll('span.toc-page[data-target]')) {
    const page = pages[slot.dataset.target];
    if (page !== undefined) slot.textContent = String(page);
  }
  if (padding === 0) return;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.data.trim() !== 'padding-pages') continue;
    const blanks = [];
    for (let index = 0; index < padding; index++) {
      const blank = document.createElement('div');
      blank.className = 'blank-page';
      blank.setAttribute('aria-hidden', 'true');
      blanks.push(blank);
    }
    node.replaceWith(...blanks);
    return;
  }
  throw new Error('the layout has no <!-- padding-pages --> marker before the back cover');
}`;

/**
 * Predicts on which page each element with an id lands when the loaded document is printed, and how many pages
 * it has, from a layout of its text in columns of the page's text area (print styles must be in effect). It is
 * a prediction: the print is checked against it.
 */
export async function predictLayout(page: Page, area: TextArea): Promise<PageLayout> {
  return (await page.evaluate(`(${PREDICT})(${area.width}, ${area.height})`)) as PageLayout;
}

/** Writes the page numbers of `layout` into the loaded document's contents and adds `padding` blank pages. */
export async function fillLayout(page: Page, layout: PageLayout, padding: number): Promise<void> {
  await page.evaluate(`(${FILL})(${JSON.stringify(layout.pages)}, ${padding})`);
}
