import { VFile } from 'vfile';
import { createParser } from '../markdown/create-processor.js';
import type { ParsedLanguage } from '../markdown/parse-language.js';
import { plainText, toMarkdownText, type Inline, type Placeholder, type PlaceholderKind } from './inline.js';
import { markdownSegments, pairSegments, segmentsOf } from './segments.js';
import type { FileState, UnitState } from './review-state.js';
import type { ExchangeUnit } from './units.js';
import type { ImportedFile } from './xliff.js';
import type { Segment } from './types.js';

const parser = createParser();

/** Placeholders a translation must keep: without them a link, a footnote, a code or a `{{count}}` would be lost. */
const REQUIRED = new Set<PlaceholderKind>(['link', 'code', 'footnote', 'image', 'variable', 'html', 'other']);

/** What an import would do: the new text of each file it changes, the units to mark reviewed, or why it cannot. */
export interface ImportPlan {
  writes: Map<VFile, string>;
  /** Units reviewed by this import, by file: their target changed, or the file marks them final. */
  reviewed: Map<FileState, Set<UnitState>>;
  changed: number;
  problems: string[];
  /** Translations of texts new in the source that the translated file has no place for yet: not written. */
  skipped: string[];
}

/** A text with its placeholders as `<g1>…</g1>` and `<x2/>`, to compare two versions of it. */
function canonical(inline: Inline): string {
  return inline.map((part) => (typeof part === 'string' ? part : part.tag === 'self' ? `<x${part.id}/>` : part.tag === 'open' ? `<g${part.id}>` : `</g${part.id}>`)).join('');
}

/**
 * Plans the import of an exchange file into a language: every unit must come from the current source and keep
 * its placeholders; a changed target is written in place of the old one (nothing around it moves), and a
 * Markdown file written must still hold the same texts in the same order. Problems name the unit.
 */
export function planImport(imported: ImportedFile, units: ExchangeUnit[], language: ParsedLanguage): ImportPlan {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const plan: ImportPlan = { writes: new Map(), reviewed: new Map(), changed: 0, problems: [], skipped: [] };
  const edits = new Map<VFile, Array<{ start: number; end: number; text: string; unit: ExchangeUnit; plain: string }>>();
  for (const entry of imported.units) {
    const unit = byId.get(entry.id);
    const where = unit ? `unit ${entry.id} (${unit.note})` : `unit ${entry.id}`;
    if (!unit) {
      plan.problems.push(`${where}: there is no such text in the current source; export the file again`);
      continue;
    }
    if (canonical(entry.source) !== canonical(unit.source)) {
      plan.problems.push(`${where}: its source is not the current source (it changed since the file was exported); export the file again`);
      continue;
    }
    if (!entry.target || plainText(entry.target).trim() === '') continue;
    const broken = checkPlaceholders(entry.target, unit);
    if (broken) {
      plan.problems.push(`${where}: ${broken}`);
      continue;
    }
    const changed = canonical(entry.target) !== canonical(unit.target);
    const target = unit.unit.target;
    if (changed && !target) {
      if (unit.state.paired) plan.skipped.push(`${where}: new in the source, so brochure/${language.lang}/${unit.state.name} has no place for it yet; add this translation there by hand (\`npm run check\` says where): ${plainText(entry.target)}`);
      else plan.problems.push(`${where}: the translated file's texts do not line up with the source's, so this text cannot be put in its place; fix the file first (\`npm run check\`)`);
      continue;
    }
    if (changed || entry.final) {
      const set = plan.reviewed.get(unit.state) ?? new Set<UnitState>();
      plan.reviewed.set(unit.state, set.add(unit.unit));
    }
    if (!changed || !target) continue;
    const filled = fill(entry.target, unit);
    const list = edits.get(target.file) ?? [];
    edits.set(target.file, [...list, { start: target.start, end: target.end, text: encode(filled, target), unit, plain: plainText(filled) }]);
    plan.changed++;
  }
  for (const [file, list] of edits) {
    let text = String(file.value);
    for (const edit of [...list].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    plan.problems.push(...verify(file, text, list, language));
    plan.writes.set(file, text);
  }
  return plan;
}

/** Whether the translator kept the placeholders: each one known, of its kind, once; the required ones all there. */
function checkPlaceholders(target: Inline, unit: ExchangeUnit): string | undefined {
  const known = new Map<number, Placeholder>();
  for (const part of [...unit.source, ...unit.target]) if (typeof part !== 'string' && part.tag !== 'close') known.set(part.id, part);
  const seen = new Set<number>();
  for (const part of target) {
    if (typeof part === 'string' || part.tag === 'close') continue;
    const expected = known.get(part.id);
    if (!expected || (part.kind !== 'other' && part.kind !== expected.kind) || (part.tag === 'self') !== (expected.tag === 'self')) return `placeholder ${part.tag === 'self' ? `<x${part.id}/>` : `<g${part.id}>`} is not one of the source's`;
    if (seen.has(part.id)) return `placeholder ${part.id} appears twice`;
    seen.add(part.id);
  }
  // The placeholders a translation must keep: those of its current text where it has one (a translation may leave
  // out a variable on purpose, as "First edition, {{year}}" does the version), else the source's.
  const required = unit.target.some((part) => typeof part !== 'string') ? unit.target : unit.source;
  for (const part of required) {
    if (typeof part !== 'string' && part.tag !== 'close' && REQUIRED.has(part.kind) && !seen.has(part.id)) return `placeholder ${part.tag === 'self' ? `<x${part.id}/>` : `<g${part.id}>`} (${part.kind} \`${part.native}\`) is missing`;
  }
  return undefined;
}

/** The placeholders' codes: the translation's own where it has one (a link to a translated anchor), else the source's. */
function fill(target: Inline, unit: ExchangeUnit): Inline {
  const natives = new Map<string, string>();
  for (const part of [...unit.source, ...unit.target]) if (typeof part !== 'string') natives.set(`${part.tag}${part.id}`, part.native);
  return target.map((part) => (typeof part === 'string' ? part : { ...part, native: natives.get(`${part.tag}${part.id}`) ?? '' }));
}

/**
 * The text as the file writes it: Markdown escaped, a UI string or front matter field as a JSON string, SVG text
 * as XML, a label on several lines back into its lines (with fewer lines given, the rest stay empty).
 */
function encode(inline: Inline, target: Pick<Segment, 'kind' | 'context' | 'lineBreaks'>): string {
  const text = toMarkdownText(inline, target.context);
  if (target.kind === 'ui-string' || target.kind === 'document-text') return JSON.stringify(text);
  if (target.kind !== 'figure-text') return text;
  const xml = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const breaks = target.lineBreaks ?? [];
  const lines = text.split('\n');
  const fitted = lines.length > breaks.length + 1 ? [...lines.slice(0, breaks.length), lines.slice(breaks.length).join(' ')] : lines;
  return breaks.reduce((written, between, index) => `${written}${between}${xml(fitted[index + 1] ?? '')}`, xml(fitted[0]!));
}

/** A Markdown file written must read back with the same texts in the same places; problems name what moved. */
function verify(file: VFile, text: string, edits: Array<{ unit: ExchangeUnit; plain: string }>, language: ParsedLanguage): string[] {
  if (!file.path.endsWith('.md') || file === language.document) return [];
  const name = edits[0]!.unit.state.name;
  const section = language.parsed.get(name);
  if (!section) return [];
  const copy = new VFile({ path: file.path, value: text });
  const after = markdownSegments(copy, parser.parse(copy), name);
  const before = segmentsOf(language).get(name) ?? [];
  if (!pairSegments(before, after)) return [`${name}: the new translations would change the structure of the file (a text would become a heading, list or box); nothing was written`];
  return edits.flatMap(({ unit, plain }) => {
    const index = before.indexOf(unit.unit.target!);
    return plainText(after[index]!.inline) === plain ? [] : [`unit ${unit.id}: its translation does not read back as written (Markdown in the text?); nothing was written`];
  });
}
