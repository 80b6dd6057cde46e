// A finding's severity when the configured severity of its rule differs from the rule's own.

import { describe, expect, it } from 'vitest';
import { findingFromDescriptor } from './findings.js';
import type { ActiveRule } from './rule-set.js';
import type { RuleDefinition, Severity } from '../rule-api/types.js';

function activeAt(own: Severity, configured: Severity): ActiveRule {
  const rule = { id: 'x/sample', factor: 'dependencies', severity: own, docs: { description: 'd', remediation: 'r' }, messages: { m: 'm' } } as unknown as RuleDefinition;
  return { rule, severity: configured, options: {} };
}
const at = (active: ActiveRule, severity?: Severity) => findingFromDescriptor(active, 'a.ts', { messageId: 'm', ...(severity ? { severity } : {}), loc: { line: 1, column: 1 } } as never).severity;

describe('the severity of a finding', () => {
  it("at the rule's own severity, the report's severity stands, above or below it", () => {
    expect(at(activeAt('error', 'error'), 'info')).toBe('info');
    expect(at(activeAt('info', 'info'), 'error')).toBe('error');
    expect(at(activeAt('error', 'error'))).toBe('error');
  });
  it('a rule turned down never raises a finding: a lower one stays, a higher one is lowered', () => {
    const down = activeAt('error', 'warning');
    expect(at(down, 'info')).toBe('info');
    expect(at(down, 'error')).toBe('warning');
    expect(at(down)).toBe('warning');
  });
  it('a rule turned up reports every finding at the configured severity', () => {
    const up = activeAt('info', 'error');
    expect(at(up, 'info')).toBe('error');
    expect(at(up)).toBe('error');
  });
});
