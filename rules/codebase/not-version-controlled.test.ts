import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import rule from './not-version-controlled.js';
import { fixturesDirOf, ruleTester } from '../../src/testing/rule-tester.js';

// Fixture folders of this repository are inside its git work tree, so the "not version controlled"
// cases are written to a temporary folder (outside any work tree) when the test loads.
const made: string[] = [];
function tempFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tfa-novcs-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return path.relative(fixturesDirOf(rule), dir);
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const plain = tempFolder({ 'src/index.ts': "export const greeting = 'hello';\n" });
const mercurial = tempFolder({ '.hg/requires': 'revlogv1\n', 'src/index.ts': "export const greeting = 'hello';\n" });

ruleTester(rule, {
  valid: ['inside-git', mercurial],
  invalid: [{ fixture: plain, errors: [{ file: '.', line: 1, column: 1, message: 'not inside a git work tree' }] }],
});
