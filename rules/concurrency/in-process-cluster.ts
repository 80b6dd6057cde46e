import { defineRule } from '../../src/rule-api/types.js';
import { propertyNameText, stringValue, ts } from '../../src/rule-api/ts-utils.js';
import { isRecord, positionOf } from '../../src/parsing/structured.js';
import { describeChain } from '../../src/model/run-commands.js';
import { isNonProduction } from '../../src/model/file-role.js';
import { resolveImported } from '../../src/rule-api/ts-imports.js';
import { CLUSTER_LIBRARIES, clusterLibrary } from '../../src/knowledge/cluster.js';

const ECOSYSTEM = /(^|\/)(ecosystem(\.config)?|pm2(\.config)?)\.(c?js|mjs|json|ya?ml)$/i;

const messages = {
  clusterFork: 'cluster.fork() runs several copies of the app in one container: scale out with more processes instead.',
  clusterLibrary: '{{module}}(...) forks {{workers}} of the app in one container: scale out with more processes instead.',
  pm2ClusterMode: 'pm2 exec_mode "cluster" forks the app inside one container.',
  pm2Instances: 'pm2 instances {{instances}} forks the app inside one container.',
  pm2CommandInstances: '{{program}} -i {{instances}} forks the app inside one container ({{chain}}).',
};

export default defineRule({
  id: 'concurrency/in-process-cluster',
  factor: 'concurrency',
  severity: 'info',
  // A library of CLUSTER_LIBRARIES, or a pm2 ecosystem file (by name).
  textHints: { ts: CLUSTER_LIBRARIES.map((c) => c.module), path: ECOSYSTEM },
  docs: {
    description: 'The process forks copies of itself (`cluster.fork()`, throng, pm2 `-i max`, `exec_mode: "cluster"`, `instances` > 1) instead of leaving scale-out to the process manager',
    remediation:
      'Run one process per container and scale out with replicas (Deployment replicas, compose --scale, Heroku dynos); the orchestrator then sees, restarts and load-balances every process.',
  },
  messages,
  create: () => {
    const clusterNames = new Set<string>();
    return {
      ts: {
        ImportDeclaration(node: ts.ImportDeclaration) {
          const spec = stringValue(node.moduleSpecifier);
          if (!spec || clusterLibrary(spec)?.module !== 'cluster' || !node.importClause) return;
          if (node.importClause.name) clusterNames.add(node.importClause.name.text);
          const nb = node.importClause.namedBindings;
          if (nb && ts.isNamespaceImport(nb)) clusterNames.add(nb.name.text);
        },
        VariableDeclaration(node: ts.VariableDeclaration) {
          const init = node.initializer;
          if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && clusterLibrary(stringValue(init.arguments[0]) ?? '')?.module === 'cluster' && ts.isIdentifier(node.name)) {
            clusterNames.add(node.name.text);
          }
        },
        CallExpression(node: ts.CallExpression, ctx) {
          const e = node.expression;
          if (ts.isPropertyAccessExpression(e) && clusterLibrary('cluster')!.forks.includes(e.name.text) && ts.isIdentifier(e.expression) && clusterNames.has(e.expression.text)) {
            ctx.report({ node, messageId: 'clusterFork' });
            return;
          }
          // throng(start), throng({ worker, count }), throng(4, start)
          const imported = resolveImported(e, ctx.sourceFile);
          const library = imported && imported.module !== 'cluster' ? clusterLibrary(imported.module) : undefined;
          if (!library || imported!.path.join('.') !== library.forks.join('.')) return;
          const count = workerCount(node, library.countOptions);
          if (count !== undefined && !manyInstances(count)) return;
          ctx.report({ node, messageId: 'clusterLibrary', data: { module: library.module, workers: count === undefined ? 'one worker per CPU' : `${count} workers` } });
        },
        PropertyAssignment(node: ts.PropertyAssignment, ctx) {
          if (!ECOSYSTEM.test(ctx.path)) return;
          const name = propertyNameText(node.name);
          const v = node.initializer;
          if (name === 'exec_mode' && stringValue(v) === 'cluster') ctx.report({ node, messageId: 'pm2ClusterMode' });
          if ((name === 'instances' || name === 'i') && manyInstances(stringValue(v) ?? (ts.isNumericLiteral(v) ? Number(v.text) : ts.isPrefixUnaryExpression(v) ? -1 : undefined))) {
            ctx.report({ node, messageId: 'pm2Instances', data: { instances: v.getText(ctx.sourceFile) } });
          }
        },
      },
      structured(facts, ctx) {
        if (!ECOSYSTEM.test(ctx.path)) return;
        for (const doc of facts.docs) {
          const root = doc.value;
          const apps = isRecord(root) && Array.isArray(root.apps) ? root.apps : Array.isArray(root) ? root : [];
          const prefix = Array.isArray(root) ? '' : '/apps';
          apps.forEach((app, i) => {
            if (!isRecord(app)) return;
            if (app.exec_mode === 'cluster') ctx.report({ loc: { file: ctx.path, ...positionOf(doc, `${prefix}/${i}/exec_mode`) }, messageId: 'pm2ClusterMode' });
            const inst = app.instances ?? app.i;
            if (manyInstances(typeof inst === 'string' || typeof inst === 'number' ? inst : undefined)) {
              ctx.report({ loc: { file: ctx.path, ...positionOf(doc, `${prefix}/${i}/${'instances' in app ? 'instances' : 'i'}`) }, messageId: 'pm2Instances', data: { instances: String(inst) } });
            }
          });
        }
      },
    };
  },
  checkProject(model, ctx) {
    const seen = new Set<string>();
    for (const { command, leaves } of model.runCommands()) {
      if (isNonProduction(command.environment)) continue;
      for (const leaf of leaves) {
        const program = (leaf.argv[0] ?? '').split('/').pop() ?? '';
        if (program !== 'pm2' && program !== 'pm2-runtime' && program !== 'pm2-docker') continue;
        const at = leaf.argv.findIndex((a) => a === '-i' || a === '--instances');
        const value = at >= 0 ? leaf.argv[at + 1] : leaf.argv.find((a) => a.startsWith('--instances='))?.split('=')[1];
        if (!manyInstances(value)) continue;
        const key = `${leaf.at.file}:${leaf.at.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({ loc: leaf.at, messageId: 'pm2CommandInstances', data: { program, instances: value!, chain: describeChain(leaf) }, evidence: leaf.argv.join(' ').slice(0, 80) });
      }
    }
  },
});

/** The worker count a cluster library call is given, when it is a literal (undefined: its default, usually one per CPU, or not known). */
function workerCount(call: ts.CallExpression, options: string[]): number | string | undefined {
  const [first] = call.arguments;
  if (first && ts.isNumericLiteral(first)) return Number(first.text);
  const obj = first && ts.isObjectLiteralExpression(first) ? first : undefined;
  for (const name of options) {
    const p = obj?.properties.find((x) => ts.isPropertyAssignment(x) && propertyNameText(x.name) === name);
    if (p && ts.isPropertyAssignment(p)) return ts.isNumericLiteral(p.initializer) ? Number(p.initializer.text) : 'several';
  }
  return undefined;
}

function manyInstances(v: string | number | undefined): boolean {
  if (v === undefined) return false;
  if (v === 'max' || v === -1 || v === 0 || v === '0' || v === '-1') return true;
  const n = Number(v);
  return Number.isFinite(n) && n > 1;
}
