// Precision and recall of config/hardcoded-secret on the labelled benchmark (benchmark.ts). The floors
// are the figures of the best secret scanners on mixed corpora: precision above 0.75, recall above
// 0.88. The numbers are printed on every run.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeDir, runCli, tempDir, type JsonReport } from '../hostile/helpers.js';
import { buildBenchmark, type Context, type Sample } from './benchmark.js';

const SECRET_RULES = new Set([
  'config/hardcoded-secret',
  'config/secret-in-image',
  'config/literal-secret-env',
  'config/default-secret-fallback',
  'backing-services/hardcoded-credentials-in-url',
]);

const PRECISION_FLOOR = 0.75;
const RECALL_FLOOR = 0.88;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

interface Layout {
  file: string;
  head: string[];
  line: (s: Sample, i: number) => string;
  tail?: string[];
}

const LAYOUTS: Record<Context, Layout> = {
  'ts-const': { file: 'src/consts.ts', head: ['// benchmark'], line: (s) => `{ const ${s.name} = ${JSON.stringify(s.value)}; void ${s.name}; }` },
  'ts-property': { file: 'src/props.ts', head: ['// benchmark'], line: (s, i) => `export const o${i} = { ${IDENT.test(s.name) ? s.name : JSON.stringify(s.name)}: ${JSON.stringify(s.value)} };` },
  env: { file: '.env', head: ['# benchmark'], line: (s) => `${s.name}=${/[\s#"'$]/.test(s.value) ? JSON.stringify(s.value) : s.value}` },
  yaml: { file: 'config/app.yaml', head: ['# benchmark'], line: (s, i) => `k${i}: { ${JSON.stringify(s.name)}: ${JSON.stringify(s.value)} }` },
  json: { file: 'config/app.json', head: ['{'], line: (s, i) => `"k${i}": { ${JSON.stringify(s.name)}: ${JSON.stringify(s.value)} },`, tail: ['"end": true', '}'] },
  'dockerfile-env': { file: 'Dockerfile', head: [`FROM node:20.11.1-alpine@sha256:${'e'.repeat(64)}`], line: (s) => `ENV ${s.name}=${JSON.stringify(s.value)}`, tail: ['CMD ["node", "server.js"]'] },
  'compose-env': { file: 'compose.yaml', head: ['services:', '  web:', '    build: .', '    environment:'], line: (s) => `      - ${JSON.stringify(`${s.name}=${s.value}`)}` },
  'ts-raw': { file: 'src/raw.ts', head: ['// benchmark: code shapes'], line: (s, i) => rawCode(s, i) },
  'yaml-raw': { file: 'config/raw.yaml', head: ['# benchmark: YAML shapes'], line: (s, i) => rawCode(s, i) },
  'k8s-env': {
    file: 'k8s/deployment.yaml',
    head: ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', `          image: registry.invalid/web@sha256:${'f'.repeat(64)}`, '          env:'],
    line: (s) => `            - { name: ${JSON.stringify(s.name)}, value: ${JSON.stringify(s.value)} }`,
  },
};

function rawCode(s: Sample, i: number): string {
  return s.code!.replace(/@K/g, `k${i}`).replace(/@V/g, s.value);
}

describe('secrets benchmark', () => {
  it(`precision >= ${PRECISION_FLOOR} and recall >= ${RECALL_FLOOR} on the labelled benchmark`, async () => {
    const samples = buildBenchmark();
    const dir = tempDir('secrets-benchmark');
    const where = new Map<string, Sample>();
    try {
      const byContext = new Map<Context, Sample[]>();
      for (const s of samples) byContext.set(s.context, [...(byContext.get(s.context) ?? []), s]);
      let index = 0;
      for (const [ctx, list] of byContext) {
        const layout = LAYOUTS[ctx];
        const lines = [...layout.head];
        for (const s of list) {
          const text = layout.line(s, index++).split('\n');
          lines.push(...text);
          where.set(`${layout.file}:${lines.length - text.length + 1 + (s.at ?? 0)}`, s);
        }
        lines.push(...(layout.tail ?? []));
        const abs = path.join(dir, layout.file);
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, `${lines.join('\n')}\n`);
      }
      const result = await runCli([dir, '--format', 'json', '--fail-on', 'never']);
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as JsonReport;
      // Every file of the benchmark must have parsed: a parse error would make every sample in it a miss.
      expect(report.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'file-skipped')).toEqual([]);
      const flagged = new Set<Sample>();
      const stray: string[] = [];
      for (const f of report.findings) {
        // The secret rules: config/hardcoded-secret and the more specific rules that take a value
        // over from it at the same place ("one value, one finding"); a service URL counts when it
        // carries a password.
        const secretRule =
          SECRET_RULES.has(f.ruleId) || (f.ruleId === 'backing-services/hardcoded-service-url' && /password/i.test(f.message));
        if (!secretRule) continue;
        const s = where.get(`${f.file}:${f.line}`);
        if (s) flagged.add(s);
        else stray.push(`${f.file}:${f.line} ${f.message}`);
      }
      expect(stray, 'findings on lines that hold no sample').toEqual([]);

      const positives = samples.filter((s) => s.label === 'secret');
      const negatives = samples.filter((s) => s.label === 'benign');
      const tp = positives.filter((s) => flagged.has(s));
      const fn = positives.filter((s) => !flagged.has(s));
      const fp = negatives.filter((s) => flagged.has(s));
      const precision = tp.length / (tp.length + fp.length || 1);
      const recall = tp.length / (positives.length || 1);
      console.log(
        `secrets benchmark: ${positives.length} secrets, ${negatives.length} hard negatives; ` +
          `precision ${precision.toFixed(3)} (${fp.length} false positives), recall ${recall.toFixed(3)} (${fn.length} misses)`,
      );
      for (const s of fn) console.log(`  missed: ${s.what} as ${s.name || '(code)'} in ${s.context}`);
      for (const s of fp) console.log(`  false positive: ${s.what} as ${s.name || '(code)'} in ${s.context}`);
      expect(positives.length).toBeGreaterThanOrEqual(50);
      expect(negatives.length).toBeGreaterThanOrEqual(80);
      expect(precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
      expect(recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
    } finally {
      removeDir(dir);
    }
  }, 120_000);
});
