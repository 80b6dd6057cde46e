// Entry of a per-file worker thread. It rebuilds the run's rules by id from the rule module the
// run names (rule settings and options arrive as plain data), loads the TS walker, and answers each
// batch of file inputs with their FileResults (plain JSON: findings and facts, never ASTs).

import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, type FileInput, type FileResult } from './per-file.js';
import { activateRules } from './rule-set.js';
import { rulesOf, type WorkerSetup } from './worker-pool.js';

const setup = workerData as WorkerSetup;
const byId = new Map(((await rulesOf(setup.ruleModule)) ?? []).map((r) => [r.id, r]));
const active = activateRules(
  setup.ruleIds.map((id) => {
    const rule = byId.get(id);
    if (!rule) throw new Error(`unknown rule ${id} in a worker`);
    return rule;
  }),
  setup.ruleSettings,
);

parentPort!.on('message', (inputs: FileInput[]) => {
  const out: FileResult[] = inputs.map((input) => analyzeFile(input, active));
  parentPort!.postMessage(out);
});
