import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import rule from './no-release-tags.js';
import { fixturesDirOf, ruleTester } from '../../src/testing/rule-tester.js';

// Tags live in .git, which fixture folders of this repository cannot carry (and our own tags would
// change the answer), so each case is a small repository written to a temporary folder.
const made: string[] = [];
const SHA = '3f786850e387550fdab836ed7e6dc881de23001b';
function repo(git: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tfa-tags-'));
  made.push(dir);
  const files: Record<string, string> = { '.git/HEAD': 'ref: refs/heads/main\n', 'src/index.ts': "export const greeting = 'hello';\n" };
  for (const [name, text] of Object.entries(git)) files[`.git/${name}`] = text;
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return path.relative(fixturesDirOf(rule), dir);
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const looseTag = repo({ 'refs/tags/v1.4.0': `${SHA}\n` });
const packedMonorepoTag = repo({ 'packed-refs': `# pack-refs with: peeled fully-peeled sorted\n${SHA} refs/heads/main\n${SHA} refs/tags/@shop/api@2.0.1\n` });
const shallow = repo({ shallow: `${SHA}\n` });
const untagged = repo({});
const onlyNames = repo({ 'refs/tags/deploy-prod': `${SHA}\n`, 'packed-refs': `${SHA} refs/tags/latest\n` });

ruleTester(rule, {
  valid: [looseTag, packedMonorepoTag, shallow],
  invalid: [
    { fixture: untagged, errors: [{ file: '.', line: 1, severity: 'info', message: 'The repository has no version tags:' }] },
    { fixture: onlyNames, errors: [{ file: '.', line: 1, message: 'its 2 tags, such as deploy-prod, name no version' }] },
  ],
});
