// `twelve-factor-audit model [path]`: prints the project model the cross-file rules read (services
// with their Dockerfile, compose service, Kubernetes containers, entrypoints and ports; run-command
// chains; the environment of each deployment file), so that a user can see why a cross-file rule
// linked two files, or why it stayed silent.

import { readFile } from 'node:fs/promises';
import { discover } from '../../discovery/discover.js';
import { isTestPath } from '../../discovery/classify.js';
import { analyzeFile } from '../../engine/per-file.js';
import { ProjectModel, type ModelFile } from '../../model/project-model.js';
import { describeChain } from '../../model/run-commands.js';
import { formatServiceModel } from '../../model/services.js';
import { readRepoFacts } from '../../engine/repo.js';

export async function buildModel(root: string): Promise<ProjectModel> {
  const discovery = await discover(root, { ignore: [] });
  if (discovery.files.some((f) => f.kind === 'ts')) await import('../../engine/ts-walk.js');
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
