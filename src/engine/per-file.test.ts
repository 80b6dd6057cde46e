// The per-file phase's results kept for the run (per-file.ts): detachFromText copies their strings
// and changes nothing else.

import { describe, expect, it } from 'vitest';
import { detachFromText, type FileResult } from './per-file.js';

describe('detachFromText', () => {
  it('leaves every value of a result as it was, nested strings, numbers, nulls and hidden properties included', () => {
    const text = `import x from '${'../'.repeat(8)}lib/some-module';\n`;
    const specifier = text.slice(13, text.lastIndexOf("'"));
    const hidden = Symbol('source');
    const doc = { value: { a: [specifier, 1, null, { deep: specifier.toUpperCase() }], short: 'abc' }, positions: { '/a': [1, 2] }, line: 1 };
    Object.defineProperty(doc, hidden, { value: () => text, enumerable: false });
    const result: FileResult = {
      path: 'src/a.ts',
      kind: 'structured',
      facts: { kind: 'structured', format: 'yaml', docs: [doc] } as never,
      findings: [{ ruleId: 'r', factor: null, severity: 'info', message: `m ${specifier}`, file: 'src/a.ts', line: 1, column: 1, remediation: 'r', evidence: specifier }],
      directives: [{ type: 'disable-next-line', rules: ['r'], line: 1, column: 1, reason: specifier } as never],
    };
    const before = structuredClone(result);
    detachFromText(result);
    expect(result).toEqual(before);
    expect((doc as unknown as Record<symbol, () => string>)[hidden]!()).toBe(text);
  });
});
