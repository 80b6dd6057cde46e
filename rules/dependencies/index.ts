// Rules of the dependencies factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import missingLockfile from './missing-lockfile.js';
import nonDeterministicInstall from './non-deterministic-install.js';
import remoteScriptPipe from './remote-script-pipe.js';
import unpinnedGlobalInstall from './unpinned-global-install.js';

export const dependenciesRules: RuleDefinition[] = [missingLockfile, nonDeterministicInstall, remoteScriptPipe, unpinnedGlobalInstall];
