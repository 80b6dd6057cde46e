// Marked sections of a generated document: the text between `<!-- name:begin -->` and
// `<!-- name:end -->` is rewritten by a script, the rest is written by hand (docs/accuracy.md's
// tables, each rule page's measured line).

/** Replaces the text between `<!-- name:begin -->` and `<!-- name:end -->` (or a bare `<!-- name -->`) of `docName`. */
export function replaceSection(doc: string, name: string, body: string, docName = 'docs/accuracy.md'): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${begin}\n${body.trim()}\n${end}`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) return doc.slice(0, i) + block + doc.slice(j + end.length);
  const bare = `<!-- ${name} -->`;
  if (doc.includes(bare)) return doc.replace(bare, block);
  throw new Error(`${docName} has no ${name} section`);
}
