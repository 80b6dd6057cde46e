import { describe, expect, it } from 'vitest';
import rule from '../../rules/concurrency/in-process-cluster.js';
import { CLUSTER_LIBRARIES } from './cluster.js';
import { findingsOf } from '../testing/knowledge-probe.js';

const EXAMPLES: Record<string, string> = {
  cluster: `import cluster from 'node:cluster';\nif (cluster.isPrimary) cluster.fork();`,
  throng: `import throng from 'throng';\nthrong({ worker: start, count: 4 });`,
};

describe('cluster libraries: each is reported by concurrency/in-process-cluster', () => {
  for (const c of CLUSTER_LIBRARIES) {
    it(`${c.module}: ${c.why}`, () => {
      expect(EXAMPLES[c.module], `an example for ${c.module}`).toBeDefined();
      expect(findingsOf(rule, EXAMPLES[c.module]!).map((f) => f.ruleId)).toEqual(['concurrency/in-process-cluster']);
    });
  }
  it('throng: its default (one per CPU), a literal count, and a single worker', () => {
    expect(findingsOf(rule, `const throng = require('throng');\nthrong(start);`).map((f) => f.message)).toEqual([expect.stringContaining('one worker per CPU')]);
    expect(findingsOf(rule, `const throng = require('throng');\nthrong(2, start);`).map((f) => f.message)).toEqual([expect.stringContaining('2 workers')]);
    expect(findingsOf(rule, `import throng from 'throng';\nthrong({ worker: start, count: 1 });`)).toEqual([]);
    // A count the tool cannot read: silent.
    expect(findingsOf(rule, `import throng from 'throng';\nthrong({ worker: start, count: env.WEB_CONCURRENCY });`)).toEqual([]);
  });
});
