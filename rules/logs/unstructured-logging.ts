import { defineRule } from '../../src/rule-api/types.js';
import type { Pos, TsFacts } from '../../src/parsing/facts.js';
import { isNonProduction } from '../../src/model/file-role.js';

/** Logging libraries (and frameworks with a built-in leveled logger): any of them means this is not "console only". */
const LOGGERS =
  /^(pino|pino-http|nestjs-pino|winston|bunyan|log4js|loglevel|tslog|roarr|signale|consola|debug|npmlog|morgan-json|@google-cloud\/logging-winston|@nestjs\/common|fastify|@hapi\/hapi|hapi-pino|@opentelemetry\/api-logs|@sentry\/node|electron-log|loglayer|@logtape\/logtape|adze)(\/.*)?$/;
/** An env var that sets the log level or verbosity. */
const LEVEL_ENV = /^(LOG_?LEVEL|LOGGING_LEVEL|\w+_LOG_LEVEL|DEBUG|VERBOSE|LOG_FORMAT)$/i;

const messages = {
  consoleOnly: '{{file}} runs a long-lived service that logs only through console ({{total}} call{{s}} in its import graph, messages built by interpolation), with no structured logger and no level from the environment.',
};

export default defineRule({
  id: 'logs/unstructured-logging',
  factor: 'logs',
  severity: 'info',
  // Strict only: 0 true of 13 judged findings on the accuracy corpus (docs/accuracy.md).
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['ts', 'xf'],
  docs: {
    description: 'A long-running service logs only through console.log of interpolated strings, with no structured (JSON) logger and no level taken from the environment',
    remediation:
      'Use a logger that writes one JSON event per line to stdout with a level (pino, winston with the json format), take the level from the environment (LOG_LEVEL), and pass values as fields (`log.info({ orderId }, "order paid")`) instead of interpolating them into the message.',
  },
  messages,
  checkProject(model, ctx) {
    const reported = new Set<string>();
    for (const ep of model.entrypoints()) {
      const entry = model.files.get(ep.file);
      if (!entry || entry.isTest || isNonProduction(model.environmentOf(ep.file))) continue;
      const closure = model.importClosure(ep.file);
      const facts = closure.map((f) => model.files.get(f)?.facts).filter((f): f is TsFacts => f?.kind === 'ts');
      if (!facts.some((f) => f.serverStarts.length > 0)) continue;
      // A logger anywhere in the service (imported, or declared by its package) or a level from env: not console-only.
      if (facts.some((f) => f.imports.some((i) => LOGGERS.test(i.specifier)))) continue;
      if (facts.some((f) => f.envReads.some((r) => LEVEL_ENV.test(r.name)))) continue;
      const pkg = model.packageJsonFor(ep.file);
      if (pkg?.facts.dependencies.some((d) => d.section !== 'devDependencies' && LOGGERS.test(d.name))) continue;
      if (facts.some((f) => f.consoleLogs.json > 0)) continue;
      const total = facts.reduce((n, f) => n + f.consoleLogs.count, 0);
      let first: { file: string; at: Pos } | undefined;
      // The console lines that make the claim are the service's own: a workspace library's debug
      // helper is not how the service logs (its loggers, above, count wherever they are imported).
      for (const file of [ep.file, ...model.ownPackageClosure(ep.file).filter((f) => f !== ep.file).sort()]) {
        const f = model.files.get(file)?.facts;
        const hit = f?.kind === 'ts' ? f.consoleLogs.interpolated[0] : undefined;
        if (hit) {
          first = { file, at: hit };
          break;
        }
      }
      if (!first) continue;
      const key = `${first.file}:${first.at.line}`;
      if (reported.has(key)) continue;
      reported.add(key);
      ctx.report({
        loc: { file: first.file, line: first.at.line, column: first.at.column },
        messageId: 'consoleOnly',
        data: { file: ep.file, total, s: total === 1 ? '' : 's' },
        evidence: `${total} console calls`,
      });
    }
  },
});
