// Shared by the admin-processes rules: which source files run inside a long-running process (the
// import closure of an entrypoint that starts a server or a consumer), and which run commands are
// one-off admin processes rather than the service itself.

import type { TsFacts } from '../../src/parsing/facts.js';
import type { ProjectModel } from '../../src/model/project-model.js';
import type { RunCommand } from '../../src/model/run-commands.js';

/** Source file -> the entrypoint of a long-running process whose import closure holds it. */
export function serverPathFiles(model: ProjectModel): Map<string, string> {
  return model.memo('admin-processes:server-path-files', () => computeServerPathFiles(model));
}

function computeServerPathFiles(model: ProjectModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const ep of model.entrypoints()) {
    const closure = model.importClosure(ep.file);
    const longRunning = closure.some((f) => {
      const facts = model.files.get(f)?.facts as TsFacts | undefined;
      return facts?.kind === 'ts' && facts.serverStarts.length > 0;
    });
    if (!longRunning) continue;
    // What the service's own package runs on its start path: a workspace library it imports may
    // define a migrate() that only a one-off script calls (ProjectModel.ownPackageClosure).
    for (const f of model.ownPackageClosure(ep.file)) if (!out.has(f)) out.set(f, ep.file);
  }
  return out;
}

const ADMIN_NAME = /migrat|seed|setup|bootstrap-db|db-init|init-db|schema|release|job|task|cron|admin/i;

/**
 * A run command of a one-off process: a k8s Job/CronJob or init container, a compose service or
 * Procfile process named for a release step (`migrate`, `release`, `seed`).
 */
export function isOneOffCommand(model: ProjectModel, command: RunCommand): boolean {
  const [file, rest] = command.owner.split('#');
  if (command.origin === 'k8s' && file && rest) {
    const [kind, objName, containerName] = rest.split('/');
    if (kind === 'Job' || kind === 'CronJob') return true;
    const facts = model.files.get(file)?.facts;
    if (facts?.kind === 'k8s') {
      const obj = facts.objects.find((o) => o.kind === kind && o.name === objName);
      if (obj?.pod?.containers.some((c) => c.name === containerName && c.init)) return true;
    }
    return false;
  }
  if ((command.origin === 'compose' || command.origin === 'procfile') && rest) return ADMIN_NAME.test(rest);
  return false;
}
