// `twelve-factor-audit init [path]`: writes a commented .twelve-factor.yml for the repository it sees,
// with the environments it infers from compose file names and Kubernetes folders. Never overwrites.

import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RuleDefinition } from '../../rule-api/types.js';
import { discover } from '../../discovery/discover.js';
import { looksLikeComposeName, isComposeDoc } from '../../parsing/compose.js';
import { isK8sDoc } from '../../parsing/k8s.js';
import { parseStructured } from '../../parsing/structured.js';
import { WorkflowError } from '../../util/errors.js';
import { CONFIG_FILE_NAMES, displayPath, findConfigFile } from '../../config/load.js';
import type { CommandIO } from './index.js';
import { parseCommand } from './parse.js';

type Environment = 'development' | 'test' | 'production';

const ENV_WORDS: Array<[Environment, RegExp]> = [
  ['test', /(^|[./_-])(test|tests|testing|ci|e2e|integration)([./_-]|$)/i],
  ['development', /(^|[./_-])(dev|develop|development|local|override|debug|sandbox|devcontainer)([./_-]|$)/i],
  ['production', /(^|[./_-])(prod|production|live|release|staging|stage|preprod)([./_-]|$)/i],
];

/** The environment a compose file or Kubernetes folder belongs to, by its name; null when unclear. */
export function environmentByName(p: string): Environment | null {
  for (const [env, re] of ENV_WORDS) if (re.test(p)) return env;
  return null;
}

export interface InferredEnvironments {
  development: string[];
  test: string[];
  production: string[];
  unclassified: string[];
}

export async function inferEnvironments(root: string): Promise<InferredEnvironments> {
  const { files } = await discover(root);
  const out: InferredEnvironments = { development: [], test: [], production: [], unclassified: [] };
  const k8sDirs = new Set<string>();
  for (const f of files) {
    if (f.kind !== 'yaml' || f.size > 1024 * 1024) continue;
    let compose = looksLikeComposeName(f.path);
    let k8s = false;
    try {
      const docs = parseStructured(await readFile(f.absPath, 'utf8'));
      compose = docs.length > 0 && docs.some(isComposeDoc) && (compose || docs.every(isComposeDoc));
      k8s = !compose && docs.some(isK8sDoc);
    } catch {
      continue; // the audit reports unparseable files; init only looks for environments
    }
    if (compose) {
      // The file's own name first (docker/local/compose.e2e.yml is a test file), then its folders.
      const env = environmentByName(path.posix.basename(f.path)) ?? environmentByName(path.posix.dirname(f.path));
      (env ? out[env] : out.unclassified).push(f.path);
    } else if (k8s) {
      k8sDirs.add(path.posix.dirname(f.path));
    }
  }
  for (const dir of k8sDirs) {
    if (dir === '.') continue;
    const env = environmentByName(dir);
    (env ? out[env] : out.unclassified).push(`${dir}/`);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

function yamlString(s: string): string {
  return /^[\w./-]+$/.test(s) && !/^[-.]/.test(s) ? s : JSON.stringify(s);
}

export function renderConfig(env: InferredEnvironments): string {
  const lines = [
    '# twelve-factor-audit configuration: see docs/configuration.md, or `twelve-factor-audit schema config`.',
    '# This file is data, never code: auditing a repository never runs anything in it.',
    '',
    '# recommended (the default), or strict: digest-pinned images, and info rules reported as warnings.',
    'extends: recommended',
    '',
    '# Severity per rule: off | info | warning | error, or [severity, { options }].',
    '# `twelve-factor-audit rules` lists the rules; `twelve-factor-audit explain <rule>` explains one.',
    'rules: {}',
    '#  logs/file-logging: warning',
    '',
    '# Files not to audit (globs relative to this file; .gitignore is honoured already).',
    'ignore: []',
    '#  - scripts/legacy/**',
    '',
    '# Other severities for some files, e.g. scripts that are not part of the running service.',
    '# overrides:',
    '#   - files: ["scripts/**"]',
    '#     rules:',
    '#       disposability/missing-sigterm-handler: off',
    '',
  ];
  const inferred = (['development', 'test', 'production'] as const).filter((e) => env[e].length > 0);
  lines.push('# Which compose files and Kubernetes folders belong to which environment (dev/prod parity');
  lines.push('# rules compare them). Inferred from names by `twelve-factor-audit init`; check it.');
  if (inferred.length > 0) {
    lines.push('environments:');
    for (const e of inferred) {
      lines.push(`  ${e}:`);
      for (const p of env[e]) lines.push(`    - ${yamlString(p)}`);
    }
  } else {
    lines.push('# environments:');
    lines.push('#   development: [docker-compose.override.yml]');
    lines.push('#   production: [docker-compose.yml, k8s/prod/]');
  }
  if (env.unclassified.length > 0) {
    lines.push('# Not classified by name (add them above where they belong):');
    for (const p of env.unclassified) lines.push(`#   - ${yamlString(p)}`);
  }
  lines.push('');
  lines.push('# The files the service starts from, when inference (package.json main/start, Dockerfile CMD,');
  lines.push('# Procfile) gets it wrong.');
  lines.push('# entrypoints:');
  lines.push('#   - src/server.ts');
  lines.push('');
  return lines.join('\n');
}

export async function initCommand(args: string[], io: CommandIO, _rules: readonly RuleDefinition[]): Promise<number> {
  const parsed = await parseCommand<{ path: string }>('init', args, io, (y) =>
    y.command('$0 [path]', 'write a commented .twelve-factor.yml', (c) => c.positional('path', { type: 'string', default: '.', describe: 'repository folder' })),
  );
  if (!parsed) return 0;
  const root = path.resolve(io.cwd, parsed.path);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new WorkflowError(`${parsed.path} is not a directory`);
  const existing = findConfigFile(root);
  if (existing && path.dirname(existing.file) === root) {
    throw new WorkflowError(`${displayPath(existing.file, io.cwd)} already configures this folder; not overwriting it`);
  }
  const target = path.join(root, CONFIG_FILE_NAMES[0]);
  const env = await inferEnvironments(root);
  try {
    // `wx`: fail rather than overwrite if the file appeared meanwhile.
    await writeFile(target, renderConfig(env), { flag: 'wx' });
  } catch (err) {
    throw new WorkflowError(`cannot write ${displayPath(target, io.cwd)} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const found = [...env.development, ...env.test, ...env.production].length;
  io.stdout(`wrote ${displayPath(target, io.cwd)}${found ? ` (${found} environment file(s)/folder(s) inferred)` : ''}\n`);
  if (existing) io.stdout(`note: ${displayPath(existing.file, io.cwd)} in a parent folder no longer applies to this folder\n`);
  return 0;
}
