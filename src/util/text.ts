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
