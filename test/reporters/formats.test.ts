// Every output format from one run of the sample app, each checked the way its consumer reads it:
// JSON against our schema, SARIF against the official 2.1.0 schema and GitHub's documented rules,
// JUnit and the badge through a real XML parser.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { FACTORS, FACTOR_TITLES } from '../../src/rule-api/types.js';
import { FINGERPRINT_KEY } from '../../src/reporters/sarif.js';
import { REPOSITORY_URL } from '../../src/reporters/links.js';
import type { Report } from '../../src/reporters/report.js';
import { cli, copyApp, expectValidReport, expectValidSarif, fakeGit, SAMPLE_APP, SAMPLE_SECRET, tempDir } from './helpers.js';

const COMMIT = '3f786850e387550fdab836ed7e6dc881de23001b';
const FORMAT_FILES = ['report.json', 'report.sarif', 'report.xml', 'report.md', 'report.html', 'badge.svg'];

async function allFormats(app: string, out: string, extra: string[] = []) {
  return cli([app, '-f', 'stylish', '-f', 'json:report.json', '-f', 'sarif:report.sarif', '-f', 'junit:report.xml', '-f', 'markdown:report.md', '-f', 'html:report.html', '--badge', 'badge.svg', ...extra], out);
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testsuite', 'testcase', 'failure', 'property', 'text'].includes(name) });

describe('one run, every format', () => {
  let out: string;
  let stdout: string;
  let code: number;
  const read = (f: string) => readFileSync(path.join(out, f), 'utf8');

  beforeAll(async () => {
    const app = copyApp(SAMPLE_APP);
    fakeGit(app, { commit: COMMIT, branch: 'main' });
    out = tempDir('out');
    ({ code, stdout } = await allFormats(app, out));
  });

  it('exits 1 (errors found) and prints stylish with the score to stdout', () => {
    expect(code).toBe(1);
    expect(stdout).toContain('Hardcoded GitHub token');
    expect(stdout).toMatch(/^Twelve-factor score: \d+\.\d\/10 \(\d+ pass, \d+ warn, \d+ fail, \d+ not applicable\)\.$/m);
  });

  it('JSON: valid against the schema, with target, scorecard and no timestamp', () => {
    const report = JSON.parse(read('report.json')) as Report;
    expectValidReport(report);
    expect(report.target).toEqual({ name: 'orders-api', git: { commit: COMMIT, branch: 'main', path: '' } });
    expect(report.generatedAt).toBeUndefined();
    expect(report.factors.map((f) => f.id)).toEqual([...FACTORS]);
    const byId = Object.fromEntries(report.factors.map((f) => [f.id, f]));
    // A live GitHub token zeroes its factor, however many config rules found nothing (docs/scoring.md).
    expect([byId.config!.score, byId.config!.status]).toEqual([0, 'fail']);
    expect([byId.concurrency!.score, byId.concurrency!.status]).toEqual([10, 'pass']);
    // The codebase rules read the repository, which is always there: a fake .git without tags passes (one info).
    expect(byId.codebase!.status).toBe('pass');
    const scored = report.factors.filter((f) => f.score !== null);
    const breadth = Math.round((10 - scored.reduce((s, f) => s + 10 - f.score!, 0) / 12) * 10) / 10;
    expect(report.scoring).toMatchObject({ partial: null, liveSecrets: 1, weakest: 0, breadth });
    expect(report.score).toBe(Math.round(0.4 * breadth * 10) / 10);
    expect(report.summary.errors).toBe(report.findings.filter((f) => f.severity === 'error').length);
  });

  it('SARIF: valid against the official 2.1.0 schema and follows GitHub code scanning requirements', () => {
    const log = JSON.parse(read('report.sarif')) as Log;
    expectValidSarif(log);
    const report = JSON.parse(read('report.json')) as Report;
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(run.tool.driver.name).toBe('twelve-factor-audit');
    expect(rules.map((r) => r.id)).toEqual(report.factors.flatMap((f) => f.rules.map((r) => r.id)));
    for (const r of rules) {
      expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(r.shortDescription!.text.length).toBeGreaterThan(0);
      expect(r.shortDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(r.fullDescription!.text).toContain(FACTOR_TITLES[r.id.split('/')[0] as keyof typeof FACTOR_TITLES]);
      // GitHub shows helpUri as the rule's documentation: the page of the version that ran.
      expect(r.helpUri).toBe(`${REPOSITORY_URL}/blob/v${report.tool.version}/docs/rules/${r.id}.md`);
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration!.level);
      const tags = r.properties!.tags!;
      expect(tags).toContain(r.id.split('/')[0]);
      expect(tags.length).toBeLessThanOrEqual(20);
    }
    const results = run.results!;
    expect(results).toHaveLength(report.findings.length);
    const fingerprints = new Set<string>();
    results.forEach((res, i) => {
      const f = report.findings[i]!;
      expect(rules[res.ruleIndex!]!.id).toBe(res.ruleId);
      expect(res.level).toBe(f.severity === 'info' ? 'note' : f.severity);
      expect(res.message.text).toContain(f.message);
      const loc = res.locations![0]!.physicalLocation!;
      // GitHub: paths relative to the repository root, forward slashes, startLine present.
      // A finding about the whole repository is shown on its root package.json (GitHub cannot annotate a folder).
      expect(loc.artifactLocation!.uri).toBe(f.file === '.' ? 'package.json' : f.file);
      expect(loc.artifactLocation!.uri).not.toMatch(/^\/|\\|^[a-z]+:/i);
      expect(loc.region!.startLine).toBe(f.line);
      expect(loc.region!.startColumn).toBe(f.column);
      const fp = res.partialFingerprints![FINGERPRINT_KEY]!;
      // The JSON report's fingerprint (the baseline's), with an occurrence number for twins.
      expect(fp.split(':')[0]).toBe(f.fingerprint);
      // primaryLocationLineHash is GitHub's own key, which it recomputes: we never send it.
      expect(res.partialFingerprints).not.toHaveProperty('primaryLocationLineHash');
      fingerprints.add(fp);
    });
    expect(fingerprints.size).toBe(results.length);
  });

  it('JUnit: a testsuite per factor, a failing testcase per error or warning finding, a passing one per clean rule', () => {
    const doc = xml.parse(read('report.xml'));
    const report = JSON.parse(read('report.json')) as Report;
    const suites = doc.testsuites.testsuite as Array<Record<string, any>>;
    expect(suites.map((s) => s['@name'])).toEqual(FACTORS.map((f) => FACTOR_TITLES[f]));
    let failures = 0;
    let tests = 0;
    for (const [i, factor] of report.factors.entries()) {
      const suite = suites[i]!;
      const cases = (suite.testcase ?? []) as Array<Record<string, any>>;
      const expectedNames = factor.rules.flatMap((r) => {
        const failing = report.findings.filter((f) => f.ruleId === r.id && f.severity !== 'info');
        return failing.length === 0 ? [r.id] : failing.map((f) => `${r.id} ${f.file}:${f.line}:${f.column}`);
      });
      expect(cases.map((c) => c['@name'])).toEqual(expectedNames);
      expect(Number(suite['@tests'])).toBe(cases.length);
      for (const c of cases) {
        // GitLab and Jenkins show one failure per case: each case carries at most one.
        expect((c.failure ?? []).length).toBeLessThanOrEqual(1);
        if (c.failure) {
          const f = report.findings.find((x) => `${x.ruleId} ${x.file}:${x.line}:${x.column}` === c['@name'])!;
          expect(c.failure[0]['@message']).toBe(`${f.file}:${f.line}:${f.column} ${f.message}`);
          expect(c['@file']).toBe(f.file);
          failures++;
        }
      }
      tests += cases.length;
    }
    expect(failures).toBe(report.findings.filter((f) => f.factor !== null && f.severity !== 'info').length);
    expect(Number(doc.testsuites['@failures'])).toBe(failures);
    expect(Number(doc.testsuites['@tests'])).toBe(tests);
  });

  it('Markdown: the scorecard table and the findings grouped by factor', () => {
    const md = read('report.md');
    const rows = md.split('\n').filter((l) => /^\| [IVX]+\\?\. /.test(l));
    expect(rows).toHaveLength(12);
    expect(md).toContain('| Factor | Score | Status | Findings | Summary |');
    expect(md).toMatch(/^### III\\?\. Config \(1\)$/m);
    expect(md).toMatch(/^- ❌ `src\/config\.ts:4` Hardcoded GitHub token/m);
  });

  it('HTML: one self-contained file that loads nothing from anywhere', () => {
    const html = read('report.html');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).not.toMatch(/<link\b|<script[^>]+src=|<img\b|<iframe\b|@import|url\((?!#)/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).toContain('[line redacted: ghp_… (40 chars)]');
  });

  it('badge: an SVG with the overall status and score', () => {
    const report = JSON.parse(read('report.json')) as Report;
    const svg = xml.parse(read('badge.svg')).svg;
    const texts = (svg.g as Array<Record<string, any>>).flatMap((g) => g.text ?? []).map((t: any) => (typeof t === 'string' ? t : t['#text']));
    expect(texts).toEqual(['12-factor', `${report.status} ${report.score!.toFixed(1)}/10`]);
  });

  it('never prints the secret, nor a long piece of it, in any format', () => {
    const middle = SAMPLE_SECRET.slice(8, 24);
    for (const text of [stdout, ...FORMAT_FILES.map(read)]) {
      expect(text).not.toContain(SAMPLE_SECRET);
      expect(text).not.toContain(middle);
      expect(text).not.toContain(SAMPLE_SECRET.slice(0, 10));
    }
  });
});

describe('determinism and fingerprints', () => {
  it('gives the same bytes for the same input', async () => {
    const outA = tempDir('a');
    const outB = tempDir('b');
    await allFormats(copyApp(SAMPLE_APP), outA);
    await allFormats(copyApp(SAMPLE_APP), outB);
    for (const f of FORMAT_FILES) expect(readFileSync(path.join(outA, f), 'utf8'), f).toBe(readFileSync(path.join(outB, f), 'utf8'));
  });

  it('keeps SARIF fingerprints when lines above a finding move, and changes them when its line changes', async () => {
    const app = copyApp(SAMPLE_APP);
    const sarif = async () => {
      const { stdout } = await cli([app, '-f', 'sarif', '--preset', 'strict'], app);
      const log = JSON.parse(stdout) as Log;
      expectValidSarif(log);
      return new Map(log.runs[0]!.results!.map((r) => [r.ruleId!, { fp: r.partialFingerprints![FINGERPRINT_KEY]!, line: r.locations![0]!.physicalLocation!.region!.startLine! }]));
    };
    const before = await sarif();
    for (const file of ['src/config.ts', 'src/server.ts']) {
      const p = path.join(app, file);
      writeFileSync(p, `// moved\n// down\n// three lines\n${readFileSync(p, 'utf8')}`);
    }
    const moved = await sarif();
    for (const id of ['config/hardcoded-secret', 'logs/file-logging', 'disposability/missing-sigterm-handler']) {
      expect(moved.get(id)!.line, id).toBe(before.get(id)!.line + 3);
      expect(moved.get(id)!.fp, id).toBe(before.get(id)!.fp);
    }
    const server = path.join(app, 'src/server.ts');
    writeFileSync(server, readFileSync(server, 'utf8').replace('logs/access.log', 'logs/audit.log'));
    const edited = await sarif();
    expect(edited.get('logs/file-logging')!.fp).not.toBe(moved.get('logs/file-logging')!.fp);
    expect(edited.get('config/hardcoded-secret')!.fp).toBe(moved.get('config/hardcoded-secret')!.fp);
  });
});

describe('format options', () => {
  it('adds generatedAt only with --timestamp', async () => {
    const app = copyApp(SAMPLE_APP);
    const { stdout } = await cli([app, '-f', 'json', '--timestamp'], app);
    const report = JSON.parse(stdout) as Report;
    expectValidReport(report);
    expect(Date.parse(report.generatedAt!)).not.toBeNaN();
    expect(report.target).toEqual({ name: 'orders-api' });
  });

  it('--output writes the single format to a file', async () => {
    const app = copyApp(SAMPLE_APP);
    const out = tempDir('o');
    const r = await cli([app, '-f', 'json', '-o', 'r.json'], out);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expectValidReport(JSON.parse(readFileSync(path.join(out, 'r.json'), 'utf8')));
  });

  it.each([
    [['-f', 'json', '-f', 'sarif'], 'only one format can go to stdout'],
    [['-f', 'json', '-f', 'sarif', '-o', 'x'], '--output names the file of the one format'],
    [['-f', 'yaml'], '--format "yaml" is not one of: stylish, json, sarif, junit, gitlab, github, markdown, html'],
    [['-f', 'json:'], 'expected a file name'],
    [['-f', 'json:a', '-f', 'sarif:a'], 'two formats would write the same file: a'],
  ])('refuses %j with a usage error', async (args, message) => {
    const app = copyApp(SAMPLE_APP);
    const r = await cli([app, ...args], tempDir('u'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('schema and package', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  it('`schema report` prints the schema file shipped in the package', async () => {
    const r = await cli(['schema', 'report'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(root, 'schemas/report.schema.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { files: string[]; repository: { url: string }; homepage: string };
    expect(pkg.files).toContain('schemas/');
    expect(pkg.repository.url).toBe(`git+${REPOSITORY_URL}.git`);
    expect(pkg.homepage.startsWith(REPOSITORY_URL)).toBe(true);
  });

  it('`schema` with an unknown name is a usage error', async () => {
    const r = await cli(['schema', 'fleet'], root);
    expect(r.code).toBe(2);
  });
});

describe('the validators can fail', () => {
  it('the SARIF schema rejects a result without a message, and the report schema a finding without a line', async () => {
    const app = copyApp(SAMPLE_APP);
    const log = JSON.parse((await cli([app, '-f', 'sarif'], app)).stdout) as Log;
    delete (log.runs[0]!.results![0] as Partial<Record<'message', unknown>>).message;
    expect(() => expectValidSarif(log)).toThrow();
    const report = JSON.parse((await cli([app, '-f', 'json'], app)).stdout) as Report;
    delete (report.findings[0] as Partial<Record<'line', unknown>>).line;
    expect(() => expectValidReport(report)).toThrow();
  });
});

describe('the bundled sample apps', () => {
  const apps = path.resolve(import.meta.dirname, '../../fixtures/apps');
  it.each(['violating-app', 'compliant-app'])('%s: every format from one run, each valid', async (name) => {
    const out = tempDir(name);
    // A compliant app is version controlled: the copy gets a .git folder (codebase/not-version-controlled).
    const app = copyApp(path.join(apps, name));
    fakeGit(app, { commit: COMMIT, branch: 'main' });
    const r = await allFormats(app, out);
    expect(r.stderr).toBe('');
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    expectValidReport(report);
    expect(r.code).toBe(report.summary.errors > 0 ? 1 : 0);
    const sarif = JSON.parse(readFileSync(path.join(out, 'report.sarif'), 'utf8')) as Log;
    expectValidSarif(sarif);
    expect(sarif.runs[0]!.results).toHaveLength(report.findings.length);
    const junit = xml.parse(readFileSync(path.join(out, 'report.xml'), 'utf8'));
    expect(junit.testsuites.testsuite).toHaveLength(12);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8').length).toBeLessThanOrEqual(65_536);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).not.toMatch(/\bsrc=|<link\b/i);
    expect(report.factors.filter((f) => f.status !== 'not-applicable').length).toBeGreaterThan(0);
    if (name === 'compliant-app') expect(report.factors.every((f) => f.status === 'pass' || f.status === 'not-applicable')).toBe(true);
  });
});
