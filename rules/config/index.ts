// Rules of the config factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import hardcodedSecret from './hardcoded-secret.js';

export const configRules: RuleDefinition[] = [hardcodedSecret];
