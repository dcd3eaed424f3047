import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';

/** A UI-string key a template uses, with where. */
export interface TemplateKey {
  key: string;
  /** `templates/partials/cover.hbs:12:5`. */
  usedAt: string;
}

/** Keys the build itself looks up, outside the templates (the contents, footnotes, the download page). */
export const CODE_KEYS = [
  'toc.title',
  'footnotes.label',
  'footnotes.backLabel',
  // The draft band's text comes from the build (with the source language's as a fallback for a new language).
  'draft.mark',
  ...['title', 'intro', 'switch', 'checksum', 'screen', 'print', 'web', 'pages'].map((key) => `download.${key}`),
];

/**
 * Keys the build looks up only for a feature some brochures use (proofs, photo credits, release links on the
 * download page): never unused, but required only when the feature is used, where a missing one is reported.
 */
export const FEATURE_KEYS = [
  ...['mark', 'changesTitle', 'changesIntro', 'changesNone', 'more', 'signOff'].map((key) => `proof.${key}`),
  'imprint.photos',
  ...['zip', 'allLanguages', 'checksums'].map((key) => `download.${key}`),
];

type Node = { type: string; [key: string]: unknown };

/**
 * Finds every `{{t …}}` in the templates. Parts that are not literal text stand for an organisation of
 * brochure.yaml: `funder.id` for the funder, anything else (such as `id` in `{{t "partners" id "name"}}` inside
 * `{{#each partners}}`) for each partner.
 */
export async function templateKeys(folder: string, cwd: string, organisations: { partners: string[]; funder?: string }): Promise<TemplateKey[]> {
  const files = ['layout.hbs', ...(await readdir(path.join(folder, 'partials')).catch(() => [] as string[])).filter((name) => name.endsWith('.hbs')).map((name) => path.join('partials', name))];
  const keys: TemplateKey[] = [];
  for (const name of files) {
    const source = await readFile(path.join(folder, name), 'utf8').catch(() => '');
    let program: Node;
    try {
      program = Handlebars.parse(source) as unknown as Node;
    } catch {
      continue; // The build reports the syntax error with its position.
    }
    const shown = path.relative(cwd, path.join(folder, name));
    walk(program, (call) => {
      const loc = call.loc as { start: { line: number; column: number } } | undefined;
      let variants: string[][] = [[]];
      for (const param of call.params as Node[]) {
        if (param.type === 'StringLiteral') variants = variants.map((parts) => [...parts, String(param.value)]);
        else {
          // `funder.id` is the funder; any other value (`id` inside {{#each partners}}) is a partner.
          const ids = String(param.original).startsWith('funder') ? (organisations.funder ? [organisations.funder] : []) : organisations.partners;
          variants = variants.flatMap((parts) => ids.map((id) => [...parts, id]));
        }
      }
      for (const parts of variants) keys.push({ key: parts.join('.'), usedAt: `${shown}:${loc?.start.line ?? 1}:${(loc?.start.column ?? 0) + 1}` });
    });
  }
  return keys;
}

function walk(node: unknown, onCall: (call: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, onCall);
    return;
  }
  const current = node as Node;
  const callee = current.path as Node | undefined;
  if ((current.type === 'MustacheStatement' || current.type === 'SubExpression') && callee?.type === 'PathExpression' && callee.original === 't') onCall(current);
  for (const value of Object.values(current)) if (value && typeof value === 'object') walk(value, onCall);
}
