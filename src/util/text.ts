// Small string helpers that a regular expression would make quadratic on hostile input: `/\/+$/`
// retries from every slash of a long run, `/\s*\n\s*/g` from every blank (test/hostile/regex-safety).

/** `a/b///` -> `a/b`. */
export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return s.slice(0, end);
}

/** Lines trimmed and joined with `sep`, empty lines kept out. */
export function joinLines(s: string, sep: string): string {
  return s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(sep);
}

/** Line `line` (1-based) of the text, without its newline; undefined past the last line. */
export function lineAt(text: string, line: number): string | undefined {
  if (line < 1) return undefined;
  let offset = 0;
  for (let l = 1; l < line; l++) {
    offset = text.indexOf('\n', offset) + 1;
    if (offset === 0) return undefined;
  }
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end < 0 ? undefined : end);
}
