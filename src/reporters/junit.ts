// JUnit XML for CI test-report views (GitLab, Jenkins, Azure, CircleCI): one testsuite per factor;
// in it, one failing testcase per error or warning finding (GitLab and Jenkins show one failure per
// case, so a case per finding shows every one), named by rule and place; a rule without such
// findings is one passing testcase (or <skipped> when it had nothing to read). Infos go to the
// <system-out> of the rule's first case. Engine diagnostics get their own suite.

import { FACTORS, FACTOR_TITLES, type Finding } from '../rule-api/types.js';
import type { WriterInput } from './context.js';

export function formatJunit(input: WriterInput): string {
  const { report } = input;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalSkipped = 0;
  const findingsByRule = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = findingsByRule.get(f.ruleId);
    if (list) list.push(f);
    else findingsByRule.set(f.ruleId, [f]);
  }
  for (const factor of report.factors) {
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    for (const rule of factor.rules) {
      const c = testcases(rule.id, factor.id, findingsByRule.get(rule.id) ?? [], rule.applicable ? undefined : `not applicable: nothing this rule reads was found`);
      failures += c.failures;
      skipped += rule.applicable ? 0 : 1;
      cases.push(...c.xml);
    }
    totalTests += cases.length;
    totalFailures += failures;
    totalSkipped += skipped;
    const props = [`<property name="score" value="${factor.score ?? 'n/a'}"/>`, `<property name="status" value="${factor.status}"/>`, `<property name="summary" value="${attr(factor.summary)}"/>`];
    suites.push(
      `  <testsuite name="${attr(factor.title)}" id="${factor.id}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
        `    <properties>\n${props.map((p) => `      ${p}`).join('\n')}\n    </properties>\n` +
        cases.join('') +
        `  </testsuite>`,
    );
  }
  const diagnostics = report.findings.filter((f) => f.factor === null || !FACTORS.includes(f.factor));
  if (diagnostics.length > 0) {
    const ids = [...new Set(diagnostics.map((f) => f.ruleId))].sort();
    const made = ids.map((id) => testcases(id, 'diagnostics', diagnostics.filter((f) => f.ruleId === id), undefined));
    const cases = made.flatMap((c) => c.xml);
    const failures = made.reduce((n, c) => n + c.failures, 0);
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(`  <testsuite name="Diagnostics" id="diagnostics" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('')}  </testsuite>`);
  }
  const stamp = report.generatedAt ? ` timestamp="${attr(report.generatedAt)}"` : '';
  out.push(`<testsuites name="${attr(`twelve-factor-audit: ${report.target.name}`)}" tests="${totalTests}" failures="${totalFailures}" errors="0" skipped="${totalSkipped}"${stamp}>`);
  out.push(...suites);
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** The test cases of one rule: one per failing finding, else one for the rule. */
function testcases(ruleId: string, classname: string, findings: Finding[], skipped: string | undefined): { xml: string[]; failures: number } {
  const failing = findings.filter((f) => f.severity !== 'info');
  const infos = findings.filter((f) => f.severity === 'info');
  const out = infos.length > 0 ? `      <system-out>${text_(infos.map((f) => `${f.file}:${f.line}:${f.column} info: ${f.message}`).join('\n'))}</system-out>\n` : '';
  if (failing.length === 0) {
    const body = (skipped ? `      <skipped message="${attr(skipped)}"/>\n` : '') + out;
    const open = `    <testcase name="${attr(ruleId)}" classname="${attr(classname)}"`;
    return { xml: [body === '' ? `${open}/>\n` : `${open}>\n${body}    </testcase>\n`], failures: 0 };
  }
  const xml = failing.map((f, i) => {
    const where = `${f.file}:${f.line}:${f.column}`;
    const text = [`${where} ${f.message}`, f.evidence ? `evidence: ${f.evidence}` : '', `fix: ${f.remediation}`].filter(Boolean).join('\n');
    return (
      `    <testcase name="${attr(`${ruleId} ${where}`)}" classname="${attr(classname)}" file="${attr(f.file)}" line="${f.line}">\n` +
      `      <failure type="${f.severity}" message="${attr(`${where} ${f.message}`)}">${text_(text)}</failure>\n` +
      (i === 0 ? out : '') +
      `    </testcase>\n`
    );
  });
  return { xml, failures: failing.length };
}

/** XML 1.0 forbids most control characters even when escaped: drop them. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

function attr(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function text_(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
