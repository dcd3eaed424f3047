import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import { reportError } from '../report/messages.js';

/** Limits that keep hostile YAML (alias bombs, huge documents) from hanging the build. */
const MAX_ALIAS_COUNT = 50;

export interface ParseYamlOptions<T extends z.ZodType> {
  schema: T;
  /** Line of the file on which the YAML text starts (front matter starts on line 2). */
  startLine?: number;
  /** Rule id for the messages, such as `front-matter` or `config`. */
  ruleId: string;
  /** What the YAML is, for hints: "front matter", "brochure settings". */
  what: string;
}

/**
 * Parses YAML text and validates it with a zod schema; every problem becomes an error on `file` at the line and
 * column of the offending key or value. Returns undefined when there was a problem.
 */
export function parseYaml<T extends z.ZodType>(
  text: string,
  file: VFile,
  options: ParseYamlOptions<T>,
): z.output<T> | undefined {
  const lineCounter = new LineCounter();
  const startLine = options.startLine ?? 1;
  const pointAt = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + startLine - 1, column: col };
  };
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    // Broken YAML gives one error after another (an unclosed `[` nested a thousand times, a thousand): the
    // first few say where to look.
    for (const error of document.errors.slice(0, 3)) {
      reportError(file, `Cannot read ${options.what}: ${firstSentence(error.message)}`, {
        ruleId: options.ruleId,
        place: pointAt(error.pos[0]),
        hint: 'Check the indentation and that text containing `:` or `#` is in quotes.',
      });
    }
    return undefined;
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    reportError(file, `Cannot read ${options.what}: ${(error as Error).message}`, {
      ruleId: options.ruleId,
      place: pointAt(0),
      hint: `Remove YAML aliases (*name); ${options.what} may not expand to more than ${MAX_ALIAS_COUNT} copies.`,
    });
    return undefined;
  }
  const result = options.schema.safeParse(value ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        reportError(file, `Unexpected key \`${[...path, key].join('.')}\` in ${options.what}`, {
          ruleId: options.ruleId,
          place: pointAt(keyOffset(document, path, key)),
          hint: `Remove it or check its spelling; the keys allowed here are: ${allowedKeys(options.schema, path)}.`,
        });
      }
      continue;
    }
    const name = path.length > 0 ? `\`${path.join('.')}\`` : options.what;
    const missing = issue.code === 'invalid_type' && valueAt(document, path) === undefined;
    reportError(file, missing ? `Missing ${name} in ${options.what}` : `Unexpected value of ${name}: ${issue.message}`, {
      ruleId: options.ruleId,
      place: pointAt(missing ? nodeOffset(document, path.slice(0, -1)) : nodeOffset(document, path)),
      hint: missing ? `Add \`${path.at(-1)}: …\` (${issue.message.replace(/^Invalid input: /, '')}).` : undefined,
    });
  }
  return undefined;
}

function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function valueAt(document: Document, path: string[]): unknown {
  return path.length === 0 ? document.contents : document.getIn(path, true);
}

function nodeOffset(document: Document, path: string[]): number {
  for (let length = path.length; length >= 0; length--) {
    const node = valueAt(document, path.slice(0, length)) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
  }
  return 0;
}

function keyOffset(document: Document, path: string[], key: string): number {
  const map = valueAt(document, path);
  if (isMap(map)) {
    for (const pair of map.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) return pair.key.range[0];
    }
  }
  return nodeOffset(document, path);
}

function allowedKeys(schema: z.ZodType, path: string[]): string {
  let current: unknown = schema;
  for (const segment of path) {
    current = unwrap(current);
    const shape = (current as { shape?: Record<string, unknown> }).shape;
    const element = (current as { element?: unknown }).element;
    current = shape ? shape[segment] : element;
  }
  const shape = (unwrap(current) as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape).map((key) => `\`${key}\``).join(', ') : 'see the README';
}

function unwrap(schema: unknown): unknown {
  let current = schema as { unwrap?: () => unknown; def?: { innerType?: unknown } } | undefined;
  while (current && (typeof current.unwrap === 'function' || current.def?.innerType)) {
    current = (current.def?.innerType ?? current.unwrap!()) as typeof current;
  }
  return current;
}
