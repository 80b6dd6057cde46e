// JUnit XML for CI test-report views (GitLab, Jenkins, Azure, CircleCI): one testsuite per factor,
// one testcase per rule that ran, one <failure> per error or warning finding (CI viewers that keep
// only one failure per case still show the first and the count in the case's message). Infos go to
// <system-out>; rules that had nothing to read are <skipped>. Engine diagnostics get their own suite.

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
      const findings = findingsByRule.get(rule.id) ?? [];
      const c = testcase(rule.id, factor.id, findings, rule.applicable ? undefined : `not applicable: nothing this rule reads was found`);
      failures += c.failed ? 1 : 0;
      skipped += rule.applicable ? 0 : 1;
      cases.push(c.xml);
    }
    totalTests += factor.rules.length;
    totalFailures += failures;
    totalSkipped += skipped;
    const props = [`<property name="score" value="${factor.score ?? 'n/a'}"/>`, `<property name="status" value="${factor.status}"/>`, `<property name="summary" value="${attr(factor.summary)}"/>`];
    suites.push(
      `  <testsuite name="${attr(factor.title)}" id="${factor.id}" tests="${factor.rules.length}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
        `    <properties>\n${props.map((p) => `      ${p}`).join('\n')}\n    </properties>\n` +
        cases.join('') +
        `  </testsuite>`,
    );
  }
  const diagnostics = report.findings.filter((f) => f.factor === null || !FACTORS.includes(f.factor));
  if (diagnostics.length > 0) {
    const ids = [...new Set(diagnostics.map((f) => f.ruleId))].sort();
    const cases = ids.map((id) => testcase(id, 'diagnostics', diagnostics.filter((f) => f.ruleId === id), undefined));
    const failures = cases.filter((c) => c.failed).length;
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(`  <testsuite name="Diagnostics" id="diagnostics" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.map((c) => c.xml).join('')}  </testsuite>`);
  }
  const stamp = report.generatedAt ? ` timestamp="${attr(report.generatedAt)}"` : '';
  out.push(`<testsuites name="${attr(`twelve-factor-audit: ${report.target.name}`)}" tests="${totalTests}" failures="${totalFailures}" errors="0" skipped="${totalSkipped}"${stamp}>`);
  out.push(...suites);
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function testcase(ruleId: string, classname: string, findings: Finding[], skipped: string | undefined): { xml: string; failed: boolean } {
  const failing = findings.filter((f) => f.severity !== 'info');
  const infos = findings.filter((f) => f.severity === 'info');
  const body: string[] = [];
  if (skipped) body.push(`      <skipped message="${attr(skipped)}"/>\n`);
  for (const f of failing) {
    const where = `${f.file}:${f.line}:${f.column}`;
    const text = [`${where} ${f.message}`, f.evidence ? `evidence: ${f.evidence}` : '', `fix: ${f.remediation}`].filter(Boolean).join('\n');
    body.push(`      <failure type="${f.severity}" message="${attr(`${where} ${f.message}`)}">${text_(text)}</failure>\n`);
  }
  if (infos.length > 0) body.push(`      <system-out>${text_(infos.map((f) => `${f.file}:${f.line}:${f.column} info: ${f.message}`).join('\n'))}</system-out>\n`);
  const open = `    <testcase name="${attr(ruleId)}" classname="${attr(classname)}" file="${attr(failing[0]?.file ?? '')}"`;
  const xml = body.length === 0 ? `${open}/>\n` : `${open}>\n${body.join('')}    </testcase>\n`;
  return { xml, failed: failing.length > 0 };
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
