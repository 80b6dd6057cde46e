// `twelve-factor-audit explain <rule>`: prints the rule's page from docs/rules (shipped in the package).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleDefinition } from '../../rule-api/types.js';
import { closestId, WorkflowError } from '../../util/errors.js';
import { PACKAGE } from '../../version.js';
import type { CommandIO } from './index.js';
import { parseCommand } from './parse.js';

export function docsPageOf(ruleId: string): string {
  return path.join(PACKAGE.root, 'docs', 'rules', ...ruleId.split('/')) + '.md';
}

export async function explainCommand(args: string[], io: CommandIO, rules: readonly RuleDefinition[]): Promise<number> {
  const parsed = await parseCommand<{ rule: string }>('explain', args, io, (y) =>
    y.command('$0 <rule>', 'print the docs page of a rule', (c) => c.positional('rule', { type: 'string', describe: 'rule id, e.g. config/hardcoded-secret' })),
  );
  if (!parsed) return 0;
  const ids = rules.map((r) => r.id);
  // `hardcoded-secret` alone is accepted when exactly one rule has that name.
  const byName = rules.filter((r) => r.id.endsWith(`/${parsed.rule}`));
  const rule = rules.find((r) => r.id === parsed.rule) ?? (byName.length === 1 ? byName[0] : undefined);
  if (!rule) {
    const near = closestId(parsed.rule, ids);
    throw new WorkflowError(`unknown rule "${parsed.rule}"${near ? `; did you mean "${near}"?` : '; `twelve-factor-audit rules` lists them'}`);
  }
  let page: string;
  try {
    page = readFileSync(docsPageOf(rule.id), 'utf8');
  } catch {
    throw new WorkflowError(`${rule.id} has no docs page in this installation (${rule.docs.description})`);
  }
  const shown = withoutCommentLines(page);
  io.stdout(shown.endsWith('\n') ? shown : `${shown}\n`);
  return 0;
}

/**
 * The page as a reader wants it in a terminal: without the lines that are only an HTML comment (the
 * markers around a page's generated measured line, accuracy/rule-pages.ts).
 */
export function withoutCommentLines(page: string): string {
  return page
    .split('\n')
    .filter((line) => !/^\s*<!--.*-->\s*$/.test(line))
    .join('\n');
}
