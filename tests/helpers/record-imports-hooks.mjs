// The hooks of record-imports.mjs (they run in a thread of their own).
import { appendFileSync } from 'node:fs';

let file;
export function initialize(data) {
  file = data?.file;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (file) appendFileSync(file, `${resolved.url} ${context.parentURL ?? ''}\n`);
  return resolved;
}
