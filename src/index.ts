// Library API: run an audit from code and read its report.
import { audit as auditWith, type AuditOptions, type AuditResult } from './engine/audit.js';
import { ruleModule } from '../rules/index.js';
export type { AuditOptions, AuditResult };

/** Runs an audit; worker threads load the built-in rules unless `ruleModule` names another rule module. */
export function audit(options: AuditOptions): Promise<AuditResult> {
  return auditWith({ ruleModule, ...options });
}
// The findings pipeline audit() runs (roles, supersede, dedupe, overrides, suppressions, baseline, scope).
export { PIPELINE_STEPS, runPipeline, type FindingSet, type HiddenFindings, type PipelineContext, type Scope } from './engine/pipeline.js';
export { DIAGNOSTICS, type DiagnosticId } from './engine/diagnostics.js';
// What the CLI reads before an audit, for callers that want the same findings: the config file, a baseline, a changed-files scope.
export { loadConfig, type LoadedConfig } from './config/load.js';
export { resolveConfig, type ResolvedConfig } from './config/resolve.js';
export { buildBaseline, formatBaseline, parseBaseline, type Baseline } from './engine/baseline.js';
export { changedSince, stagedFiles } from './engine/changed-files.js';
export { buildReport, SCHEMA_VERSION, type Report } from './reporters/report.js';
export { formatJson } from './reporters/json.js';
export { formatStylish } from './reporters/stylish.js';
export { defineRule, FACTORS, FACTOR_TITLES } from './rule-api/types.js';
export type { Factor, Finding, RuleDefinition, Severity, Target } from './rule-api/types.js';
export { rules } from '../rules/index.js';
export { computeScorecard, type Scorecard, type FactorScore, type FactorStatus } from './scoring/scorecard.js';
export { readTarget, type ReportTarget } from './reporters/target.js';
export { readSourceLines, secretRuleIds, type SourceLines } from './reporters/sources.js';
export type { WriterInput } from './reporters/context.js';
export { formatSarif } from './reporters/sarif.js';
export { formatJunit } from './reporters/junit.js';
export { formatMarkdown } from './reporters/markdown.js';
export { formatHtml } from './reporters/html.js';
export { formatBadge } from './reporters/badge.js';
export { buildFleet, formatFleetHtml, formatFleetJson, type Fleet } from './reporters/dashboard.js';
