import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { BrochureError } from '../errors.js';
import type { Translator } from '../i18n/create-translator.js';

/** Handlebars passes srcName on to the parser (it becomes `loc.source`), though its types do not list it. */
type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;

/** A template could not be compiled or rendered; the message names the template file, line and column. */
export class TemplateError extends BrochureError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('template', message, options);
  }
}

/** Compiled templates of one build: the layout, its partials and the stylesheet. */
export interface Templates {
  /** templates/style.css as written. */
  stylesheet: string;
  /** Renders the layout with `context`; UI strings come from `translator`. */
  render(context: object, translator: Translator): string;
}

const LAYOUT = 'layout.hbs';
const PARTIALS = 'partials';
const STYLESHEET = 'style.css';

type Compiled = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/**
 * Compiles templates/ into an isolated Handlebars instance: escaping on, strict (a key missing from the data
 * is an error, not an empty string), and a `t` helper for UI strings: `{{t "toc.title"}}`, with parts joined
 * by dots (`{{t "partners" id "name"}}`) and `{{placeholders}}` filled from the hash (`{{t "x" year=2021}}`).
 */
export async function loadTemplates(folder: string, cwd: string): Promise<Templates> {
  const handlebars = Handlebars.create();
  const shown = (name: string) => path.relative(cwd, path.join(folder, name));
  const compile = async (name: string): Promise<Compiled> => {
    let source: string;
    try {
      source = await readFile(path.join(folder, name), 'utf8');
    } catch (cause) {
      throw new TemplateError(`Cannot find template \`${shown(name)}\``, { cause });
    }
    let compiled: Compiled;
    try {
      // Handlebars compiles lazily; parsing now makes syntax errors surface at load time with the file name.
      handlebars.parse(source);
      // srcName puts the file name into every helper call's `loc`, so a missing UI string names its template.
      compiled = handlebars.compile(source, { strict: true, srcName: shown(name) } as CompileOptions & { srcName: string });
    } catch (cause) {
      throw new TemplateError(`Cannot compile template \`${shown(name)}\`: ${(cause as Error).message.split('\n')[0]}`, { cause });
    }
    return (context, options) => {
      try {
        return compiled(context, options);
      } catch (cause) {
        if (cause instanceof TemplateError) throw cause;
        const detail = (cause as Error).message;
        const match = /^"(.+)" not defined in .* - (\d+):(\d+)$/.exec(detail);
        throw new TemplateError(
          match
            ? `Unknown template key \`${match[1]}\` in ${shown(name)}:${match[2]}:${Number(match[3]) + 1}; the keys available there come from the build (see README, "Templates")`
            : `Cannot render template \`${shown(name)}\`: ${detail}`,
          { cause },
        );
      }
    };
  };

  let partialNames: string[] = [];
  try {
    partialNames = (await readdir(path.join(folder, PARTIALS))).filter((name) => name.endsWith('.hbs'));
  } catch {
    partialNames = [];
  }
  for (const name of partialNames) {
    const compiled = await compile(path.join(PARTIALS, name));
    handlebars.registerPartial(name.replace(/\.hbs$/, ''), compiled as unknown as Handlebars.Template);
  }
  const layout = await compile(LAYOUT);
  let stylesheet: string;
  try {
    stylesheet = await readFile(path.join(folder, STYLESHEET), 'utf8');
  } catch (cause) {
    throw new TemplateError(`Cannot find the stylesheet \`${shown(STYLESHEET)}\``, { cause });
  }

  handlebars.registerHelper('t', function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as Handlebars.HelperOptions & { loc?: { source?: string; start: { line: number; column: number } } };
    const translator = (options.data as { translator?: Translator }).translator;
    if (!translator) throw new TemplateError('The `t` helper was called outside a brochure render');
    const key = args.map(String).join('.');
    const usedAt = options.loc ? `${options.loc.source ?? 'a template'}:${options.loc.start.line}:${options.loc.start.column + 1}` : undefined;
    return translator.t(key, options.hash as Record<string, unknown>, usedAt);
  });

  // A title in lines: broken after its first colon ("Circular economy:" / "what it brings…"), each part a span
  // the stylesheet can set on a line of its own.
  handlebars.registerHelper('titleLines', (text: unknown) => {
    const value = String(text ?? '');
    const colon = value.search(/:[\s\u00a0]/);
    const parts = colon < 0 ? [value] : [value.slice(0, colon + 1), value.slice(colon + 2)];
    return new handlebars.SafeString(parts.map((part) => `<span class="title-line">${handlebars.escapeExpression(part)}</span>`).join(' '));
  });

  return {
    stylesheet,
    render: (context, translator) => layout(context, { data: { translator } }),
  };
}
