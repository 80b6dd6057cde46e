import { describe, expect, it } from 'vitest';
import { loadTypeScript } from '../typescript-module.js';
import { insideNonProductionBranch, ts } from './ts-utils.js';

loadTypeScript();

/** Whether the `require('x')` call of `code` runs only outside production. */
function branch(code: string): boolean {
  const sf = ts.createSourceFile('a.ts', code, ts.ScriptTarget.Latest, true);
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (!found && ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require') found = n;
    n.forEachChild(visit);
  };
  visit(sf);
  return insideNonProductionBranch(found!);
}

describe('insideNonProductionBranch', () => {
  it.each([
    ["if (process.env.NODE_ENV !== 'production' && process.env.ENABLE_SWAGGER === 'true') { require('x'); }", true],
    ["if (process.env.NODE_ENV === 'development') require('x');", true],
    ["if ('production' != process.env.NODE_ENV) { const a = 1; require('x'); }", true],
    ["if (process.env.NODE_ENV === 'production') { a(); } else { require('x'); }", true],
    ["if (!(process.env.NODE_ENV === 'production')) require('x');", true],
    ["const t = process.env.NODE_ENV === 'test' ? require('x') : null;", true],
    ["process.env.NODE_ENV !== 'production' && require('x');", true],
    ["if (process.env.NODE_ENV === 'production' || process.env.CI) { a(); } else { require('x'); }", true],
  ])('%s: outside production', (code, expected) => {
    expect(branch(code)).toBe(expected);
  });
  it.each([
    ["require('x');", false],
    ["if (process.env.NODE_ENV === 'production') require('x');", false],
    ["if (process.env.NODE_ENV !== 'development') require('x');", false],
    ["if (process.env.NODE_ENV !== 'production' || process.env.FORCE) require('x');", false],
    ["if (process.env.APP_ENV !== 'production') require('x');", false],
    ["if (process.env.NODE_ENV !== 'production') { a(); } else { require('x'); }", false],
    ["if (require('x')) { a(); }", false],
  ])('near miss %s: may run in production', (code, expected) => {
    expect(branch(code)).toBe(expected);
  });
});
