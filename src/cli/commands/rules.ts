// `twelve-factor-audit rules`: one line per rule (id, factor, default severity, targets), or JSON.

import { FACTOR_TITLES, type RuleDefinition } from '../../rule-api/types.js';
import { presetSeverity } from '../../config/resolve.js';
import { ruleTargets } from '../../discovery/file-kinds.js';
import type { CommandIO } from './index.js';
import { parseCommand } from './parse.js';

export async function rulesCommand(args: string[], io: CommandIO, rules: readonly RuleDefinition[]): Promise<number> {
  const parsed = await parseCommand<{ format: string }>('rules', args, io, (y) =>
    y.usage('$0\n\nList every rule: id, factor, default severity (recommended preset) and what it reads.').option('format', { alias: 'f', choices: ['text', 'json'], default: 'text' }),
  );
  if (!parsed) return 0;
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (parsed.format === 'json') {
    const list = sorted.map((r) => ({
      id: r.id,
      factor: r.factor,
      severity: presetSeverity(r, 'recommended'),
      strictSeverity: presetSeverity(r, 'strict'),
      targets: [...ruleTargets(r)],
      description: r.docs.description,
      docs: `docs/rules/${r.id}.md`,
    }));
    io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const rows = sorted.map((r) => {
    const recommended = presetSeverity(r, 'recommended');
    const strict = presetSeverity(r, 'strict');
    const severity = recommended === strict ? recommended : `${recommended} (strict: ${strict})`;
    return [r.id, FACTOR_TITLES[r.factor], severity, ruleTargets(r).join(',')];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) io.stdout(`${row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')}\n`);
  return 0;
}
