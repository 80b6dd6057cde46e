// Markdown for pull-request comments and $GITHUB_STEP_SUMMARY: the scorecard as a table, then the
// findings grouped by factor. GitHub refuses comments over 65,536 characters, so findings are cut to
// fit and the cut is counted.

import { FACTOR_TITLES, type Finding } from '../rule-api/types.js';
import type { WriterInput } from './context.js';
import { ruleHelpUri } from './links.js';
import type { FactorStatus } from '../scoring/scorecard.js';
import { printable } from '../util/printable.js';

/** GitHub's limit for an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  maxLength?: number;
}

const STATUS: Record<FactorStatus, string> = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail', 'not-applicable': '➖ n/a' };
const SEVERITY_ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

export function formatMarkdown(input: WriterInput, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const { report } = input;
  const s = report.summary;
  const head: string[] = [];
  const score = report.score === null ? 'n/a' : `${report.score.toFixed(1)}/10`;
  head.push(`## twelve-factor-audit: ${esc(report.target.name)} — ${score} ${STATUS[report.status]}`);
  head.push('');
  const git = report.target.git;
  const at = git?.commit ? ` at \`${git.commit.slice(0, 12)}\`${git.branch ? ` (${esc(git.branch)})` : ''}` : '';
  head.push(`${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.infos} info${at}; ${s.filesScanned} files scanned with ${s.rulesRun} rules.`);
  head.push('');
  head.push('| Factor | Score | Status | Findings | Summary |');
  head.push('|---|---:|---|---:|---|');
  for (const f of report.factors) {
    const n = f.findings.errors + f.findings.warnings + f.findings.infos;
    head.push(`| ${esc(f.title)} | ${f.score === null ? '—' : f.score.toFixed(1)} | ${STATUS[f.status]} | ${n} | ${esc(f.summary)} |`);
  }
  head.push('');

  const groups: Array<{ title: string; findings: Finding[] }> = [];
  for (const f of report.factors) {
    const list = report.findings.filter((x) => x.factor === f.id);
    if (list.length > 0) groups.push({ title: FACTOR_TITLES[f.id], findings: list });
  }
  const diagnostics = report.findings.filter((x) => x.factor === null);
  if (diagnostics.length > 0) groups.push({ title: 'Diagnostics', findings: diagnostics });

  const body: string[] = [];
  const total = report.findings.length;
  let shown = 0;
  // Room for the truncation note, whatever the count.
  const reserve = 200;
  let length = head.join('\n').length;
  let full = false;
  for (const g of groups) {
    if (full) break;
    const heading = `### ${esc(g.title)} (${g.findings.length})\n`;
    if (length + heading.length + reserve > maxLength) {
      full = true;
      break;
    }
    body.push(heading);
    length += heading.length + 1;
    for (const f of g.findings) {
      const line = findingLine(f);
      if (length + line.length + 1 + reserve > maxLength) {
        full = true;
        break;
      }
      body.push(line);
      length += line.length + 1;
      shown++;
    }
    body.push('');
    length += 1;
  }
  if (total === 0) body.push('No twelve-factor problems found.');
  if (shown < total) body.push(`_…and ${total - shown} more finding${total - shown === 1 ? '' : 's'} not shown (GitHub comment size limit); see the full JSON or HTML report._`);
  return `${trimTrailingNewlines([...head, ...body].join('\n'))}\n`;
}

/** Not `/\n+$/`: that regular expression is quadratic on a long run of newlines. */
function trimTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return text.slice(0, end);
}

function findingLine(f: Finding): string {
  const evidence = f.evidence ? ` — \`${code(f.evidence)}\`` : '';
  return `- ${SEVERITY_ICON[f.severity]} \`${code(f.file)}:${f.line}\` ${esc(f.message)}${evidence} ([${f.ruleId}](${ruleHelpUri(f.ruleId)}))`;
}

/** Escapes what would turn text into markup or break a table cell. */
function esc(s: string): string {
  return printable(s.replace(/\r?\n/g, ' ')).replace(/([\\`*_{}[\]<>|#!~])/g, '\\$1').replace(/@/g, '@\u200b');
}

/** Inline code cannot hold a backtick; newlines would end the list item. */
function code(s: string): string {
  return printable(s.replace(/\r?\n/g, ' ')).replace(/`/g, 'ˋ');
}
