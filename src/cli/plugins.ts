// `--plugin <package>`: rules a team writes with `defineRule`, loaded from a package and run in the
// same walk as the built-in rules. A plugin is code the user chose to run, so it is loaded only from
// the command line (never from a config file, which may belong to the audited repository): a package
// name resolved from the current folder as Node resolves it, or a path (`./tools/our-rules`). Its
// default export is `{ rules: RuleDefinition[] }` (or the array itself). Every rule is checked as
// defineRule checks it, and its id must be `<factor>/<name>` with a factor of the twelve and must not
// collide with a built-in rule or another plugin's.

import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineRule, FACTORS, type RuleDefinition } from '../rule-api/types.js';
import { KINDS } from './rule-selection.js';

export class PluginError extends Error {}

/** Which plugin each loaded rule came from, for the message when a later one reuses its id. */
const pluginOf = new WeakMap<RuleDefinition, string>();

const RULE_ID = /^([a-z-]+)\/([a-z0-9-]+)$/;

/** `from` names where the specs came from in errors: the `--plugin` flag or the config's `plugins`. */
export async function loadPlugins(specs: readonly string[], cwd: string, known: readonly RuleDefinition[], from = '--plugin'): Promise<RuleDefinition[]> {
  const loaded: RuleDefinition[] = [];
  const taken = new Map(known.map((r) => [r.id, pluginOf.has(r) ? `a rule of the plugin ${pluginOf.get(r)}` : 'a built-in rule']));
  for (const spec of specs) {
    const file = resolvePlugin(spec, cwd, from);
    let mod: { default?: unknown; rules?: unknown };
    try {
      mod = (await import(pathToFileURL(file).href)) as typeof mod;
    } catch (err) {
      throw new PluginError(`${from} ${spec}: loading ${file} failed: ${firstLine(err)}`);
    }
    const exported = mod.default ?? mod;
    const rules = Array.isArray(exported) ? exported : (exported as { rules?: unknown })?.rules;
    if (!Array.isArray(rules) || rules.length === 0) {
      throw new PluginError(`${from} ${spec}: its default export must be { rules: [...] } with at least one rule written with defineRule`);
    }
    for (const rule of rules as RuleDefinition[]) {
      const problem = ruleProblem(rule);
      if (problem) throw new PluginError(`${from} ${spec}: ${problem}`);
      const owner = taken.get(rule.id);
      if (owner) throw new PluginError(`${from} ${spec}: rule id ${rule.id} is already ${owner}`);
      taken.set(rule.id, `a rule of the plugin ${from} ${spec}`);
      try {
        const defined = defineRule(rule);
        pluginOf.set(defined, `${from} ${spec}`);
        loaded.push(defined);
      } catch (err) {
        throw new PluginError(`${from} ${spec}: ${firstLine(err)}`);
      }
    }
  }
  return loaded;
}

function resolvePlugin(spec: string, cwd: string, from: string): string {
  const isPath = spec.startsWith('.') || path.isAbsolute(spec);
  try {
    return createRequire(path.join(cwd, 'noop.js')).resolve(isPath ? path.resolve(cwd, spec) : spec);
  } catch {
    throw new PluginError(`${from} ${spec}: cannot find ${isPath ? 'that package folder or file' : `the package (install it: npm i -D ${spec})`}`);
  }
}

function ruleProblem(rule: RuleDefinition): string | undefined {
  if (typeof rule !== 'object' || rule === null) return 'a rule is not an object';
  const m = typeof rule.id === 'string' ? RULE_ID.exec(rule.id) : null;
  if (!m) return `rule id ${JSON.stringify(rule.id)} is not <factor>/<name> (lower case, digits and dashes)`;
  if (!(FACTORS as readonly string[]).includes(m[1]!) || rule.factor !== m[1]) return `rule ${rule.id}: its factor must be the id's first part, one of ${FACTORS.join(', ')}`;
  if (!['error', 'warning', 'info'].includes(rule.severity)) return `rule ${rule.id}: severity must be error, warning or info`;
  // Optional: the kinds its visitors read are derived (file-kinds.ts ruleTargets); declared, it must name known ones.
  if (rule.targets !== undefined && (!Array.isArray(rule.targets) || rule.targets.length === 0 || !rule.targets.every((t) => (KINDS as readonly string[]).includes(t)))) {
    return `rule ${rule.id}: targets, when given, must list what it reads: ${KINDS.join(', ')}`;
  }
  if (typeof rule.docs?.description !== 'string' || typeof rule.docs?.remediation !== 'string') return `rule ${rule.id}: docs needs description and remediation`;
  return undefined;
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}
