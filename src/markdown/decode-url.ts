/** Decodes %XX escapes in a path or anchor as written in Markdown; text with a stray `%` stays as written. */
export function decodeUrl(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
