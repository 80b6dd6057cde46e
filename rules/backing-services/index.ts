// Rules of the backing-services factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import hardcodedCredentialsInUrl from './hardcoded-credentials-in-url.js';
import hardcodedServiceUrl from './hardcoded-service-url.js';

export const backingServicesRules: RuleDefinition[] = [hardcodedCredentialsInUrl, hardcodedServiceUrl];
