import { describe, expect, it } from 'vitest';
import { parseTsconfig, stripJsonComments } from './tsconfig.js';

describe('parseTsconfig (JSON with comments and trailing commas, as tsc reads it)', () => {
  it('reads a config whose last list entries carry a trailing comma and a comment after it', () => {
    const text = ['{', '  "compilerOptions": { "outDir": "./dist", "rootDir": "../", },', '  "exclude": [', '    "a", // first', '    "b",  // the last one', '    /* and a block */', '  ],', '}'].join('\n');
    expect(parseTsconfig(text)).toEqual({ kind: 'tsconfig', outDir: './dist', rootDir: '../', exclude: ['a', 'b'] });
  });

  it('keeps commas inside strings and between entries, and every offset where it was', () => {
    const text = '{ "paths": { "a,": ["x", "y"] }, // c\n "b": "1,]" }';
    const stripped = stripJsonComments(text);
    expect(stripped.length).toBe(text.length);
    expect(JSON.parse(stripped)).toEqual({ paths: { 'a,': ['x', 'y'] }, b: '1,]' });
  });

  it('reads an empty file, or one of comments only, as tsc does: `{}` (prisma-examples commits one)', () => {
    expect(parseTsconfig('')).toEqual({ kind: 'tsconfig' });
    expect(parseTsconfig('\n  // nothing yet\n/* later */\n')).toEqual({ kind: 'tsconfig' });
  });
  it('still refuses what tsc refuses: a missing comma is a syntax error', () => {
    expect(() => parseTsconfig('{ "compilerOptions": { "outDir": "dist" "rootDir": "src" } }')).toThrow();
  });
});
