import { defineRule, type FileContext } from '../../src/rule-api/types.js';
import { stringValue, ts } from '../../src/rule-api/ts-utils.js';
import { finalStage } from '../../src/model/project-model.js';
import { LOG_ROTATION_PACKAGES as ROTATION_PACKAGES } from '../../src/knowledge/loggers.js';

const INSTALLERS = /^(apt-get|apt|apk|yum|dnf|microdnf|zypper)$/;

const messages = {
  rotationInApp: '{{what}} rotates log files inside the app: a twelve-factor app writes its event stream to stdout and leaves routing, rotation and retention to the environment.',
  rotationInImage: '{{what}}: the container rotates its own log files instead of writing to stdout.',
  logrotateConfig: 'A logrotate configuration is copied into the image: the container rotates its own log files instead of writing to stdout.',
};
type Ctx = FileContext<keyof typeof messages>;

export default defineRule({
  id: 'logs/log-rotation',
  factor: 'logs',
  severity: 'warning',
  // Off by default: 10 true, 2 false, 4 debatable of 16 judged on the accuracy corpus (0.83, under the
  // warning bar; docs/accuracy.md): a rotating transport built only when the config asks for file
  // logging is read from its import alone.
  presets: { recommended: 'off', strict: 'warning' },
  // Every package of ROTATION_PACKAGES names `rotat`, but pino-roll.
  textHints: { ts: ['rotat', 'pino-roll'] },
  docs: {
    description: 'The app rotates its own log files (winston-daily-rotate-file, rotating-file-stream, pino-roll, logrotate or pm2-logrotate installed in the image)',
    remediation:
      'Write the event stream to stdout and let the execution environment collect, rotate and retain it (docker logging driver, Kubernetes node log rotation, a log router such as Fluent Bit or Vector); drop the rotation package or the logrotate install.',
  },
  messages,
  create: () => {
    const report = (ctx: Ctx, node: ts.Node, what: string) =>
      ctx.report({
        node,
        messageId: 'rotationInApp',
        data: { what },
        evidence: what,
      });
    return {
      ts: {
        ImportDeclaration(node: ts.ImportDeclaration, ctx) {
          const spec = stringValue(node.moduleSpecifier);
          if (spec && ROTATION_PACKAGES.has(spec) && !node.importClause?.isTypeOnly) report(ctx, node, spec);
        },
        CallExpression(node: ts.CallExpression, ctx) {
          const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
          const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
          if (!isRequire && !isImport) return;
          const spec = stringValue(node.arguments[0]);
          if (spec && ROTATION_PACKAGES.has(spec)) report(ctx, node, spec);
        },
      },
      dockerfile(facts, ctx) {
        const stage = finalStage(facts);
        if (!stage) return;
        for (const ins of stage.instructions) {
          if (ins.keyword === 'RUN') {
            for (const cmd of ins.commands ?? []) {
              const [program, sub] = cmd.argv;
              const installs = program !== undefined && INSTALLERS.test(program) && (sub === 'install' || sub === 'add');
              const what = installs && cmd.argv.includes('logrotate') ? 'logrotate installed in the image' : program === 'pm2' && sub === 'install' && cmd.argv.includes('pm2-logrotate') ? 'pm2-logrotate installed in the image' : undefined;
              if (what) {
                ctx.report({ loc: { file: ctx.path, line: ins.line + cmd.lineOffset, column: 1 }, messageId: 'rotationInImage', data: { what }, evidence: cmd.argv.join(' ').slice(0, 80) });
              }
            }
          } else if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && /\/etc\/logrotate\.d\b|\/etc\/logrotate\.conf\b/.test(ins.text)) {
            ctx.report({ loc: { file: ctx.path, line: ins.line, column: ins.column }, messageId: 'logrotateConfig', evidence: ins.text.slice(0, 80) });
          }
        }
      },
    };
  },
});
