import path from 'node:path/posix';
import { defineRule, type FileContext } from '../../src/rule-api/types.js';
import type { StructuredDoc } from '../../src/parsing/facts.js';
import { escapePointer, isRecord, positionOf } from '../../src/parsing/structured.js';
import { propertyNameText, stringValue, ts, unwrap, envVarName } from '../../src/rule-api/ts-utils.js';

const ENV_NAMES = new Set(['production', 'prod', 'staging', 'stage', 'development', 'dev', 'test', 'testing', 'qa', 'uat', 'preprod', 'preproduction', 'local', 'sandbox', 'demo']);
/** Environments that are deploys (not a developer's machine or a test run). */
const DEPLOYED = new Set(['production', 'prod', 'staging', 'stage', 'qa', 'uat', 'preprod', 'preproduction', 'sandbox', 'demo']);
const CONFIG_DIR = /^(config|configs|conf|configuration|environments|envs?|settings)$/i;
const CONFIG_STEM = /(^|[._-])(config|configuration|settings|environment|env|ormconfig|knexfile|database|db|app)$/i;
/** Variables that name the environment. */
const ENV_SELECTOR = /^(NODE_ENV|APP_ENV|ENV|ENVIRONMENT|STAGE|DEPLOY_ENV|RUNTIME_ENV)$/;

const messages = {
  filesPerEnvironment: 'Config is grouped by named environment ({{files}}): each new deploy needs a new file, and values that differ per deploy live in the code.',
  objectPerEnvironment: "A config object keyed by environment ({{keys}}): the code decides each deploy's settings.",
  hostPerEnvironment: 'The environment name chooses a host or URL ({{value}}): read it from its own environment variable instead.',
  sectionPerEnvironment: "{{file}} keeps one config section per environment ({{keys}}): each deploy's settings are written into the repository.",
};
type Ctx = FileContext<keyof typeof messages>;

export default defineRule({
  id: 'config/per-environment-config',
  factor: 'config',
  severity: 'warning',
  // Strict only: 9 true of 17 judged findings on the accuracy corpus (docs/accuracy.md).
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['ts', 'json-yaml', 'repo'],
  docs: {
    description: 'Named environment groups: config/production.json, config.staging.ts, a config object keyed by development/production, NODE_ENV switches choosing hosts or URLs',
    remediation: 'Give every deploy the same code and config shape, and read the values that differ (hosts, URLs, credentials, flags) from environment variables, one per setting.',
  },
  messages,
  checkProject(model, ctx) {
    // Files named after environments, grouped by folder: config/production.json, environment.prod.ts.
    const groups = new Map<string, Array<{ file: string; env: string }>>();
    for (const f of model.files.values()) {
      if (f.isTest || (f.kind !== 'ts' && f.kind !== 'structured')) continue;
      const base = path.basename(f.path);
      const stem = base.replace(/\.[^.]+$/, '').toLowerCase();
      const dir = path.dirname(f.path);
      let env: string | undefined;
      if (ENV_NAMES.has(stem) && CONFIG_DIR.test(path.basename(dir))) env = stem;
      else {
        const dot = stem.lastIndexOf('.');
        const last = dot > 0 ? stem.slice(dot + 1) : '';
        if (ENV_NAMES.has(last) && CONFIG_STEM.test(stem.slice(0, dot))) env = last;
      }
      if (!env) continue;
      const list = groups.get(dir) ?? [];
      list.push({ file: f.path, env });
      groups.set(dir, list);
    }
    for (const [, list] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const deployed = list.filter((m) => DEPLOYED.has(m.env));
      if (deployed.length === 0 && list.length < 2) continue;
      const target = (deployed[0] ?? list[0])!;
      const names = list.map((m) => path.basename(m.file)).sort().join(', ');
      ctx.report({
        loc: { file: target.file, line: 1, column: 1 },
        messageId: 'filesPerEnvironment',
        data: { files: names },
      });
    }
  },
  create: () => ({
    structured(facts, ctx) {
      for (const doc of facts.docs) checkKeyedConfig(doc, ctx);
    },
    ts: {
      ObjectLiteralExpression(node: ts.ObjectLiteralExpression, ctx) {
        const keyed = node.properties.filter((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ENV_NAMES.has((propertyNameText(p.name) ?? '').toLowerCase()));
        const objects = keyed.filter((p) => ts.isObjectLiteralExpression(unwrap(p.initializer)));
        const names = objects.map((p) => propertyNameText(p.name)!.toLowerCase());
        if (objects.length < 2 || !names.some((n) => DEPLOYED.has(n))) return;
        const first = objects.find((p) => DEPLOYED.has(propertyNameText(p.name)!.toLowerCase()))!;
        ctx.report({ node: first.name, messageId: 'objectPerEnvironment', data: { keys: objects.map((p) => propertyNameText(p.name)).join(', ') } });
      },
      ConditionalExpression(node: ts.ConditionalExpression, ctx) {
        if (!selectsEnvironment(node.condition)) return;
        const branch = [node.whenTrue, node.whenFalse].map((b) => stringValue(unwrap(b))).find((v) => v !== undefined && looksLikeHostOrUrl(v));
        if (branch === undefined) return;
        ctx.report({ node, messageId: 'hostPerEnvironment', data: { value: branch.slice(0, 60) }, evidence: branch.slice(0, 60) });
      },
    },
  }),
});

function checkKeyedConfig(doc: StructuredDoc, ctx: Ctx): void {
  if (!isRecord(doc.value)) return;
  const keys = Object.keys(doc.value).filter((k) => ENV_NAMES.has(k.toLowerCase()) && isRecord((doc.value as Record<string, unknown>)[k]));
  if (keys.length < 2 || !keys.some((k) => DEPLOYED.has(k.toLowerCase()))) return;
  const first = keys.find((k) => DEPLOYED.has(k.toLowerCase()))!;
  ctx.report({
    loc: { file: ctx.path, ...positionOf(doc, `/${escapePointer(first)}`) },
    messageId: 'sectionPerEnvironment',
    data: { file: path.basename(ctx.path), keys: keys.join(', ') },
  });
}

/** `process.env.NODE_ENV === 'production'`, `isProd` built from it is out of reach (syntax only). */
function selectsEnvironment(cond: ts.Expression): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if (found) return;
    const name = ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) ? envVarName(n) : undefined;
    if (name && ENV_SELECTOR.test(name)) {
      found = true;
      return;
    }
    n.forEachChild(visit);
  };
  visit(cond);
  return found;
}

function looksLikeHostOrUrl(v: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(v) || /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d+)?$/i.test(v);
}
