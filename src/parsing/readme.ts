// A README's title: the first level-one heading, as Markdown writes it (`# Title`, a setext `===`
// underline) or as HTML inside Markdown (`<h1 align="center">Title</h1>`, common in project
// landing pages). Only the opening of the file is looked at: a title comes first.

import type { ReadmeFacts } from './facts.js';

/** Lines looked at for the title. */
const MAX_LINES = 120;
/** Longer lines are not looked at. */
const MAX_LINE = 1000;
/** A title longer than this is not one (a paragraph with a stray `#`). */
const MAX_TITLE = 200;

export function parseReadme(text: string): ReadmeFacts {
  const lines = text.split(/\r?\n/, MAX_LINES);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A title is short: a longer line is prose (and never given to the patterns below whole).
    if (line.length > MAX_LINE) continue;
    const atx = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/.exec(line);
    if (atx) return withTitle(atx[1]!);
    const html = /<h1\b[^>]*>(.*?)<\/h1>/i.exec(line);
    if (html) return withTitle(html[1]!);
    if (line.trim() !== '' && /^ {0,3}=+[ \t]*$/.test(lines[i + 1] ?? '') && !/^ {0,3}[<>|`-]/.test(line)) return withTitle(line);
  }
  return { kind: 'readme' };
}

function withTitle(raw: string): ReadmeFacts {
  const title = plainText(raw).replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  return title === '' || title.length > MAX_TITLE ? { kind: 'readme' } : { kind: 'readme', title };
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
    const close = c === '<' ? raw.indexOf('>', i) : c === '[' || (c === '!' && raw[i + 1] === '[') ? raw.indexOf(']', i) : -1;
    if (close < 0) {
      out += c;
      i++;
    } else if (c === '<') {
      out += ' ';
      i = close + 1;
    } else {
      // `[text](target)` keeps its text; an image `![alt](src)` is dropped.
      if (c === '[') out += raw.slice(i + 1, close);
      out += ' ';
      i = skipTarget(close + 1);
    }
  }
  return out;
}
