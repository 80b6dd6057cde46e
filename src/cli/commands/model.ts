// `twelve-factor-audit model [path]`: prints the project model the cross-file rules read (services
// with their Dockerfile, compose service, Kubernetes containers, entrypoints and ports; run-command
// chains; the environment of each deployment file), so that a user can see why a cross-file rule
// linked two files, or why it stayed silent.

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { discover } from '../../discovery/discover.js';
import { isTestPath } from '../../discovery/classify.js';
import { analyzeFile } from '../../engine/per-file.js';
import { ProjectModel, type ModelFile } from '../../model/project-model.js';
import { describeChain } from '../../model/run-commands.js';
import { formatServiceModel } from '../../model/services.js';
import { readRepoFacts } from '../../engine/repo.js';
import { safeLines, safeText } from '../../util/safe-text.js';

export async function buildModel(root: string): Promise<ProjectModel> {
  const discovery = await discover(root, { ignore: [] });
  const files: ModelFile[] = [];
  for (const f of discovery.files) {
    const text = f.kind === 'lockfile' ? '' : await readFile(f.absPath, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const r = analyzeFile({ path: f.path, kind: f.kind, text, isTest: isTestPath(f.path) }, []);
    if (r.kind && r.facts) files.push({ path: r.path, kind: r.kind, facts: r.facts, isTest: isTestPath(r.path) });
  }
  return new ProjectModel(files, readRepoFacts(discovery.root));
}

export function formatModel(model: ProjectModel): string {
  const out: string[] = ['# services', formatServiceModel(model.services()).trimEnd(), '', '# run commands'];
  for (const { command, leaves } of model.runCommands()) {
    out.push(`${command.label} (${command.at.file}:${command.at.line}) [${command.environment}]${command.hasInit ? ' init' : ''}`);
    for (const leaf of leaves) out.push(`  ${leaf.argv.join(' ')}${leaf.viaShell ? ' (via shell)' : ''}  ← ${describeChain(leaf)} (${leaf.at.file}:${leaf.at.line})`);
  }
  out.push('', '# entrypoints');
  for (const e of model.entrypoints()) out.push(`${e.file}: ${e.reason}`);
  return `${out.join('\n')}\n`;
}

/** `model [path]`: exit 0 with the printout, 2 when the path is not a directory. */
export async function runModelCommand(args: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string }): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout('twelve-factor-audit model [path]\n\nPrint the project model: services (Dockerfile, compose services, Kubernetes containers and the code they run), run-command chains, entrypoints.\n');
    return 0;
  }
  const positional = args.filter((a) => !a.startsWith('-'));
  if (positional.length > 1 || positional.length < args.length) {
    io.stderr(`twelve-factor-audit: model takes one optional path and no options\n`);
    return 2;
  }
  const root = path.resolve(io.cwd, positional[0] ?? '.');
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    io.stderr(`twelve-factor-audit: ${safeText(positional[0] ?? '.')} is not a directory\n`);
    return 2;
  }
  // Names, commands and arguments come from the tree: redacted and escaped like every printed string.
  io.stdout(safeLines(formatModel(await buildModel(root))));
  return 0;
}
