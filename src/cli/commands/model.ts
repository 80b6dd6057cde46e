// `twelve-factor-audit model [path]`: prints the project model the cross-file rules read (services
// with their Dockerfile, compose service, Kubernetes containers, entrypoints and ports; run-command
// chains; what each deployment file is for), so that a user can see why a cross-file rule linked two
// files, or why it stayed silent. It is built by the engine exactly as an audit builds it, with the
// same configuration (environments, entrypoints, ignore) and the same file limits.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadProjectModel } from '../../engine/audit.js';
import type { ProjectModel } from '../../model/project-model.js';
import { describeChain } from '../../model/run-commands.js';
import { formatRunChains, runChains } from '../../model/run-chain.js';
import { formatServiceModel } from '../../model/services.js';
import { loadConfig } from '../../config/load.js';
import { resolveConfig } from '../../config/resolve.js';
import { rules } from '../../../rules/index.js';
import { safeLines, safeText } from '../../util/safe-text.js';

export async function buildModel(root: string, options: { cwd?: string; config?: string | false } = {}): Promise<ProjectModel> {
  const loaded = options.config === false ? null : loadConfig(root, rules, { cwd: options.cwd ?? process.cwd(), ...(options.config ? { explicitFile: options.config } : {}) });
  const config = resolveConfig(loaded, rules, root);
  const { model } = await loadProjectModel({ root, ignore: config.ignore, settings: config.settings });
  return model;
}

/** Kinds whose role decides what the deployment rules judge: each is listed with its role. */
const DEPLOY_KINDS = new Set(['dockerfile', 'compose', 'k8s', 'procfile', 'env', 'package-json']);

export function formatModel(model: ProjectModel): string {
  const out: string[] = ['# services', formatServiceModel(model.services()).trimEnd(), '', '# run chains (each deployable unit, hop by hop, to the source file it starts or the reason it stops)', formatRunChains(runChains(model)).trimEnd(), '', '# run commands'];
  for (const { command, leaves } of model.runCommands()) {
    out.push(`${command.label} (${command.at.file}:${command.at.line}) [${command.environment}]${command.hasInit ? ' init' : ''}`);
    for (const leaf of leaves) out.push(`  ${leaf.argv.join(' ')}${leaf.viaShell ? ' (via shell)' : ''}  ← ${describeChain(leaf)} (${leaf.at.file}:${leaf.at.line})`);
  }
  out.push('', '# entrypoints');
  for (const e of model.entrypoints()) out.push(`${e.file}: ${e.reason}`);
  // Deployment files always; source files only where the run chain or the configuration decided.
  out.push('', '# file roles (what each file is for: rules judge runtime files; see docs/configuration.md)');
  for (const f of model.files.values()) {
    const decision = model.roleOf(f.path);
    if (!DEPLOY_KINDS.has(f.kind) && !decision.reason.startsWith('run by') && !decision.reason.startsWith('configured')) continue;
    out.push(`${f.path}: ${decision.role} (${decision.reason})`);
  }
  return `${out.join('\n')}\n`;
}

/** The run chains as data (`model --format json`): one object per deployable unit. */
export function modelJson(model: ProjectModel): unknown {
  return {
    runChains: runChains(model).map((u) => ({
      kind: u.kind,
      id: u.id,
      label: u.label,
      file: u.at.file,
      line: u.at.line,
      environment: u.environment,
      status: u.status,
      ...(u.stop !== undefined ? { stop: u.stop } : {}),
      branches: u.branches.map((b) => ({ hops: b.hops.map((h) => ({ file: h.file, line: h.line, label: h.label })), entries: b.entries, ...(b.stop !== undefined ? { stop: b.stop } : {}) })),
      ...(u.branches.length === 0 && u.via.length > 0 ? { via: u.via.map((h) => ({ file: h.file, line: h.line, label: h.label })) } : {}),
    })),
    entrypoints: model.entrypoints().map((e) => ({ file: e.file, reason: e.reason })),
  };
}

/** `model [path] [--config file | --no-config] [--format text|json]`: exit 0 with the printout, 2 when the path is not a directory. */
export async function runModelCommand(args: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string }): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout('twelve-factor-audit model [path] [--config <file> | --no-config] [--format text|json]\n\nPrint the project model: services (Dockerfile, compose services, Kubernetes containers and the code they run), the run chain of each deployable unit hop by hop (JSON with --format json), entrypoints, and what each deployment file is for.\n');
    return 0;
  }
  let config: string | false | undefined;
  let format = 'text';
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--no-config') config = false;
    else if (a === '--config' || a === '-c') {
      const next = args[++i];
      if (next === undefined || next.startsWith('-')) {
        io.stderr('twelve-factor-audit: model --config takes a file\n');
        return 2;
      }
      config = next;
    } else if (a.startsWith('--config=')) config = a.slice('--config='.length);
    else if (a === '--format' || a.startsWith('--format=')) {
      const value = a === '--format' ? args[++i] : a.slice('--format='.length);
      if (value !== 'text' && value !== 'json') {
        io.stderr('twelve-factor-audit: model --format takes text or json\n');
        return 2;
      }
      format = value;
    }
    else if (a.startsWith('-')) {
      io.stderr(`twelve-factor-audit: model does not know the option ${a} (it takes a path, --config <file>, --no-config or --format text|json)\n`);
      return 2;
    } else positional.push(a);
  }
  if (positional.length > 1) {
    io.stderr(`twelve-factor-audit: model takes one optional path\n`);
    return 2;
  }
  const root = path.resolve(io.cwd, positional[0] ?? '.');
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    io.stderr(`twelve-factor-audit: ${safeText(positional[0] ?? '.')} is not a directory\n`);
    return 2;
  }
  // Names, commands and arguments come from the tree: redacted and escaped like every printed string.
  const model = await buildModel(root, { cwd: io.cwd, ...(config !== undefined ? { config } : {}) });
  // Every string from the tree is redacted and escaped, in JSON value by value.
  io.stdout(format === 'json' ? `${JSON.stringify(modelJson(model), (_key, value: unknown) => (typeof value === 'string' ? safeText(value) : value), 2)}\n` : safeLines(formatModel(model)));
  return 0;
}
