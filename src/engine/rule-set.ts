// The rules of one run with their effective severity and options. Built once per run and shared by
// every file of the per-file phase.

import type { RuleDefinition, Severity } from '../rule-api/types.js';

export interface ActiveRule {
  rule: RuleDefinition;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface RuleSetting {
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
}

export function activateRules(rules: RuleDefinition[], settings: Record<string, RuleSetting> = {}): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id] ?? {};
    if (setting.severity === 'off') continue;
    active.push({
      rule,
      severity: setting.severity ?? rule.severity,
      options: { ...(rule.defaultOptions ?? {}), ...(setting.options ?? {}) },
    });
  }
  return active;
}
