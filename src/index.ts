// Library API: run an audit from code and read its report.
export { audit, type AuditOptions, type AuditResult } from './engine/audit.js';
export { buildReport, SCHEMA_VERSION, type Report } from './reporters/report.js';
export { formatJson } from './reporters/json.js';
export { formatStylish } from './reporters/stylish.js';
export { defineRule, FACTORS, FACTOR_TITLES } from './rule-api/types.js';
export type { Factor, Finding, RuleDefinition, Severity, Target } from './rule-api/types.js';
export { rules } from '../rules/index.js';
