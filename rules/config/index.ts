// Rules of the config factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import committedEnvFile from './committed-env-file.js';
import defaultSecretFallback from './default-secret-fallback.js';
import envFileInImage from './env-file-in-image.js';
import hardcodedSecret from './hardcoded-secret.js';
import literalSecretEnv from './literal-secret-env.js';
import perEnvironmentConfig from './per-environment-config.js';
import secretInImage from './secret-in-image.js';
import undeclaredEnvVar from './undeclared-env-var.js';
import unusedEnvVar from './unused-env-var.js';

export const configRules: RuleDefinition[] = [committedEnvFile, defaultSecretFallback, envFileInImage, hardcodedSecret, literalSecretEnv, perEnvironmentConfig, secretInImage, undeclaredEnvVar, unusedEnvVar];
