import { defineRule } from '../../src/rule-api/types.js';
import { isInsideFunction, ts } from '../../src/rule-api/ts-utils.js';
import { portOf } from '../../src/model/ts-facts.js';
import { isNonProduction } from '../../src/model/file-role.js';

const messages = {
  literalPort: 'The server listens on the literal port {{port}}: the environment cannot choose the port this process binds.',
};

export default defineRule({
  id: 'port-binding/hardcoded-port',
  factor: 'port-binding',
  severity: 'error',
  presets: { recommended: 'info', strict: 'error' },
  // Only `x.listen(...)` calls are judged.
  textHints: { ts: ['listen'] },
  docs: {
    description: 'A server that listens on a literal port with no environment variable read on the way (`listen(3000)`, `listen({ port: 8080 })`)',
    remediation: 'Read the port from the environment and keep the literal as a fallback only: `app.listen(Number(process.env.PORT ?? 3000))`.',
  },
  messages,
  create: () => {
    const constants = new Map<string, ts.Expression>();
    const listens: ts.CallExpression[] = [];
    return {
      ts: {
        VariableDeclaration(node: ts.VariableDeclaration) {
          if (!ts.isIdentifier(node.name) || !node.initializer) return;
          if (!constants.has(node.name.text) || !isInsideFunction(node)) constants.set(node.name.text, node.initializer);
        },
        CallExpression(node: ts.CallExpression) {
          if (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'listen') listens.push(node);
        },
        'Program:exit'(_sf, ctx) {
          for (const node of listens) {
            const port = portOf(node.arguments[0], constants);
            // Port 0 asks the OS for a free port: nothing is hard-coded.
            if (!port || port.literal === undefined || port.literal === 0 || port.env || port.opaque) continue;
            ctx.report({
              node,
              messageId: 'literalPort',
              data: { port: port.literal },
              evidence: node.getText(ctx.sourceFile).slice(0, 80),
            });
          }
        },
      },
    };
  },
});
