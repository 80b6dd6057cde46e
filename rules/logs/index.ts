// Rules of the logs factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import fileLogging from './file-logging.js';
import logRotation from './log-rotation.js';
import logVolume from './log-volume.js';
import unstructuredLogging from './unstructured-logging.js';

export const logsRules: RuleDefinition[] = [fileLogging, logRotation, logVolume, unstructuredLogging];
