import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { audit } from './audit.js';
import { isFlowTyped } from './ts-walk.js';

// A Flow type cast: valid Flow, a syntax error for TypeScript.
const FLOW_BODY = "export function count(where) {\n  return Object.keys((where.sorts: any)).length;\n}\n";

describe('parse errors in Flow-typed files', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-flow-'));
  writeFileSync(path.join(root, 'flow-line.js'), `// @flow\n${FLOW_BODY}`);
  writeFileSync(path.join(root, 'flow-block.js'), `\ufeff/* @flow strict */\n// A storage adapter.\n${FLOW_BODY}`);
  writeFileSync(path.join(root, 'plain.js'), `// a plain module\n${FLOW_BODY}`);
  // The pragma only counts before the first token of code.
  writeFileSync(path.join(root, 'late-pragma.js'), `const a = 1;\n// @flow\n${FLOW_BODY}`);

  it('a Flow file TypeScript cannot parse is info "skipped: Flow syntax"; any other syntax error stays a warning', async () => {
    const r = await audit({ root, rules, concurrency: 1 });
    const parseErrors = r.findings.filter((f) => f.ruleId === 'parse-error').map((f) => `${f.file}:${f.line} ${f.severity}`);
    expect(parseErrors).toEqual(['flow-block.js:4 info', 'flow-line.js:3 info', 'late-pragma.js:4 warning', 'plain.js:3 warning']);
    expect(r.findings.find((f) => f.file === 'flow-line.js')!.message).toMatch(/^skipped: Flow syntax/);
  });

  it('reads the pragma only in the leading comments', () => {
    expect(isFlowTyped('#!/usr/bin/env node\n// @flow\nconst a = 1;')).toBe(true);
    expect(isFlowTyped('/**\n * @flow\n */\nconst a = 1;')).toBe(true);
    expect(isFlowTyped('// @flow-disable-next not a pragma\nconst a = 1;')).toBe(false);
    expect(isFlowTyped('// @flowtype\nconst a = 1;')).toBe(false);
    expect(isFlowTyped('const a = 1; // @flow')).toBe(false);
    expect(isFlowTyped('/* @flow')).toBe(false);
  });
});
