import { defineRule, type TsFileContext } from '../../src/rule-api/types.js';
import { dottedName, objectProperty, pathText, stringValue, ts, unwrap } from '../../src/rule-api/ts-utils.js';

/** A path that names a log file or a log folder. */
const LOG_PATH = /\.log(\.\d+)?$|\.log\b|(^|\/)logs?\//i;
const STDIO_DESTINATIONS = new Set(['1', '2', '/dev/stdout', '/dev/stderr', 'process.stdout', 'process.stderr']);

export default defineRule({
  id: 'logs/file-logging',
  factor: 'logs',
  severity: 'error',
  targets: ['ts'],
  docs: {
    description: 'Logs written to files (fs streams, winston File, pino file destinations, log4js file appenders, bunyan file streams, morgan to a file)',
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
      ts: {
        CallExpression(node: ts.CallExpression, ctx) {
          if (ctx.isTest) return;
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
          if (ctx.isTest) return;
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
