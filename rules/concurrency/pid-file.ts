import { defineRule, type FileContext } from '../../src/rule-api/types.js';
import { calleeName, containsNode, dottedName, pathText, ts } from '../../src/rule-api/ts-utils.js';
import type { ShellCommand } from '../../src/parsing/facts.js';
import { parseShellLine } from '../../src/parsing/shell.js';

const WRITE_METHODS = /^(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream)$/;
const PID_FLAG = /^--?(pid-?file|pidFile)(=|$)/i;

const messages = {
  writesPid: 'The process writes its PID to a file{{target}}.',
  pidFlag: 'The {{where}} run command asks for a PID file ({{flag}}).',
};
type Ctx = FileContext<keyof typeof messages>;

export default defineRule({
  id: 'concurrency/pid-file',
  factor: 'concurrency',
  severity: 'error',
  presets: { recommended: 'info', strict: 'error' },
  // The TS visitor only looks at calls of these fs functions.
  textHints: { ts: ['writeFile', 'appendFile', 'createWriteStream'] },
  docs: {
    description: 'A process that writes a PID file, or a run command that asks for one',
    remediation: 'Run the process in the foreground and let the process manager (Docker, Kubernetes, systemd, Heroku) track it; drop the PID file.',
  },
  messages,
  create: () => ({
    ts: {
      CallExpression(node: ts.CallExpression, ctx) {
        // Most calls of a file fail on their last name alone, before a dotted name is built.
        if (!WRITE_METHODS.test(calleeName(node) ?? '')) return;
        const callee = dottedName(node.expression) ?? '';
        const method = callee.slice(callee.lastIndexOf('.') + 1);
        if (!WRITE_METHODS.test(method)) return;
        const target = pathText(node.arguments[0]);
        const writesPid = node.arguments.slice(1).some((a) => containsNode(a, isProcessPid));
        if (writesPid || (target !== undefined && /\.pid$/i.test(target))) {
          ctx.report({ node, messageId: 'writesPid', data: { target: target ? ` (${target})` : '' }, evidence: node.getText(ctx.sourceFile).slice(0, 80) });
        }
      },
    },
    dockerfile(facts, ctx) {
      for (const stage of facts.stages) {
        for (const ins of stage.instructions) {
          if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') continue;
          const words = ins.execForm ?? (ins.commands ?? []).flatMap((c) => c.argv);
          reportFlags(words, ctx, ins.line, ins.column, `${ins.keyword}`);
        }
      }
    },
    packageJson(facts, ctx) {
      for (const s of facts.scripts) {
        if (!mayNamePid(s.value)) continue;
        const words = commandWords(s.value);
        reportFlags(words, ctx, s.line, s.column, `script "${s.name}"`);
      }
    },
    procfile(facts, ctx) {
      for (const p of facts.processes) reportFlags(p.commands.flatMap((c: ShellCommand) => c.argv), ctx, p.line, p.commandColumn, `process "${p.name}"`);
    },
  }),
});

function isProcessPid(n: ts.Node): boolean {
  return ts.isPropertyAccessExpression(n) && n.name.text === 'pid' && ts.isIdentifier(n.expression) && n.expression.text === 'process';
}

/**
 * Whether a word of this command can hold `pid` (every flag reportFlags looks for does): the shell
 * words are made of the command's own characters less quotes, backslashes and `${}` braces, so a
 * command without `pid` in what is left has no such word, and is not parsed.
 */
function mayNamePid(command: string): boolean {
  return /p['"\\{}]*i['"\\{}]*d/i.test(command);
}

function commandWords(command: string): string[] {
  return parseShellLine(command).flatMap((c) => c.argv);
}

function reportFlags(words: string[], ctx: Ctx, line: number, column: number, where: string): void {
  const pm2 = words.some((w) => /^pm2(-runtime|-docker)?$/.test(w.split('/').pop() ?? ''));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (PID_FLAG.test(w) || (pm2 && w === '--pid')) {
      ctx.report({ loc: { file: ctx.path, line, column }, messageId: 'pidFlag', data: { where, flag: w.split('=')[0]! }, evidence: words.slice(Math.max(0, i - 2), i + 2).join(' ') });
      return;
    }
  }
}
