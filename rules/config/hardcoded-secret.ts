import { defineRule, type FileContext, type TsFileContext } from '../../src/rule-api/types.js';
import { FILE_ROLES } from '../../src/model/file-role.js';
import { detectNamedSecret, findFlagSecrets, findReportableSecrets, holdsLocalhostCertificateOnly, interpolationDefault, isFirebaseConfigKeys, isSecretFlag, MIN_SECRET_LENGTH, redact, type SecretMatch } from '../../src/secrets/detect.js';
import { isCredentialKeyField, isSecretName } from '../../src/secrets/vocabulary.js';
import { propertyNameText, ts } from '../../src/rule-api/ts-utils.js';
import { isRecord, scalarLeaves, valuePositionOf } from '../../src/parsing/structured.js';
import type { StructuredDoc } from '../../src/parsing/facts.js';
import { pos } from '../../src/model/ts-facts.js';
import { lineAt } from '../../src/util/text.js';

const messages = {
  hardcodedSecret: 'Hardcoded {{label}}{{where}} ({{evidence}}).',
};
type Ctx = FileContext<keyof typeof messages>;

export default defineRule({
  id: 'config/hardcoded-secret',
  factor: 'config',
  // By default only a credential whose format proves it (a live provider token, a private key) is an
  // error; a value judged by its name and shape is info until the corpus measures it over the bar
  // (docs/accuracy.md). Under strict, and when a config sets the rule, every finding takes that severity.
  severity: 'info',
  presets: { strict: 'error' },
  targets: ['ts', 'dockerfile', 'compose', 'k8s', 'env', 'json-yaml', 'package-json'],
  security: true,
  // A secret is judged wherever it is committed; outside runtime code only a live one stays an error.
  roles: FILE_ROLES,
  docs: {
    description: 'Known token formats and random-looking values bound to secret-like names, written into the code or config',
    remediation: 'Remove the value from the repository, rotate it, and read it from the environment (a secret manager, Kubernetes Secret or CI secret) at run time.',
  },
  messages,
  create: () => ({
    ts: {
      StringLiteral: (node: ts.StringLiteral, ctx) => checkLone(node, ctx),
      NoSubstitutionTemplateLiteral: (node: ts.NoSubstitutionTemplateLiteral, ctx) => checkLone(node, ctx),
      // Each literal part can hold a token; `${...}` parts are code, unless they are literals too.
      TemplateExpression: (node: ts.TemplateExpression, ctx) => checkLiteral(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)], ctx),
    },
    dockerfile(facts, ctx) {
      for (const stage of facts.stages) {
        for (const ins of stage.instructions) {
          if (ins.keyword === 'ENV' || ins.keyword === 'ARG') continue;
          const known = findReportableSecrets(ins.text);
          for (const m of known) report(ctx, m, { line: ins.line, column: ins.column });
          if (known.length === 0) for (const m of findFlagSecrets(ins.text, { inTest: ctx.isTest })) report(ctx, m, lineOf(ctx, ins.line, ins.column, m.value, ins.text.length * 2), m.name);
        }
        for (const e of stage.env) {
          const m = e.hasValue ? detectInValue(e.name, e.value, ctx) : null;
          if (m) report(ctx, m, { line: e.line, column: e.column }, e.name);
        }
      }
      for (const a of facts.globalArgs) {
        const m = a.hasValue ? detectInValue(a.name, a.value, ctx) : null;
        if (m) report(ctx, m, { line: a.line, column: a.column }, a.name);
      }
    },
    structured(facts, ctx) {
      for (const doc of facts.docs) scanDoc(doc, ctx);
    },
    env(facts, ctx) {
      if (facts.isTemplate) return;
      for (const e of facts.entries) {
        const m = detectInValue(e.name, e.value, ctx);
        if (m) report(ctx, m, { line: e.line, column: e.valueColumn }, e.name);
      }
    },
    packageJson(facts, ctx) {
      for (const s of facts.scripts) {
        const known = findReportableSecrets(s.value);
        for (const m of known) report(ctx, m, s);
        if (known.length === 0) for (const m of findFlagSecrets(s.value, { inTest: ctx.isTest })) report(ctx, m, s, m.name);
      }
    },
  }),
});

/**
 * A value with its name from the environment (`DB_PASSWORD=${DB_PASSWORD:-s3cr3t}`: the default is
 * what runs where the variable is unset).
 */
function detectInValue(name: string, value: string, ctx: FileContext, secretField?: boolean, knownChecked?: boolean): SecretMatch | null {
  const fallback = interpolationDefault(value);
  if (fallback) return detectNamedSecret(isSecretName(name) || secretField ? name : fallback.name, fallback.value, { inTest: ctx.isTest, secretField });
  return detectNamedSecret(name, value, { inTest: ctx.isTest, secretField, knownChecked });
}

/** Expressions that leave a value as it is: `('x')`, `'x' as const`, `'x' satisfies T`, `<T>'x'`, `x!`. */
function isTransparent(node: ts.Node): node is ts.Node & { expression: ts.Expression } {
  return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node);
}

/** Calls that turn a literal into the same secret in another form: `Buffer.from('…')`, `new TextEncoder().encode('…')`, `'…'.trim()`. */
const ENCODERS = new Set(['from', 'encode', 'trim', 'toString', 'String', 'atob', 'btoa', 'fromString', 'utf8ToBytes']);

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/**
 * The expression whose value a literal is part of: climbs through wrappers, concatenation
 * (`'ab' + 'cd'`), template parts, `[...].join('')` and encoders (`Buffer.from('…')`).
 */
function valueRoot(node: ts.Node): ts.Node {
  let cur = node;
  // A value made of more pieces than this is generated text, not a hidden credential; bounding the
  // climb keeps a 20,000-term concatenation linear (and firstTextLeaf's descent shallow).
  for (let depth = 0; ; depth++) {
    if (depth > MAX_PIECES) return node;
    const parent = cur.parent;
    if (!parent) return cur;
    // Dispatched on one read of the parent's kind (a slow, megamorphic read), not one per test:
    // this runs for every string literal of every file.
    const K = ts.SyntaxKind;
    switch (parent.kind) {
      // The kinds isTransparent tests.
      case K.ParenthesizedExpression:
      case K.AsExpression:
      case K.SatisfiesExpression:
      case K.TypeAssertionExpression:
      case K.NonNullExpression:
        cur = parent;
        continue;
      case K.BinaryExpression:
        if (!ts.isBinaryExpression(parent) || parent.operatorToken.kind !== K.PlusToken) return cur;
        cur = parent;
        continue;
      case K.TemplateSpan:
        if (!ts.isTemplateSpan(parent) || parent.expression !== cur || !parent.parent) return cur;
        cur = parent.parent;
        continue;
      case K.ArrayLiteralExpression:
        if (!isJoinedArray(parent)) return cur;
        cur = parent.parent!.parent!;
        continue;
      case K.CallExpression:
      case K.NewExpression:
        if (!(ts.isCallExpression(parent) || ts.isNewExpression(parent)) || parent.arguments?.[0] !== cur || !ENCODERS.has(calleeName(parent) ?? '')) return cur;
        cur = parent;
        continue;
      case K.PropertyAccessExpression:
        if (!ts.isPropertyAccessExpression(parent) || parent.expression !== cur || !ENCODERS.has(parent.name.text) || !parent.parent || !ts.isCallExpression(parent.parent)) return cur;
        cur = parent.parent;
        continue;
      default:
        return cur;
    }
  }
}

const MAX_PIECES = 64;

/** `[a, b].join('')`: the array is the receiver of a join call. */
function isJoinedArray(array: ts.Node): boolean {
  const access = array.parent;
  return !!access && ts.isPropertyAccessExpression(access) && access.expression === array && access.name.text === 'join' && !!access.parent && ts.isCallExpression(access.parent);
}

/** The text of an expression made only of literals (through the same forms valueRoot climbs). */
function staticText(node: ts.Node, depth = 0): string | undefined {
  if (depth > 64) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (isTransparent(node)) return staticText(node.expression, depth + 1);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = staticText(node.left, depth + 1);
    const right = left === undefined ? undefined : staticText(node.right, depth + 1);
    return right === undefined ? undefined : left! + right;
  }
  if (ts.isTemplateExpression(node)) {
    let out = node.head.text;
    for (const span of node.templateSpans) {
      const part = staticText(span.expression, depth + 1);
      if (part === undefined) return undefined;
      out += part + span.literal.text;
    }
    return out;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const receiver = node.expression.expression;
    if (node.expression.name.text === 'join' && ts.isArrayLiteralExpression(receiver)) {
      const parts = receiver.elements.map((e) => staticText(e, depth + 1));
      const sep = node.arguments[0] ? staticText(node.arguments[0], depth + 1) : ',';
      return sep === undefined || parts.some((p) => p === undefined) ? undefined : parts.join(sep);
    }
    if (ENCODERS.has(node.expression.name.text) && node.arguments.length === 0) return staticText(receiver, depth + 1);
  }
  if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.[0] && ENCODERS.has(calleeName(node) ?? '')) return staticText(node.arguments[0], depth + 1);
  return undefined;
}

function isTextLeaf(node: ts.Node): boolean {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
}

function firstTextLeaf(root: ts.Node, depth = 0): ts.Node | undefined {
  if (isTextLeaf(root)) return root;
  if (depth > MAX_PIECES * 2) return undefined;
  let found: ts.Node | undefined;
  ts.forEachChild(root, (child) => {
    if (found) return true;
    found = firstTextLeaf(child, depth + 1);
    return found !== undefined;
  });
  return found;
}

/** The name an expression is bound to: `password: …`, `const apiKey = …`, `cfg.token = …`, `enum { Key = … }`. */
function boundName(node: ts.Node): string | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  // Dispatched on one read of the parent's kind (a slow, megamorphic read: nodes come in many
  // shapes) instead of up to ten ts.isX tests; the matching case narrows its type with its own.
  const K = ts.SyntaxKind;
  switch (parent.kind) {
    case K.PropertyAssignment: {
      return ts.isPropertyAssignment(parent) && parent.initializer === node ? propertyNameText(parent.name) : undefined;
    }
    case K.VariableDeclaration: {
      return ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
    }
    case K.BinaryExpression: {
      if (!ts.isBinaryExpression(parent) || parent.right !== node) return undefined;
      if (isAssignment(parent.operatorToken.kind)) {
        const left = parent.left;
        if (ts.isIdentifier(left)) return left.text;
        if (ts.isPropertyAccessExpression(left)) return left.name.text;
        if (ts.isElementAccessExpression(left) && ts.isStringLiteral(left.argumentExpression)) return left.argumentExpression.text;
      }
      // `opts.secret ?? 'fallback'`: the literal is what the bound name may hold.
      return isFallback(parent.operatorToken.kind) ? boundName(valueRoot(parent)) : undefined;
    }
    case K.Parameter: {
      return ts.isParameter(parent) && parent.initializer === node && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
    }
    case K.PropertyDeclaration: {
      return ts.isPropertyDeclaration(parent) && parent.initializer === node ? propertyNameText(parent.name) : undefined;
    }
    case K.BindingElement: {
      return ts.isBindingElement(parent) && parent.initializer === node && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
    }
    case K.EnumMember: {
      return ts.isEnumMember(parent) && parent.initializer === node ? propertyNameText(parent.name) : undefined;
    }
    case K.JsxAttribute: {
      return ts.isJsxAttribute(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
    }
    // `cond ? 'a' : 'b'`: as for a fallback.
    case K.ConditionalExpression:
      return ts.isConditionalExpression(parent) && parent.condition !== node ? boundName(valueRoot(parent)) : undefined;
    default:
      return undefined;
  }
}

// Functions, not sets built at load: `ts` is bound only when the first TS file is parsed.
const isAssignment = (kind: ts.SyntaxKind) => kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
const isFallback = (kind: ts.SyntaxKind) => kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;

/** Keys of a schema entry's default value: convict `default`, envalid `devDefault`, yup/zod `.default()`. */
const DEFAULT_KEYS = new Set(['default', 'devDefault', 'defaultValue', 'fallback']);

/** Arguments that are secrets by position: `jwt.sign(payload, secret)`, `createHmac(alg, key)`, `new Stripe(key)`. */
const SECRET_ARGUMENTS: Array<{ callee: RegExp; receiver?: RegExp; index: number; name: string }> = [
  { callee: /^(sign|verify)$/, receiver: /jwt|jsonwebtoken|jws/i, index: 1, name: 'jwtSecret' },
  { callee: /^createHmac$/, index: 1, name: 'hmacKey' },
  { callee: /^create(De)?cipheriv$/, index: 1, name: 'encryptionKey' },
  { callee: /^(Stripe|Resend|Mailjet|Paddle|Replicate)$/, index: 0, name: 'apiKey' },
  { callee: /^(twilio|Twilio)$/, index: 1, name: 'authToken' },
];

interface Binding {
  name: string;
  /** The context (not the name) says the value is a credential: `{ user, key }`, `jwt.sign(p, '…')`. */
  secretField?: boolean;
}

/** What a literal's value is bound to, through arrays, call arguments and schema defaults. */
function bindingOf(root: ts.Node, depth = 0): Binding | undefined {
  if (depth > 8) return undefined;
  const parent = root.parent;
  const name = boundName(root);
  if (name !== undefined) {
    if (DEFAULT_KEYS.has(name) && parent && ts.isPropertyAssignment(parent)) return schemaBinding(parent.parent, depth);
    if (name === 'key' && parent && ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent)) {
      const siblings = parent.parent.properties.map((p) => (p.name ? propertyNameText(p.name as ts.PropertyName) : undefined)).filter((n): n is string => n !== undefined);
      if (isCredentialKeyField(name, siblings)) return { name, secretField: true };
    }
    return { name };
  }
  if (!parent) return undefined;
  if (ts.isArrayLiteralExpression(parent)) {
    // `['--requirepass', '…']`: the flag before names the value.
    const index = parent.elements.indexOf(root as ts.Expression);
    const previous = index > 0 ? parent.elements[index - 1] : undefined;
    if (previous && (ts.isStringLiteral(previous) || ts.isNoSubstitutionTemplateLiteral(previous))) {
      const flag = /^--([A-Za-z][A-Za-z0-9_-]{0,40})$/.exec(previous.text);
      if (flag && isSecretFlag(flag[1]!)) return { name: previous.text, secretField: true };
    }
    // `API_KEYS = ['…', '…']`: each element is what the array's name says.
    return bindingOf(valueRoot(parent), depth + 1);
  }
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== root) {
    const index = parent.arguments?.indexOf(root as ts.Expression) ?? -1;
    const callee = calleeName(parent);
    if (index < 0 || callee === undefined) return undefined;
    // `.default('…')` of a zod/yup/joi chain: the name is what the whole chain is bound to.
    if (DEFAULT_KEYS.has(callee) && index === 0) return bindingOf(topOfChain(parent), depth + 1);
    // A setter names what it receives (`setApiKey('…')`, `withToken('…')`); `hashPassword('…')` or
    // `generateAuth('…')` take an input, not the credential itself.
    if (/^(set|with)[A-Z_]/.test(callee) && isSecretName(callee)) return { name: callee };
    // The receiver's text only for an argument whose callee and place name one (most literals are
    // arguments of other calls): getText climbs to the source file and cuts its text.
    const receiver = () => (ts.isPropertyAccessExpression(parent.expression) ? parent.expression.expression.getText() : '');
    for (const a of SECRET_ARGUMENTS) {
      if (a.index === index && a.callee.test(callee) && (!a.receiver || a.receiver.test(receiver()))) return { name: a.name, secretField: true };
    }
  }
  return undefined;
}

/** `z.string().min(32).default('…').describe('…')`: the outermost call of a method chain. */
function topOfChain(call: ts.Node): ts.Node {
  let cur = call;
  while (cur.parent && ts.isPropertyAccessExpression(cur.parent) && cur.parent.expression === cur && cur.parent.parent && ts.isCallExpression(cur.parent.parent)) cur = cur.parent.parent;
  return valueRoot(cur);
}

/**
 * The name of a schema entry whose `default` holds the literal: convict's `env: 'JWT_SECRET'` beside
 * it, the key the entry is under (`jwtSecret: { default }`), or the name an envalid validator call
 * is bound to (`JWT_SECRET: str({ default })`).
 */
function schemaBinding(entry: ts.Node, depth: number): Binding | undefined {
  if (!ts.isObjectLiteralExpression(entry)) return undefined;
  for (const p of entry.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'env' && ts.isStringLiteral(p.initializer)) return { name: p.initializer.text };
  }
  const holder = entry.parent;
  if (holder && (ts.isCallExpression(holder) || ts.isNewExpression(holder)) && holder.arguments?.includes(entry)) return bindingOf(valueRoot(holder), depth + 1);
  return bindingOf(valueRoot(entry), depth + 1);
}

/** Words of a name that say its value is sample data: `samples`, `SampleRecord[]`, `mockEvents`, `examplePayload`, `DEMO_USERS`. */
// A placeholder is text a form shows in an empty field (insomnia's key editor shows a PEM block cut short).
const SAMPLE_WORDS = new Set(['sample', 'samples', 'example', 'examples', 'mock', 'mocks', 'fixture', 'fixtures', 'fake', 'fakes', 'dummy', 'demo', 'stub', 'stubs', 'placeholder', 'placeholders']);

function namesSampleData(name: string): boolean {
  for (const word of name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)) if (SAMPLE_WORDS.has(word.toLowerCase())) return true;
  return false;
}

/**
 * Whether a value lies inside data its declaration calls sample data (`export const samples:
 * SampleRecord[] = [{ body: { token: '…' } }]`, `mockEvents`, `examples: {…}`): example payloads shown
 * to users or fed to previews, whose `token` or `password` fields are documented examples or
 * identifiers. Only a name's judgement stops here; a value whose format proves a credential was
 * reported before. Climbs object and array literals only, a few levels.
 */
function inSampleData(root: ts.Node): boolean {
  let cur: ts.Node = root;
  for (let depth = 0; depth < 16 && cur.parent; depth++) {
    const parent: ts.Node = cur.parent;
    if (ts.isPropertyAssignment(parent)) {
      const name = propertyNameText(parent.name);
      if (name !== undefined && namesSampleData(name)) return true;
    } else if (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) {
      const name = ts.isIdentifier(parent.name) ? parent.name.text : undefined;
      const type = parent.type && ts.isArrayTypeNode(parent.type) ? parent.type.elementType : parent.type;
      return (name !== undefined && namesSampleData(name)) || (type !== undefined && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && namesSampleData(type.typeName.text));
    } else if (isStringMethodCall(parent, cur)) {
      // `\`…\`.trim()`: the value as the code keeps it is the call's.
      cur = parent.parent!;
      continue;
    } else if (!ts.isObjectLiteralExpression(parent) && !ts.isArrayLiteralExpression(parent) && !isTransparent(parent)) return false;
    cur = parent;
  }
  return false;
}

/** Methods that give a string back from the one they are called on, its text kept. */
const STRING_METHODS = new Set(['trim', 'trimStart', 'trimEnd', 'normalize', 'toString']);

/** `parent` is `<value>.trim` in `<value>.trim()`. */
function isStringMethodCall(parent: ts.Node, value: ts.Node): parent is ts.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(parent) && parent.expression === value && STRING_METHODS.has(parent.name.text) && parent.parent !== undefined && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
}

/**
 * A Google API key as a Firebase web app's `apiKey` (the object's other keys say so:
 * isFirebaseConfigKeys): a public identifier of the project. Not reported.
 */
function inFirebaseWebConfig(node: ts.Node): boolean {
  const prop = node.parent;
  if (!prop || !ts.isPropertyAssignment(prop) || prop.initializer !== node || propertyNameText(prop.name) !== 'apiKey' || !ts.isObjectLiteralExpression(prop.parent)) return false;
  const keys: string[] = [];
  for (const p of prop.parent.properties) {
    const name = p.name ? propertyNameText(p.name) : undefined;
    if (name !== undefined) keys.push(name);
  }
  return isFirebaseConfigKeys(keys);
}

/**
 * A one-part literal. Most are shorter than any secret and stand alone (no concatenation, join or
 * encoder around them): no known format, flag or named secret fits in them, so they stop here
 * before any other check.
 */
function checkLone(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, ctx: TsFileContext): void {
  const root = valueRoot(node);
  if (root === node && node.text.length < MIN_SECRET_LENGTH) return;
  checkLiteral(node, [node.text], ctx, root);
}

/** Blank space and newline escapes only: the end of a piece. */
const NOTHING_AFTER = /^(?:\s|\\[nr])*$/;

function checkLiteral(node: ts.Node, parts: string[], ctx: TsFileContext, root = valueRoot(node)): void {
  const parent = node.parent;
  // Module specifiers and string literal types hold no values (one read of the parent's kind).
  const parentKind = parent?.kind;
  const K = ts.SyntaxKind;
  if (parentKind === K.ImportDeclaration || parentKind === K.ExportDeclaration || parentKind === K.LiteralType || parentKind === K.ExternalModuleReference) return;
  if (parent && ts.isCallExpression(parent) && (parent.expression.kind === K.ImportKeyword || (ts.isIdentifier(parent.expression) && parent.expression.text === 'require'))) return;
  // Values reported on this literal, made at the first one: most literals have none.
  let reported: Set<string> | undefined;
  // A lone literal is a whole value; a piece of a concatenation may continue in the next. A piece of
  // a template other than its last is followed by an interpolation: a key header there wraps a value
  // the code is given (`-----BEGIN PRIVATE KEY-----\n${body}`), not a body written in the file.
  const wholeValue = parts.length === 1 && root === node;
  const last = parts.length - 1;
  // As in JSON/YAML (scanDoc): inside sample data (`examples: ['Basic …']` of a schema, `mockEvents`)
  // a format documents itself, and only one that proves a live credential is reported.
  let sample: boolean | undefined;
  const documented = (m: SecretMatch) => !m.live && (sample ??= inSampleData(root));
  // A key header that ends one piece of a value the file writes out whole (`'…-----BEGIN PRIVATE
  // KEY-----\n' + 'YOUR PRIVATE KEY\n' + …`, a form's hint) is judged with its body, in the whole
  // value below, rather than as a header whose body may come in the next piece.
  let staticWhole: boolean | undefined;
  const judgedWhole = () => (staticWhole ??= root !== node && staticText(root) !== undefined);
  for (let i = 0; i <= last; i++) {
    const complete = wholeValue || i < last;
    for (const m of findReportableSecrets(parts[i]!, { complete })) {
      if (!complete && m.detector === 'private-key' && NOTHING_AFTER.test(parts[i]!.slice(m.index + m.value.length)) && judgedWhole()) continue;
      (reported ??= new Set()).add(m.value);
      if (!documented(m) && !(m.detector === 'google-api-key' && inFirebaseWebConfig(node))) report(ctx, m, { node });
    }
  }
  // A value split into pieces (`'ab' + 'cd'`, `[…].join('')`, `Buffer.from('…')`) is judged once,
  // whole, at its first piece; each piece still had its own known-format check above.
  let value = parts.length === 1 ? parts[0]! : staticText(node);
  if (root !== node) {
    if (firstTextLeaf(root) !== node) return;
    value = staticText(root);
    if (value === undefined) return;
    for (const m of findReportableSecrets(value, { complete: true })) {
      if (reported && (reported.has(m.value) || [...reported].some((r) => m.value.includes(r) || r.includes(m.value)))) continue;
      (reported ??= new Set()).add(m.value);
      if (!documented(m)) report(ctx, m, { node });
    }
  }
  if (reported !== undefined || value === undefined) return;
  for (const m of findFlagSecrets(value, { inTest: ctx.isTest })) {
    (reported ??= new Set()).add(m.value);
    report(ctx, m, { node }, m.name);
  }
  if (reported !== undefined) return;
  // The value itself went through the known formats above (and none was found) unless it is a
  // template joined from several parts: then a value too short to look random is no named secret
  // whatever it is bound to, and most literals stop here before their binding is looked for.
  const knownChecked = parts.length === 1 || root !== node;
  if (knownChecked && value.length < MIN_SECRET_LENGTH) return;
  const binding = bindingOf(root);
  if (!binding) return;
  // Sample data is looked for only around a value that would be reported (few are).
  const m = detectNamedSecret(binding.name, value, { inTest: ctx.isTest, secretField: binding.secretField, knownChecked });
  if (m && !inSampleData(root)) report(ctx, m, { node }, binding.name);
}

/** Shorter values cannot hold a secret this rule reports (known formats and named secrets are longer). */
const isScannedLeaf = (value: string | number | boolean): boolean => typeof value === 'string' && value.length >= 8;

function scanDoc(doc: StructuredDoc, ctx: FileContext): void {
  for (const leaf of scalarLeaves(doc.value, isScannedLeaf)) {
    if (typeof leaf.value !== 'string') continue;
    // Generated JSON/YAML has hundreds of thousands of leaves: positions and names only when needed.
    const known = findReportableSecrets(leaf.value, { complete: true });
    // A value under an `example`/`examples`/`sample` key (OpenAPI, JSON Schema, a provider catalogue's
    // form fields) documents a format: only a format that proves a live credential is reported there.
    const sample = leaf.keys.some(namesSampleData);
    if (known.length > 0) {
      const at = valuePositionOf(doc, leaf.pointer);
      // A Firebase web config kept as JSON/YAML (`firebase: { apiKey: AIza…, authDomain: … }`).
      const firebase = leaf.keys[leaf.keys.length - 1] === 'apiKey' && isRecord(leaf.parent) && isFirebaseConfigKeys(Object.keys(leaf.parent));
      for (const m of known) if ((!sample || m.live) && !(firebase && m.detector === 'google-api-key')) report(ctx, m, blockLine(ctx, at, leaf.value, m.value));
      continue;
    }
    if (sample) continue;
    const flags = findFlagSecrets(leaf.value, { inTest: ctx.isTest });
    if (flags.length > 0) {
      const at = valuePositionOf(doc, leaf.pointer);
      for (const m of flags) report(ctx, m, blockLine(ctx, at, leaf.value, m.value), m.name);
      continue;
    }
    const binding = leafBinding(leaf.pointer, leaf.keys, leaf.value, leaf.parent);
    if (!binding) continue;
    const value = envValue(leaf.value);
    // The known formats were looked for in this very value above (not when it is the part after `X=`).
    const m = detectInValue(binding.name, value, ctx, binding.secretField, value === leaf.value);
    if (m) {
      const at = valuePositionOf(doc, leaf.pointer);
      report(ctx, m, blockLine(ctx, at, leaf.value, m.value), binding.name);
    }
  }
}

/**
 * The name a YAML/JSON value is bound to: its key; for Kubernetes env entries (`- name: X, value: y`)
 * the sibling `name`; for compose list entries (`- X=y`) the part before `=`; in an argument list
 * the `--flag` before it; for a schema's `default` the entry's `env` or key; a `key` beside a user.
 */
/** `container`: the array or map holding the value. */
function leafBinding(pointer: string, keys: string[], value: string, container: unknown): Binding | undefined {
  const segment = pointer.slice(pointer.lastIndexOf('/') + 1);
  const last = segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
  if (/^\d+$/.test(last)) {
    const eq = value.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value.slice(0, eq))) return { name: value.slice(0, eq) };
    const previous = Array.isArray(container) ? container[Number(last) - 1] : undefined;
    const flag = typeof previous === 'string' ? /^--([A-Za-z][A-Za-z0-9_-]{0,40})$/.exec(previous) : null;
    if (flag && isSecretFlag(flag[1]!)) return { name: previous as string, secretField: true };
    const key = keys[keys.length - 1];
    return key === undefined ? undefined : { name: key };
  }
  if (last === 'value') {
    if (isRecord(container) && typeof container.name === 'string') return { name: container.name };
  }
  if (DEFAULT_KEYS.has(last)) {
    if (isRecord(container) && typeof container.env === 'string') return { name: container.env };
    const key = keys[keys.length - 2];
    return key === undefined ? undefined : { name: key };
  }
  if (last === 'key') {
    if (isRecord(container) && isCredentialKeyField(last, Object.keys(container))) return { name: last, secretField: true };
  }
  return { name: keys[keys.length - 1] ?? last };
}

function envValue(value: string): string {
  const eq = value.indexOf('=');
  return eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value.slice(0, eq)) ? value.slice(eq + 1) : value;
}

/**
 * A secret inside a YAML block scalar (`key: |`, `key: >-`) is reported on its own line; any other
 * value where it starts (a merged or quoted value's text is not where its position says).
 */
function blockLine(ctx: FileContext, at: { line: number; column: number }, whole: string, secret: string): { line: number; column: number } {
  const lineText = lineAt(ctx.text, at.line);
  const indicator = lineText?.[at.column - 1];
  if (indicator !== '|' && indicator !== '>') return at;
  // The block's text in the file is its value plus indentation: search no further than that.
  return lineOf(ctx, at.line, at.column, secret, whole.length + 64 * (whole.split('\n').length + 1));
}

/** What a comment says when the value is no secret: `// not actually a secret`, `/* not a real secret *\/`. */
const NOT_A_SECRET = /\bnot (?:actually |really )?(?:a )?(?:real )?secret\b/i;

function saysNotASecret(text: string, line: number | undefined): boolean {
  if (line === undefined) return false;
  return [line, line - 1].some((l) => {
    const lineText = l >= 1 ? lineAt(text, l) : undefined;
    if (lineText === undefined) return false;
    const comment = Math.max(lineText.indexOf('//'), lineText.indexOf('/*'), lineText.indexOf('#'), /^\s*\*/.test(lineText) ? 0 : -1);
    return comment >= 0 && NOT_A_SECRET.test(lineText.slice(comment));
  });
}

/**
 * Where `value` is written, searched from (line, column) over at most `span` characters: a secret in
 * a multi-line instruction or a block scalar is reported on its own line.
 */
function lineOf(ctx: FileContext, line: number, column: number, value: string, span: number): { line: number; column: number } {
  const text = ctx.text;
  let offset = 0;
  for (let l = 1; l < line && offset >= 0; l++) offset = text.indexOf('\n', offset) + 1 || -1;
  if (offset < 0) return { line, column };
  const needle = value.split('\n')[0]!.slice(0, 40);
  if (needle.length < 4) return { line, column };
  const start = offset + Math.max(0, column - 1);
  const at = text.indexOf(needle, start);
  if (at < 0 || at - start > span) return { line, column };
  let l = line;
  let lineStart = offset;
  for (let i = text.indexOf('\n', offset); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    l++;
    lineStart = i + 1;
  }
  // On the line where the value starts, keep its start: the more specific rules that take the
  // finding over (literal-secret-env) point there too.
  return l === line ? { line, column } : { line: l, column: at - lineStart + 1 };
}

function report(
  ctx: Ctx,
  m: SecretMatch,
  at: { node?: ts.Node; line?: number; column?: number },
  name?: string,
): void {
  // What a maintainer wrote beside a value judged by its name and shape ("This is not actually a
  // secret key, it's a string we XOR with..."): the format proves nothing, and they say what it is.
  if (!m.live && m.detector !== 'private-key' && saysNotASecret(ctx.text, at.node ? pos(at.node, at.node.getSourceFile()).line : at.line)) return;
  const where = name ? ` assigned to ${name}` : '';
  const evidence = redact(m.value);
  // Outside runtime code the engine lowers a finding to info (RuleDefinition.roles), except a token
  // whose checksum proves it was issued: a live key committed in a test or a script is leaked all
  // the same. Other live formats in tests and docs are as often made up for the test (holdout
  // repositories: 'randomly generated, not real' fine-grained GitHub tokens in a spec file).
  // A private key whose file holds a certificate for localhost alone is a development TLS pair,
  // published on purpose (miniflare's `https: true`): no CA issues one for localhost, so it guards
  // nothing a deployment serves. Not reported, under any preset: it is no configuration at all.
  if (m.detector === 'private-key' && holdsLocalhostCertificateOnly(ctx.text)) return;
  ctx.report({
    ...(at.node ? { node: at.node } : { loc: { file: ctx.path, line: at.line ?? 1, column: at.column ?? 1 } }),
    messageId: 'hardcodedSecret',
    data: { label: m.label, where, evidence },
    evidence,
    ...(m.live || m.detector === 'private-key' ? { severity: 'error' as const } : {}),
    ...(m.verified ? { mattersOutsideRuntime: 'an issued credential committed anywhere is leaked' } : {}),
  });
}

