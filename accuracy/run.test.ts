import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkedOutCommit, formatResult, parseCsv, readVerdicts, replaceSection, runAccuracy, score } from './run.js';

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
    expect(r.byRule['x/one']!.precision).toBeCloseTo(1 / 3);
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
    expect(r.repos[0]).toMatchObject({ repo: 'acme/tiny-svc', errors: 2, warnings: 1, judged: 2, unjudged: 1 });
    expect(r.byRule['dependencies/non-deterministic-install']).toMatchObject({ judged: 1, TP: 1, precision: 1 });
    expect(r.byRule['dependencies/undeclared-import']).toMatchObject({ judged: 1, DEBATABLE: 1, precision: 0, lenient: 1 });
    expect(r.unjudged.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual(['disposability/missing-sigterm-handler server.js:9']);
    expect(r.lostTP.map((v) => `${v.rule} ${v.file}:${v.line}`)).toEqual(['port-binding/hardcoded-port server.js:8']);
    expect(r.goneNonTP).toBe(1);
    const text = formatResult(r, { markdown: true, unjudged: true });
    expect(text).toContain('| dependencies/non-deterministic-install | 1 | 1 | 0 | 0 | 1.00 | 1.00 | 0 |');
    expect(text).toContain('  - acme/tiny-svc error disposability/missing-sigterm-handler server.js:9');
    expect(text).toContain('- missing checkouts (not audited): acme+not-here');
  }, 60_000);
});
