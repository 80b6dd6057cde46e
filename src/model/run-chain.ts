// The run-chain model: for every deployable unit (compose service, Kubernetes container, Dockerfile
// stage that something runs, Procfile process) the whole chain from the line that says what runs to
// the source file that starts the service, each hop with its file and line, or the one-line reason the
// chain stops. It is a view over the one run-command follower (run-commands.ts): the units say which
// run command each deployment runs, the follower's leaves say where it leads.

import path from 'node:path/posix';
import type { FileEnvironment } from './file-role.js';
import type { ProjectModel } from './project-model.js';
import { copiesWithUnknownVariables } from './docker-commands.js';
import { HARMLESS_COMMANDS, type RunCommand, type RunLeaf, type SourcePlace } from './run-commands.js';

export interface ChainHop extends SourcePlace {
  label: string;
}

/** One simple command the unit ends up running, with the way there. */
export interface ChainBranch {
  /** From the unit's own line to the command, in order; the last hop is the command itself. */
  hops: ChainHop[];
  entries: string[];
  stop?: string;
  leaf: RunLeaf;
}

export type ChainStatus =
  /** A branch reaches a source file of the repository. */
  | 'reached'
  /** The chain stops inside the repository, for the reason given. */
  | 'stopped'
  /** What runs is not in the repository (an image from a registry, a program of the base image). */
  | 'external';

export interface RunChainUnit {
  kind: 'compose' | 'k8s' | 'dockerfile' | 'procfile';
  /** The run-command owner id (`compose.yaml#api`, `Dockerfile`, `Dockerfile#dev`, `Procfile#web`). */
  id: string;
  label: string;
  at: SourcePlace;
  environment: FileEnvironment;
  /** Hops before the run command (compose `build` → the Dockerfile's CMD). */
  via: ChainHop[];
  command?: RunCommand;
  branches: ChainBranch[];
  status: ChainStatus;
  /** Why the unit's chain stops (the first branch that stops, or the unit's own reason). */
  stop?: string;
}

const ONE_OFF = /one-off tool|shell utility|shell syntax/;
const EXTERNAL_STOP = /a program from the image|not built from this repository|base image's|no image, build or command/;

/** Every deployable unit with its chain, computed once per model. */
export function runChains(model: ProjectModel): RunChainUnit[] {
  return model.memo('run-chains', () => computeRunChains(model));
}

function computeRunChains(model: ProjectModel): RunChainUnit[] {
  const runs = model.runCommands();
  const byOwner = new Map<string, Array<{ command: RunCommand; leaves: RunLeaf[] }>>();
  // The commands of each Dockerfile's stages, in order (one list per Dockerfile, not a scan of every command per Dockerfile).
  const byDockerfile = new Map<string, Array<{ command: RunCommand; leaves: RunLeaf[] }>>();
  for (const r of runs) {
    const list = byOwner.get(r.command.owner) ?? [];
    list.push(r);
    byOwner.set(r.command.owner, list);
    const dockerfile = r.command.origin === 'dockerfile' ? r.command.image?.dockerfile : undefined;
    if (dockerfile !== undefined) {
      const own = byDockerfile.get(dockerfile);
      if (own) own.push(r);
      else byDockerfile.set(dockerfile, [r]);
    }
  }
  const units: RunChainUnit[] = [];
  const serviceUnits = new Map(model.services().units.map((u) => [u.id, u]));

  for (const df of model.ofKind('dockerfile')) {
    const own = byDockerfile.get(df.path) ?? [];
    if (own.length === 0) {
      const last = df.facts.stages[df.facts.stages.length - 1];
      if (!last) continue;
      units.push(unitOf('dockerfile', df.path, df.path, { file: df.path, line: last.line, column: last.column }, model.environmentOf(df.path), [], undefined, "no CMD or ENTRYPOINT: the base image's command runs"));
      continue;
    }
    for (const r of own) units.push(unitOf('dockerfile', r.command.owner, r.command.owner === df.path ? df.path : r.command.owner.replace('#', ' stage '), r.command.at, r.command.environment, [], r));
  }

  for (const compose of model.ofKind('compose')) {
    const dir = path.dirname(compose.path);
    for (const svc of compose.facts.services) {
      const id = `${compose.path}#${svc.name}`;
      const at = { file: compose.path, line: svc.line, column: svc.column };
      const env = serviceUnits.get(id)?.environment ?? model.environmentOf(compose.path);
      const own = byOwner.get(id)?.[0];
      const su = serviceUnits.get(id);
      if (own) {
        // A command given to an image this repository does not build runs that image's programs.
        const external = !svc.build && !su?.dockerfile && svc.image ? `runs image ${svc.image.value}, not built from this repository` : undefined;
        units.push(unitOf('compose', id, `compose service ${svc.name}`, at, env, [], own, undefined, external));
        continue;
      }
      const dfPath = su?.dockerfile;
      if (dfPath) {
        const owner = su.stage ? `${dfPath}#${su.stage}` : dfPath;
        const run = byOwner.get(owner)?.[0] ?? byOwner.get(dfPath)?.[0];
        const hop: ChainHop = svc.build ? { file: compose.path, line: svc.build.line, column: svc.build.column, label: `build ${path.normalize(path.join(dir, svc.build.context))}${svc.build.target ? ` target ${svc.build.target}` : ''}` } : { ...at, label: `image ${su.image ?? ''} (${su.dockerfileVia ?? 'built here'})` };
        units.push(unitOf('compose', id, `compose service ${svc.name}`, at, env, [hop], run, run ? undefined : `${dfPath} has no CMD or ENTRYPOINT for this service`));
        continue;
      }
      units.push(unitOf('compose', id, `compose service ${svc.name}`, at, env, [], undefined, svc.image ? `runs image ${svc.image.value}, not built from this repository` : 'no image, build or command'));
    }
  }

  for (const su of model.services().units) {
    if (su.kind !== 'k8s') continue;
    const own = byOwner.get(su.id)?.[0];
    const at = { file: su.file, line: su.line, column: su.column };
    if (own) {
      units.push(unitOf('k8s', su.id, su.label, at, su.environment, [], own));
      continue;
    }
    const run = su.dockerfile ? byOwner.get(su.dockerfile)?.[0] : undefined;
    if (run) {
      units.push(unitOf('k8s', su.id, su.label, at, su.environment, [{ ...at, label: `image ${su.image ?? ''} (${su.dockerfileVia ?? ''})` }], run));
      continue;
    }
    units.push(unitOf('k8s', su.id, su.label, at, su.environment, [], undefined, su.image ? `runs image ${su.image}, not built from this repository (no Dockerfile of the repository is linked to it)` : 'no image and no command'));
  }

  for (const r of runs) if (r.command.origin === 'procfile') units.push(unitOf('procfile', r.command.owner, r.command.label, r.command.at, r.command.environment, [], r));
  for (const u of units) if (u.status === 'stopped' && u.stop !== undefined && IMAGE_PATH_STOP.test(u.stop)) u.stop = unknownCopyReason(model, u) ?? u.stop;
  return units;
}

const IMAGE_PATH_STOP = /image path no COPY|is not a source file of the repository|is not a shell script of the repository/;

/** When the image path was not mapped because a COPY line uses an ARG that has no value, that is the reason. */
function unknownCopyReason(model: ProjectModel, u: RunChainUnit): string | undefined {
  const image = u.command?.image;
  const facts = image ? model.files.get(image.dockerfile)?.facts : undefined;
  const stage = facts?.kind === 'dockerfile' ? facts.stages[image!.stage] : undefined;
  if (!stage || facts?.kind !== 'dockerfile') return undefined;
  // The image paths the stopped commands name (`node ./main.js` in WORKDIR /app: /app/main.js).
  const workdir = u.command!.workdir || '/';
  const paths = u.branches.filter((b) => b.entries.length === 0).flatMap((b) => b.leaf.argv.slice(0, 4).filter((a) => /[./]/.test(a) && !a.startsWith('-')).map((a) => (a.startsWith('/') ? a : path.join(workdir, a))));
  const first = copiesWithUnknownVariables(facts, stage, paths)[0];
  return first ? `the COPY at ${image!.dockerfile}:${first.line} uses ${first.names.join(', ')}, which no default or build gives a value: what the image holds there is not known` : undefined;
}

function unitOf(kind: RunChainUnit['kind'], id: string, label: string, at: SourcePlace, environment: FileEnvironment, via: ChainHop[], run: { command: RunCommand; leaves: RunLeaf[] } | undefined, stop?: string, externalImage?: string): RunChainUnit {
  const branches: ChainBranch[] = [];
  if (run) {
    for (const leaf of run.leaves) {
      if (leaf.through) continue;
      const base = (leaf.argv[0] ?? '').split('/').pop() ?? '';
      if (HARMLESS_COMMANDS.has(base)) continue;
      branches.push({ hops: [...via, ...leafHops(leaf)], entries: leaf.entries, ...(leaf.stop !== undefined ? { stop: leaf.stop } : {}), leaf });
    }
  }
  const reached = branches.some((b) => b.entries.length > 0);
  if (!reached && externalImage) stop ??= externalImage;
  // The reason that says most: a stop inside the repository, then a program of the image, then a one-off tool.
  const stops = branches.flatMap((b) => (b.stop !== undefined ? [b.stop] : []));
  const inRepoStop = (r: string) => !EXTERNAL_STOP.test(r) && !ONE_OFF.test(r);
  // The process that stays (the one exec'd) says more than a step before it (an env check).
  const execStop = branches.find((b) => b.stop !== undefined && b.leaf.wrappers.includes('exec') && inRepoStop(b.stop))?.stop;
  const inRepo = execStop ?? stops.find(inRepoStop);
  const firstStop = stop ?? inRepo ?? stops.find((r) => EXTERNAL_STOP.test(r)) ?? stops[0] ?? (run && branches.length === 0 ? 'the command runs only shell utilities' : undefined);
  const external = !reached && firstStop !== undefined && (stop !== undefined ? EXTERNAL_STOP.test(stop) : inRepo === undefined && stops.some((r) => EXTERNAL_STOP.test(r)));
  return {
    kind,
    id,
    label,
    at,
    environment,
    via,
    ...(run ? { command: run.command } : {}),
    branches,
    status: reached ? 'reached' : external ? 'external' : 'stopped',
    ...(!reached && firstStop !== undefined ? { stop: firstStop } : {}),
  };
}

/** The hops of a leaf: the run command, every step of its chain, the leaf itself (no place twice in a row). */
export function leafHops(leaf: RunLeaf): ChainHop[] {
  const hops: ChainHop[] = [{ ...leaf.command.at, label: leaf.command.label }];
  for (const step of [...leaf.chain, { ...leaf.at, label: leaf.argv.slice(0, 3).join(' ') }]) {
    const prev = hops[hops.length - 1]!;
    if (prev.file === step.file && prev.line === step.line && prev.label === step.label) continue;
    hops.push({ file: step.file, line: step.line, column: step.column, label: step.label });
  }
  return hops;
}

/** Related locations of a finding: the hops of its chain, each as a place with what happens there. */
export function chainRelated(hops: ChainHop[], entry?: string): Array<{ file: string; line: number; column: number; message: string }> {
  const out = hops.map((h, i) => ({ file: h.file, line: h.line, column: h.column, message: `hop ${i + 1}: ${h.label}` }));
  if (entry) out.push({ file: entry, line: 1, column: 1, message: `hop ${out.length + 1}: source entry ${entry}` });
  return out;
}

/** The `# run chains` section of `twelve-factor-audit model`. */
export function formatRunChains(units: RunChainUnit[]): string {
  const out: string[] = [];
  for (const u of units) {
    out.push(`${u.label} (${u.at.file}:${u.at.line}) [${u.environment}] ${u.status === 'reached' ? 'reaches source' : u.status === 'external' ? 'runs nothing of the repository' : 'stops'}`);
    for (const b of u.branches) {
      out.push(`  ${b.hops.map((h) => `${h.label} (${h.file}:${h.line})`).join(' → ')}`);
      out.push(b.entries.length > 0 ? `    → ${b.entries.join(', ')}` : `    stops: ${b.stop ?? 'not followed'}`);
    }
    if (u.branches.length === 0) {
      if (u.via.length > 0) out.push(`  ${u.via.map((h) => `${h.label} (${h.file}:${h.line})`).join(' → ')}`);
      out.push(`    stops: ${u.stop ?? 'not followed'}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Counts for docs/accuracy.md: units whose chain reaches a source file, stops, or runs nothing of the repository. */
export function chainCounts(units: RunChainUnit[]): Record<ChainStatus, number> {
  const counts: Record<ChainStatus, number> = { reached: 0, stopped: 0, external: 0 };
  for (const u of units) counts[u.status]++;
  return counts;
}
