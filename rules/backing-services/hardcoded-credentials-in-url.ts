import { defineRule, type FileContext, type Severity } from '../../src/rule-api/types.js';
import { scalarLeaves, valuePositionOf } from '../../src/parsing/structured.js';
import type { Pos, StructuredDoc } from '../../src/parsing/facts.js';
import { isLiteralPassword, redactUrl, serviceUrlsIn } from './_service-url.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', 'host.docker.internal']);

const messages = {
  passwordInUrl: '{{service}} URL in {{where}} embeds {{whose}}: {{url}}. Credentials belong in a secret the platform injects, not in a committed file.{{note}}',
};
type Ctx = FileContext<keyof typeof messages>;

export default defineRule({
  id: 'backing-services/hardcoded-credentials-in-url',
  factor: 'backing-services',
  severity: 'error',
  // Strict only: 0 true of 17 judged findings on the accuracy corpus (docs/accuracy.md).
  presets: { recommended: 'off', strict: 'error' },
  security: true,
  supersedes: ['config/hardcoded-secret'],
  docs: {
    description: 'user:password written inside a service URL in deployment config (Dockerfile, compose, Kubernetes manifests, .env files); `${VAR}` interpolation is fine',
    remediation: 'Take the password out of the URL: pass the whole URL from a secret (Kubernetes secretKeyRef, compose secrets or `${DATABASE_URL}` from the environment), or interpolate only the password (`postgres://app:${DB_PASSWORD}@db/app`). Rotate a password that was committed.',
  },
  messages,
  create: () => ({
    dockerfile(facts, ctx) {
      for (const stage of facts.stages) {
        for (const ins of stage.instructions) scan(ins.text, ins, ctx, `Dockerfile ${ins.keyword}`);
      }
      for (const a of facts.globalArgs) if (a.hasValue) scan(a.value, a, ctx, `ARG ${a.name}`);
    },
    compose(facts, ctx) {
      const services = new Set(facts.services.map((s) => s.name));
      for (const doc of facts.docs) scanDoc(doc, ctx, services);
    },
    k8s(facts, ctx) {
      for (const doc of facts.docs) scanDoc(doc, ctx, new Set());
    },
    env(facts, ctx) {
      if (facts.isTemplate) return;
      for (const e of facts.entries) scan(e.value, { line: e.line, column: e.valueColumn }, ctx, e.name);
    },
  }),
});

const holdsUrl = (value: string | number | boolean): boolean => typeof value === 'string' && value.includes('://');

function scanDoc(doc: StructuredDoc, ctx: Ctx, composeServices: Set<string>): void {
  // Only a value holding a URL can hold a password in one: the others get no pointer, keys or position.
  for (const leaf of scalarLeaves(doc.value, holdsUrl)) {
    if (typeof leaf.value !== 'string') continue;
    const where = leaf.keys.filter((k) => !/^\d+$/.test(k)).slice(-2).join('.');
    scan(leaf.value, valuePositionOf(doc, leaf.pointer), ctx, where, composeServices);
  }
}

function scan(text: string, at: Pos, ctx: Ctx, where: string, composeServices = new Set<string>()): void {
  if (!text.includes('://')) return;
  for (const { url, parsed } of serviceUrlsIn(text)) {
    if (!isLiteralPassword(parsed.password)) continue;
    // A compose file that starts the database itself (host = one of its services) or a localhost URL
    // is a local stack. (Dev and test files are the engine's business: see RuleDefinition.roles.)
    const local = LOCAL_HOSTS.has(parsed.host) || composeServices.has(parsed.host);
    let severity: Severity | undefined;
    let note = '';
    if (local) {
      severity = 'warning';
      note = ` The host ${parsed.host} is ${LOCAL_HOSTS.has(parsed.host) ? 'this machine' : 'a service this compose file starts'}, so this looks like a local stack; still, the same file is one edit away from production.`;
    }
    ctx.report({
      loc: { file: ctx.path, ...at },
      messageId: 'passwordInUrl',
      data: { service: parsed.service, where, whose: parsed.user ? `the password of user ${parsed.user}` : 'a password', url: redactUrl(url, parsed.passwordRaw ?? parsed.password), note },
      evidence: redactUrl(url, parsed.passwordRaw ?? parsed.password),
      ...(severity ? { severity } : {}),
    });
  }
}
