// The JSON Schema of the config file. Assembled from the rule registry so that each rule's options
// are checked against the rule's own `optionsSchema` and editors can complete rule ids; printed by
// `twelve-factor-audit schema config`, which is how it ships with the package.

import type { RuleDefinition } from '../rule-api/types.js';

// Printed by `twelve-factor-audit schema config` rather than kept as a file, so it always matches the rules.
export const CONFIG_SCHEMA_ID = 'urn:twelve-factor-audit:schema:config';
export const SEVERITY_VALUES = ['off', 'info', 'warning', 'error'] as const;

const globList = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
};

export function configSchema(rules: readonly RuleDefinition[]): Record<string, unknown> {
  const severity = { enum: [...SEVERITY_VALUES], description: 'off, info, warning or error' };
  const ruleProperties: Record<string, unknown> = {};
  const overrideProperties: Record<string, unknown> = {};
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const options = rule.optionsSchema ?? { type: 'object', maxProperties: 0, description: 'this rule takes no options' };
    ruleProperties[rule.id] = {
      description: rule.docs.description,
      anyOf: [
        severity,
        { type: 'array', minItems: 1, maxItems: 2, items: [severity, options], additionalItems: false },
      ],
    };
    overrideProperties[rule.id] = { ...severity, description: rule.docs.description };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_ID,
    title: 'twelve-factor-audit configuration',
    description: 'Data only: .twelve-factor.yml, .twelve-factor.yaml, .twelve-factor.json, twelve-factor.config.json or the "twelveFactor" key of package.json.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: { enum: ['recommended', 'strict'], description: 'recommended (the default) or strict (digest pinning, info rules as warnings)' },
      rules: {
        type: 'object',
        description: 'rule id: off | info | warning | error, or [severity, options]',
        properties: ruleProperties,
        additionalProperties: false,
      },
      ignore: { ...globList, description: 'globs of files not to audit, relative to the folder of the config file' },
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files', 'rules'],
          properties: {
            files: { anyOf: [{ type: 'string', minLength: 1 }, { ...globList, minItems: 1 }], description: 'globs of the files this override applies to' },
            rules: { type: 'object', properties: overrideProperties, additionalProperties: false, description: 'rule id: off | info | warning | error' },
          },
        },
      },
      environments: {
        type: 'object',
        additionalProperties: false,
        description: 'globs of the compose files and Kubernetes folders of each environment (overrides inference by name)',
        properties: { development: globList, test: globList, production: globList },
      },
      entrypoints: { ...globList, description: 'the files the service starts from (overrides inference)' },
      plugins: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'packages or folders whose rules (written with defineRule) run beside the built-in ones; a plugin is code: loaded only from a config outside the audited folder, or with --allow-config-plugins',
      },
    },
  };
}
