import type { ProcfileFacts } from './facts.js';
import { parseShellLine } from './shell.js';

/** `web: node dist/server.js` — one process type per line. */
export function parseProcfile(text: string): ProcfileFacts {
  const processes: ProcfileFacts['processes'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const m = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(raw);
    if (!m) return;
    const commandColumn = raw.indexOf(m[2]!) + 1;
    processes.push({ name: m[1]!, command: m[2]!, commandColumn, commands: parseShellLine(m[2]!), line: index + 1, column: 1 });
  });
  return { kind: 'procfile', processes };
}
