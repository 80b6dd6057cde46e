// Inline suppressions. Directives are gathered by a cheap line scan of each file's text in the
// per-file phase (plain JSON, so they travel with cached and worker results) and applied as a filter
// after the project phase, so a cross-file finding is suppressed at the line it points at.
//
//   TS/JS:  // twelve-factor-disable-next-line <rule>[, <rule>] -- reason
//           // twelve-factor-disable-line <rule>
//           /* twelve-factor-disable <rule> */ ... /* twelve-factor-enable <rule> */
//   Dockerfile, YAML, .env, Procfile, shell: the same words after `#`.
//
// A directive without a rule list applies to every rule (as in ESLint), never to engine diagnostics
// (parse-error, file-skipped, rule-error): those say the audit itself is incomplete.

import { NAME_KINDS, type CandidateKind } from '../discovery/file-kinds.js';
import type { Finding } from '../rule-api/types.js';
import { diagnostics } from './diagnostics.js';
import { closestId } from '../util/errors.js';

export type DirectiveType = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  type: DirectiveType;
  /** Rule ids as written; empty means every rule. */
  rules: string[];
  reason?: string;
  line: number;
  column: number;
}

export interface SuppressionOptions {
  /** Every rule id the tool knows (a directive naming another id is an error). */
  knownRuleIds: readonly string[];
  /** Rule ids that ran: only those can make a directive "unused". */
  activeRuleIds: readonly string[];
  reportUnused?: boolean;
  requireReason?: boolean;
  /** Told of each finding a directive hid, with the directive's reason. */
  onSuppressed?: (finding: Finding, reason: string | undefined) => void;
}

const MARK = 'twelve-factor-';
const SLASH_COMMENT = /(\/\/|\/\*)[ \t]*twelve-factor-(disable-next-line|disable-line|disable|enable)(?=[\s*]|$)(.*?)(\*\/|$)/;
const HASH_COMMENT = /(?:^|[ \t])(#)[ \t]*twelve-factor-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/;

/** The directives of one file, in line order, in its kind's comment syntax (file-kinds.ts); JSON has no comments, so JSON files have none. */
export function scanDirectives(text: string, kind: CandidateKind): Directive[] {
  if (!text.includes(MARK)) return [];
  const syntax = NAME_KINDS[kind].comment;
  const pattern = syntax === 'slash' ? SLASH_COMMENT : syntax === 'hash' ? HASH_COMMENT : null;
  if (!pattern) return [];
  const out: Directive[] = [];
  const lines = text.split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes(MARK)) continue;
    const m = pattern.exec(line);
    if (!m) continue;
    const rest = m[3] ?? '';
    const sep = /(?:^|\s)--(?:\s|$)/.exec(rest);
    const list = sep ? rest.slice(0, sep.index) : rest;
    const reason = sep ? rest.slice(sep.index + sep[0].length).trim() : '';
    const rules = list.split(/[\s,]+/).filter(Boolean);
    out.push({ type: m[2] as DirectiveType, rules, ...(reason ? { reason } : {}), line: i + 1, column: m.index + (m[0].indexOf(m[1]!)) + 1 });
  }
  return out;
}

interface Region {
  directive: Directive;
  rule: string; // '*' for every rule
  start: number;
  end: number; // inclusive
}

/**
 * Drops suppressed findings and adds the directive findings (unknown rule, missing reason, unused
 * directive). `findings` are the final findings of the run; `directives` are keyed by file.
 */
export function applySuppressions(findings: Finding[], directives: ReadonlyMap<string, Directive[]>, options: SuppressionOptions): Finding[] {
  if (directives.size === 0) return findings;
  const known = new Set(options.knownRuleIds);
  const active = new Set(options.activeRuleIds);
  const regionsByFile = new Map<string, Region[]>();
  const extra: Finding[] = [];
  for (const [file, list] of directives) {
    const regions: Region[] = [];
    const open = new Map<string, Region>();
    for (const d of list) {
      for (const rule of d.rules) {
        if (!known.has(rule)) {
          const near = closestId(rule, options.knownRuleIds);
          extra.push(diagnostics.unknownRule(file, d, d.type, rule, near));
        }
      }
      if (d.type !== 'enable' && options.requireReason && !d.reason) {
        extra.push(diagnostics.missingDisableReason(file, d, d.type));
      }
      const targets = d.rules.length > 0 ? d.rules.filter((r) => known.has(r)) : ['*'];
      switch (d.type) {
        case 'disable-line':
          for (const rule of targets) regions.push({ directive: d, rule, start: d.line, end: d.line });
          break;
        case 'disable-next-line':
          for (const rule of targets) regions.push({ directive: d, rule, start: d.line + 1, end: d.line + 1 });
          break;
        case 'disable':
          for (const rule of targets) {
            if (open.has(rule)) continue; // already disabled: the first directive keeps the region
            const region = { directive: d, rule, start: d.line, end: Number.MAX_SAFE_INTEGER };
            open.set(rule, region);
            regions.push(region);
          }
          break;
        case 'enable': {
          const closing = d.rules.length > 0 ? targets : [...open.keys()];
          for (const rule of closing) {
            const region = open.get(rule);
            if (!region) continue;
            region.end = d.line - 1;
            open.delete(rule);
          }
          break;
        }
      }
    }
    regionsByFile.set(file, regions);
  }

  const used = new Set<Region>();
  const kept: Finding[] = [];
  for (const f of findings) {
    const regions = f.factor === null ? undefined : regionsByFile.get(f.file);
    let suppressedBy: Region | undefined;
    for (const r of regions ?? []) {
      if (f.line < r.start || f.line > r.end) continue;
      if (r.rule !== '*' && r.rule !== f.ruleId) continue;
      used.add(r);
      suppressedBy ??= r;
    }
    if (!suppressedBy) kept.push(f);
    else options.onSuppressed?.(f, suppressedBy.directive.reason);
  }

  if (options.reportUnused) {
    for (const [file, regions] of regionsByFile) {
      for (const r of regions) {
        if (used.has(r)) continue;
        if (r.rule !== '*' && !active.has(r.rule)) continue; // the rule is off: nothing to suppress
        const what = r.rule === '*' ? 'any rule' : r.rule;
        extra.push(diagnostics.unusedDisableDirective(file, r.directive, r.directive.type, what));
      }
    }
  }
  return [...kept, ...extra];
}
