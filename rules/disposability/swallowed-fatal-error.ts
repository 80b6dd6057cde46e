import { defineRule } from '../../src/rule-api/types.js';
import { chainRelated } from '../../src/model/run-chain.js';

const messages = {
  keepsRunning: 'The {{event}} handler keeps the process running after a fatal error{{via}}: it goes on serving in an unknown state instead of crashing and being restarted clean.',
};

export default defineRule({
  id: 'disposability/swallowed-fatal-error',
  factor: 'disposability',
  severity: 'warning',
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['ts', 'xf'],
  docs: {
    description: 'An uncaughtException / unhandledRejection handler that logs (or does nothing) and keeps a deployed process running',
    remediation:
      'Log the error, then end the process (process.exit(1), or a graceful shutdown that ends in exit): its state is unknown, and the process manager restarts a clean one.',
  },
  messages,
  checkProject(model, ctx) {
    const reported = new Set<string>();
    // Only the processes a platform runs (deployed-entrypoints.ts): a build script or a one-off tool
    // that carries on after an error serves nobody in an unknown state.
    for (const entry of model.deployedEntrypoints()) {
      for (const file of model.importClosure(entry.file)) {
        const facts = model.files.get(file)?.facts;
        if (facts?.kind !== 'ts' || !facts.fatalHandlers) continue;
        for (const h of facts.fatalHandlers) {
          const key = `${file}:${h.line}:${h.column}`;
          if (!h.keepsRunning || reported.has(key)) continue;
          reported.add(key);
          const runBy = entry.unit ? `run by ${entry.unit.label}` : entry.reason;
          ctx.report({
            loc: { file, line: h.line, column: h.column, ...(h.endLine ? { endLine: h.endLine } : {}), ...(h.endColumn ? { endColumn: h.endColumn } : {}) },
            messageId: 'keepsRunning',
            data: { event: h.event, via: file === entry.file ? (entry.unit ? ` (${runBy})` : '') : ` (in entrypoint ${entry.file}, ${runBy})` },
            evidence: h.text,
            ...(entry.branch ? { related: chainRelated(entry.branch.hops, entry.file) } : {}),
          });
        }
      }
    }
  },
});
