// `--format gitlab` (Code Quality) against GitLab's schema and documented fields, and `--format
// github` (workflow commands) with hostile file names that try to forge a command or a property.

import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../src/reporters/github.js';
import type { Report, ReportFinding } from '../../src/reporters/report.js';
import { cli, copyApp, fakeGit, SAMPLE_APP, SAMPLE_SECRET, tempDir } from './helpers.js';

/**
 * GitLab's Code Quality report: an array of issues. The item schema is the one GitLab validates
 * uploads with (gitlab app/validators/json_schemas/codeclimate.json: description, fingerprint,
 * severity, location required), tightened to what its docs require for display: check_name,
 * severity from its five values, location.path and location.lines.begin (docs/reports.md).
 */
const CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^(/|\\.\\.?(/|$))' } },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};

describe('--format gitlab (Code Quality)', () => {
  it('is valid against GitLab’s schema, one issue per finding with a unique fingerprint and repository paths', async () => {
    const repo = tempDir('gl');
    fakeGit(repo, { commit: 'b'.repeat(40) });
    const app = path.join(repo, 'svc');
    const { cpSync } = await import('node:fs');
    cpSync(SAMPLE_APP, app, { recursive: true });
    const { stdout } = await cli([app, '-f', 'gitlab'], app);
    const issues = JSON.parse(stdout) as Array<{ check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }>;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(CODE_QUALITY_SCHEMA);
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    const report = JSON.parse((await cli([app, '-f', 'json'], app)).stdout) as Report;
    expect(issues).toHaveLength(report.findings.length);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    // Paths from the repository root, as GitLab shows them in the diff.
    for (const i of issues) expect(i.location.path).toMatch(/^svc\//);
    const secret = issues.find((i) => i.check_name === 'config/hardcoded-secret')!;
    expect(secret.severity).toBe('critical');
    expect(secret.location).toMatchObject({ path: 'svc/src/config.ts', lines: { begin: 4 } });
    expect(stdout).not.toContain(SAMPLE_SECRET);
  });
});

describe('--format github (workflow commands)', () => {
  const finding = (file: string, message: string): ReportFinding => ({
    ruleId: 'logs/file-logging',
    factor: 'logs',
    severity: 'warning',
    message,
    file,
    line: 3,
    column: 5,
    endLine: 3,
    endColumn: 9,
    remediation: 'Write to stdout.',
    fingerprint: '0'.repeat(20),
    docsUrl: 'https://example.invalid/',
  });
  const reportOf = (findings: ReportFinding[]) => ({ target: { name: 't' }, findings }) as unknown as Report;

  it('prints one command per finding, in the runner’s syntax', () => {
    const out = formatGithub({ report: reportOf([finding('src/a.ts', 'Logs go to a file.')]), rules: [] });
    expect(out).toBe('::warning file=src/a.ts,line=3,col=5,endColumn=9,title=logs/file-logging::Logs go to a file. Fix: Write to stdout.\n');
  });

  it('escapes hostile names so that none forges a command or a property', () => {
    const hostile = [
      finding('src/x\n::add-mask::secret.ts', 'line one\r\n::error::forged'),
      finding('src/a,line=999,title=pwned.ts', '100% sure: a:b, c'),
      finding('src/\u001b[2Jclear.ts', 'bidi \u202e reversed'),
    ];
    const out = formatGithub({ report: reportOf(hostile), rules: [] });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^::warning file=[^,:]*,line=3,col=5,endColumn=9,title=logs\/file-logging::/);
    // No raw control or bidi character reaches the log.
    // eslint-disable-next-line no-control-regex
    expect(out.trimEnd()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(lines[1]).toContain('file=src/a%2Cline=999%2Ctitle=pwned.ts,');
    expect(lines[1]).toContain('::100%25 sure: a:b, c');
    // A message may hold `::` (only the first one after the properties ends them).
    expect(lines[0]).toContain('::line one\\u000d\\u000a::error::forged');
  });

  it('e2e: annotations for the sample app, never the secret', async () => {
    const app = copyApp(SAMPLE_APP);
    const { stdout, code } = await cli([app, '-f', 'github'], app);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::error file=src\/config\.ts,line=4,col=\d+,.*title=config\/hardcoded-secret::Hardcoded GitHub token/m);
    expect(stdout).not.toContain(SAMPLE_SECRET);
    expect(stdout).not.toContain(SAMPLE_SECRET.slice(8, 24));
  });
});
