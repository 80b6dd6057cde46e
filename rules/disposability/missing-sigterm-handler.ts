import { defineRule } from '../../src/rule-api/types.js';
import type { ServerStartFact, SignalHandlerFact, TsFacts } from '../../src/parsing/facts.js';

/** Handlers that take over SIGTERM without stopping anything: Node no longer exits on it. */
const KEEPS_RUNNING = new Set<SignalHandlerFact['does']>(['logs-only', 'nothing']);
import { processFiles } from '../../src/model/deployed-entrypoints.js';
import { nodeIsPid1, shutdownOwnedByManager, signalBlockedAt, stopSignalOf } from '../../src/model/signal-path.js';
import { chainRelated } from '../../src/model/run-chain.js';

const messages = {
  idleHandler: 'This handles SIGTERM but {{what}}: the process keeps running until SIGKILL, so {{start}} at {{file}}:{{line}} is never closed and in-flight work is cut off.',
  noHandler: 'This starts {{what}}{{via}}, and nothing in its import graph handles SIGTERM: on docker stop or pod termination in-flight work is cut off.{{only}}',
};

export default defineRule({
  id: 'disposability/missing-sigterm-handler',
  factor: 'disposability',
  severity: 'error',
  presets: { recommended: 'warning', strict: 'error' },
  targets: ['ts', 'xf'],
  docs: {
    description: 'An entrypoint that starts a server or queue consumer and never handles SIGTERM, neither itself, nor through a module it imports, nor through a graceful-shutdown helper',
    remediation:
      "Handle SIGTERM: stop accepting work (server.close(), consumer.stop()), finish in-flight requests and jobs, close connections, then exit. A helper such as @godaddy/terminus, http-terminator or close-with-grace does this; NestJS needs app.enableShutdownHooks().",
  },
  messages,
  checkProject(model, ctx) {
    const reported = new Set<string>();
    // What a platform runs and stops: a build file, a one-off tool or a maintainer's test server that
    // starts a server is never sent SIGTERM (deployed-entrypoints.ts).
    // Those a deployed unit runs first: a start two entrypoints reach (a stale copy of the server's
    // entrypoint in another package) is reported once, for the process that really runs it.
    const rank = (e: { evidence: string }) => (e.evidence === 'unit' ? 0 : e.evidence === 'configured' ? 1 : e.evidence === 'declared' ? 2 : 3);
    const entries = model
      .deployedEntrypoints()
      .filter((e) => model.files.get(e.file)?.facts.kind === 'ts')
      .sort((a, b) => rank(a) - rank(b));
    // Server-starting functions that a process handling SIGTERM calls: another entrypoint that only
    // imports the module (a CLI whose `start` command forks that process) is not the one serving.
    const startedByHandledProcess = new Set<string>();
    for (const entry of entries) {
      const closure = processFiles(model, entry);
      const facts = closure.map((f) => model.files.get(f)?.facts).filter((f): f is TsFacts => f?.kind === 'ts');
      if (!facts.some(handlesSigterm) && !sigtermThroughHelper(facts)) continue;
      for (const file of closure) for (const start of (model.files.get(file)?.facts as TsFacts | undefined)?.serverStarts ?? []) if (!start.topLevel) startedByHandledProcess.add(`${file}:${start.line}:${start.column}`);
    }
    for (const entry of entries) {
      const entryFacts = model.files.get(entry.file)!.facts as TsFacts;
      // The process: the entrypoint's imports, and its wrapper's (a SIGTERM handler in app.js that requires lib/main).
      const closure = processFiles(model, entry);
      let handled = false;
      const otherSignals = new Set<string>();
      const idle: Array<{ file: string; handler: SignalHandlerFact }> = [];
      const starts: Array<{ file: string; start: ServerStartFact }> = [];
      const closureFacts: TsFacts[] = [];
      for (const file of closure) {
        const facts = model.files.get(file)?.facts;
        if (facts?.kind !== 'ts') continue;
        closureFacts.push(facts);
        for (const h of facts.signalHandlers) if (h.signal === 'SIGTERM' && KEEPS_RUNNING.has(h.does)) idle.push({ file, handler: h });
        if (handlesSigterm(facts)) handled = true;
        for (const h of facts.signalHandlers) if (h.signal !== 'SIGTERM') otherSignals.add(h.signal);
        for (const start of facts.serverStarts) {
          // A page that answers every request with 503 holds no work to finish on SIGTERM.
          if (start.unavailablePage) continue;
          // A start inside a function counts when the entrypoint calls something at top level
          // (`main()`, `bootstrap()`): a module that only exports a factory starts nothing.
          if (start.topLevel) starts.push({ file, start });
          else if (entryFacts.hasTopLevelCall && (file === entry.file || !startedByHandledProcess.has(`${file}:${start.line}:${start.column}`))) starts.push({ file, start });
        }
      }
      if (handled || sigtermThroughHelper(closureFacts)) continue;
      // A supervisor that drains requests itself on SIGTERM (OpenFaaS's watchdog) needs no handler behind it.
      if (entry.branch && shutdownOwnedByManager(entry.branch.leaf)) continue;
      // pm2 (SIGINT) or the image's STOPSIGNAL sends another signal: a handler of that one is the graceful shutdown.
      const stop = entry.branch ? stopSignalOf(model, entry.branch.leaf) : undefined;
      if (stop && otherSignals.has(stop.signal)) continue;
      // A command-line tool (its package has a `bin`) serves while someone waits for the command (a
      // port probe, an OAuth callback, a local tunnel) and stops on Ctrl-C: not a deployed process,
      // unless a deployed unit's run chain starts it. Then its SIGINT handler is no shutdown: the
      // container is stopped with SIGTERM (wetty, audiobookshelf close their database on SIGINT only).
      const commandLineTool = (model.packageJsonFor(entry.file)?.facts.bin.length ?? 0) > 0;
      if (commandLineTool && entry.evidence !== 'unit') continue;
      // A SIGTERM handler that only logs replaces Node's default exit: report the handler, not the start.
      if (idle.length > 0 && starts.length > 0) {
        for (const { file, handler } of idle) {
          const key = `${file}:${handler.line}:${handler.column}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const [first] = starts;
          const what = handler.does === 'nothing' ? 'does nothing' : 'only logs';
          ctx.report({
            loc: { file, line: handler.line, column: handler.column },
            messageId: 'idleHandler',
            data: { what, start: describeStart(first!.start), file: first!.file, line: first!.start.line },
          });
        }
        continue;
      }
      // One finding per process: its first start not reported yet, the others its related places.
      // One missing handler is the root cause however many servers and consumers the process starts.
      const unreported = starts.filter(({ file, start }) => !reported.has(`${file}:${start.line}:${start.column}`));
      if (unreported.length === 0) continue;
      for (const { file, start } of unreported) reported.add(`${file}:${start.line}:${start.column}`);
      const [{ file, start }, ...others] = unreported as [(typeof starts)[number], ...typeof starts];
      const what = describeStart(start);
      // The hop that makes this a deployed process: the unit whose chain runs the entrypoint, or what declares it.
      const runBy = entry.unit ? `run by ${entry.unit.label}` : entry.reason;
      const via = file === entry.file ? (entry.unit ? `, ${runBy}` : '') : ` for entrypoint ${entry.file} (${runBy})`;
      const also = others.length === 0 ? '' : others.length === 1 ? ` The same process also starts ${describeStart(others[0]!.start)}, listed as a related place.` : ` The same process also starts ${others.length} more servers or consumers, listed as related places.`;
      const only = stop
        ? ` ${stop.by}, so a handler must take ${stop.signal} as well.`
        : otherSignals.size > 0
          ? ` It handles ${[...otherSignals].sort().join(', ')} only; orchestrators send SIGTERM.`
          : '';
      // The run chain of the deployed unit that starts this entrypoint, when one does.
      const branch = entry.branch;
      // A handler alone is not the whole fix when the chain keeps the signal from the process (kutt's
      // shell-form CMD): the maintainer is told both, here and in signal-swallowing-entrypoint.
      const blocked = branch ? signalBlockedAt(branch.leaf) : undefined;
      const notYet = blocked
        ? ` SIGTERM does not reach it yet either (${blocked.at.file}:${blocked.at.line}: ${blocked.why}).`
        : branch && nodeIsPid1(branch.leaf)
          ? ' Node runs as PID 1 here, where a signal without a handler is ignored: every stop waits out the grace period and ends in SIGKILL.'
          : '';
      const related = [
        ...others.map((o) => ({ file: o.file, line: o.start.line, column: o.start.column, message: `also starts ${describeStart(o.start)}` })),
        ...(branch ? chainRelated(branch.hops, entry.file) : []),
      ];
      ctx.report({
        loc: { file, line: start.line, column: start.column, ...(start.endLine ? { endLine: start.endLine } : {}), ...(start.endColumn ? { endColumn: start.endColumn } : {}) },
        messageId: 'noHandler',
        data: { what, via, only: `${also}${only}${notYet}` },
        ...(related.length > 0 ? { related } : {}),
      });
    }
  },
});

/** The file handles SIGTERM itself (a handler that stops something) or through a known helper. */
function handlesSigterm(facts: TsFacts): boolean {
  return facts.signalHandlers.some((h) => h.signal === 'SIGTERM' && !KEEPS_RUNNING.has(h.does)) || facts.shutdownHelpers.length > 0;
}

/**
 * A shutdown helper of the code's own registers handlers for the signals its caller names
 * (`process.once(signal, cleanup)`), and a file of the same process names SIGTERM to it
 * (`shutdown.cleanupOnSignals('SIGINT', 'SIGTERM')`).
 */
function sigtermThroughHelper(facts: readonly TsFacts[]): boolean {
  return facts.some((f) => f.signalsByVariable) && facts.some((f) => f.passesSigterm);
}

function describeStart(start: ServerStartFact): string {
  switch (start.kind) {
    case 'http':
      return start.api === 'listen' ? 'a server (listen)' : `a server (${start.api})`;
    case 'rpc':
      return `a gRPC server (${start.api})`;
    case 'subscriber':
      return `a subscriber (${start.api})`;
    case 'supervisor':
      return `child processes (${start.api})`;
    default:
      return `a queue consumer (${start.api})`;
  }
}
