// The rule registry, sorted by id. Each factor folder lists its rules in its own index.ts (so that
// work on one factor never edits another's list); a repository test checks that every rule file is
// registered and that each id equals `<folder>/<file>`.

import type { RuleDefinition } from '../src/rule-api/types.js';
import { codebaseRules } from './codebase/index.js';
import { dependenciesRules } from './dependencies/index.js';
import { configRules } from './config/index.js';
import { backingServicesRules } from './backing-services/index.js';
import { buildReleaseRunRules } from './build-release-run/index.js';
import { processesRules } from './processes/index.js';
import { portBindingRules } from './port-binding/index.js';
import { concurrencyRules } from './concurrency/index.js';
import { disposabilityRules } from './disposability/index.js';
import { devProdParityRules } from './dev-prod-parity/index.js';
import { logsRules } from './logs/index.js';
import { adminProcessesRules } from './admin-processes/index.js';

export const rules: RuleDefinition[] = [
  ...codebaseRules,
  ...dependenciesRules,
  ...configRules,
  ...backingServicesRules,
  ...buildReleaseRunRules,
  ...processesRules,
  ...portBindingRules,
  ...concurrencyRules,
  ...disposabilityRules,
  ...devProdParityRules,
  ...logsRules,
  ...adminProcessesRules,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Where worker threads load these rules from (the engine imports no rule itself: AuditOptions.ruleModule);
 * `loaded`: the rules this thread already has, so that the main thread never imports the URL again.
 */
export const ruleModule = { url: import.meta.url, exportName: 'rules', loaded: rules };

export function ruleById(id: string): RuleDefinition | undefined {
  return rules.find((r) => r.id === id);
}
