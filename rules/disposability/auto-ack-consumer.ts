import { defineRule, type TsFileContext } from '../../src/rule-api/types.js';
import { calleeName, dottedName, objectProperty, stringValue, ts, unwrap } from '../../src/rule-api/ts-utils.js';

/** Calls that look like the handling of a message or job (what must finish before the ack). */
const WORK = /^(process|handle|consume|dispatch|execute|run|do|perform|work)/i;

const messages = {
  noAck: 'The consumer uses noAck: true: the broker forgets each message on delivery, so a process stopped mid-work loses it.',
  fireAndForget: '{{message}}; a stop mid-work loses the message.',
  resolveBeforeWork: 'resolveOffset() marks the message done before the work that follows it: kafkajs may commit it, and a stop mid-work loses it.',
  doneBeforeWork: '{{done}}() completes the job before the work that follows it: a stop mid-work loses the job.',
};

export default defineRule({
  id: 'disposability/auto-ack-consumer',
  factor: 'disposability',
  severity: 'error',
  presets: { recommended: 'info', strict: 'error' },
  // amqplib's noAck, or a file that imports a queue library.
  textHints: { ts: ['noAck', 'kafkajs', 'bull', 'bee-queue'] },
  docs: {
    description:
      'A queue consumer that acknowledges a message before the work is done: amqplib `noAck: true`, a kafkajs eachMessage/bullmq processor that starts the work without awaiting it, eachBatch resolveOffset() before the work, bull/bee-queue `done()` before the work',
    remediation:
      'Acknowledge after the work: `channel.ack(msg)` at the end of the handler (noAck: false), await the work inside eachMessage / the job processor, resolve offsets and call done() last. A message whose process is stopped mid-work is then redelivered instead of lost.',
  },
  messages,
  create: () => {
    const imported = new Set<string>();
    const pending: Array<() => void> = [];
    return {
      ts: {
        ImportDeclaration(node: ts.ImportDeclaration) {
          const spec = stringValue(node.moduleSpecifier);
          if (spec) imported.add(spec);
        },
        CallExpression(node: ts.CallExpression, ctx) {
          const callee = dottedName(node.expression) ?? '';
          if (callee === 'require') {
            const spec = stringValue(node.arguments[0]);
            if (spec) imported.add(spec);
            return;
          }
          const method = calleeName(node);
          // amqplib: channel.consume(queue, onMessage, { noAck: true })
          if (method === 'consume' && node.arguments.length >= 3) {
            const noAck = objectProperty(node.arguments[2], 'noAck');
            if (noAck?.kind === ts.SyntaxKind.TrueKeyword) {
              ctx.report({ node: noAck.parent, messageId: 'noAck' });
            }
            return;
          }
          // kafkajs: consumer.run({ eachMessage, eachBatch })
          if (method === 'run' && ts.isPropertyAccessExpression(node.expression)) {
            const eachMessage = objectProperty(node.arguments[0], 'eachMessage');
            if (eachMessage) pending.push(() => fireAndForget(eachMessage, ctx, 'eachMessage returns before the work it starts is done: kafkajs commits the offset anyway'));
            const eachBatch = objectProperty(node.arguments[0], 'eachBatch');
            if (eachBatch) resolveBeforeWork(eachBatch, ctx);
            return;
          }
          // bull / bee-queue: queue.process((job, done) => { done(); work(job) })
          if (method === 'process' && ts.isPropertyAccessExpression(node.expression) && !(ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'process')) {
            const fn = node.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a)) as ts.ArrowFunction | ts.FunctionExpression | undefined;
            if (fn) pending.push(() => doneBeforeWork(fn, ctx));
          }
        },
        NewExpression(node: ts.NewExpression, ctx) {
          if (calleeName(node) !== 'Worker') return;
          const processor = node.arguments?.[1];
          if (processor) pending.push(() => imported.has('bullmq') && fireAndForget(processor, ctx, 'the bullmq processor returns before the work it starts is done: the job is marked completed anyway'));
        },
        'Program:exit'(_sf, ctx) {
          const isQueueFile = [...imported].some((s) => /^(kafkajs|bullmq|bull|bee-queue)$/.test(s));
          if (isQueueFile) for (const p of pending) p();
        },
      },
    };
  },
});

type Ctx = TsFileContext<keyof typeof messages>;

function functionOf(node: ts.Expression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const n = unwrap(node);
  return ts.isArrowFunction(n) || ts.isFunctionExpression(n) ? n : undefined;
}

/** A work-like call whose promise nobody waits for, directly in the handler's body. */
function fireAndForget(handler: ts.Expression, ctx: Ctx, message: string): void {
  const fn = functionOf(handler);
  if (!fn || !ts.isBlock(fn.body)) return;
  const isAsync = fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
  for (const st of fn.body.statements) {
    if (!ts.isExpressionStatement(st)) continue;
    let e = st.expression;
    if (ts.isVoidExpression(e)) e = e.expression;
    // work(msg).then(...) / .catch(...)
    while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['then', 'catch', 'finally'].includes(e.expression.name.text)) e = e.expression.expression;
    if (!ts.isCallExpression(e)) continue;
    const name = calleeName(e) ?? '';
    if (!WORK.test(name)) continue;
    // In a non-async handler a plain call may be synchronous work; only promise chains prove otherwise.
    if (!isAsync && e === st.expression) continue;
    ctx.report({ node: st, messageId: 'fireAndForget', data: { message }, evidence: st.getText(ctx.sourceFile).slice(0, 80) });
    return;
  }
}

/** eachBatch: resolveOffset(message.offset) before the awaited work of the same loop body. */
function resolveBeforeWork(handler: ts.Expression, ctx: Ctx): void {
  const fn = functionOf(handler);
  if (!fn) return;
  const visit = (n: ts.Node) => {
    if (ts.isBlock(n)) {
      const idx = n.statements.findIndex((s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && calleeName(s.expression) === 'resolveOffset');
      if (idx >= 0 && n.statements.slice(idx + 1).some((s) => hasAwait(s))) {
        ctx.report({ node: n.statements[idx]!, messageId: 'resolveBeforeWork' });
        return;
      }
    }
    n.forEachChild(visit);
  };
  visit(fn.body);
}

/** bull / bee-queue: `done()` called before other work in the processor. */
function doneBeforeWork(fn: ts.ArrowFunction | ts.FunctionExpression, ctx: Ctx): void {
  const doneParam = fn.parameters[1];
  if (!doneParam || !ts.isIdentifier(doneParam.name) || !ts.isBlock(fn.body)) return;
  const done = doneParam.name.text;
  const statements = fn.body.statements;
  const idx = statements.findIndex((s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && ts.isIdentifier(s.expression.expression) && s.expression.expression.text === done);
  if (idx < 0) return;
  const later = statements.slice(idx + 1).some((s) => ts.isExpressionStatement(s) || ts.isVariableStatement(s) || hasAwait(s));
  if (later) ctx.report({ node: statements[idx]!, messageId: 'doneBeforeWork', data: { done } });
}

function hasAwait(n: ts.Node): boolean {
  if (ts.isAwaitExpression(n)) return true;
  return n.forEachChild((c) => (ts.isFunctionLike(c) ? undefined : hasAwait(c) || undefined)) ?? false;
}
