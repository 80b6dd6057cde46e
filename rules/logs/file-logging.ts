import { defineRule, type TsFileContext } from '../../src/rule-api/types.js';
import { dottedName, objectProperty, pathText, propertyNameText, stringValue, ts, unwrap } from '../../src/rule-api/ts-utils.js';
import { isRecord, valuePositionOf } from '../../src/parsing/structured.js';

/** A path that names a log file or a log folder. */
const LOG_PATH = /\.log(\.\d+)?$|\.log\b|(^|\/)logs?\//i;
const STDIO_DESTINATIONS = new Set(['1', '2', '/dev/stdout', '/dev/stderr', 'process.stdout', 'process.stderr']);
/** pm2 app keys that name log files; `/dev/null` discards and `/dev/stdout` streams, so neither is a file. */
const PM2_LOG_KEYS = new Set(['out_file', 'error_file', 'log_file']);
const PM2_NOT_A_FILE = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', 'NULL']);
const PM2_FILE = /(^|\/)(ecosystem|pm2)([.-][\w-]+)*\.(config\.)?([cm]?js|json|ya?ml)$/i;

export default defineRule({
  id: 'logs/file-logging',
  factor: 'logs',
  severity: 'error',
  // Every branch below needs one of these: fs writes, pm2 *_file keys, pino, morgan, log4js configure,
  // bunyan createLogger, winston transports.
  textHints: { ts: ['_file', 'writeFile', 'appendFile', 'createWriteStream', 'destination', 'morgan', 'configure', 'createLogger', 'pino', 'transport', 'DailyRotateFile'] },
  docs: {
    description: 'Logs written to files (fs streams, winston File, pino file destinations, log4js file appenders, bunyan file streams, morgan to a file, pm2 out_file/error_file/log_file)',
    remediation: 'Write logs unbuffered to stdout (and stderr) and let the execution environment route them: docker logs, the Kubernetes log pipeline, a log shipper.',
  },
  create: () => {
    /** Variables holding a write stream, by name, with the call that created it. */
    const streams = new Map<string, ts.CallExpression>();
    const reported = new Set<ts.Node>();
    const flag = (node: ts.Node, ctx: TsFileContext, what: string) => {
      if (reported.has(node)) return;
      reported.add(node);
      ctx.report({ node, message: `Logs are written to a file (${what}) instead of stdout.`, evidence: node.getText(ctx.sourceFile).slice(0, 80) });
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
                message: `Logs are written to a file (pm2 ${key} ${value}) instead of stdout.`,
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
          const callee = dottedName(node.expression) ?? '';
          const method = callee.slice(callee.lastIndexOf('.') + 1);
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
            const arg = node.arguments[0];
            const dest = stringValue(arg) ?? stringValue(objectProperty(arg, 'dest')) ?? literalNumber(objectProperty(arg, 'dest')) ?? literalNumber(arg);
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
                if (type && /^(file|fileSync|dateFile|multiFile)$/.test(type)) flag(p, ctx, `log4js ${type} appender`);
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
              if (p !== undefined || type === 'file' || type === 'rotating-file') flag(e, ctx, `bunyan ${type ?? 'file'} stream${p ? ` ${p}` : ''}`);
            }
            return;
          }
          // pino({ transport: { target: 'pino/file', options: { destination: './app.log' } } }) and pino.transport(...)
          if (callee === 'pino' || /(^|\.)transport$/.test(callee)) {
            const arg = node.arguments[0];
            const transport = callee === 'pino' ? objectProperty(arg, 'transport') : arg;
            const targets = objectProperty(transport, 'targets');
            const list = targets && ts.isArrayLiteralExpression(targets) ? [...targets.elements] : transport ? [transport] : [];
            for (const t of list) {
              const target = stringValue(objectProperty(t, 'target'));
              if (target !== 'pino/file' && target !== 'pino-roll') continue;
              const options = objectProperty(t, 'options');
              const dest = stringValue(objectProperty(options, 'destination')) ?? literalNumber(objectProperty(options, 'destination')) ?? stringValue(objectProperty(options, 'file'));
              if (dest === undefined || !STDIO_DESTINATIONS.has(dest)) flag(t, ctx, `pino ${target} transport${dest ? ` to ${dest}` : ''}`);
            }
          }
        },
        NewExpression(node: ts.NewExpression, ctx) {
          const callee = dottedName(node.expression) ?? '';
          // new winston.transports.File(...), new transports.File(...), new DailyRotateFile(...)
          if (/(^|\.)transports\.(File|DailyRotateFile)$/.test(callee) || callee === 'DailyRotateFile' || callee === 'winston.transports.DailyRotateFile') {
            flag(node, ctx, `winston ${callee.slice(callee.lastIndexOf('.') + 1)} transport`);
          }
        },
      },
    };
  },
});

function literalNumber(node: ts.Node | undefined): string | undefined {
  return node && ts.isNumericLiteral(node) ? node.text : undefined;
}
