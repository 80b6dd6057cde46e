// Rules of the disposability factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import abruptExitOnSignal from './abrupt-exit-on-signal.js';
import autoAckConsumer from './auto-ack-consumer.js';
import missingProbes from './missing-probes.js';
import missingSigtermHandler from './missing-sigterm-handler.js';
import signalSwallowingEntrypoint from './signal-swallowing-entrypoint.js';
import swallowedFatalError from './swallowed-fatal-error.js';
import zeroGracePeriod from './zero-grace-period.js';

export const disposabilityRules: RuleDefinition[] = [
  abruptExitOnSignal,
  autoAckConsumer,
  missingProbes,
  missingSigtermHandler,
  signalSwallowingEntrypoint,
  swallowedFatalError,
  zeroGracePeriod,
];
