// `--print-config <file>`: the settings that apply to one file in this run, as ESLint's
// --print-config shows them: which config file was loaded, whether the file is ignored, and each
// rule's severity there (preset, then the config's rules, then its overrides for that path, then
// --rule), with the options a rule runs with.

import path from 'node:path';
import type { RuleDefinition, Severity } from '../rule-api/types.js';
import { matchAnyConfigGlob } from '../util/glob/index.js';
import { displayPath } from '../config/load.js';
import { overrideSeverity } from '../engine/pipeline.js';
import type { AuditPlan } from './commands/audit-workflow.js';
import { WorkflowError } from '../util/errors.js';

export function printConfig(file: string, o: { plan: AuditPlan; rules: readonly RuleDefinition[]; cwd: string }): string {
  const abs = path.resolve(o.cwd, file);
  const rel = path.relative(o.plan.root, abs).split(path.sep).join('/');
  if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) {
    throw new WorkflowError(`--print-config ${file}: not a file inside the audited folder ${displayPath(o.plan.root, o.cwd) || '.'}`);
  }
  const config = o.plan.config;
  const settings = o.plan.auditOptions.ruleSettings ?? {};
  const rules: Record<string, { severity: Severity | 'off'; options?: Record<string, unknown> }> = {};
  for (const rule of [...o.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const severity: Severity | 'off' = overrideSeverity(config.overrides, rule.id, rel) ?? settings[rule.id]?.severity ?? rule.severity;
    const options = settings[rule.id]?.options;
    rules[rule.id] = { severity, ...(options ? { options } : {}) };
  }
  const out = {
    file: rel,
    configFile: config.file ? displayPath(config.file, o.cwd) : null,
    preset: config.preset,
    ignored: matchAnyConfigGlob(config.ignore, rel),
    rules,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
