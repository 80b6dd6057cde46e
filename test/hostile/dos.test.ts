// Class: the tree cannot stall the cross-file phase. Densely cross-calling npm scripts once made the
// run-command walk visit every path of the script graph (30 s for an 18 KB package.json, more without
// bound); the walk is memoised, and the cross-file phase runs under a time budget as the per-file
// phase does.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { audit } from '../../src/engine/audit.js';
import { defineRule } from '../../src/rule-api/types.js';
import { removeDir, tempDir } from './helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** `n` scripts, each running the next `fanOut` ones and a node entry: about 40 KB for 100 x 30. */
function denseScripts(root: string, n: number, fanOut: number): number {
  const scripts: Record<string, string> = { start: 'npm run s0' };
  for (let i = 0; i < n; i++) {
    const calls: string[] = [];
    for (let j = i + 1; j < Math.min(n, i + 1 + fanOut); j++) calls.push(`npm run s${j}`);
    scripts[`s${i}`] = [...calls, `node src/s${i}.js`].join(' && ');
  }
  const text = JSON.stringify({ name: 'dense', version: '1.0.0', scripts, dependencies: {}, devDependencies: { jest: '29.0.0' } }, null, 2);
  writeFileSync(path.join(root, 'package.json'), text);
  writeFileSync(path.join(root, 'Dockerfile'), 'FROM node:20.11.1\nRUN npm ci --omit=dev\nCMD ["npm", "start"]\n');
  mkdirSync(path.join(root, 'src'));
  for (let i = 0; i < n; i++) writeFileSync(path.join(root, 'src', `s${i}.js`), i === 0 ? "require('jest');\n" : 'module.exports = 1;\n');
  return text.length;
}

describe('denial of service: the cross-file phase', () => {
  it('a 40 KB package.json of densely cross-calling scripts is audited in seconds', { timeout: 120_000 }, async () => {
    const root = tempDir('dos-scripts');
    dirs.push(root);
    const size = denseScripts(root, 100, 30);
    expect(size).toBeGreaterThan(30_000);
    const started = performance.now();
    const result = await audit({ root, rules, concurrency: 1 });
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(20_000);
    expect(result.findings.some((f) => f.ruleId === 'rule-error')).toBe(false);
  });

  it('rules not yet run when the cross-file budget is spent are reported as not run', async () => {
    const root = tempDir('dos-budget');
    dirs.push(root);
    writeFileSync(path.join(root, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
    const slow = (id: string) =>
      defineRule({
        id,
        factor: 'codebase',
        severity: 'warning',
        targets: ['xf'],
        docs: { description: 'busy', remediation: 'none' },
        checkProject() {
          const until = performance.now() + 60;
          while (performance.now() < until) {
            // busy: a rule that cannot be interrupted
          }
        },
      });
    const result = await audit({ root, rules: [slow('test/slow-a'), slow('test/slow-b'), slow('test/slow-c')], concurrency: 1, projectTimeBudget: 30 });
    const notRun = result.findings.filter((f) => f.ruleId === 'rule-error' && /was not run: the cross-file phase took longer than its 30 ms time budget/.test(f.message));
    expect(notRun.map((f) => f.message.split(' ')[1])).toEqual(['test/slow-b', 'test/slow-c']);
  });
});
