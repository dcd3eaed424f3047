import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';

/** Where a problem is: a point, a range, or nothing (the whole file). */
export type Place = Point | Position | undefined;

/** Details of a problem beyond its sentence. */
export interface ProblemOptions {
  /** Stable id of the rule that found it, such as `missing-image`. */
  ruleId: string;
  /** One sentence saying what to do, shown under the message. */
  hint?: string;
  place?: Place;
}

/** Records an error on `file`: the language it belongs to is not built. */
export function reportError(file: VFile, reason: string, options: ProblemOptions): void {
  const message = file.message(reason, { place: options.place, ruleId: options.ruleId, source: 'brochure' });
  message.fatal = true;
  if (options.hint) message.note = options.hint;
}

/** Records a warning on `file`: printed, but the build goes on. */
export function reportWarning(file: VFile, reason: string, options: ProblemOptions): void {
  const message = file.message(reason, { place: options.place, ruleId: options.ruleId, source: 'brochure' });
  if (options.hint) message.note = options.hint;
}

/** True when any message on the files is an error. */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true));
}
