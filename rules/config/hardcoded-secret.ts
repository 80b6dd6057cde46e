import { defineRule, type FileContext, type TsFileContext } from '../../src/rule-api/types.js';
import { detectNamedSecret, findKnownSecrets, redact, type SecretMatch } from '../../src/secrets/detect.js';
import { propertyNameText, ts } from '../../src/rule-api/ts-utils.js';
import { isRecord, scalarLeaves, valuePositionOf } from '../../src/parsing/structured.js';
import type { StructuredDoc } from '../../src/model/facts.js';

export default defineRule({
  id: 'config/hardcoded-secret',
  factor: 'config',
  severity: 'error',
  security: true,
  targets: ['ts', 'dockerfile', 'compose', 'k8s', 'env', 'json-yaml', 'package-json'],
  docs: {
    description: 'Known token formats and random-looking values bound to secret-like names, written into the code or config',
    remediation: 'Remove the value from the repository, rotate it, and read it from the environment (a secret manager, Kubernetes Secret or CI secret) at run time.',
  },
  create: () => ({
    ts: {
      StringLiteral: (node: ts.StringLiteral, ctx) => checkLiteral(node, node.text, ctx),
      NoSubstitutionTemplateLiteral: (node: ts.NoSubstitutionTemplateLiteral, ctx) => checkLiteral(node, node.text, ctx),
      TemplateExpression: (node: ts.TemplateExpression, ctx) => {
        // Each literal part can hold a token; `${...}` parts are code, not secrets.
        for (const part of [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]) {
          for (const m of findKnownSecrets(part)) report(ctx, m, { node });
        }
      },
    },
    dockerfile(facts, ctx) {
      for (const stage of facts.stages) {
        for (const ins of stage.instructions) {
          if (ins.keyword === 'ENV' || ins.keyword === 'ARG') continue;
          for (const m of findKnownSecrets(ins.text)) report(ctx, m, { line: ins.line, column: ins.column });
        }
        for (const e of stage.env) {
          const m = e.hasValue ? detectNamedSecret(e.name, e.value, { inTest: ctx.isTest }) : null;
          if (m) report(ctx, m, { line: e.line, column: e.column }, e.name);
        }
      }
      for (const a of facts.globalArgs) {
        const m = a.hasValue ? detectNamedSecret(a.name, a.value, { inTest: ctx.isTest }) : null;
        if (m) report(ctx, m, { line: a.line, column: a.column }, a.name);
      }
    },
    structured(facts, ctx) {
      for (const doc of facts.docs) scanDoc(doc, ctx);
    },
    env(facts, ctx) {
      if (facts.isTemplate) return;
      for (const e of facts.entries) {
        const m = detectNamedSecret(e.name, e.value, { inTest: ctx.isTest });
        if (m) report(ctx, m, { line: e.line, column: e.valueColumn }, e.name);
      }
    },
    packageJson(facts, ctx) {
      for (const s of facts.scripts) for (const m of findKnownSecrets(s.value)) report(ctx, m, s);
    },
  }),
});

/** The name a string literal is bound to: `password: '...'`, `const apiKey = '...'`, `cfg.token = '...'`. */
function boundName(node: ts.Node): string | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) return propertyNameText(parent.name);
  if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = parent.left;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
    if (ts.isElementAccessExpression(left) && ts.isStringLiteral(left.argumentExpression)) return left.argumentExpression.text;
  }
  if (ts.isParameter(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyDeclaration(parent) && parent.initializer === node) return propertyNameText(parent.name);
  if (ts.isBindingElement(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isJsxAttribute(parent)) return ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  return undefined;
}

function checkLiteral(node: ts.Node, text: string, ctx: TsFileContext): void {
  const parent = node.parent;
  // Module specifiers and string literal types hold no values.
  if (parent && (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent) || ts.isExternalModuleReference(parent))) return;
  const known = findKnownSecrets(text);
  if (known.length > 0) {
    for (const m of known) report(ctx, m, { node });
    return;
  }
  const name = boundName(node);
  const m = detectNamedSecret(name, text, { inTest: ctx.isTest });
  if (m) report(ctx, m, { node }, name);
}

function scanDoc(doc: StructuredDoc, ctx: FileContext): void {
  for (const leaf of scalarLeaves(doc.value)) {
    if (typeof leaf.value !== 'string') continue;
    // Generated JSON/YAML has hundreds of thousands of leaves: positions and names only when needed.
    const known = findKnownSecrets(leaf.value);
    if (known.length > 0) {
      const at = valuePositionOf(doc, leaf.pointer);
      for (const m of known) report(ctx, m, at);
      continue;
    }
    const name = leafName(doc, leaf.pointer, leaf.keys, leaf.value);
    const m = detectNamedSecret(name, envValue(leaf.value), { inTest: ctx.isTest });
    if (m) report(ctx, m, valuePositionOf(doc, leaf.pointer), name);
  }
}

/**
 * The name a YAML/JSON value is bound to: its key; for Kubernetes env entries (`- name: X, value: y`)
 * the sibling `name`; for compose list entries (`- X=y`) the part before `=`.
 */
function leafName(doc: StructuredDoc, pointer: string, keys: string[], value: string): string | undefined {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1);
  if (/^\d+$/.test(last)) {
    const eq = value.indexOf('=');
    return eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value.slice(0, eq)) ? value.slice(0, eq) : keys[keys.length - 1];
  }
  if (last === 'value') {
    const parent = lookup(doc.value, pointer.slice(0, pointer.lastIndexOf('/')));
    if (isRecord(parent) && typeof parent.name === 'string') return parent.name;
  }
  return keys[keys.length - 1];
}

function envValue(value: string): string {
  const eq = value.indexOf('=');
  return eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value.slice(0, eq)) ? value.slice(eq + 1) : value;
}

function lookup(value: unknown, pointer: string): unknown {
  let cur = value;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (isRecord(cur)) cur = cur[part];
    else return undefined;
  }
  return cur;
}

function report(
  ctx: FileContext,
  m: SecretMatch,
  at: { node?: ts.Node; line?: number; column?: number },
  name?: string,
): void {
  const where = name ? ` assigned to ${name}` : '';
  const evidence = redact(m.value);
  // Test files and fixtures get a warning, unless the value is a live-token format.
  const severity = ctx.isTest && !m.live ? ('warning' as const) : undefined;
  ctx.report({
    ...(at.node ? { node: at.node } : { loc: { file: ctx.path, line: at.line ?? 1, column: at.column ?? 1 } }),
    message: `Hardcoded ${m.label}${where} (${evidence}).`,
    evidence,
    ...(severity ? { severity } : {}),
  });
}
