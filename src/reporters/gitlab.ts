// GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of Code Climate issues, shown in
// the merge request widget and the diff. GitLab requires description, check_name, fingerprint (unique
// per issue: it tells issues apart and matches them between the base and the head pipeline),
// severity (info | minor | major | critical | blocker) and location.path with location.lines.begin,
// the path relative to the repository root (docs/reports.md gives the source).

import type { Severity } from '../rule-api/types.js';
import { repoPathOf, type WriterInput } from './context.js';
import { occurrenceFingerprints } from './sarif.js';

type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const SEVERITY: Record<Severity, CodeQualitySeverity> = { error: 'major', warning: 'minor', info: 'info' };

export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

export function formatGitlab(input: WriterInput): string {
  const security = new Set(input.rules.filter((r) => r.security).map((r) => r.id));
  const fingerprints = occurrenceFingerprints(input.report.findings);
  const issues: CodeQualityIssue[] = input.report.findings.map((f, i) => {
    const isSecurity = security.has(f.ruleId);
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: f.evidence && !f.message.includes(f.evidence) ? `${f.message} (${f.evidence})` : f.message,
      categories: [isSecurity ? 'Security' : f.factor === null ? 'Bug Risk' : 'Style'],
      fingerprint: fingerprints[i]!,
      // A leaked secret outranks every other error.
      severity: isSecurity && f.severity === 'error' ? 'critical' : SEVERITY[f.severity],
      location: { path: repoPathOf(input, f.file), lines: { begin: f.line, end: Math.max(f.endLine ?? f.line, f.line) } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
