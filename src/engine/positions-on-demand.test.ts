// Positions of large JSON/YAML documents are dropped after the per-file phase and parsed again from
// the file when a cross-file rule asks: they must equal the eager ones, never come from a file that
// changed since or from outside the root, and a report must not depend on where they came from.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { K8sFacts, StructuredFileFacts } from '../parsing/facts.js';
import { parseStructured, positionOf, positionsOf } from '../parsing/structured.js';
import { run } from '../cli/main.js';
import { analyzeFile } from './per-file.js';
import { attachPositionSources, detachLargePositions, positionsFromFile } from './positions-on-demand.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tfa-positions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A YAML document of `n` filler keys with an image block after them (a Helm values file). */
function bigValuesYaml(n: number): string {
  const filler = Array.from({ length: n }, (_, i) => `  key${i}: value-${i}`).join('\n');
  return `filler:\n${filler}\nimage:\n  repository: nginx\n  tag: latest\n`;
}

function bigJson(n: number): string {
  const items = Array.from({ length: n }, (_, i) => `    {"id": ${i}, "name": "item ${i}", "tags": ["a", "b"]}`).join(',\n');
  return `{\n  "items": [\n${items}\n  ],\n  "last": {"key": "value"}\n}\n`;
}

function perFileFacts(root: string, file: string, text: string): StructuredFileFacts {
  writeFileSync(path.join(root, file), text);
  const result = analyzeFile({ path: file, kind: file.endsWith('.json') ? 'json' : 'yaml', text, isTest: false }, []);
  expect(result.facts?.kind).toBe('structured');
  return result.facts as StructuredFileFacts;
}

describe('positions on demand', () => {
  const root = path.join(tmp, 'tree');
  mkdirSync(root, { recursive: true });
  const access = { root, maxFileSize: 2 * 1024 * 1024 };

  it('large JSON and YAML keep no positions after the per-file phase; parsed again from the file they equal the eager ones', () => {
    for (const [file, text] of [
      ['big.json', bigJson(400)],
      ['big.yaml', bigValuesYaml(1200)],
    ] as const) {
      const facts = perFileFacts(root, file, text);
      const doc = facts.docs[0]!;
      expect(doc.positions).toEqual({});
      expect(doc.positionsOnDemand).toMatchObject({ index: 0, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      // Facts stay plain JSON: what the cache stores has no position.
      expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
      // No source until the model attaches one: the document's own line, never a stale position.
      expect(positionsOf(doc)).toEqual({});
      attachPositionSources([{ path: file, facts }], access);
      const eager = parseStructured(text)[0]!;
      expect(Object.keys(eager.positions).length).toBeGreaterThan(1000);
      expect(positionsOf(doc)).toEqual(eager.positions);
      expect(positionOf(doc, '/last/key')).toEqual(positionOf(eager, '/last/key'));
    }
  });

  it('small documents, compose files and manifests keep their positions', () => {
    const small = perFileFacts(root, 'small.yaml', 'a: 1\nb: [1, 2]\n');
    expect(small.docs[0]!.positionsOnDemand).toBeUndefined();
    expect(small.docs[0]!.positions['/b/1']).toEqual([2, 8]);
    const facts: K8sFacts = { kind: 'k8s', docs: parseStructured(bigValuesYaml(1200)), objects: [] };
    detachLargePositions(facts, bigValuesYaml(1200));
    expect(facts.docs[0]!.positionsOnDemand).toBeUndefined();
  });

  it('a file changed since the per-file phase, gone, or now a link out of the root gives no position', () => {
    const text = bigValuesYaml(1100);
    const facts = perFileFacts(root, 'changed.yaml', text);
    const onDemand = facts.docs[0]!.positionsOnDemand!;
    expect(positionsFromFile('changed.yaml', 'yaml', onDemand, access)).toBeDefined();
    writeFileSync(path.join(root, 'changed.yaml'), `# moved\n${text}`);
    expect(positionsFromFile('changed.yaml', 'yaml', onDemand, access)).toBeUndefined();
    rmSync(path.join(root, 'changed.yaml'));
    expect(positionsFromFile('changed.yaml', 'yaml', onDemand, access)).toBeUndefined();
    const outside = path.join(tmp, 'outside.yaml');
    writeFileSync(outside, text);
    symlinkSync(outside, path.join(root, 'changed.yaml'));
    expect(positionsFromFile('changed.yaml', 'yaml', onDemand, access)).toBeUndefined();
    // Over the size limit: not read at all.
    rmSync(path.join(root, 'changed.yaml'));
    writeFileSync(path.join(root, 'changed.yaml'), text);
    expect(positionsFromFile('changed.yaml', 'yaml', onDemand, { root, maxFileSize: 100 })).toBeUndefined();
  });
});

describe('a cross-file finding in a large Helm values file', () => {
  const chart = path.join(tmp, 'chart');
  const cacheDir = path.join(tmp, 'cache') + path.sep;
  const values = bigValuesYaml(1500);
  const tagLine = values.split('\n').indexOf('  tag: latest') + 1;
  mkdirSync(path.join(chart, 'templates'), { recursive: true });
  writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.0\nappVersion: "1.2.3"\n');
  writeFileSync(path.join(chart, 'templates', 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n');
  writeFileSync(path.join(chart, 'values.yaml'), values);

  async function valuesFindings(args: string[]): Promise<Array<{ line: number; column: number }>> {
    let stdout = '';
    let stderr = '';
    const code = await run([chart, '--format', 'json', '--fail-on', 'never', '--no-progress', '--preset', 'strict', '--only', 'build-release-run/unpinned-image', ...args], {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      isTTY: false,
      cwd: tmp,
    });
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as { findings: Array<{ ruleId: string; file: string; line: number; column: number }> };
    return report.findings.filter((f) => f.ruleId === 'build-release-run/unpinned-image' && f.file === 'values.yaml').map((f) => ({ line: f.line, column: f.column }));
  }

  it('points at the tag, cold and from cached facts', async () => {
    const cold = await valuesFindings([]);
    expect(cold).toEqual([{ line: tagLine, column: 8 }]);
    expect(await valuesFindings(['--cache', '--cache-location', cacheDir])).toEqual(cold);
    // A fact changed elsewhere: the cross-file phase runs again from the cached facts of values.yaml.
    writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.1\nappVersion: "1.2.4"\n');
    expect(await valuesFindings(['--cache', '--cache-location', cacheDir])).toEqual(cold);
  });
});
