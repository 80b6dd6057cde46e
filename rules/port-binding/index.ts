// Rules of the port-binding factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import hardcodedPort from './hardcoded-port.js';
import missingPortBinding from './missing-port-binding.js';
import portMismatch from './port-mismatch.js';

export const portBindingRules: RuleDefinition[] = [hardcodedPort, missingPortBinding, portMismatch];
