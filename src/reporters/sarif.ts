// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule that ran in
// tool.driver.rules, one result per finding, then the findings the baseline or a directive hid, as
// suppressed results. GitHub's documented constraints this follows are listed in docs/reports.md with
// their source; test/reporters/sarif-github.test.ts checks each.

import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import { FACTOR_TITLES, SEVERITY_RANK, type Finding, type Severity } from '../rule-api/types.js';
import { presetSeverity } from '../config/resolve.js';
import { repoPathOf, ruleDocs, ruleIdsOf, type WriterInput } from './context.js';
import { REPOSITORY_URL, ruleHelpUri } from './links.js';
import { toReportFinding, type ReportFinding } from './report.js';
import { trimTrailingSlashes } from '../util/text.js';

/** The partialFingerprints key: versioned, so that a change of the recipe never collides. */
export const FINGERPRINT_KEY = 'twelveFactorAudit/v2';

/**
 * GitHub's limits for one run (docs/reports.md): an upload over MAX_RESULTS results is rejected;
 * only the first SHOWN_RESULTS are displayed; relatedLocations past MAX_RELATED are dropped.
 */
export const SARIF_LIMITS = { MAX_RESULTS: 25_000, SHOWN_RESULTS: 5_000, MAX_RELATED: 100 } as const;

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * GitHub files a rule tagged `security` under its security severity: over 9.0 critical, 7.0-8.9
 * high, 4.0-6.9 medium, 3.9 or less low. A leaked secret at error level is critical.
 */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '9.5', warning: '7.5', info: '4.0' };

export interface SarifOptions {
  /** automationDetails.id's category (--sarif-category); default: from the audited path. */
  category?: string;
  onWarning?: (message: string) => void;
}

export function formatSarif(input: WriterInput, options: SarifOptions = {}): string {
  const { report } = input;
  const ids = ruleIdsOf(input);
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules: ReportingDescriptor[] = ids.map((id) => {
    const docs = ruleDocs(input, id);
    const def = input.rules.find((r) => r.id === id);
    const factor = def?.factor;
    const severity = def?.severity ?? report.findings.find((f) => f.ruleId === id)?.severity ?? 'warning';
    // A security rule's gravity is the most its findings can carry (hardcoded-secret is info by default
    // and an error for a live key): its strict severity, or a finding's when that is higher.
    const gravity = def ? [presetSeverity(def, 'strict'), ...report.findings.filter((f) => f.ruleId === id).map((f) => f.severity)].reduce<Severity>((worst, s) => (s !== 'off' && SEVERITY_RANK[s] > SEVERITY_RANK[worst] ? s : worst), severity) : severity;
    const tags = factor ? ['twelve-factor', `factor:${factor}`, factor] : ['twelve-factor', 'diagnostic'];
    if (def?.security) tags.push('security');
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: truncate(docs.description, 1000) },
      fullDescription: { text: factor ? `${docs.description} (${FACTOR_TITLES[factor]})` : docs.description },
      helpUri: ruleHelpUri(id, report.tool.version),
      help: { text: docs.remediation || docs.description, markdown: `${docs.remediation || docs.description}\n\n[Rule documentation](${ruleHelpUri(id, report.tool.version)})` },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags, ...(def?.security ? { 'security-severity': SECURITY_SEVERITY[gravity] } : {}) },
    };
  });
  const uriOf = (file: string) => encodePath(repoPathOf(input, file));

  // Visible findings first (in report order), then the hidden ones, each with its suppression.
  const entries: { f: ReportFinding; suppression?: Result['suppressions'] }[] = report.findings.map((f) => ({ f }));
  const hidden = input.hidden;
  if (hidden) {
    const version = report.tool.version;
    for (const f of hidden.baseline) entries.push({ f: toReportFinding(f, version), suppression: [{ kind: 'external', status: 'accepted', justification: 'recorded in the baseline' }] });
    for (const { finding, reason } of hidden.inline) {
      entries.push({ f: toReportFinding(finding, version), suppression: [{ kind: 'inSource', status: 'accepted', ...(reason ? { justification: reason } : {}) }] });
    }
  }
  const fingerprints = occurrenceFingerprints(entries.map((e) => e.f));
  let results: Result[] = entries.map(({ f, suppression }, i) => {
    const related = relatedLocationsOf(f).map(
      (r, k): Location => ({
        id: k + 1,
        physicalLocation: { artifactLocation: { uri: uriOf(r.file) }, region: { startLine: r.line } },
        message: { text: `${r.file}:${r.line}, named in the finding` },
      }),
    );
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? 0,
      level: LEVEL[f.severity],
      message: { text: f.evidence && !f.message.includes(f.evidence) ? `${f.message} (${f.evidence})` : f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(f.file) }, region: regionOf(f) } }],
      ...(related.length > 0 ? { relatedLocations: related.slice(0, SARIF_LIMITS.MAX_RELATED) } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i]! },
      ...(suppression ? { suppressions: suppression } : {}),
      properties: { factor: f.factor, remediation: f.remediation, ...(f.file === '.' ? { repositoryLevel: true } : {}) },
    };
  });

  const visible = report.findings.length;
  let cut: { total: number; kept: number } | undefined;
  if (results.length > SARIF_LIMITS.MAX_RESULTS) {
    // A deterministic cut that keeps what matters: visible before suppressed, errors before
    // warnings before notes, then report order (a stable sort).
    const rank = (r: Result, i: number) => (i < visible ? 0 : 3) + (r.level === 'error' ? 0 : r.level === 'warning' ? 1 : 2);
    const order = results.map((r, i) => ({ r, i, k: rank(r, i) })).sort((a, b) => a.k - b.k || a.i - b.i);
    const kept = new Set(order.slice(0, SARIF_LIMITS.MAX_RESULTS).map((o) => o.i));
    cut = { total: results.length, kept: SARIF_LIMITS.MAX_RESULTS };
    results = results.filter((_, i) => kept.has(i));
    options.onWarning?.(
      `SARIF: ${cut.total} results, over GitHub's limit of ${SARIF_LIMITS.MAX_RESULTS} per upload: kept ${cut.kept} (unsuppressed first, by severity); narrow the audit (--only, --kind, a baseline) to see the rest`,
    );
  } else if (visible > SARIF_LIMITS.SHOWN_RESULTS) {
    options.onWarning?.(`SARIF: ${visible} results; GitHub code scanning shows only the first ${SARIF_LIMITS.SHOWN_RESULTS} of an upload`);
  }

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
        automationDetails: { id: automationId(report, options.category) },
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          target: report.target,
          score: report.score,
          status: report.status,
          factors: report.factors.map((f) => ({ id: f.id, score: f.score, status: f.status })),
          ...(cut ? { truncated: cut } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * runAutomationDetails.id: GitHub takes everything before the last `/` as the analysis category, and
 * an upload replaces the alerts of earlier uploads of the same category only. Each audited folder
 * gets its own (`twelve-factor-audit/services/api/`), so a matrix over services keeps every
 * service's alerts; --sarif-category names it instead.
 */
export function automationId(report: { target: { name: string; git?: { path: string } } }, category?: string): string {
  const base = category !== undefined ? trimTrailingSlashes(category) : `twelve-factor-audit${report.target.git?.path ? `/${report.target.git.path}` : ''}`;
  return `${base}/`;
}

/**
 * The baseline's fingerprint of each finding (report.ts), with the occurrence number among equal ones
 * after the first, so that twins in one file stay two alerts.
 */
export function occurrenceFingerprints(findings: readonly ReportFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = `${f.fingerprint}\0${f.file}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n === 0 ? f.fingerprint : `${f.fingerprint}:${n}`;
  });
}

/**
 * The other places a cross-file finding names in its message (`the code listens on 8080
 * (src/server.ts:12)`, `… production runs postgres:16 (deploy/k8s.yaml:30)`): `path:line` where the
 * path is a relative file path with a known extension or a Dockerfile/Procfile/.env name, so that an
 * image reference (`redis:7`, `docker.io/library/redis:7`) or a host:port is never taken for one.
 */
export function relatedLocationsOf(f: Finding): { file: string; line: number }[] {
  const out: { file: string; line: number }[] = [];
  const seen = new Set<string>([`${f.file}:${f.line}`]);
  // The places the engine grouped into this finding come first (Finding.related).
  for (const r of f.related ?? []) {
    const key = `${r.file}:${r.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: r.file, line: r.line });
  }
  for (const m of f.message.matchAll(RELATED)) {
    const file = m[1]!;
    const line = Number(m[2]);
    if (file.startsWith('/') || file.split('/').includes('..') || !looksLikeFile(file) || line < 1) continue;
    const key = `${file}:${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, line });
  }
  return out;
}

const RELATED = /(?<![\w./@-])((?:[\w@.-]+\/)*[\w@.-]+):(\d+)(?![\d.:])/g;
const FILE_EXTENSIONS = /\.(?:[cm]?[jt]sx?|json|ya?ml|env|toml|ini|conf|sh|properties)$/i;
const FILE_NAMES = /^(?:Dockerfile|Containerfile|Procfile|\.env)(?:[.-][\w.-]*)?$/;

function looksLikeFile(p: string): boolean {
  const base = p.slice(p.lastIndexOf('/') + 1);
  return FILE_EXTENSIONS.test(base) || FILE_NAMES.test(base);
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
