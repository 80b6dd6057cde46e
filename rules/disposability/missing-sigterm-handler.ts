import { defineRule } from '../../src/rule-api/types.js';
import type { ServerStartFact, TsFacts } from '../../src/model/facts.js';
import { chainRelated, runChains } from '../../src/model/run-chain.js';

export default defineRule({
  id: 'disposability/missing-sigterm-handler',
  factor: 'disposability',
  severity: 'error',
  targets: ['ts', 'xf'],
  docs: {
    description: 'An entrypoint that starts a server or queue consumer and never handles SIGTERM, neither itself, nor through a module it imports, nor through a graceful-shutdown helper',
    remediation:
      "Handle SIGTERM: stop accepting work (server.close(), consumer.stop()), finish in-flight requests and jobs, close connections, then exit. A helper such as @godaddy/terminus, http-terminator or close-with-grace does this; NestJS needs app.enableShutdownHooks().",
  },
  checkProject(model, ctx) {
    const reported = new Set<string>();
    for (const entry of model.entrypoints()) {
      const entryFacts = model.files.get(entry.file)?.facts as TsFacts | undefined;
      if (!entryFacts) continue;
      const closure = model.importClosure(entry.file);
      let handled = false;
      const otherSignals = new Set<string>();
      const starts: Array<{ file: string; start: ServerStartFact }> = [];
      for (const file of closure) {
        const facts = model.files.get(file)?.facts;
        if (facts?.kind !== 'ts') continue;
        if (facts.signalHandlers.some((h) => h.signal === 'SIGTERM') || facts.shutdownHelpers.length > 0) handled = true;
        for (const h of facts.signalHandlers) if (h.signal !== 'SIGTERM') otherSignals.add(h.signal);
        for (const start of facts.serverStarts) {
          // A start inside a function counts when the entrypoint calls something at top level
          // (`main()`, `bootstrap()`): a module that only exports a factory starts nothing.
          if (start.topLevel || entryFacts.hasTopLevelCall) starts.push({ file, start });
        }
      }
      if (handled) continue;
      // A command-line tool (its package has a `bin`) that serves while a developer waits and stops
      // on Ctrl-C (SIGINT) is not a deployed process.
      if (otherSignals.has('SIGINT') && (model.packageJsonFor(entry.file)?.facts.bin.length ?? 0) > 0) continue;
      for (const { file, start } of starts) {
        const key = `${file}:${start.line}:${start.column}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const what = start.kind === 'http' ? 'a server (listen)' : `a queue consumer (${start.api})`;
        const via = file === entry.file ? '' : ` for entrypoint ${entry.file} (${entry.reason})`;
        const only = otherSignals.size > 0 ? ` It handles ${[...otherSignals].sort().join(', ')} only; orchestrators send SIGTERM.` : '';
        // The run chain of a deployed unit that starts this entrypoint, when one does.
        const branch = runChains(model).flatMap((u) => u.branches).find((b) => b.entries.includes(entry.file));
        ctx.report({
          loc: { file, line: start.line, column: start.column, ...(start.endLine ? { endLine: start.endLine } : {}), ...(start.endColumn ? { endColumn: start.endColumn } : {}) },
          message: `This starts ${what}${via}, and nothing in its import graph handles SIGTERM: on docker stop or pod termination in-flight work is cut off.${only}`,
          ...(branch ? { related: chainRelated(branch.hops, entry.file) } : {}),
        });
      }
    }
  },
});
