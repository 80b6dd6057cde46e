import { defineRule, type FileContext, type MessageData } from '../../src/rule-api/types.js';
import { isRecord, valuePositionOf } from '../../src/parsing/structured.js';
import { envVarName, objectProperty, propertyNameText, stringValue, ts, unwrap } from '../../src/rule-api/ts-utils.js';
import { engineOfDriver, sightings, type Category, type Sighting } from './_backing.js';

const DEV_KEYS = ['development', 'dev', 'local'];
const PROD_KEYS = ['production', 'prod'];
const DRIVER_KEYS = ['client', 'dialect', 'type', 'driver'];
const ENV_KEYS = new Set([...DEV_KEYS, ...PROD_KEYS]);

/** The name objectProperty() finds a property of an object literal by ('' for any other member). */
function ownKeyName(p: ts.ObjectLiteralExpression['properties'][number]): string {
  if (ts.isPropertyAssignment(p)) return propertyNameText(p.name) ?? '';
  if (ts.isShorthandPropertyAssignment(p)) return p.name.text;
  return '';
}
/** Names of booleans that mean "in production" / "in development". */
const ENV_FLAG = /^(is|IS_)?(prod|production|dev|development|local)$/i;

const messages = {
  driverByEnvironment: 'The database driver is chosen by environment ({{a}} or {{b}}): development and production run different engines.',
  differentEngines: '{{devEnv}} uses {{devValue}} but {{prodEnv}} uses {{prodValue}}: development and production run different database engines.',
  developmentDiffers: 'Development runs {{engine}} as its {{category}} ({{how}}) but production runs {{prodEngines}} ({{exampleHow}}, {{file}}:{{line}}).',
};
type Ctx = FileContext<keyof typeof messages>;

export default defineRule({
  id: 'dev-prod-parity/divergent-backing-service',
  factor: 'dev-prod-parity',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  targets: ['xf', 'ts', 'compose', 'k8s', 'env', 'json-yaml'],
  roles: ['runtime', 'dev'],
  mattersOutsideRuntime: 'dev/prod parity judges the development set-up against production',
  docs: {
    description: 'Development uses another engine than production for the same backing service (sqlite in the dev compose file and postgres in Kubernetes; a driver chosen by NODE_ENV; knexfile/Sequelize config with another client per environment)',
    remediation:
      'Run the same engine in every environment (postgres in a dev container, not sqlite), so that what passes in development runs in production; if a lighter setup is needed for tests, keep the engine and shrink the data.',
  },
  messages,
  create: () => ({
    ts: {
      ConditionalExpression(node: ts.ConditionalExpression, ctx) {
        if (!testsEnvironment(node.condition)) return;
        const a = stringValue(unwrap(node.whenTrue));
        const b = stringValue(unwrap(node.whenFalse));
        const ea = a !== undefined ? engineOfDriver(a) : undefined;
        const eb = b !== undefined ? engineOfDriver(b) : undefined;
        if (ea && eb && ea !== eb) {
          ctx.report({ node, messageId: 'driverByEnvironment', data: { a: a!, b: b! }, evidence: node.getText(ctx.sourceFile).slice(0, 80) });
        }
      },
      ObjectLiteralExpression(node: ts.ObjectLiteralExpression, ctx) {
        // Nearly every object literal names no environment: one look at its keys, not one per key.
        if (!node.properties.some((p) => ENV_KEYS.has(ownKeyName(p)))) return;
        const engineAt = (keys: string[]) => {
          for (const k of keys) {
            const env = objectProperty(node, k);
            for (const d of DRIVER_KEYS) {
              const p = env && ts.isObjectLiteralExpression(unwrap(env)) ? objectProperty(unwrap(env), d) : undefined;
              const v = p ? stringValue(unwrap(p)) : undefined;
              const e = v !== undefined ? engineOfDriver(v) : undefined;
              if (p && e) return { node: p, value: v!, engine: e, env: k };
            }
          }
          return undefined;
        };
        const dev = engineAt(DEV_KEYS);
        const prod = engineAt(PROD_KEYS);
        if (dev && prod && dev.engine !== prod.engine) {
          ctx.report({ node: dev.node, messageId: 'differentEngines', data: { devEnv: dev.env, devValue: dev.value, prodEnv: prod.env, prodValue: prod.value }, evidence: `${dev.value} / ${prod.value}` });
        }
      },
    },
    structured(facts, ctx) {
      for (const doc of facts.docs) {
        if (!isRecord(doc.value)) continue;
        const find = (keys: string[]) => {
          for (const k of keys) {
            const env = doc.value && isRecord(doc.value) ? doc.value[k] : undefined;
            if (!isRecord(env)) continue;
            for (const d of DRIVER_KEYS) {
              const v = env[d];
              const e = typeof v === 'string' ? engineOfDriver(v) : undefined;
              if (e) return { pointer: `/${k}/${d}`, value: v as string, engine: e, env: k };
            }
          }
          return undefined;
        };
        const dev = find(DEV_KEYS);
        const prod = find(PROD_KEYS);
        if (dev && prod && dev.engine !== prod.engine) report(ctx, { ...valuePositionOf(doc, dev.pointer) }, { devEnv: dev.env, devValue: dev.value, prodEnv: prod.env, prodValue: prod.value });
      }
    },
  }),
  checkProject(model, ctx) {
    const all = sightings(model);
    const byCategory = new Map<Category, { dev: Sighting[]; prod: Sighting[] }>();
    for (const s of all) {
      const entry = byCategory.get(s.category) ?? { dev: [], prod: [] };
      entry[s.side].push(s);
      byCategory.set(s.category, entry);
    }
    for (const [category, { dev, prod }] of byCategory) {
      if (dev.length === 0 || prod.length === 0) continue;
      const prodEngines = new Set(prod.map((s) => s.engine));
      const devEngines = new Set(dev.map((s) => s.engine));
      // Disjoint only: if an environment runs several engines (a matrix of compose files), it shares one with the other side.
      if ([...devEngines].some((e) => prodEngines.has(e))) continue;
      const seenFiles = new Set<string>();
      const example = prod[0]!;
      for (const s of dev) {
        if (seenFiles.has(s.file)) continue;
        seenFiles.add(s.file);
        ctx.report({
          loc: { file: s.file, line: s.line, column: s.column },
          messageId: 'developmentDiffers',
          data: { engine: s.engine, category, how: s.how, prodEngines: [...prodEngines].join(', '), exampleHow: example.how, file: example.file, line: example.line },
          evidence: s.how,
        });
      }
    }
  },
});

function report(ctx: Ctx, at: { line: number; column: number }, data: MessageData): void {
  ctx.report({ loc: { file: ctx.path, ...at }, messageId: 'differentEngines', data });
}

/** `process.env.NODE_ENV === 'production'`, `isProd`, `config.isDev`, `env === 'development'`. */
export function testsEnvironment(node: ts.Node): boolean {
  const stack: ts.Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (envVarName(n) === 'NODE_ENV') return true;
    if (ts.isIdentifier(n) && ENV_FLAG.test(n.text)) return true;
    if (ts.isPropertyAccessExpression(n) && ENV_FLAG.test(n.name.text)) return true;
    if (ts.isStringLiteral(n) && /^(production|development)$/.test(n.text)) return true;
    n.forEachChild((c) => {
      stack.push(c);
    });
  }
  return false;
}

