// A README's title: the first level-one heading, as Markdown writes it (`# Title`, a setext `===`
// underline) or as HTML inside Markdown (`<h1 align="center">Title</h1>`, common in project
// landing pages), and its lead: the first paragraph of prose under it, where a repository says in a
// sentence what it is ("A curated list of Docker Compose samples."). Only the opening of the file is
// looked at: a title and its lead come first.

import type { ReadmeFacts } from './facts.js';

/** Lines looked at for the title. */
const MAX_LINES = 120;
/** Longer lines are not looked at. */
const MAX_LINE = 1000;
/** A title longer than this is not one (a paragraph with a stray `#`). */
const MAX_TITLE = 200;
/** The lead is cut here: its first sentence is what is read. */
const MAX_LEAD = 300;

export function parseReadme(text: string): ReadmeFacts {
  const lines = text.split(/\r?\n/, MAX_LINES);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A title is short: a longer line is prose (and never given to the patterns below whole).
    if (line.length > MAX_LINE) continue;
    const atx = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/.exec(line);
    if (atx) return withTitle(atx[1]!, lines, i + 1);
    const html = /<h1\b[^>]*>(.*?)<\/h1>/i.exec(line);
    if (html) return withTitle(html[1]!, lines, i + 1);
    if (line.trim() !== '' && /^ {0,3}=+[ \t]*$/.test(lines[i + 1] ?? '') && !/^ {0,3}[<>|`-]/.test(line)) return withTitle(line, lines, i + 2);
  }
  return { kind: 'readme' };
}

function withTitle(raw: string, lines: string[], next: number): ReadmeFacts {
  const title = words(raw);
  if (title === '' || title.length > MAX_TITLE) return { kind: 'readme' };
  const lead = leadAfter(lines, next);
  return lead === undefined ? { kind: 'readme', title } : { kind: 'readme', title, lead };
}

/** Plain words of a line of Markdown: markup, emphasis and runs of blanks dropped. */
function words(raw: string): string {
  return plainText(raw).replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * The first paragraph of prose from line `from`: lines of badges, logos and HTML tags only (no words
 * left once their markup is dropped) are passed over, a quote's `>` is dropped (landing pages set
 * their tagline as a quote), and a heading, a code fence, a list or a table before any prose means
 * there is no lead.
 */
function leadAfter(lines: string[], from: number): string | undefined {
  let lead = '';
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > MAX_LINE) break;
    const text = line.replace(/^ {0,3}(>[ \t]?)+/, '');
    if (text.trim() === '') {
      if (lead !== '') break;
      continue;
    }
    if (/^ {0,3}(#|```|~~~|[-*+] |\d+[.)] |\||={3,}|-{3,})/.test(text)) break;
    const plain = words(text);
    if (plain === '') {
      if (lead !== '') break;
      continue;
    }
    lead = lead === '' ? plain : `${lead} ${plain}`;
    if (lead.length >= MAX_LEAD) break;
  }
  return lead === '' ? undefined : lead.slice(0, MAX_LEAD);
}

/**
 * The words of a heading without its markup: HTML tags, images (`![logo](x.png)`) and link targets
 * (`[Acme](https://...)` keeps `Acme`). One pass: each skip moves past what it skips.
 */
function plainText(raw: string): string {
  let out = '';
  let i = 0;
  const skipTarget = (at: number): number => {
    if (raw[at] !== '(') return at;
    const close = raw.indexOf(')', at);
    return close < 0 ? at : close + 1;
  };
  while (i < raw.length) {
    const c = raw[i]!;
    const close = c === '<' ? raw.indexOf('>', i) : c === '[' || (c === '!' && raw[i + 1] === '[') ? closingBracket(raw, c === '!' ? i + 1 : i) : -1;
    if (close < 0) {
      out += c;
      i++;
    } else if (c === '<') {
      out += ' ';
      i = close + 1;
    } else {
      // `[text](target)` keeps its text (a badge's `[![alt](src)](target)` keeps none); an image `![alt](src)` is dropped.
      if (c === '[') out += plainText(raw.slice(i + 1, close));
      out += ' ';
      i = skipTarget(close + 1);
    }
  }
  return out;
}

/** The `]` that closes the `[` at `open`, past nested pairs (a badge's image inside its link); -1 when none does. */
function closingBracket(raw: string, open: number): number {
  let depth = 0;
  for (let i = open; i < raw.length; i++) {
    if (raw[i] === '[') depth++;
    else if (raw[i] === ']' && --depth === 0) return i;
  }
  return -1;
}
