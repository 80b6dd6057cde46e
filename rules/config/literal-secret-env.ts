import { defineRule, type FileContext } from '../../src/rule-api/types.js';
import type { Pos } from '../../src/parsing/facts.js';
import { isRecord, valuePositionOf } from '../../src/parsing/structured.js';
import { findKnownSecrets, isFillInPlaceholder, isSecretName, looksLikeSecretValue, namesWhereSecretIs, redact } from '../../src/secrets/detect.js';


const messages = {
  literalSecret: '{{name}} in {{where}} is set to a literal ({{value}}){{defaultLooking}}: the secret is committed with the manifest and is the same wherever it is deployed.',
};
type Ctx = FileContext<keyof typeof messages>;

export default defineRule({
  id: 'config/literal-secret-env',
  factor: 'config',
  severity: 'error',
  // Strict only: 0 true of 18 judged findings on the accuracy corpus (docs/accuracy.md).
  presets: { recommended: 'off', strict: 'error' },
  security: true,
  supersedes: ['config/hardcoded-secret'],
  docs: {
    description: 'An environment variable with a secret-like name set to a literal in a Kubernetes manifest or compose file instead of secretKeyRef / secrets / ${VAR}',
    remediation: 'Kubernetes: `valueFrom.secretKeyRef` (or envFrom a Secret managed outside the repository). Compose: `${DB_PASSWORD}` interpolated from the deploy environment, an env_file that is not committed, or `secrets:`.',
  },
  messages,
  create: () => ({
    compose(facts, ctx) {
      for (const service of facts.services) {
        for (const e of service.environment) {
          if (e.value === null) continue;
          judge(ctx, e.name, e.value, e, `service ${service.name}`);
        }
      }
    },
    k8s(facts, ctx) {
      for (const obj of facts.objects) {
        const doc = facts.docs[obj.docIndex];
        for (const c of obj.pod?.containers ?? []) {
          for (const e of c.env) {
            if (e.value === undefined || e.valueFrom) continue;
            // Point at the value, where config/hardcoded-secret would point too.
            const at = doc ? valuePositionOf(doc, `${c.pointer}/env/${envIndex(doc.value, c.pointer, e.name)}/value`) : e;
            judge(ctx, e.name, e.value, at, `${obj.kind} ${obj.name} container ${c.name}`);
          }
        }
      }
    },
  }),
});

function judge(ctx: Ctx, name: string, raw: string, at: Pos, where: string): void {
  const value = raw.trim();
  // `${DB_PASSWORD}` (compose) and `$(DB_PASSWORD)` (Kubernetes) come from elsewhere.
  if (value === '' || /\$\{|\$\(|^\$[A-Za-z_]/.test(value) || !isSecretName(name)) return;
  if (/^(true|false|yes|no|on|off|none|null)$/i.test(value)) return;
  // Helm and other templates fill the value in at deploy time: `{{ .Values.jwtSecret }}`, `<jwt-secret>`.
  if (/\{\{|^<[^>]*>$/.test(value)) return;
  // A value written to be replaced (`replace-me-with-a-random-string`, a sentence saying what to put)
  // is not what anything runs with; `postgres` or `password` is, and stays a warning.
  if (isFillInPlaceholder(value)) return;
  // A path or a `file://` URL says where the secret is read from (a mounted file), not what it is.
  if (namesWhereSecretIs(value)) return;
  // A known token format is config/hardcoded-secret's, with the format in its message, whatever the name.
  if (findKnownSecrets(value).length > 0) return;
  const real = looksLikeSecretValue(value);
  const severity = real ? undefined : ('warning' as const);
  ctx.report({
    loc: { file: ctx.path, line: at.line, column: at.column },
    messageId: 'literalSecret',
    data: { name, where, value: redact(value), defaultLooking: real ? '' : ', a default-looking value' },
    evidence: `${name}=${redact(value)}`,
    ...(severity ? { severity } : {}),
  });
}

/** Index of the env entry named `name` in the container at `pointer` of a manifest. */
function envIndex(root: unknown, pointer: string, name: string): number {
  let cur: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (isRecord(cur)) cur = cur[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    else return -1;
  }
  const env = isRecord(cur) ? cur.env : undefined;
  return Array.isArray(env) ? env.findIndex((e) => isRecord(e) && e.name === name) : -1;
}
