import type { EnvFileFacts } from './facts.js';

/** `.env.example`, `env.sample`, `api.example.env`, `example.env`, `sample.production.env`: filled in by whoever deploys. */
const TEMPLATE = /\.(example|sample|template|dist|defaults|tpl)$|^\.?env\.(example|sample|template|dist)(\.|$)|\.(example|sample)\.env$|^(example|sample|template)([._-][\w.-]*)?\.env$/i;

export function isEnvTemplate(fileName: string): boolean {
  return TEMPLATE.test(fileName);
}

/** dotenv syntax: `KEY=value`, `export KEY=value`, quotes, `#` comments. */
export function parseEnvFile(text: string, fileName: string): EnvFileFacts {
  const entries: EnvFileFacts['entries'] = [];
  const commented: NonNullable<EnvFileFacts['commented']> = [];
  const template = isEnvTemplate(fileName);
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    // `# SMTP_HOST=` in a template documents an optional variable: uncomment to use it.
    const c = template ? /^(\s*#+\s*(?:export\s+)?)([A-Z][A-Z0-9_]*)\s*=/.exec(raw) : null;
    if (c) commented.push({ name: c[2]!, line: index + 1, column: c[1]!.length + 1 });
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) return;
    const valueColumn = raw.length - m[3]!.length + 1;
    let value = m[3]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && value.indexOf(quote, 1) > 0) {
      value = value.slice(1, value.indexOf(quote, 1));
    } else {
      // An unquoted value ends at ` #`. Not `/\s+#.*$/`: that backtracks quadratically on a long
      // run of blanks, and a hostile .env line can be megabytes long.
      const comment = value.search(/\s#/);
      if (comment >= 0) value = value.slice(0, comment).trimEnd();
    }
    entries.push({ name: m[2]!, value, line: index + 1, column: m[1]!.length + 1, valueColumn });
  });
  return { kind: 'env', isTemplate: template, entries, ...(commented.length > 0 ? { commented } : {}) };
}
