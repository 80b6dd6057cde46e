// Lockfiles, read for one thing: which direct dependencies each importer (the root package and
// every workspace package) has locked. Lockfiles run to tens of megabytes, so yarn.lock and
// pnpm-lock.yaml are read line by line (their top-level layout is fixed by the tools that write
// them) instead of through a general YAML parser that would build a node for every line.

import type { LockfileFacts } from './facts.js';
import { stripJsonComments } from './tsconfig.js';

type LockType = LockfileFacts['lockType'];

const DEP_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

export function parseLockfile(text: string, lockType: LockType): LockfileFacts {
  const facts: LockfileFacts = { kind: 'lockfile', lockType };
  if (text.trim() === '') return facts;
  switch (lockType) {
    case 'npm':
      return { ...facts, ...parseNpmLock(text) };
    case 'yarn':
      return { ...facts, lockedNames: parseYarnLock(text) };
    case 'pnpm':
      return { ...facts, importers: parsePnpmLock(text) };
    case 'bun':
      return { ...facts, ...parseBunLock(text) };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function depNames(entry: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (const section of DEP_SECTIONS) {
    const deps = entry[section];
    if (isObject(deps)) for (const name of Object.keys(deps)) names.add(name);
  }
  return [...names].sort();
}

/** package-lock.json / npm-shrinkwrap.json: v2/v3 `packages` (importers are keys outside node_modules), v1 `dependencies`. */
function parseNpmLock(text: string): Pick<LockfileFacts, 'importers' | 'lockedNames'> {
  const doc: unknown = JSON.parse(text);
  if (!isObject(doc)) throw new Error('lockfile is not a JSON object');
  if (isObject(doc.packages)) {
    const importers: Record<string, string[]> = {};
    for (const [key, entry] of Object.entries(doc.packages)) {
      if (!isObject(entry) || key.includes('node_modules/') || key.startsWith('node_modules')) continue;
      importers[key === '' ? '.' : key] = depNames(entry);
    }
    return { importers };
  }
  if (isObject(doc.dependencies)) return { lockedNames: Object.keys(doc.dependencies).sort() };
  return {};
}

/**
 * yarn.lock, classic and berry: every unindented line ending in `:` lists descriptors
 * (`"@babel/core@^7.0.0", "@babel/core@^7.1.0":`, `"lodash@npm:^4.17.21":`).
 */
function parseYarnLock(text: string): string[] {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith(' ') || line.startsWith('#') || !line.trimEnd().endsWith(':')) continue;
    const keys = line.trimEnd().slice(0, -1);
    for (const raw of keys.split(/,\s*/)) {
      const descriptor = raw.trim().replace(/^"|"$/g, '');
      if (descriptor === '__metadata') continue;
      const at = descriptor.indexOf('@', 1);
      if (at > 0) names.add(descriptor.slice(0, at));
    }
  }
  return [...names].sort();
}

function unquoteKey(key: string): string {
  const k = key.trim();
  if ((k.startsWith("'") && k.endsWith("'")) || (k.startsWith('"') && k.endsWith('"'))) return k.slice(1, -1);
  return k;
}

/**
 * pnpm-lock.yaml: `importers:` (workspaces, and every project since lockfile v9) with the sections of
 * each importer two levels down; older single-project lockfiles have the sections at the top.
 */
function parsePnpmLock(text: string): Record<string, string[]> {
  const importers: Record<string, Set<string>> = {};
  const lines = text.split(/\r?\n/);
  let top = '';
  let importer: string | null = null;
  let section = false;
  for (const line of lines) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const m = /^\s*('[^']*'|"[^"]*"|[^:\s][^:]*?)\s*:(\s|$)/.exec(line);
    if (indent === 0) {
      top = m ? unquoteKey(m[1]!) : '';
      importer = null;
      section = false;
      if ((DEP_SECTIONS as readonly string[]).includes(top)) {
        importer = '.';
        section = true;
        importers['.'] ??= new Set();
      }
      continue;
    }
    if (!m) continue;
    const key = unquoteKey(m[1]!);
    if (top === 'importers') {
      if (indent === 2) {
        importer = key;
        importers[importer] ??= new Set();
        section = false;
      } else if (indent === 4) {
        section = (DEP_SECTIONS as readonly string[]).includes(key);
      } else if (indent === 6 && section && importer !== null) {
        importers[importer]!.add(key);
      }
    } else if (section && importer === '.' && indent === 2) {
      importers['.']!.add(key);
    }
  }
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(importers)) out[k] = [...v].sort();
  return out;
}

/** bun.lock (JSONC): `workspaces` keyed by folder, '' for the root. */
function parseBunLock(text: string): Pick<LockfileFacts, 'importers'> {
  const doc: unknown = JSON.parse(stripJsonComments(text));
  if (!isObject(doc) || !isObject(doc.workspaces)) return {};
  const importers: Record<string, string[]> = {};
  for (const [key, entry] of Object.entries(doc.workspaces)) {
    if (isObject(entry)) importers[key === '' ? '.' : key] = depNames(entry);
  }
  return { importers };
}
