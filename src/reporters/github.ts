// GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::message` line per
// finding, which the runner turns into annotations on the pull request's diff and the run summary.
// Everything printed comes from the scanned tree (paths, messages): control and bidi characters are
// made visible (printable(), as in every text report, so that an escape sequence cannot repaint the
// log), then the text is escaped as the runner parses it: in the message `%`, CR and LF; in a
// property also `:` and `,`. A file named `x\n::add-mask::…` or `a,line=1` cannot start a second
// command or forge a property.

import type { Severity } from '../rule-api/types.js';
import { repoPathOf, type WriterInput } from './context.js';
import { printable } from '../util/printable.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function formatGithub(input: WriterInput): string {
  const lines = input.report.findings.map((f) => {
    const props: string[] = [];
    props.push(`file=${escapeProperty(repoPathOf(input, f.file))}`);
    props.push(`line=${f.line}`, `col=${f.column}`);
    const endLine = Math.max(f.endLine ?? f.line, f.line);
    if (endLine > f.line) props.push(`endLine=${endLine}`);
    else if ((f.endColumn ?? f.column) > f.column) props.push(`endColumn=${f.endColumn}`);
    props.push(`title=${escapeProperty(f.ruleId)}`);
    const message = f.evidence && !f.message.includes(f.evidence) ? `${f.message} (${f.evidence})` : f.message;
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(`${message} Fix: ${f.remediation}`)}`;
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The runner's own escaping of a command's message (toolkit's escapeData). */
export function escapeData(s: string): string {
  return printable(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The runner's escaping of a property value (toolkit's escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
