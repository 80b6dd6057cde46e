// Turns a loaded config into what one run needs: rule settings for the engine (preset, then the
// user's rules), per-file severity overrides, ignore globs for discovery, and the project settings
// the model exposes (environments, entrypoints). Globs are written relative to the config's folder
// and re-expressed here relative to the scanned root.

import path from 'node:path';
import type { RuleDefinition, Severity } from '../rule-api/types.js';
import type { RuleSetting } from '../engine/rule-set.js';
import type { ProjectSettings } from '../model/project-model.js';
import { rebaseConfigGlob } from '../util/glob/index.js';
import type { FileOverride } from '../engine/pipeline.js';
import type { LoadedConfig } from './load.js';

export type Preset = 'recommended' | 'strict';

export type { FileOverride };

export interface ResolvedConfig {
  /** Absolute path of the config file, or null when the defaults apply. */
  file: string | null;
  preset: Preset;
  ruleSettings: Record<string, RuleSetting>;
  overrides: FileOverride[];
  /** Globs for discovery (config semantics of src/util/glob/), relative to the scanned root. */
  ignore: string[];
  settings: ProjectSettings;
}

export function presetSeverity(rule: RuleDefinition, preset: Preset): Severity | 'off' {
  if (preset === 'strict') return rule.presets?.strict ?? (rule.severity === 'info' ? 'warning' : rule.severity);
  return rule.presets?.recommended ?? rule.severity;
}

/** `presetOverride`: the command line's --preset, which wins over the config's `extends`. */
export function resolveConfig(loaded: LoadedConfig | null, rules: readonly RuleDefinition[], root: string, presetOverride?: Preset): ResolvedConfig {
  const data = loaded?.data ?? {};
  const preset: Preset = presetOverride ?? data.extends ?? 'recommended';
  const prefix = loaded ? path.relative(loaded.dir, path.resolve(root)).split(path.sep).join('/') : '';
  const rebase = (globs: readonly string[] | undefined): string[] => (globs ?? []).flatMap((g) => rebaseConfigGlob(g, prefix));

  const ruleSettings: Record<string, RuleSetting> = {};
  for (const rule of rules) ruleSettings[rule.id] = { severity: presetSeverity(rule, preset) };
  for (const [id, entry] of Object.entries(data.rules ?? {})) {
    const [severity, options] = Array.isArray(entry) ? entry : [entry];
    ruleSettings[id] = { severity, ...(options ? { options } : {}) };
  }

  const overrides: FileOverride[] = [];
  for (const o of data.overrides ?? []) {
    const files = rebase(typeof o.files === 'string' ? [o.files] : o.files);
    if (files.length > 0) overrides.push({ files, rules: { ...o.rules } });
  }
  // A rule that is off for the project but on in an override must run, then be dropped everywhere
  // the override does not reach: a catch-all "off" placed before the user's overrides does that.
  const enabledByOverride = new Set<string>();
  for (const o of overrides) for (const [id, sev] of Object.entries(o.rules)) if (sev !== 'off' && ruleSettings[id]?.severity === 'off') enabledByOverride.add(id);
  if (enabledByOverride.size > 0) {
    const off: Record<string, 'off'> = {};
    for (const id of [...enabledByOverride].sort()) {
      off[id] = 'off';
      ruleSettings[id] = { ...ruleSettings[id], severity: rules.find((r) => r.id === id)?.severity ?? 'warning' };
    }
    overrides.unshift({ files: ['**'], rules: off });
  }

  const environments: NonNullable<ProjectSettings['environments']> = {};
  const MODEL_ENV = { development: 'dev', test: 'test', production: 'prod' } as const;
  for (const env of ['development', 'test', 'production'] as const) {
    const globs = data.environments?.[env];
    if (globs) environments[MODEL_ENV[env]] = rebase(globs);
  }
  const settings: ProjectSettings = {};
  if (data.environments) settings.environments = environments;
  if (data.entrypoints) settings.entrypoints = rebase(data.entrypoints);

  return {
    file: loaded?.file ?? null,
    preset,
    ruleSettings,
    overrides,
    ignore: rebase(data.ignore),
    settings,
  };
}
