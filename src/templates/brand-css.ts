import type { ResolvedBrand } from '../config/schema.js';

/**
 * The brand settings of brochure.yaml as CSS custom properties, which templates/style.css (and the download
 * page) use for everything staff may change: `--brand-primary`, `--brand-secondary`, `--brand-accent`,
 * `--brand-heading-font`, `--brand-body-font`. The values were validated by the schema (`#rrggbb`, a bundled
 * font's name), so nothing but a colour or a font name can reach the stylesheet.
 */
export function brandCss(brand: ResolvedBrand): string {
  const family = (name: string) => `'${name}', ${name.endsWith('Serif') ? 'serif' : 'sans-serif'}`;
  return [
    ':root{',
    `--brand-primary:${brand.primary.toLowerCase()};`,
    `--brand-secondary:${brand.secondary.toLowerCase()};`,
    `--brand-accent:${brand.accent.toLowerCase()};`,
    `--brand-heading-font:${family(brand.headingFont)};`,
    `--brand-body-font:${family(brand.bodyFont)};`,
    '}',
  ].join('');
}
