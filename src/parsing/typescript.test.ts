import { describe, expect, it } from 'vitest';
import { parseTypeScript } from './typescript.js';

describe('parseTypeScript: what counts as a syntax error', () => {
  it('legacy octal literals and escapes are valid in a sloppy-mode CommonJS script (pm2 examples and tests)', () => {
    expect(parseTypeScript('lib/colors.js', "var mode = 0777;\nvar reset = '\\033[0m';\nvar x = 09;\n").error).toBeUndefined();
    expect(parseTypeScript('lib/colors.cjs', 'module.exports = 0644;\n').error).toBeUndefined();
  });
  it('near misses: the same in strict code (an ES module, a "use strict" script, TypeScript) is an error', () => {
    expect(parseTypeScript('lib/colors.mjs', 'export const mode = 0777;\n').error?.message).toMatch(/Octal literals are not allowed/);
    expect(parseTypeScript('lib/colors.js', "'use strict';\nvar mode = 0777;\n").error?.line).toBe(2);
    expect(parseTypeScript('src/mode.ts', 'export const mode = 0777;\n').error?.message).toMatch(/Octal literals/);
  });
});
