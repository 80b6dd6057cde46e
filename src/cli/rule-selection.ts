// Picking rules on the command line, for one run, over what the config file says:
//   --rule <id>[:off|info|warning|error]   (repeatable; no severity: the rule's default)
//   --only <id|name|factor>…  run only these   --skip <id|name|factor>…  run all but these
//   --kind <target>…          run only the rules that read these kinds of file (Checkov's --framework)
// A value that names no rule, factor or kind is refused with the closest one.

import { FACTORS, type RuleDefinition, type Severity, type Target } from '../rule-api/types.js';
import type { RuleSetting } from '../engine/rule-set.js';
import { closestId } from '../util/errors.js';
import { ruleTargets, TARGETS } from '../discovery/file-kinds.js';

export class RuleSelectionError extends Error {}

/** The values of --kind: every target of the file-kind table. */
export const KINDS: readonly Target[] = TARGETS;
const SEVERITIES = ['off', 'info', 'warning', 'error'] as const;

export interface RuleFlags {
  rule?: string[];
  only?: string[];
  skip?: string[];
  kind?: string[];
}

/** Splits repeated and comma-separated values: `--only a,b --only c`. */
export function listOf(values: readonly (string | number)[] | string | undefined): string[] {
  if (values === undefined) return [];
  const list = Array.isArray(values) ? values : [values];
  return list.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** The rules this run executes. */
export function selectRules(rules: readonly RuleDefinition[], flags: RuleFlags): RuleDefinition[] {
  const only = listOf(flags.only).map((t) => resolveToken(t, rules, '--only'));
  const skip = listOf(flags.skip).map((t) => resolveToken(t, rules, '--skip'));
  const kinds = listOf(flags.kind).map((k) => {
    if ((KINDS as readonly string[]).includes(k)) return k as Target;
    const near = closestId(k, KINDS);
    throw new RuleSelectionError(`--kind "${k}" is not one of: ${KINDS.join(', ')}${near ? `; did you mean "${near}"?` : ''}`);
  });
  let selected = [...rules];
  if (only.length > 0) selected = selected.filter((r) => only.some((match) => match(r)));
  if (skip.length > 0) selected = selected.filter((r) => !skip.some((match) => match(r)));
  if (kinds.length > 0) selected = selected.filter((r) => ruleTargets(r).some((t) => kinds.includes(t)));
  if (selected.length === 0) throw new RuleSelectionError('the rule selection (--only, --skip, --kind) leaves no rule to run');
  return selected;
}

/** `--rule id[:severity]` on top of the config's rule settings. */
export function applyRuleFlags(settings: Record<string, RuleSetting>, values: string[] | string | undefined, rules: readonly RuleDefinition[]): Record<string, RuleSetting> {
  const out = { ...settings };
  for (const raw of listOf(values)) {
    const colon = raw.lastIndexOf(':');
    const idPart = colon < 0 ? raw : raw.slice(0, colon);
    const sevPart = colon < 0 ? undefined : raw.slice(colon + 1);
    const rule = findRule(idPart, rules, '--rule');
    if (sevPart !== undefined && !(SEVERITIES as readonly string[]).includes(sevPart)) {
      throw new RuleSelectionError(`--rule ${raw}: "${sevPart}" is not one of: ${SEVERITIES.join(', ')}`);
    }
    out[rule.id] = { ...out[rule.id], severity: (sevPart as Severity | 'off' | undefined) ?? rule.severity };
  }
  return out;
}

function resolveToken(token: string, rules: readonly RuleDefinition[], flag: string): (r: RuleDefinition) => boolean {
  if ((FACTORS as readonly string[]).includes(token)) return (r) => r.factor === token;
  const rule = findRule(token, rules, flag, true);
  return (r) => r.id === rule.id;
}

/** A rule by id, or by its name alone when exactly one rule has it (`hardcoded-secret`). */
function findRule(token: string, rules: readonly RuleDefinition[], flag: string, factorsToo = false): RuleDefinition {
  const exact = rules.find((r) => r.id === token);
  if (exact) return exact;
  const byName = rules.filter((r) => r.id.endsWith(`/${token}`));
  if (byName.length === 1) return byName[0]!;
  const candidates = [...rules.map((r) => r.id), ...(factorsToo ? FACTORS : [])];
  const near = closestId(token, candidates);
  const what = factorsToo ? 'no rule or factor' : 'no rule';
  throw new RuleSelectionError(`${flag} "${token}": ${what} has that name${near ? `; did you mean "${near}"?` : '; `twelve-factor-audit rules` lists them'}`);
}
