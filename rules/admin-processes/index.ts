// Rules of the admin-processes factor. rules/index.ts gathers every factor's list; a repository test
// checks that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import adminHttpEndpoint from './admin-http-endpoint.js';
import migrationOnBoot from './migration-on-boot.js';
import releaseMismatch from './release-mismatch.js';

export const adminProcessesRules: RuleDefinition[] = [adminHttpEndpoint, migrationOnBoot, releaseMismatch];
