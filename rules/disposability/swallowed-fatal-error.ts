import { defineRule } from '../../src/rule-api/types.js';
import { chainRelated } from '../../src/model/run-chain.js';
import { isDesktopApp, type DeployedEntrypoint } from '../../src/model/deployed-entrypoints.js';
import type { FatalHandlerFact, FileFacts } from '../../src/parsing/facts.js';

function keepsRunning(facts: FileFacts | undefined): FatalHandlerFact[] {
  return facts?.kind === 'ts' ? (facts.fatalHandlers ?? []).filter((h) => h.keepsRunning) : [];
}

const messages = {
  keepsRunning: 'The {{event}} handler keeps the process running after a fatal error{{via}}: it goes on serving in an unknown state instead of crashing and being restarted clean.',
  rejectionKeepsRunning:
    'The unhandledRejection handler keeps the process running after a promise nobody awaited failed{{via}}, where Node would end it. Often deliberate (one failed background task need not take the server down), but the state that task left is unknown.',
};

export default defineRule({
  id: 'disposability/swallowed-fatal-error',
  factor: 'disposability',
  severity: 'warning',
  targets: ['ts', 'xf'],
  docs: {
    description: 'An uncaughtException / unhandledRejection handler that logs (or does nothing) and keeps a deployed process running',
    remediation:
      'Log the error, then end the process (process.exit(1), or a graceful shutdown that ends in exit): its state is unknown, and the process manager restarts a clean one.',
  },
  messages,
  checkProject(model, ctx) {
    const reported = new Set<string>();
    const report = (file: string, h: FatalHandlerFact, entry?: DeployedEntrypoint) => {
      const key = `${file}:${h.line}:${h.column}`;
      if (reported.has(key)) return;
      reported.add(key);
      const runBy = entry?.unit ? `run by ${entry.unit.label}` : entry?.reason;
      // A rejection handler that logs and goes on was judged a deliberate choice on 14 of 18 real ones
      // (docs/accuracy.md), an uncaughtException one a real problem on 14 of 16: info for the first.
      const rejection = h.event === 'unhandledRejection';
      ctx.report({
        loc: { file, line: h.line, column: h.column, ...(h.endLine ? { endLine: h.endLine } : {}), ...(h.endColumn ? { endColumn: h.endColumn } : {}) },
        messageId: rejection ? 'rejectionKeepsRunning' : 'keepsRunning',
        ...(rejection ? { severity: 'info' as const } : {}),
        data: { event: h.event, via: !entry ? '' : file === entry.file ? (entry.evidence === 'inferred' ? '' : ` (${runBy})`) : ` (in entrypoint ${entry.file}, ${runBy})` },
        evidence: h.text,
        ...(entry?.branch ? { related: chainRelated(entry.branch.hops, entry.file) } : {}),
      });
    };
    const handlerFiles = model.tsFiles.filter((f) => keepsRunning(f.facts).length > 0);
    if (handlerFiles.length === 0) return;
    // Handlers in the processes a platform runs (deployed-entrypoints.ts), with the entrypoint that runs them.
    for (const entry of model.deployedEntrypoints()) {
      for (const file of model.importClosure(entry.file)) for (const h of keepsRunning(model.files.get(file)?.facts)) report(file, h, entry);
    }
    // A handler that only a build file, a one-off tool or a dev server loads is not a deployed
    // process's policy. One that no entrypoint reaches (a command class a CLI framework loads by
    // folder, a bin that requires its built output) may run anywhere: judged on its own.
    const reachedByAnEntrypoint = new Set<string>();
    for (const e of model.entrypoints()) for (const file of model.importClosure(e.file)) reachedByAnEntrypoint.add(file);
    for (const f of handlerFiles) {
      // A desktop app's process (an Electron main or utility process, which imports electron or whose
      // package declares it) runs on a user's machine, where no platform restarts it.
      if (reachedByAnEntrypoint.has(f.path) || isDesktopApp(model, f.path)) continue;
      for (const h of keepsRunning(f.facts)) report(f.path, h);
    }
  },
});
