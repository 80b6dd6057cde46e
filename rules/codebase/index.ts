// Rules of the codebase factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import crossAppSourceImport from './cross-app-source-import.js';
import noReleaseTags from './no-release-tags.js';
import notVersionControlled from './not-version-controlled.js';

export const codebaseRules: RuleDefinition[] = [crossAppSourceImport, noReleaseTags, notVersionControlled];
