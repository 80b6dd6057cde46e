// Lives beside the secret detector, the lowest layer that uses it (its token-format keywords); the
// engine uses it for rules' text hints too.
// Which of many literal keywords occur in a text, in one pass: one regular expression over the
// union of the keywords finds each place where some keyword starts, every keyword starting there is
// checked, and the values of the keywords found are collected. The scan restarts one character
// after each hit, so a keyword inside another (`pino` in `pino-roll`, `ino` in `pino`) is found as
// surely as by a search of its own; it stops once every keyword is found. It replaces one
// `text.includes` per keyword, which read the whole text once per keyword (rules' text hints,
// secret formats' keywords).

export class KeywordIndex<T> {
  private readonly valuesOf = new Map<string, T[]>();
  /** First character -> the keywords starting with it. */
  private readonly byFirst = new Map<string, string[]>();
  /** Values of an empty keyword: in every text. */
  private readonly always: T[] = [];
  private readonly pattern: RegExp | null;

  constructor(entries: Iterable<readonly [keyword: string, value: T]>) {
    for (const [keyword, value] of entries) {
      if (keyword === '') {
        this.always.push(value);
        continue;
      }
      const list = this.valuesOf.get(keyword);
      if (list) list.push(value);
      else this.valuesOf.set(keyword, [value]);
    }
    for (const k of this.valuesOf.keys()) {
      const list = this.byFirst.get(k[0]!);
      if (list) list.push(k);
      else this.byFirst.set(k[0]!, [k]);
    }
    this.pattern = this.valuesOf.size > 0 ? new RegExp([...this.valuesOf.keys()].map(escapeRegExp).join('|'), 'g') : null;
  }

  /** Whether any keyword occurs in `text`: one search, and no set made (most texts hold none). */
  occursIn(text: string): boolean {
    if (this.always.length > 0) return true;
    const pattern = this.pattern;
    if (!pattern) return false;
    pattern.lastIndex = 0;
    return pattern.test(text);
  }

  /** Adds to `out` the value of every keyword that occurs in `text`; returns `out`. */
  collect(text: string, out: Set<T> = new Set()): Set<T> {
    for (const v of this.always) out.add(v);
    const pattern = this.pattern;
    if (!pattern) return out;
    // Most texts hold no keyword: the set of those found is made at the first hit.
    let found: Set<string> | undefined;
    const total = this.valuesOf.size;
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((found === undefined || found.size < total) && (m = pattern.exec(text)) !== null) {
      const at = m.index;
      for (const k of this.byFirst.get(text[at]!) ?? []) {
        if (found?.has(k) || !text.startsWith(k, at)) continue;
        (found ??= new Set()).add(k);
        for (const v of this.valuesOf.get(k)!) out.add(v);
      }
      pattern.lastIndex = at + 1;
    }
    return out;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
