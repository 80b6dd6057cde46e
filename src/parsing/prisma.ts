// schema.prisma: only its `datasource` blocks, which say where the database is
// (`url = env("DATABASE_URL")` or a literal). A small line reader, not a Prisma parser: models,
// generators and comments are skipped.

import type { PrismaSchemaFacts } from './facts.js';

export function parsePrismaSchema(text: string): PrismaSchemaFacts {
  const datasources: PrismaSchemaFacts['datasources'] = [];
  const lines = text.split(/\r?\n/);
  let current: PrismaSchemaFacts['datasources'][number] | null = null;
  lines.forEach((raw, index) => {
    const line = stripComment(raw);
    if (current === null) {
      const open = /^\s*datasource\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{/.exec(line);
      if (open) current = { name: open[1]!, settings: [], line: index + 1, column: line.indexOf('datasource') + 1 };
      return;
    }
    if (/^\s*\}/.test(line)) {
      datasources.push(current);
      current = null;
      return;
    }
    const m = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+?)\s*$/.exec(line);
    if (!m) return;
    const valueText = m[3]!;
    const valueColumn = raw.indexOf(valueText, m[1]!.length + m[2]!.length) + 1;
    const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(valueText);
    const env = /^env\(\s*"([^"]+)"\s*\)$/.exec(valueText);
    current.settings.push({
      key: m[2]!,
      line: index + 1,
      column: valueColumn,
      ...(literal ? { value: literal[1]!.replace(/\\(.)/g, '$1') } : {}),
      ...(env ? { env: env[1]! } : {}),
      raw: valueText,
    });
  });
  return { kind: 'prisma', datasources };
}

/** Drops a `//` comment, but not the `//` of a URL inside a string. */
function stripComment(raw: string): string {
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '/' && raw[i + 1] === '/' && !quoted) return raw.slice(0, i);
  }
  return raw;
}
