import { defineRule, type TsFileContext } from '../../src/rule-api/types.js';
import { importBindings, moduleConstant, resolveImported } from '../../src/rule-api/ts-imports.js';
import { calleeName, containsNode, envVarName, objectProperty, propertyNameText, ts, unwrap } from '../../src/rule-api/ts-utils.js';
import { isInterpolated, isLiteralHost, isLiteralPassword, parseServiceUrl, redactUrl } from './_service-url.js';
import { backingServiceClientOf, isClientModule } from '../../src/knowledge/backing-service-clients.js';

/**
 * Hosts of public providers: an integration written for Office 365 or SendGrid names their host
 * on purpose. Reported as info: the address is still not attachable by config.
 */
const PUBLIC_PROVIDER = /(^|\.)(office365\.com|outlook\.com|gmail\.com|googlemail\.com|google\.com|sendgrid\.net|mailgun\.org|mailjet\.com|sparkpostmail\.com|postmarkapp\.com|amazonaws\.com|mandrillapp\.com|zoho\.com|zoho\.eu|yahoo\.com|icloud\.com|me\.com|mail\.me\.com|brevo\.com|sendinblue\.com|mailersend\.net|resend\.com|elasticemail\.com|smtp2go\.com|cloud\.es\.io|cloudamqp\.com|upstash\.io|mongodb\.net)$/i;

/** Names a URL-like value is usually bound to. */
const URL_NAME = /(url|uri|dsn|connection(string)?|conn|endpoint|broker|brokers|host|server|servers)$/i;

const messages = {
  literalServiceAddress: '{{subject}} {{what}}{{fallback}}{{password}}: the backing service is wired into the code instead of attached by config.{{provider}}',
  prismaLiteralUrl: 'Prisma datasource {{datasource}} has the literal {{service}} URL {{url}} as its {{setting}}{{password}}: use {{setting}} = env("DATABASE_URL") so that config attaches the database.',
};
type Ctx = TsFileContext<keyof typeof messages>;

interface Hit {
  node: ts.Node;
  text: string;
  /** An env read (or other value) with a literal fallback: `process.env.X ?? 'redis://localhost'`. */
  fallback: boolean;
  envVar?: string;
}

export default defineRule({
  id: 'backing-services/hardcoded-service-url',
  factor: 'backing-services',
  severity: 'error',
  presets: { recommended: 'off', strict: 'error' },
  // A URL literal (`://`), or an import of a client library of the backing-service client table (module names).
  textHints: { ts: ['://', 'pg', 'postgres', 'mysql', 'mongo', 'redis', 'amqp', 'kafkajs', 'nodemailer', 'sequelize', 'knex', 'typeorm', 'bull', 'elastic', 'opensearch', 'aws-sdk', 'client-s3', 'minio'] },
  supersedes: ['config/hardcoded-secret'],
  optionsSchema: {
    type: 'object',
    properties: { reportEnvFallbacks: { type: 'boolean' } },
    additionalProperties: false,
  },
  defaultOptions: { reportEnvFallbacks: false },
  docs: {
    description: 'Literal connection strings or hosts of databases, caches, queues, SMTP and object stores passed to their clients (pg, mysql2, mongoose, MongoClient, ioredis, redis, amqplib, kafkajs, nodemailer, Sequelize, knex, TypeORM, Prisma datasource)',
    remediation: 'Read the address from the environment (`new Pool({ connectionString: process.env.DATABASE_URL })`) and fail fast when it is missing, so that the same build attaches to any database by changing config only.',
  },
  messages,
  create: (options) => {
    const reportFallbacks = options.reportEnvFallbacks === true;
    const reported = new Set<ts.Node>();
    const candidates: Array<{ node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression; name: string }> = [];
    /** The file's local names bound from a module some client is of, made at the file's first call. */
    let clientNames: ReadonlySet<string> | undefined;
    const clientNamesOf = (sf: ts.SourceFile): ReadonlySet<string> => (clientNames ??= namesFromClientModules(sf));
    const report = (ctx: Ctx, hit: Hit, subject: string) => {
      if (reported.has(hit.node)) return;
      if (hit.fallback && !reportFallbacks) return;
      reported.add(hit.node);
      const url = parseServiceUrl(hit.text);
      const password = url && isLiteralPassword(url.password) ? url.password : undefined;
      // Any password is redacted, even one that looks like a placeholder.
      const anyPassword = url?.passwordRaw && !isInterpolated(url.passwordRaw) ? url.passwordRaw : undefined;
      const shown = anyPassword ? redactUrl(hit.text, anyPassword) : hit.text.length > 120 ? `${hit.text.slice(0, 117)}...` : hit.text;
      const what = url ? `the literal ${url.service} URL ${shown}` : `the literal host ${shown}`;
      const fallback = hit.fallback ? ` as the fallback of ${hit.envVar ? `process.env.${hit.envVar}` : 'a configured value'}` : '';
      const host = url ? url.host : hit.text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[:/].*$/, '');
      const provider = !password && PUBLIC_PROVIDER.test(host);
      ctx.report({
        node: hit.node,
        messageId: 'literalServiceAddress',
        data: { subject, what, fallback, password: password ? ', which also embeds a password' : '', provider: provider ? ` (Info only: ${host} is a public provider's host, likely named on purpose by an integration for it.)` : '' },
        evidence: shown,
        ...(provider ? { severity: 'info' as const } : {}),
      });
    };
    return {
      prisma(facts, ctx) {
        for (const ds of facts.datasources) {
          for (const setting of ds.settings) {
            if (!/^(url|directUrl|shadowDatabaseUrl)$/.test(setting.key) || setting.value === undefined) continue;
            const url = parseServiceUrl(setting.value);
            if (!url || !isLiteralHost(url.host)) continue;
            const password = isLiteralPassword(url.password) ? url.password : undefined;
            const shown = url.passwordRaw && !isInterpolated(url.passwordRaw) ? redactUrl(setting.value, url.passwordRaw) : setting.value;
            ctx.report({
              loc: { file: ctx.path, line: setting.line, column: setting.column },
              messageId: 'prismaLiteralUrl',
              data: { datasource: ds.name, service: url.service, url: shown, setting: setting.key, password: password ? ', which also embeds a password' : '' },
              evidence: shown,
            });
          }
        }
      },
      ts: {
        CallExpression: (node: ts.CallExpression, ctx) => checkClient(node, false, ctx, report, clientNamesOf(ctx.sourceFile)),
        NewExpression: (node: ts.NewExpression, ctx) => checkClient(node, true, ctx, report, clientNamesOf(ctx.sourceFile)),
        StringLiteral: (node: ts.StringLiteral, ctx) => collect(node, ctx, candidates),
        NoSubstitutionTemplateLiteral: (node: ts.NoSubstitutionTemplateLiteral, ctx) => collect(node, ctx, candidates),
        TemplateExpression: (node: ts.TemplateExpression, ctx) => collect(node, ctx, candidates),
        'Program:exit'(_sf, ctx) {
          // Service URLs outside client calls: bound to a url-like name, or passed to any call.
          for (const c of candidates) {
            if (reported.has(c.node)) continue;
            const hit = valueHit(c.node, ctx, 0)[0];
            if (!hit) continue;
            report(ctx, hit, c.name);
          }
        },
      },
    };
  },
});

/** Local names the file binds from a module some backing-service client is of. */
function namesFromClientModules(sf: ts.SourceFile): ReadonlySet<string> {
  const names = new Set<string>();
  for (const [name, binding] of importBindings(sf)) if (isClientModule(binding.module)) names.add(name);
  return names;
}

function checkClient(node: ts.CallExpression | ts.NewExpression, isNew: boolean, ctx: TsFileContext, report: (ctx: TsFileContext, hit: Hit, client: string) => void, clientNames: ReadonlySet<string>): void {
  // A call on a name the file does not import from a module some client is of (a logger, a router,
  // zod, a local: most calls) is left before its binding's path is built.
  const head = headName(node.expression);
  if (head !== undefined && !clientNames.has(head)) return;
  const binding = resolveImported(node.expression, ctx.sourceFile);
  if (!binding) return;
  const driver = backingServiceClientOf(binding, isNew);
  if (!driver) return;
  const client = `${driver.label}${calleeName(node) && calleeName(node) !== driver.label ? ` ${calleeName(node)}` : ''} gets`;
  const args = node.arguments ?? [];
  for (const i of driver.args) {
    const arg = args[i];
    if (!arg) continue;
    const value = resolveConstant(unwrap(arg), ctx);
    if (ts.isObjectLiteralExpression(value)) {
      for (const key of driver.keys) {
        const v = nested(value, key);
        if (v) for (const hit of valueHit(v, ctx, 0, key)) report(ctx, hit, client);
      }
    } else if (ts.isArrayLiteralExpression(value)) {
      // ioredis Cluster nodes, amqp URL lists.
      for (const el of value.elements) {
        const e = resolveConstant(unwrap(el as ts.Expression), ctx);
        if (ts.isObjectLiteralExpression(e)) {
          const host = objectProperty(e, 'host');
          if (host) for (const hit of valueHit(host, ctx, 0, 'host')) report(ctx, hit, client);
        } else for (const hit of valueHit(e, ctx, 0)) report(ctx, hit, client);
      }
    } else {
      // `new Sequelize('db', 'user', 'pass', {...})`: only a URL counts among positional strings;
      // ioredis `new Redis(6379, 'cache.internal')`: the second argument is a host.
      const hostArg = driver.label === 'ioredis' && i === 1;
      for (const hit of valueHit(value, ctx, 0, hostArg ? 'host' : undefined)) report(ctx, hit, client);
    }
  }
}

/**
 * The identifier a callee starts from (`pg` of `pg.Pool`, `Pool`), past the wrappers resolveImported
 * also strips; undefined when it starts from anything else (`require('pg').Pool`, `this.x`).
 */
function headName(callee: ts.Expression): string | undefined {
  let head = unwrap(callee);
  while (ts.isPropertyAccessExpression(head)) head = head.expression;
  return ts.isIdentifier(head) ? head.text : undefined;
}

/** `connection.host` inside an options object. */
function nested(obj: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  let cur: ts.Expression | undefined = obj;
  for (const part of key.split('.')) {
    cur = cur && ts.isObjectLiteralExpression(cur) ? objectProperty(cur, part) : undefined;
    if (!cur) return undefined;
    if (ts.isIdentifier(cur)) return undefined;
  }
  return cur;
}

function resolveConstant(e: ts.Expression, ctx: TsFileContext): ts.Expression {
  if (ts.isIdentifier(e)) {
    const init = moduleConstant(e.text, ctx.sourceFile);
    if (init) return unwrap(init);
  }
  return e;
}

/** Literal URLs or hosts a value is made of (through `??`/`||` fallbacks and module constants). */
function valueHit(node: ts.Node, ctx: TsFileContext, depth: number, key?: string): Hit[] {
  if (depth > 3) return [];
  const e = ts.isExpression(node) ? unwrap(node) : node;
  if (ts.isIdentifier(e)) {
    const init = moduleConstant(e.text, ctx.sourceFile);
    return init ? valueHit(init, ctx, depth + 1, key) : [];
  }
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    const envVar = envIn(e.left);
    return valueHit(e.right, ctx, depth + 1, key).map((h) => ({ ...h, fallback: true, ...(envVar ? { envVar } : {}) }));
  }
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((el) => valueHit(el, ctx, depth + 1, key));
  const text = literalText(e);
  if (text === undefined) return [];
  if (!isServiceValue(text, key)) return [];
  const fb = fallbackContext(e);
  return [{ node: e, text, fallback: fb !== null, ...(fb ? { envVar: fb } : {}) }];
}

/** A literal, or a template with `${}` holes kept as `${}`. */
function literalText(e: ts.Node): string | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => `\${}${s.literal.text}`).join('');
  return undefined;
}

/** A service URL with a literal host, or (for host-like keys) a literal host name. */
function isServiceValue(text: string, key?: string): boolean {
  const t = text.trim();
  const url = parseServiceUrl(t);
  if (url) return isLiteralHost(url.host);
  if (key === undefined || /\s/.test(t) || t.includes('${}')) return false;
  if (/(^|\.)(host|hostname|brokers|redis|node|nodes|endpoint|endPoint)$/.test(key)) {
    // `broker:9092`, `http://localhost:9200`, `db.internal`; not a path or a number.
    const host = t.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[:/].*$/, '');
    return /^[A-Za-z0-9.-]+$/.test(host) && /[A-Za-z]/.test(host) && isLiteralHost(host);
  }
  return false;
}

/** The env var a value reads, if any. */
function envIn(node: ts.Node): string | undefined {
  let name: string | undefined;
  containsNode(node, (n) => {
    const v = envVarName(n);
    if (v !== undefined) name = v;
    return v !== undefined;
  });
  return name;
}

/**
 * Is this literal a default for a configured value? `x ?? 'lit'`, `x || 'lit'`, a parameter or
 * destructuring default, `{ default: 'lit' }` (convict), `.default('lit')` (zod, joi, yup).
 * Returns the env var name ('' when none is visible), or null when it is not a fallback.
 */
function fallbackContext(node: ts.Node): string | null {
  const p = node.parent;
  if (!p) return null;
  if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p)) return fallbackContext(p);
  if (ts.isBinaryExpression(p) && p.right === node && (p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return envIn(p.left) ?? '';
  }
  if ((ts.isParameter(p) || ts.isBindingElement(p)) && p.initializer === node) {
    return ts.isBindingElement(p) && ts.isIdentifier(p.name) ? p.name.text : '';
  }
  if (ts.isPropertyAssignment(p) && p.initializer === node && /^(default|defaultValue|fallback|example|examples|placeholder|description)$/.test(propertyNameText(p.name) ?? '')) return '';
  if (ts.isCallExpression(p) && /^(default|catch|defaultTo)$/.test(calleeName(p) ?? '')) return '';
  // Conditional defaults: `isProd ? process.env.X : 'redis://localhost'` is dev-only wiring.
  if (ts.isConditionalExpression(p) && p.whenFalse === node && envIn(p.whenTrue) !== undefined) return envIn(p.whenTrue) ?? '';
  return null;
}

function collect(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression, ctx: TsFileContext, out: Array<{ node: typeof node; name: string }>): void {
  const text = literalText(node);
  if (text === undefined || !text.includes('://')) return;
  const url = parseServiceUrl(text);
  // The whole literal is one URL (not a sentence that mentions one).
  if (!url || /\s/.test(text.trim()) || !isLiteralHost(url.host)) return;
  const p = node.parent;
  if (!p) return;
  let name: string | undefined;
  if ((ts.isPropertyAssignment(p) || ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p)) && p.initializer === node) name = p.name && propertyNameText(p.name as ts.PropertyName);
  else if (ts.isBinaryExpression(p) && p.right === node && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) name = ts.isPropertyAccessExpression(p.left) ? p.left.name.text : ts.isIdentifier(p.left) ? p.left.text : undefined;
  if (name !== undefined) {
    if (URL_NAME.test(name)) out.push({ node, name: `${name} is set to` });
    return;
  }
  // An argument of some call: `connectTo('amqp://mq.internal')`; not `new URL(...)`-style parsing
  // helpers of tests, which are skipped above anyway.
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && (p.arguments ?? []).some((a) => a === node)) {
    out.push({ node, name: `${calleeName(p) ?? 'A call'}() gets` });
    return;
  }
  // A fallback of an env read: reported only with reportEnvFallbacks.
  if (fallbackContext(node) !== null) out.push({ node, name: 'A setting falls back to' });
}
