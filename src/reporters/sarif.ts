// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule that ran in
// tool.driver.rules, one result per finding. GitHub's documented requirements this follows are listed
// in docs/reports.md (consistent ruleId and relative file paths, message.text, region.startLine,
// our own partialFingerprints key rather than GitHub's reserved primaryLocationLineHash).

import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { FACTOR_TITLES, type Finding, type Severity } from '../rule-api/types.js';
import { ruleDocs, ruleIdsOf, type WriterInput } from './context.js';
import { REPOSITORY_URL, ruleHelpUri } from './links.js';

/** The partialFingerprints key: versioned, so that a change of the recipe never collides. */
export const FINGERPRINT_KEY = 'twelveFactorAudit/v1';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(input: WriterInput): string {
  const { report } = input;
  const ids = ruleIdsOf(input);
  const index = new Map(ids.map((id, i) => [id, i]));
  const severityOf = new Map(input.rules.map((r) => [r.id, r.severity]));
  const rules: ReportingDescriptor[] = ids.map((id) => {
    const docs = ruleDocs(input, id);
    const def = input.rules.find((r) => r.id === id);
    const factor = def?.factor;
    const severity = severityOf.get(id) ?? report.findings.find((f) => f.ruleId === id)?.severity ?? 'warning';
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: truncate(docs.description, 1000) },
      fullDescription: { text: factor ? `${docs.description} (${FACTOR_TITLES[factor]})` : docs.description },
      helpUri: ruleHelpUri(id),
      help: { text: docs.remediation || docs.description, markdown: `${docs.remediation || docs.description}\n\n[Rule documentation](${ruleHelpUri(id)})` },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags: factor ? ['twelve-factor', `factor:${factor}`, factor] : ['twelve-factor', 'diagnostic'] },
    };
  });
  const prefix = report.target.git?.path ? `${report.target.git.path}/` : '';
  const fingerprints = fingerprintsOf(input);
  const results: Result[] = report.findings.map((f, i) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: f.evidence && !f.message.includes(f.evidence) ? `${f.message} (${f.evidence})` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodePath(f.file === '.' ? `${prefix}.` : `${prefix}${f.file}`) },
          region: regionOf(f),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i]! },
    properties: { factor: f.factor, remediation: f.remediation },
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: REPOSITORY_URL,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          target: report.target,
          score: report.score,
          status: report.status,
          factors: report.factors.map((f) => ({ id: f.id, score: f.score, status: f.status })),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * One fingerprint per finding, independent of line numbers: the rule, the file, and what is on the
 * line (its redacted, whitespace-normalised text when the CLI read it, else the evidence or the
 * message), plus the occurrence number among equal keys so that twin findings stay apart. Moving a
 * finding up or down keeps its fingerprint; editing its own line changes it.
 */
export function fingerprintsOf(input: WriterInput): string[] {
  const seen = new Map<string, number>();
  return input.report.findings.map((f) => {
    const line = input.sources?.[f.file]?.[f.line];
    const content = line !== undefined ? line.trim().replace(/\s+/g, ' ') : (f.evidence ?? f.message);
    const key = `${f.ruleId}\0${f.file}\0${content}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
  });
}

function regionOf(f: Finding): NonNullable<NonNullable<Result['locations']>[number]['physicalLocation']>['region'] {
  const endLine = Math.max(f.endLine ?? f.line, f.line);
  const endColumn = f.endColumn ?? f.column;
  const region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number } = { startLine: f.line, startColumn: f.column };
  if (endLine > f.line || endColumn > f.column) {
    region.endLine = endLine;
    region.endColumn = Math.max(1, endColumn);
  }
  return region;
}

/** `config/hardcoded-secret` -> `HardcodedSecret`: SARIF names are identifiers. */
function ruleName(id: string): string {
  const last = id.slice(id.lastIndexOf('/') + 1);
  return last
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
