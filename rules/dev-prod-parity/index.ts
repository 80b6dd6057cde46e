// Rules of the dev-prod-parity factor. rules/index.ts gathers every factor's list; a repository test
// checks that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import backingServiceVersionDrift from './backing-service-version-drift.js';
import divergentBackingService from './divergent-backing-service.js';
import environmentBranching from './environment-branching.js';

export const devProdParityRules: RuleDefinition[] = [backingServiceVersionDrift, divergentBackingService, environmentBranching];
