import { describe, expect, it } from 'vitest';
import { parseReadme } from './readme.js';

describe('parseReadme: the title a repository gives itself', () => {
  it('reads a Markdown heading, a setext heading and an HTML h1 of a landing page', () => {
    expect(parseReadme('# Prisma Examples\n\nReady-to-run example projects.\n')).toEqual({ kind: 'readme', title: 'Prisma Examples', lead: 'Ready-to-run example projects.' });
    expect(parseReadme('Google Cloud Platform Node.js Samples\n=====================================\n')).toEqual({ kind: 'readme', title: 'Google Cloud Platform Node.js Samples' });
    expect(parseReadme('<br />\n\n<div align="center">\n  <h1>Prisma Examples</h1>\n</div>\n')).toEqual({ kind: 'readme', title: 'Prisma Examples' });
    // markup inside the heading is not part of its words
    expect(parseReadme('# ![logo](logo.png) [Acme](https://acme.dev) **Platform** #\n')).toEqual({ kind: 'readme', title: 'Acme Platform' });
  });
  it('reads the lead: the first paragraph of prose under the title, past badges, logos and a quote marker', () => {
    const text = '# Stack Recipes [![badge](https://b.example/x.svg)](https://b.example)\n\n![logo](logo.png)\n<p align="center"><img src="x.png"></p>\n\n> A curated list of Compose\n> samples.\n\nMore prose.\n';
    expect(parseReadme(text)).toEqual({ kind: 'readme', title: 'Stack Recipes', lead: 'A curated list of Compose samples.' });
    // a heading, a list or a code fence before any prose: no lead
    expect(parseReadme('# Acme\n\n## Install\n\nA collection of examples.\n')).toEqual({ kind: 'readme', title: 'Acme' });
    expect(parseReadme('# Acme\n\n- A collection of examples.\n')).toEqual({ kind: 'readme', title: 'Acme' });
    expect(parseReadme('# Acme\n\n```\nA collection of examples.\n```\n')).toEqual({ kind: 'readme', title: 'Acme' });
  });
  it('near misses: a level-two heading, a code fence, a table rule, a file without a title', () => {
    expect(parseReadme('## Examples\n')).toEqual({ kind: 'readme' });
    expect(parseReadme('```\n=====\n```\n')).toEqual({ kind: 'readme' });
    expect(parseReadme('Some text.\n\nMore text.\n')).toEqual({ kind: 'readme' });
  });
});
