// .npmrc is ini-style: `key=value` lines, `key[]=value` for lists, `#` or `;` comments. Only the
// settings that decide how node_modules is laid out are kept; the file also carries auth tokens.

import type { NpmrcFacts } from './facts.js';

// shared-workspace-lockfile: whether a pnpm workspace keeps one lockfile at its root or one per package.
const LAYOUT_KEYS = new Set(['node-linker', 'shamefully-hoist', 'public-hoist-pattern', 'hoist', 'hoist-pattern', 'shared-workspace-lockfile']);

export function parseNpmrc(text: string): NpmrcFacts {
  const settings: Record<string, string[]> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().replace(/\[\]$/, '').toLowerCase();
    if (!LAYOUT_KEYS.has(key)) continue;
    const value = line.slice(eq + 1).trim().replace(/^(["'])(.*)\1$/, '$2');
    (settings[key] ??= []).push(value);
  }
  return { kind: 'npmrc', settings };
}
