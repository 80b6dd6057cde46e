// Human output, ESLint's stylish shape: findings grouped by file, then a per-factor summary and a line
// that says what was scanned (a green run that scanned nothing must not look like a clean one).

import { Chalk } from 'chalk';
import { FACTORS, FACTOR_TITLES, type Finding } from '../rule-api/types.js';
import type { Report } from './report.js';
import { printable } from '../util/printable.js';
import { FACT_KINDS } from '../discovery/file-kinds.js';

/** `3 TS/JS` in the scanned line: the file-kind table's label, or the kind itself for one it does not know. */
function countLabel(kind: string): string {
  return Object.hasOwn(FACT_KINDS, kind) ? FACT_KINDS[kind as keyof typeof FACT_KINDS].countLabel : kind;
}

export interface StylishOptions {
  color: boolean;
}

export function formatStylish(report: Report, options: StylishOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const [file, findings] of byFile) {
    out.push(c.underline(printable(file)));
    const rows = findings.map((f) => [`${f.line}:${f.column}`, f.severity, f.message, f.ruleId] as const);
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    for (const [pos, sev, msg, id] of rows) {
      const color = sev === 'error' ? c.red : sev === 'warning' ? c.yellow : c.blue;
      out.push(`  ${c.dim(pos.padEnd(w0))}  ${color(sev.padEnd(w1))}  ${printable(msg)}  ${c.dim(id)}`);
    }
    out.push('');
  }
  const s = report.summary;
  const total = s.errors + s.warnings + s.infos;
  const factorParts = FACTORS.filter((f) => {
    const b = s.byFactor[f];
    return b.errors + b.warnings + b.infos > 0;
  }).map((f) => {
    const b = s.byFactor[f];
    return `${FACTOR_TITLES[f]} ${b.errors}E/${b.warnings}W/${b.infos}I`;
  });
  if (total === 0) out.push(c.green('No twelve-factor problems found.'));
  else {
    const line = `${total} problem${total === 1 ? '' : 's'} (${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.infos} info)`;
    out.push((s.errors > 0 ? c.red : s.warnings > 0 ? c.yellow : c.blue).bold(line));
  }
  if (factorParts.length > 0) out.push(`By factor: ${factorParts.join(' · ')}`);
  if (report.factors) {
    const by = (status: string) => report.factors.filter((f) => f.status === status).length;
    const score = report.score === null ? 'n/a' : `${report.score.toFixed(1)}/10`;
    out.push(`Twelve-factor score: ${score} (${by('pass')} pass, ${by('warn')} warn, ${by('fail')} fail, ${by('not-applicable')} not applicable).`);
  }
  const kinds = Object.entries(s.filesByKind)
    .map(([k, n]) => `${n} ${countLabel(k)}`)
    .join(', ');
  out.push(c.dim(`Scanned ${s.filesScanned} file${s.filesScanned === 1 ? '' : 's'}${kinds ? ` (${kinds})` : ''} with ${s.rulesRun} rules.`));
  return `${out.join('\n')}\n`;
}
