// The rule registry, sorted by id. A repository test checks that every rule file under rules/ is
// listed here and that each id equals `<folder>/<file>`.

import type { RuleDefinition } from '../src/rule-api/types.js';
import buildReleaseRunUnpinnedImage from './build-release-run/unpinned-image.js';
import concurrencyPidFile from './concurrency/pid-file.js';
import configHardcodedSecret from './config/hardcoded-secret.js';
import dependenciesMissingLockfile from './dependencies/missing-lockfile.js';
import disposabilityMissingSigtermHandler from './disposability/missing-sigterm-handler.js';
import logsFileLogging from './logs/file-logging.js';

export const rules: RuleDefinition[] = [
  buildReleaseRunUnpinnedImage,
  concurrencyPidFile,
  configHardcodedSecret,
  dependenciesMissingLockfile,
  disposabilityMissingSigtermHandler,
  logsFileLogging,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function ruleById(id: string): RuleDefinition | undefined {
  return rules.find((r) => r.id === id);
}
