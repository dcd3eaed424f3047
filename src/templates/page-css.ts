import { TRIM_SIZES, type ResolvedBrochureConfig } from '../config/schema.js';

/** What the page stylesheet needs to know about the sections. */
export interface PageSection {
  id: string;
  title: string;
}

/** Room for crop marks outside the bleed, in millimetres. */
export const SLUG_MM = 8;

/** The page geometry of one print: the trim, and around it bleed and slug (print PDF) or nothing (screen). */
export interface PageGeometry {
  trimWidth: number;
  trimHeight: number;
  /** Bleed in millimetres beyond the trim on every side; 0 for screen. */
  bleed: number;
  /** Room for crop marks beyond the bleed; 0 for screen. */
  slug: number;
}

/** The geometry of the print PDF (with bleed and crop-mark room) or of the screen page (trim only). */
export function pageGeometry(config: ResolvedBrochureConfig, variant: 'print' | 'screen'): PageGeometry {
  const trim = TRIM_SIZES[config.trim];
  return {
    trimWidth: trim.width,
    trimHeight: trim.height,
    bleed: variant === 'print' ? config.bleed : 0,
    slug: variant === 'print' ? SLUG_MM : 0,
  };
}

/**
 * CSS generated per document: page size and margins from the settings (with bleed and room for crop marks in
 * the print variant), and a named page per section whose margin box carries the section title as running
 * header (Chromium ignores `string-set`, but prints margin boxes of named pages). Left pages show the
 * brochure title, right pages the section.
 */
export function pageCss(config: ResolvedBrochureConfig, geometry: PageGeometry, documentTitle: string, sections: PageSection[]): string {
  const { margins } = config;
  const offset = geometry.bleed + geometry.slug;
  const mm = (value: number) => `${Number(value.toFixed(3))}mm`;
  // Only the text: how running headers look is templates/style.css's business.
  const header = (text: string, side: 'left' | 'right') => `@top-${side}{content:${cssString(text)};}`;
  const rules = [
    `:root{--trim-width:${mm(geometry.trimWidth)};--trim-height:${mm(geometry.trimHeight)};--bleed:${mm(geometry.bleed)};}`,
    `@page{size:${mm(geometry.trimWidth + 2 * offset)} ${mm(geometry.trimHeight + 2 * offset)};margin:${mm(margins.top + offset)} ${mm(margins.outer + offset)} ${mm(margins.bottom + offset)} ${mm(margins.inner + offset)};}`,
    `@page :left{margin-left:${mm(margins.outer + offset)};margin-right:${mm(margins.inner + offset)};}`,
    // Covers and padding pages fill the bleed box: their backgrounds must reach beyond the trim.
    `@page cover{margin:${mm(geometry.slug)};}`,
    `@page back{margin:${mm(geometry.slug)};}`,
    `@page blank{margin:${mm(geometry.slug)};}`,
    `:root{--margin-top:${mm(margins.top)};--margin-bottom:${mm(margins.bottom)};--text-width:${mm(geometry.trimWidth - margins.inner - margins.outer)};}`,
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

/**
 * The proof mark (`--proof`) as the custom property templates/style.css prints on every page: the language's
 * own text, written as a CSS string (see cssString), so a translation's text can never become CSS.
 */
export function proofCss(mark: string): string {
  return `:root{--proof-mark:${cssString(mark)};}`;
}

/**
 * A CSS string literal of any text, safe inside a <style> element: every character that could end the string
 * (a quote, and each of the CSS newlines: line feed, carriage return, form feed) or start an escape, every
 * other control character, and `<` and `>` (which could close the <style> element) are written as CSS hex
 * escapes; NUL, which CSS reads as U+FFFD anyway, is written as U+FFFD. The string reads back as the text.
 */
export function cssString(text: string): string {
  return `"${text.replace(/[\0-\x1f\x7f"'\\<>]/g, (char) => (char === '\0' ? '\uFFFD' : `\\${char.charCodeAt(0).toString(16)} `))}"`;
}
