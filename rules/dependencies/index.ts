// Rules of the dependencies factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import devDependencyAtRuntime from './dev-dependency-at-runtime.js';
import lockfileOutOfSync from './lockfile-out-of-sync.js';
import missingLockfile from './missing-lockfile.js';
import nonDeterministicInstall from './non-deterministic-install.js';
import remoteScriptPipe from './remote-script-pipe.js';
import undeclaredImport from './undeclared-import.js';
import undeclaredSystemTool from './undeclared-system-tool.js';
import unpinnedDependency from './unpinned-dependency.js';
import unpinnedGlobalInstall from './unpinned-global-install.js';

export const dependenciesRules: RuleDefinition[] = [
  devDependencyAtRuntime,
  lockfileOutOfSync,
  missingLockfile,
  nonDeterministicInstall,
  remoteScriptPipe,
  undeclaredImport,
  undeclaredSystemTool,
  unpinnedDependency,
  unpinnedGlobalInstall,
];
