import { TRIM_SIZES, type ResolvedBrochureConfig } from '../config/schema.js';

/** What the page stylesheet needs to know about the sections. */
export interface PageSection {
  id: string;
  title: string;
}

/**
 * CSS generated per document: the page size from the settings, and a named page per section whose margin box
 * carries the section title as running header (Chromium ignores `string-set`, but prints margin boxes of named
 * pages). Left pages show the brochure title, right pages the section.
 */
export function pageCss(config: ResolvedBrochureConfig, documentTitle: string, sections: PageSection[]): string {
  const trim = TRIM_SIZES[config.trim];
  const header = (text: string, side: 'left' | 'right') =>
    `@top-${side}{content:${cssString(text)};font-family:'Noto Sans',sans-serif;font-size:7pt;color:#6b7c75;vertical-align:bottom;padding-bottom:4mm;}`;
  const rules = [
    `:root{--page-width:${trim.width}mm;--page-height:${trim.height}mm;}`,
    `@page{size:${trim.width}mm ${trim.height}mm;}`,
  ];
  for (const section of sections) {
    rules.push(
      `[id="${section.id}"]{page:sec-${section.id};}`,
      `@page sec-${section.id}:left{${header(documentTitle, 'left')}}`,
      `@page sec-${section.id}:right{${header(section.title, 'right')}}`,
    );
  }
  return rules.join('\n');
}

/** A CSS string literal that is safe inside a <style> element. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`;
}
