import path from 'node:path/posix';
import { defineRule, type TsFileContext } from '../../src/rule-api/types.js';
import { isNonProduction } from '../../src/model/file-role.js';
import { envVarName, stringValue, ts, unwrap } from '../../src/rule-api/ts-utils.js';

/** Statements that only add logging or debug aids (what the catalog allows to differ). */
const DEBUG_AID = /\b(console|log|logs|logger|logging|debug|morgan|errorhandler|errorHandler|pretty|prettyPrint|stack|stackTrace|stackTraceLimit|sourceMap|source-map|source-map-support|verbose|trace|inspect|devtools?|swagger|graphiql|playground|dotenv|webpack|webpackDevMiddleware|webpackHotMiddleware|vite|livereload|hmr|hot|globalThis|global)\b/i;
/** A branch that mentions dev tooling or per-environment error pages anywhere is a dev aid as a whole. */
const DEV_TOOLING = /\b(dotenv|webpack\w*|vite|livereload|hmr|devServer)\b|\.(dev|development|prod|production)\.html\b/i;
/** Build and tool configuration: NODE_ENV selects a build mode there, not runtime behaviour. */
const TOOL_FILE = /(^|\/)([^/]*\.config\.[cm]?[jt]s|webpack[^/]*\.[cm]?[jt]s|gulpfile\.[cm]?[jt]s|gruntfile\.[cm]?[jt]s|rollup[^/]*\.[cm]?[jt]s|\.eslintrc\.[cm]?js)$/i;
const ENV_FLAG = /^(is|IS_)(prod|production|dev|development|local|localdevelopment)$/i;

const messages = {
  branches: 'Behaviour branches on {{env}}: development and production run different code here.',
  switchBranches: 'Behaviour branches on NODE_ENV (switch): development and production run different code here.',
};
type Ctx = TsFileContext<keyof typeof messages>;

export default defineRule({
  id: 'dev-prod-parity/environment-branching',
  factor: 'dev-prod-parity',
  severity: 'info',
  presets: { recommended: 'off', strict: 'warning' },
  docs: {
    description: 'Behaviour branches on NODE_ENV (if/switch on `process.env.NODE_ENV`, or on a flag derived from it) beyond logging and debug aids',
    remediation:
      'Let configuration choose behaviour, one setting per concern (`TRUST_PROXY=1`, `SERVE_STATIC=true`, `CACHE_TTL=60`), so that development runs the same code paths as production; keep NODE_ENV for what libraries read it for.',
  },
  messages,
  create: () => {
    /** `const isProd = process.env.NODE_ENV === 'production'` in this file. */
    const flags = new Set<string>();
    const candidates: Array<ts.IfStatement | ts.SwitchStatement> = [];
    return {
      ts: {
        VariableDeclaration(node: ts.VariableDeclaration) {
          // Only a flag that is the environment test itself (`isProd = NODE_ENV === 'production'`), not one it feeds.
          let init = node.initializer ? unwrap(node.initializer) : undefined;
          while (init && ts.isPrefixUnaryExpression(init) && init.operator === ts.SyntaxKind.ExclamationToken) init = unwrap(init.operand);
          const direct = init && ts.isBinaryExpression(init) && isEquality(init.operatorToken.kind);
          if (ts.isIdentifier(node.name) && init && direct && nodeEnvComparison(init, flags) !== undefined) flags.add(node.name.text);
        },
        IfStatement(node: ts.IfStatement, ctx) {
          if (!skip(ctx)) candidates.push(node);
        },
        SwitchStatement(node: ts.SwitchStatement, ctx) {
          if (!skip(ctx)) candidates.push(node);
        },
        'Program:exit'(_sf, ctx: Ctx) {
          for (const node of candidates) {
            if (ts.isIfStatement(node)) {
              const env = nodeEnvComparison(node.expression, flags);
              if (env === undefined) continue;
              // `else if` chains are judged once, at their head.
              if (ts.isIfStatement(node.parent) && node.parent.elseStatement === node && nodeEnvComparison(node.parent.expression, flags) !== undefined) continue;
              const branches = [node.thenStatement, ...(node.elseStatement ? [node.elseStatement] : [])];
              if (branches.every((b) => onlyDebugAids(b, ctx))) continue;
              ctx.report({ node: node.expression, messageId: 'branches', data: { env }, evidence: node.expression.getText(ctx.sourceFile).slice(0, 80) });
            } else {
              if (envVarName(unwrap(node.expression)) !== 'NODE_ENV') continue;
              const values = node.caseBlock.clauses.flatMap((c) => (ts.isCaseClause(c) ? [stringValue(c.expression)] : []));
              if (values.every((v) => v === 'test')) continue;
              if (node.caseBlock.clauses.every((c) => c.statements.every((s) => onlyDebugAids(s, ctx)))) continue;
              ctx.report({ node: node.expression, messageId: 'switchBranches', evidence: 'switch (process.env.NODE_ENV)' });
            }
          }
        },
      },
    };
  },
});

function skip(ctx: TsFileContext): boolean {
  // Logging modules branch on the environment to format logs: that is the logging aid the catalog allows.
  return TOOL_FILE.test(ctx.path) || /\.(jsx|tsx)$/.test(path.extname(ctx.path)) || /(^|\/)(log|logs|logger|logging)(\/|\.[cm]?[jt]s$)/i.test(ctx.path);
}

/**
 * The NODE_ENV test in a condition: `process.env.NODE_ENV === 'production'`, `isProd`, `!isDev`,
 * `app.get('env') === 'development'`. Comparisons with 'test' only are not dev/prod branching.
 */
function nodeEnvComparison(node: ts.Node, flags: Set<string>): string | undefined {
  const stack: ts.Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (ts.isBinaryExpression(n) && isEquality(n.operatorToken.kind)) {
      const sides = [unwrap(n.left), unwrap(n.right)];
      const readsEnv = sides.some((s) => envVarName(s) === 'NODE_ENV' || (ts.isCallExpression(s) && s.getText().replace(/\s/g, '') === "app.get('env')"));
      const literal = sides.map((s) => stringValue(s)).find((v) => v !== undefined);
      if (readsEnv && literal !== undefined && literal !== 'test') return `NODE_ENV ${n.operatorToken.getText()} '${literal}'`;
      if (readsEnv) continue;
    }
    if (ts.isIdentifier(n) && (flags.has(n.text) || ENV_FLAG.test(n.text)) && !isDeclarationName(n)) return n.text;
    if (ts.isPropertyAccessExpression(n) && ENV_FLAG.test(n.name.text)) return n.getText();
    n.forEachChild((c) => {
      stack.push(c);
    });
  }
  return undefined;
}

function isEquality(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
}

function isDeclarationName(n: ts.Identifier): boolean {
  return ts.isPropertyAccessExpression(n.parent) && n.parent.name === n;
}

/** A branch whose every statement mentions only logging or debug aids (an empty branch counts). */
function onlyDebugAids(node: ts.Statement, ctx: TsFileContext): boolean {
  if (DEV_TOOLING.test(node.getText(ctx.sourceFile))) return true;
  const statements = ts.isBlock(node) ? [...node.statements] : [node];
  // `if (isDev) throw err;` surfaces errors in development: a debug aid.
  if (statements.length > 0 && statements.every((s) => ts.isThrowStatement(s) && ts.isIdentifier(s.expression))) return true;
  return statements.every((s) => {
    if (ts.isIfStatement(s)) return onlyDebugAids(s.thenStatement, ctx) && (!s.elseStatement || onlyDebugAids(s.elseStatement, ctx));
    return DEBUG_AID.test(s.getText(ctx.sourceFile));
  });
}
