import { defineRule, type TsFileContext } from '../../src/rule-api/types.js';
import { calleeName, dottedName, objectProperty, pathText, propertyNameText, stringValue, ts, unwrap } from '../../src/rule-api/ts-utils.js';
import { isRecord, valuePositionOf } from '../../src/parsing/structured.js';
import { resolveImported } from '../../src/rule-api/ts-imports.js';
import { FILE_LOGGERS, PM2_LOG_FILE_KEYS as PM2_LOG_KEYS, PM2_NOT_A_FILE, STDIO_DESTINATIONS, fileLoggerOf, samePath } from '../../src/knowledge/loggers.js';

/** A path that names a log file or a log folder. */
const LOG_PATH = /\.log(\.\d+)?$|\.log\b|(^|\/)logs?\//i;
const LOG4JS_FILE_TYPES = new Set(fileLoggerOf('log4js')?.fileTypes);
const BUNYAN_FILE_TYPES = new Set(fileLoggerOf('bunyan')?.fileTypes);
const PINO_FILE_TARGETS = new Set(fileLoggerOf('pino')?.fileTargets);
const PM2_FILE = /(^|\/)(ecosystem|pm2)([.-][\w-]+)*\.(config\.)?([cm]?js|json|ya?ml)$/i;

const messages = {
  fileLogging: 'Logs are written to a file ({{what}}) instead of stdout.',
};
type Ctx = TsFileContext<keyof typeof messages>;

export default defineRule({
  id: 'logs/file-logging',
  factor: 'logs',
  severity: 'error',
  // Off by default: 5 true, 3 false, 4 debatable of 12 judged on the accuracy corpus (docs/accuracy.md):
  // a file transport added only when the configuration asks for it, an offline script's report files.
  presets: { recommended: 'off', strict: 'error' },
  // Every branch below needs one of these: fs writes, pm2 *_file keys, pino, morgan, log4js configure,
  // bunyan createLogger, winston transports.
  textHints: { ts: ['_file', 'writeFile', 'appendFile', 'createWriteStream', 'destination', 'morgan', 'configure', 'createLogger', 'pino', 'transport', 'DailyRotateFile', ...FILE_LOGGERS.flatMap((l) => l.packages)] },
  docs: {
    description:
      'Logs written to files (fs streams, winston File and daily-rotate-file transports, pino file destinations, log4js file appenders, bunyan file streams, simple-node-logger file loggers, morgan to a file, pm2 out_file/error_file/log_file)',
    remediation: 'Write logs unbuffered to stdout (and stderr) and let the execution environment route them: docker logs, the Kubernetes log pipeline, a log shipper.',
  },
  messages,
  create: () => {
    /** Variables holding a write stream, by name, with the call that created it. */
    const streams = new Map<string, ts.CallExpression>();
    const reported = new Set<ts.Node>();
    const flag = (node: ts.Node, ctx: Ctx, what: string) => {
      if (reported.has(node)) return;
      reported.add(node);
      ctx.report({ node, messageId: 'fileLogging', data: { what }, evidence: node.getText(ctx.sourceFile).slice(0, 80) });
    };
    return {
      structured(facts, ctx) {
        if (!PM2_FILE.test(ctx.path)) return;
        for (const doc of facts.docs) {
          const apps = isRecord(doc.value) && Array.isArray(doc.value.apps) ? doc.value.apps : [];
          apps.forEach((app, i) => {
            if (!isRecord(app)) return;
            for (const [key, value] of Object.entries(app)) {
              if (!PM2_LOG_KEYS.has(key) || typeof value !== 'string' || PM2_NOT_A_FILE.has(value)) continue;
              ctx.report({
                loc: { file: ctx.path, ...valuePositionOf(doc, `/apps/${i}/${key}`) },
                messageId: 'fileLogging',
                data: { what: `pm2 ${key} ${value}` },
                evidence: `${key}: ${value}`.slice(0, 80),
              });
            }
          });
        }
      },
      ts: {
        PropertyAssignment(node: ts.PropertyAssignment, ctx) {
          const key = propertyNameText(node.name);
          if (!key || !PM2_LOG_KEYS.has(key)) return;
          const value = pathText(node.initializer);
          if (value === undefined || PM2_NOT_A_FILE.has(value)) return;
          // An ecosystem file, or an app entry of an `apps: [...]` list.
          const list = node.parent.parent;
          const inApps = ts.isArrayLiteralExpression(list) && ts.isPropertyAssignment(list.parent) && propertyNameText(list.parent.name) === 'apps';
          if (!inApps && !PM2_FILE.test(ctx.path)) return;
          flag(node, ctx, `pm2 ${key} ${value}`);
        },
        CallExpression(node: ts.CallExpression, ctx) {
          const imported = resolveImported(node.expression, ctx.sourceFile);
          // Most calls are neither on an imported name nor named as a branch below needs: they stop
          // before their dotted name is built.
          if (!imported && !CALLEE_NAMES.has(calleeName(node) ?? '')) return;
          const callee = dottedName(node.expression) ?? '';
          const method = callee.slice(callee.lastIndexOf('.') + 1);
          const library = imported && fileLoggerOf(imported.module);
          const fileCall = library?.fileCalls?.find((c) => samePath(c.path, imported!.path));
          if (imported && fileCall) {
            const arg = node.arguments[0];
            const what = `${imported.module} ${imported.path.join('.')}`;
            if (fileCall.file === 'always') flag(node, ctx, what);
            else if (fileCall.file === 'arg0') {
              const dest = destinationOf(arg);
              if (dest !== undefined && !STDIO_DESTINATIONS.has(dest)) flag(node, ctx, `${imported.module} ${method} ${dest}`);
            } else {
              const file = objectProperty(arg, fileCall.file.option);
              if (file) flag(node, ctx, `${what} ${fileCall.file.option} ${pathText(file) ?? ''}`.trim());
            }
            return;
          }
          // pino(options, './app.log'): a string destination is a file path.
          if (imported?.module === 'pino' && imported.path.length === 0 && node.arguments.length >= 2) {
            const dest = stringValue(node.arguments[1]);
            if (dest !== undefined && !STDIO_DESTINATIONS.has(dest)) flag(node, ctx, `pino destination ${dest}`);
          }
          // fs.createWriteStream('app.log'), fs.appendFileSync('logs/x.log', ...)
          if (/^(createWriteStream|appendFile|appendFileSync|writeFile|writeFileSync)$/.test(method)) {
            const target = pathText(node.arguments[0]);
            if (method === 'createWriteStream' && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
              streams.set(node.parent.name.text, node);
            }
            if (target !== undefined && LOG_PATH.test(target)) flag(node, ctx, `${method} to ${target}`);
            return;
          }
          // pino.destination('./app.log') / pino.destination({ dest: './app.log' })
          if (/(^|\.)destination$/.test(callee) && /pino/i.test(callee)) {
            const dest = destinationOf(node.arguments[0]);
            if (dest !== undefined && !STDIO_DESTINATIONS.has(dest)) flag(node, ctx, `pino destination ${dest}`);
            return;
          }
          // morgan('combined', { stream: accessLogStream })
          if (callee === 'morgan') {
            const stream = objectProperty(node.arguments[1], 'stream');
            if (!stream) return;
            const s = unwrap(stream);
            if (ts.isIdentifier(s) && streams.has(s.text)) flag(streams.get(s.text)!, ctx, 'morgan access log stream');
            else if (ts.isCallExpression(s) && /createWriteStream$/.test(dottedName(s.expression) ?? '')) flag(s, ctx, 'morgan access log stream');
            return;
          }
          // log4js.configure({ appenders: { file: { type: 'file', filename } } })
          if (/(^|\.)configure$/.test(callee)) {
            const appenders = objectProperty(node.arguments[0], 'appenders');
            if (appenders && ts.isObjectLiteralExpression(appenders)) {
              for (const p of appenders.properties) {
                if (!ts.isPropertyAssignment(p)) continue;
                const type = stringValue(objectProperty(p.initializer, 'type'));
                if (type && LOG4JS_FILE_TYPES.has(type)) flag(p, ctx, `log4js ${type} appender`);
              }
            }
            return;
          }
          // bunyan.createLogger({ streams: [{ path: './app.log' }] })
          if (/(^|\.)createLogger$/.test(callee)) {
            const arg = node.arguments[0];
            const list = objectProperty(arg, 'streams');
            const entries = list && ts.isArrayLiteralExpression(list) ? list.elements : [];
            const single = objectProperty(arg, 'stream');
            for (const e of [...entries, ...(single ? [single] : [])]) {
              const p = pathText(objectProperty(e, 'path'));
              const type = stringValue(objectProperty(e, 'type'));
              if (p !== undefined || (type !== undefined && BUNYAN_FILE_TYPES.has(type))) flag(e, ctx, `bunyan ${type ?? 'file'} stream${p ? ` ${p}` : ''}`);
            }
            return;
          }
          // pino({ transport: { target: 'pino/file', options: { destination: './app.log' } } }) and pino.transport(...)
          const isPino = callee === 'pino' || (imported?.module === 'pino' && imported.path.length === 0);
          if (isPino || /(^|\.)transport$/.test(callee)) {
            const arg = node.arguments[0];
            const transport = isPino ? objectProperty(arg, 'transport') : arg;
            const targets = objectProperty(transport, 'targets');
            const list = targets && ts.isArrayLiteralExpression(targets) ? [...targets.elements] : transport ? [transport] : [];
            for (const t of list) {
              const target = stringValue(objectProperty(t, 'target'));
              if (target === undefined || !PINO_FILE_TARGETS.has(target)) continue;
              const options = objectProperty(t, 'options');
              const dest = stringValue(objectProperty(options, 'destination')) ?? literalNumber(objectProperty(options, 'destination')) ?? stringValue(objectProperty(options, 'file'));
              if (dest === undefined || !STDIO_DESTINATIONS.has(dest)) flag(t, ctx, `pino ${target} transport${dest ? ` to ${dest}` : ''}`);
            }
          }
        },
        NewExpression(node: ts.NewExpression, ctx) {
          const callee = dottedName(node.expression) ?? '';
          // A file transport class of a known library, under whatever name it was imported.
          const imported = resolveImported(node.expression, ctx.sourceFile);
          const library = imported && fileLoggerOf(imported.module);
          const fileClass = imported && library?.fileClasses?.find((c) => samePath(c.path, imported.path));
          if (fileClass) {
            flag(node, ctx, fileClass.name);
            return;
          }
          // new winston.transports.File(...), new transports.File(...), new DailyRotateFile(...)
          if (/(^|\.)transports\.(File|DailyRotateFile)$/.test(callee) || callee === 'DailyRotateFile' || callee === 'winston.transports.DailyRotateFile') {
            flag(node, ctx, `winston ${callee.slice(callee.lastIndexOf('.') + 1)} transport`);
          }
        },
      },
    };
  },
});

/** The callee names (calleeName: `b` of `a.b()`, `f` of `f()`) the CallExpression branches match by name rather than by import. */
const CALLEE_NAMES = new Set(['createWriteStream', 'appendFile', 'appendFileSync', 'writeFile', 'writeFileSync', 'destination', 'morgan', 'configure', 'createLogger', 'pino', 'transport']);

/** pino.destination('./app.log'), ({ dest: './app.log' }), (1), ({ dest: 2 }). */
function destinationOf(arg: ts.Expression | undefined): string | undefined {
  return stringValue(arg) ?? stringValue(objectProperty(arg, 'dest')) ?? literalNumber(objectProperty(arg, 'dest')) ?? literalNumber(arg);
}

function literalNumber(node: ts.Node | undefined): string | undefined {
  return node && ts.isNumericLiteral(node) ? node.text : undefined;
}
