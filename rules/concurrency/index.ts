// Rules of the concurrency factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import daemonizedProcess from './daemonized-process.js';
import inProcessCluster from './in-process-cluster.js';
import multipleProcessesPerContainer from './multiple-processes-per-container.js';
import pidFile from './pid-file.js';

export const concurrencyRules: RuleDefinition[] = [daemonizedProcess, inProcessCluster, multipleProcessesPerContainer, pidFile];
