import { defineRule } from '../../src/rule-api/types.js';
import { calleeName, dottedName, objectProperty, stringValue, ts } from '../../src/rule-api/ts-utils.js';
import { describeChain } from '../../src/model/run-commands.js';
import { isNonProduction } from '../../src/model/file-role.js';
import { DETACHABLE_CHILD_FUNCTIONS as CHILD_FNS } from '../../src/knowledge/system-tools.js';


const messages = {
  daemonPackage: 'The process daemonizes itself with the daemon package: the process manager loses track of it.',
  detachedChild: 'A child process is spawned detached and unref()-ed: it outlives this process, unsupervised, and no SIGTERM reaches it.',
  backgrounded: '{{why}}: the process manager no longer supervises {{command}} ({{chain}}).',
};

export default defineRule({
  id: 'concurrency/daemonized-process',
  factor: 'concurrency',
  severity: 'error',
  presets: { recommended: 'off', strict: 'error' },
  targets: ['xf', 'dockerfile', 'compose', 'k8s', 'package-json', 'procfile', 'ts'],
  // The daemon package, or a child spawned with `detached: true`.
  textHints: { ts: ['daemon', 'detached'] },
  docs: {
    description:
      'A process that puts itself or its work in the background: `pm2 start` (not pm2-runtime), `forever start`, `nohup`/`&` as the last thing a run command does, the `daemon` package, a child spawned `{ detached: true }` and unref()-ed',
    remediation:
      'Run the process in the foreground and let the process manager (Docker, Kubernetes, systemd, Heroku) start, restart and stop it: `pm2-runtime` instead of `pm2 start`, `node server.js` instead of `forever start`, no `nohup`/`&`.',
  },
  messages,
  create: () => {
    const daemonNames = new Set<string>();
    const detached: ts.CallExpression[] = [];
    const unrefTargets = new Set<string>();
    let chainedUnref = new Set<ts.CallExpression>();
    return {
      ts: {
        ImportDeclaration(node: ts.ImportDeclaration) {
          if (stringValue(node.moduleSpecifier) === 'daemon' && node.importClause?.name) daemonNames.add(node.importClause.name.text);
        },
        VariableDeclaration(node: ts.VariableDeclaration) {
          const init = node.initializer;
          if (init && ts.isCallExpression(init) && dottedName(init.expression) === 'require' && stringValue(init.arguments[0]) === 'daemon' && ts.isIdentifier(node.name)) {
            daemonNames.add(node.name.text);
          }
        },
        CallExpression(node: ts.CallExpression, ctx) {
          const name = calleeName(node);
          // require('daemon')()
          const direct = ts.isCallExpression(node.expression) && dottedName(node.expression.expression) === 'require' && stringValue(node.expression.arguments[0]) === 'daemon';
          if (direct || (ts.isIdentifier(node.expression) && daemonNames.has(node.expression.text))) {
            ctx.report({ node, messageId: 'daemonPackage' });
            return;
          }
          if (name === 'unref' && ts.isPropertyAccessExpression(node.expression)) {
            const target = node.expression.expression;
            if (ts.isCallExpression(target)) chainedUnref.add(target);
            else if (ts.isIdentifier(target)) unrefTargets.add(target.text);
            return;
          }
          if (name && CHILD_FNS.has(name)) {
            const options = node.arguments.find((a) => ts.isObjectLiteralExpression(a));
            if (objectProperty(options, 'detached')?.kind === ts.SyntaxKind.TrueKeyword) detached.push(node);
          }
        },
        'Program:exit'(_sf, ctx) {
          for (const call of detached) {
            const parent = call.parent;
            const variable = parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
            if (!chainedUnref.has(call) && !(variable && unrefTargets.has(variable))) continue;
            ctx.report({
              node: call,
              messageId: 'detachedChild',
              evidence: call.getText(ctx.sourceFile).slice(0, 80),
            });
          }
          chainedUnref = new Set();
        },
      },
    };
  },
  checkProject(model, ctx) {
    const seen = new Set<string>();
    for (const { command, leaves } of model.runCommands()) {
      if (isNonProduction(command.environment)) continue;
      leaves.forEach((leaf, i) => {
        const argv = leaf.argv;
        const program = (argv[0] ?? '').split('/').pop() ?? '';
        let why: string | undefined;
        if (program === 'pm2' && argv[1] === 'start' && !argv.includes('--no-daemon')) why = '`pm2 start` daemonizes (use pm2-runtime in containers)';
        else if (program === 'forever' && (argv[1] === 'start' || argv[1] === 'restart')) why = '`forever start` daemonizes';
        else if (leaf.wrappers.includes('nohup')) why = '`nohup` detaches the process from its parent';
        else if (leaf.shell?.background) {
          // `a &` as the last long-running thing: nothing in the foreground keeps it supervised.
          const later = leaves.slice(i + 1).filter((l) => l.at.file === leaf.at.file && !isHarmless(l.argv));
          if (later.length === 0 && !leaves.slice(i + 1).some((l) => l.argv[0] === 'wait')) why = 'the command is sent to the background with `&`';
        }
        if (!why) return;
        const key = `${leaf.at.file}:${leaf.at.line}:${argv.join(' ')}`;
        if (seen.has(key)) return;
        seen.add(key);
        ctx.report({
          loc: leaf.at,
          messageId: 'backgrounded',
          data: { why, command: argv.slice(0, 3).join(' '), chain: describeChain(leaf) },
          evidence: argv.slice(0, 5).join(' '),
        });
      });
    }
  },
});

function isHarmless(argv: string[]): boolean {
  return /^(echo|printf|true|:|sleep|set|export|tail)$/.test(argv[0] ?? '');
}
