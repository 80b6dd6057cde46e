import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { replaceSection } from './marked-sections.js';
import { barFor, checkedOutCommit, formatResult, parseCsv, presetFlags, presetSection, readVerdicts, runAccuracy, score } from './run.js';
import type { Tally } from './tally.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__');

describe('accuracy: verdicts CSV', () => {
  it('reads RFC 4180 quoting: commas and doubled quotes inside a quoted field, CRLF rows', () => {
    expect(parseCsv('a,b\r\n"x, ""y""",z\r\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'z'],
    ]);
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('rejects a wrong header, a wrong verdict and a bad line', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'accuracy-csv-'));
    try {
      const file = path.join(dir, 'v.csv');
      writeFileSync(file, 'rule,file,verdict\n');
      expect(() => readVerdicts(file, 'a/b')).toThrow(/header/);
      writeFileSync(file, 'rule,file,line,verdict,reason\nr,f,3,MAYBE,x\n');
      expect(() => readVerdicts(file, 'a/b')).toThrow(/TP, FP or DEBATABLE/);
      writeFileSync(file, 'rule,file,line,verdict,reason\nr,f,0,TP,x\n');
      expect(() => readVerdicts(file, 'a/b')).toThrow(/positive integer/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('accuracy: checked-out commit, read without running git', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'accuracy-git-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sha = 'abcdef0123456789abcdef0123456789abcdef01';

  it('reads a detached HEAD, a loose ref and a packed ref; null without .git', () => {
    expect(checkedOutCommit(dir)).toBeNull();
    mkdirSync(path.join(dir, '.git', 'refs', 'heads'), { recursive: true });
    writeFileSync(path.join(dir, '.git', 'HEAD'), `${sha}\n`);
    expect(checkedOutCommit(dir)).toBe(sha);
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(dir, '.git', 'packed-refs'), `# pack-refs with: peeled\n${sha} refs/heads/main\n`);
    expect(checkedOutCommit(dir)).toBe(sha);
    const loose = '0000000000000000000000000000000000000abc';
    writeFileSync(path.join(dir, '.git', 'refs', 'heads', 'main'), `${loose}\n`);
    expect(checkedOutCommit(dir)).toBe(loose);
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/../../outside\n');
    expect(checkedOutCommit(dir)).toBeNull();
  });
});

describe('accuracy: scoring', () => {
  it('computes precision and lenient precision, unjudged, lost TP; info is counted, never judged', () => {
    const r = score(
      [
        { repo: 'a/b', rule: 'x/one', severity: 'error', file: 'f.ts', line: 1, message: '' },
        { repo: 'a/b', rule: 'x/one', severity: 'error', file: 'f.ts', line: 2, message: '' },
        { repo: 'a/b', rule: 'x/one', severity: 'warning', file: 'g.ts', line: 1, message: '' },
        { repo: 'a/b', rule: 'x/two', severity: 'warning', file: 'h.ts', line: 1, message: '' },
        { repo: 'a/b', rule: 'x/info', severity: 'info', file: 'h.ts', line: 1, message: '' },
        { repo: 'a/b', rule: 'x/grouped', severity: 'error', file: 'm.ts', line: 1, message: '', related: [{ file: 'm.ts', line: 7 }] },
      ],
      [
        { repo: 'a/b', rule: 'x/one', file: 'f.ts', line: 1, verdict: 'TP', reason: '' },
        { repo: 'a/b', rule: 'x/one', file: 'f.ts', line: 2, verdict: 'FP', reason: '' },
        { repo: 'a/b', rule: 'x/one', file: 'g.ts', line: 1, verdict: 'DEBATABLE', reason: '' },
        { repo: 'a/b', rule: 'x/info', file: 'h.ts', line: 1, verdict: 'TP', reason: '' },
        { repo: 'a/b', rule: 'x/gone', file: 'k.ts', line: 9, verdict: 'TP', reason: '' },
        { repo: 'a/b', rule: 'x/grouped', file: 'm.ts', line: 7, verdict: 'TP', reason: 'now a related place' },
        { repo: 'c/d', rule: 'x/gone', file: 'k.ts', line: 9, verdict: 'TP', reason: 'repo not audited: not lost' },
      ],
      [{ repo: 'a/b', commit: '0'.repeat(40), checkedOut: null }],
    );
    expect(r.byRule['x/one']).toMatchObject({ judged: 3, TP: 1, FP: 1, DEBATABLE: 1, unjudged: 0 });
    // Precision leaves the debatable verdict out (TP / (TP + FP)); the TP share counts it against.
    expect(r.byRule['x/one']!.precision).toBeCloseTo(1 / 2);
    expect(r.byRule['x/one']!.share).toBeCloseTo(1 / 3);
    expect(r.byRule['x/one']!.lenient).toBeCloseTo(2 / 3);
    expect(r.byRule['x/two']).toMatchObject({ judged: 0, unjudged: 1, precision: null });
    expect(r.byRule['x/info']).toBeUndefined();
    expect(r.bySeverity['error']).toMatchObject({ judged: 2, TP: 1, FP: 1 });
    expect(r.repos[0]).toMatchObject({ errors: 3, warnings: 2, infos: 1, judged: 3, unjudged: 2 });
    // A true finding now printed as info is out of the default view, but not lost.
    expect(r.lostTP.map((v) => `${v.repo} ${v.rule}`)).toEqual(['a/b x/gone']);
    expect(r.demotedTP.map((v) => `${v.repo} ${v.rule}`)).toEqual(['a/b x/info']);
    // A true finding folded into another finding of its rule (listed among its related places) is kept.
    expect(r.groupedTP.map((v) => `${v.file}:${v.line}`)).toEqual(['m.ts:7']);
    // The false finding still reported at error is listed with its reason; a judged info is not.
    expect(r.stillFalse.map((v) => `${v.file}:${v.line}`)).toEqual(['f.ts:2']);
    expect(formatResult(r, { markdown: false, unjudged: false })).toContain('FP still reported at error or warning: 1\n  a/b x/one f.ts:2');
  });
});

describe('accuracy: docs sections', () => {
  it('fills a bare marker once, then replaces between begin and end markers; a missing section is an error', () => {
    const once = replaceSection('# A\n\n<!-- t -->\n\ntail\n', 't', 'one');
    expect(once).toBe('# A\n\n<!-- t:begin -->\none\n<!-- t:end -->\n\ntail\n');
    expect(replaceSection(once, 't', 'two')).toBe('# A\n\n<!-- t:begin -->\ntwo\n<!-- t:end -->\n\ntail\n');
    expect(() => replaceSection('# A\n', 't', 'x')).toThrow(/no t section/);
  });
});

describe('accuracy: end to end on a synthetic checkout', () => {
  it('runs the default audit in-process, matches verdicts, reports missing checkouts', async () => {
    const r = await runAccuracy({
      folder: path.join(fixtures, 'checkouts'),
      manifest: path.join(fixtures, 'manifest.json'),
      verdictsDir: path.join(fixtures, 'verdicts'),
    });
    expect(r.missing).toEqual(['acme/not-here']);
    expect(r.repos).toHaveLength(1);
    // undeclared-import is off by default (its verdict, a debatable one, counts as gone), and
    // missing-sigterm-handler's finding has no verdict: unjudged.
    expect(r.repos[0]).toMatchObject({ repo: 'acme/tiny-svc', errors: 0, warnings: 2, judged: 1, unjudged: 1 });
    expect(r.byRule['dependencies/non-deterministic-install']).toMatchObject({ judged: 1, TP: 1, precision: 1 });
    expect(r.byRule['dependencies/undeclared-import']).toBeUndefined();
    expect(r.unjudged.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual(['disposability/missing-sigterm-handler server.js:9']);
    expect(r.lostTP.map((v) => `${v.rule} ${v.file}:${v.line}`)).toEqual(['port-binding/hardcoded-port server.js:8']);
    expect(r.goneNonTP).toBe(2);
    const text = formatResult(r, { markdown: true, unjudged: true });
    expect(text).toContain('| dependencies/non-deterministic-install | 1 | 1 | 0 | 0 | 1.00 | 1.00 | 1.00 | 0 | warning | not measured |');
    expect(text).toContain('#### Per rule (errors and warnings of the default run)');
    expect(text).toContain('missing-sigterm-handler');
    expect(text).toContain('- missing checkouts (not audited): acme+not-here');
  }, 60_000);
});

describe('accuracy: presets and the bar for recommended', () => {
  const tally = (TP: number, judged: number): Tally => ({ judged, TP, FP: judged - TP, DEBATABLE: 0, precision: judged ? TP / judged : null, share: null, lenient: null, unjudged: 0 });

  it('needs 10 judged findings, 0.90 at warning and 0.95 at error', () => {
    expect(barFor(tally(9, 9), 'warning')).toEqual({ severity: 'warning', needs: 0.9, status: 'not measured' });
    expect(barFor(tally(9, 10), 'warning').status).toBe('meets');
    expect(barFor(tally(9, 10), 'error')).toEqual({ severity: 'error', needs: 0.95, status: 'below' });
    expect(barFor(tally(19, 20), 'error').status).toBe('meets');
    expect(barFor(tally(0, 0), 'error').status).toBe('not measured');
  });

  it('a strict run passes the CLI its --preset flag; the default run passes none', () => {
    expect(presetFlags('recommended')).toEqual([]);
    expect(presetFlags('strict')).toEqual(['--preset', 'strict']);
    expect(presetSection('recommended')).toBe('precision-table');
    expect(presetSection('strict')).toBe('precision-table-strict');
  });

  it('gives every rule that fired a bar at the severity it ran with; unknown ids take the highest severity seen', () => {
    const findings = Array.from({ length: 10 }, (_, i) => ({ repo: 'a/b', rule: 'x/warn', severity: 'warning', file: 'f.ts', line: i + 1, message: '' }));
    findings.push({ repo: 'a/b', rule: 'tool-diagnostic', severity: 'error', file: 'g.ts', line: 1, message: '' });
    const verdicts = findings.map((f) => ({ ...f, verdict: 'TP' as const, reason: '' }));
    const r = score(findings, verdicts, [{ repo: 'a/b', commit: '0'.repeat(40), checkedOut: null }], [], 'strict', (id) => (id === 'x/warn' ? 'warning' : null));
    expect(r.preset).toBe('strict');
    expect(r.bar['x/warn']).toEqual({ severity: 'warning', needs: 0.9, status: 'meets' });
    expect(r.bar['tool-diagnostic']).toMatchObject({ severity: 'error', status: 'not measured' });
    const text = formatResult(r, { markdown: false, unjudged: false });
    expect(text).toContain('Per rule (errors and warnings of the strict preset)');
    expect(text).toMatch(/x\/warn +10 +10 +0 +0 +1\.00 +1\.00 +1\.00 +0 +warning +meets/);
    // Without lists, the lost TP are counted, not listed.
    const gone = score([], [{ repo: 'a/b', rule: 'x/warn', file: 'f.ts', line: 1, verdict: 'TP', reason: '' }], [{ repo: 'a/b', commit: '0'.repeat(40), checkedOut: null }]);
    expect(formatResult(gone, { markdown: true, unjudged: false })).toContain('  - a/b x/warn f.ts:1');
    const counted = formatResult(gone, { markdown: true, unjudged: false, lists: false });
    expect(counted).toContain('nor listed as a related place): 1');
    expect(counted).not.toContain('x/warn f.ts:1');
  });

  it('passes the preset to the audit of each checkout', async () => {
    const seen: string[] = [];
    const r = await runAccuracy({
      folder: path.join(fixtures, 'checkouts'),
      manifest: path.join(fixtures, 'manifest.json'),
      verdictsDir: path.join(fixtures, 'verdicts'),
      preset: 'strict',
      auditFolder: async (dir, preset) => {
        seen.push(`${path.basename(dir)} ${preset}`);
        return { findings: [] } as unknown as Awaited<ReturnType<NonNullable<Parameters<typeof runAccuracy>[0]['auditFolder']>>>;
      },
    });
    expect(seen).toEqual(['acme+tiny-svc strict']);
    expect(r.preset).toBe('strict');
    expect(r.bar).toEqual({});
  });
});
