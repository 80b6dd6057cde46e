// `twelve-factor-audit schema config`: the JSON Schema the config file is validated against, for
// editors (`$schema` / yaml-language-server) and for review.

import type { RuleDefinition } from '../../rule-api/types.js';
import { configSchema } from '../../config/schema.js';
import type { CommandIO } from './index.js';
import { parseCommand } from './parse.js';

export async function schemaCommand(args: string[], io: CommandIO, rules: readonly RuleDefinition[]): Promise<number> {
  const parsed = await parseCommand<{ name: string }>('schema', args, io, (y) =>
    y.command('$0 <name>', 'print a JSON Schema', (c) => c.positional('name', { choices: ['config'] as const, describe: 'which schema' })),
  );
  if (!parsed) return 0;
  io.stdout(`${JSON.stringify(configSchema(rules), null, 2)}\n`);
  return 0;
}
