// The service model: which Dockerfile, compose service and Kubernetes container run which code. Each
// place that runs something is a "unit"; units are linked by evidence that names the link (a compose
// `build` naming a Dockerfile, an image name shared by compose and Kubernetes, a run command whose
// target maps back to a source file) and linked units form a service. A unit whose run command this
// model cannot follow to code has `runsUnknown` set: cross-file rules stay silent on it rather than
// guess.

import path from 'node:path/posix';
import type { ComposeService, DockerfileFacts, K8sContainer, K8sObject, ServerStartFact, StructuredDoc } from '../parsing/facts.js';
import { isBackingServiceImage, type FileEnvironment } from './file-role.js';
import { splitImage } from '../parsing/dockerfile.js';
import { isRecord, valuePositionOf } from '../parsing/structured.js';
import { finalStage, relativeToWorkdir, workdirAt, type ProjectModel } from './project-model.js';
import type { RunLeaf } from './run-commands.js';
import { dockerfileTaggedAs } from './docker-builds.js';
import { packageNameOf } from './packages.js';

export interface PortDeclaration {
  port: number;
  /** `EXPOSE`, `compose ports`, `compose expose`, `containerPort`, `Service web targetPort`. */
  what: string;
  file: string;
  line: number;
  column: number;
}

export interface CodePort {
  file: string;
  line: number;
  column: number;
  /** Literal port (or literal fallback). */
  literal?: number;
  /** Env var read on the way. */
  env?: string;
  opaque?: boolean;
}

export interface UnitLink {
  to: string;
  via: string;
}

export interface ServiceUnit {
  kind: 'dockerfile' | 'compose' | 'k8s';
  /** Dockerfile path, `compose.yaml#api`, `k8s/api.yaml#Deployment/api/api` (the run-command owner ids). */
  id: string;
  label: string;
  file: string;
  line: number;
  column: number;
  environment: FileEnvironment;
  /** Image name without tag or digest, when the unit names one. */
  image?: string;
  /** The Dockerfile stage it runs: compose `build.target`, or the target of the build that tags its image. */
  stage?: string;
  /** The Dockerfile that builds what this unit runs, and how that was found. */
  dockerfile?: string;
  dockerfileVia?: string;
  /** Source entrypoints the unit's run command reaches. */
  entries: string[];
  /** Where the run command comes from: the unit's own or its Dockerfile's. */
  runCommandFrom?: string;
  /** Some leaf of the run command is a program this model does not follow to code. */
  runsUnknown: boolean;
  /** Environment values set by this unit (its own, then its Dockerfile's ENV); null = set but unknown. */
  env: Record<string, string | null>;
  /** env_file that cannot be read, envFrom, valueFrom...: any variable may be set. */
  envOpen: boolean;
  ports: PortDeclaration[];
  /** Published compose port, or selected by a Kubernetes Service. */
  exposedBy?: PortDeclaration;
  /** HTTP listens in the import closure of the entries. */
  codePorts: CodePort[];
  /** The code imports an HTTP framework or module (a listen may hide in a dependency). */
  importsHttpFramework: boolean;
  /** The code imports a package of this repository by name: what it runs is not all followed. */
  importsWorkspacePackage: boolean;
  links: UnitLink[];
}

export interface Service {
  name: string;
  units: ServiceUnit[];
  entries: string[];
  packageDirs: string[];
}

export interface ServiceModel {
  units: ServiceUnit[];
  services: Service[];
  /** Build contexts of each Dockerfile: its folder, and every compose `build` that names it. */
  buildContexts: Record<string, string[]>;
}

const HTTP_MODULES = /^(node:)?(http|https|http2|net)$|^(express|fastify|koa|@hapi\/hapi|hapi|restify|@nestjs\/(core|platform-.*)|next|nuxt|hono|@hono\/node-server|polka|micro|apollo-server.*|@apollo\/server|socket\.io|ws|h3|elysia|@adonisjs\/.*|@feathersjs\/.*|loopback|@loopback\/.*|sails|@remix-run\/.*|@sveltejs\/kit|astro|@trpc\/server|graphql-yoga|moleculer.*|@grpc\/grpc-js|grpc)$/;
/** Commands of entry scripts that start no long-running process. */
const HARMLESS = new Set(['set', 'export', 'echo', 'cd', 'sleep', 'test', '[', '[[', 'true', ':', 'printf', 'mkdir', 'chown', 'chmod', 'cp', 'mv', 'rm', 'ln', 'cat', 'envsubst', 'source', '.', 'trap', 'wait', 'ulimit', 'umask', 'unset', 'shift', 'exit', 'return', 'local', 'read', 'touch', 'until', 'while']);
const WRAPPERS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'npm-run-all', 'run-p', 'run-s', 'concurrently', 'npx']);
const NODE_PROGRAMS = /^(node|nodejs|ts-node|ts-node-dev|tsx|nodemon)$/;

export function buildServiceModel(model: ProjectModel): ServiceModel {
  const units: ServiceUnit[] = [];
  const runs = model.runCommands();
  // Grouped once: every unit asks for its own, its stage's and its Dockerfile's.
  const runsByOwner = new Map<string, typeof runs>();
  for (const r of runs) {
    const list = runsByOwner.get(r.command.owner);
    if (list) list.push(r);
    else runsByOwner.set(r.command.owner, [r]);
  }
  const runsOf = (owner: string) => runsByOwner.get(owner) ?? [];

  // ---------------------------------------------------------------- Dockerfiles
  const dockerfiles = new Map<string, ServiceUnit>();
  const dfFacts = new Map<string, DockerfileFacts>();
  for (const df of model.ofKind('dockerfile')) {
    const stage = finalStage(df.facts);
    if (!stage) continue;
    dfFacts.set(df.path, df.facts);
    const unit = blankUnit('dockerfile', df.path, df.path, { file: df.path, line: stage.line, column: stage.column }, model.environmentOf(df.path));
    for (const e of stage.env) if (e.instruction === 'ENV') unit.env[e.name] = e.hasValue ? e.value : null;
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const word of ins.text.split(/\s+/)) {
        const port = Number(word.split('/')[0]);
        if (Number.isInteger(port) && port > 0) unit.ports.push({ port, what: 'EXPOSE', file: df.path, line: ins.line, column: ins.column });
      }
    }
    units.push(unit);
    dockerfiles.set(df.path, unit);
  }

  // Build contexts named by compose files (a Dockerfile's folder otherwise).
  const contextsOf = new Map<string, Set<string>>();
  const addContext = (df: string, ctx: string) => {
    const set = contextsOf.get(df) ?? new Set<string>();
    set.add(ctx);
    contextsOf.set(df, set);
  };
  for (const df of dockerfiles.keys()) addContext(df, path.dirname(df));

  // ---------------------------------------------------------------- compose services
  const composeUnits: Array<{ unit: ServiceUnit; svc: ComposeService; dir: string }> = [];
  /** compose build.target: the stage of the Dockerfile the service runs (its run command's owner). */
  const targetOwner = new Map<ServiceUnit, string>();
  for (const compose of model.ofKind('compose')) {
    const dir = path.dirname(compose.path);
    for (const svc of compose.facts.services) {
      const id = `${compose.path}#${svc.name}`;
      const env = svc.profiles.some((p) => /dev|test|debug/i.test(p)) ? 'dev' : model.environmentOf(compose.path);
      const unit = blankUnit('compose', id, `compose service ${svc.name}`, { file: compose.path, line: svc.line, column: svc.column }, env);
      if (svc.image) {
        const name = imageName(svc.image.value);
        if (name) unit.image = name;
      }
      if (svc.build) {
        const context = path.normalize(path.join(dir, svc.build.context));
        const dfPath = path.normalize(path.join(context, svc.build.dockerfile ?? 'Dockerfile'));
        if (dockerfiles.has(dfPath)) {
          unit.dockerfile = dfPath;
          unit.dockerfileVia = `compose build (${compose.path}:${svc.build.line})`;
          addContext(dfPath, context);
          if (svc.build.target) {
            targetOwner.set(unit, `${dfPath}#${svc.build.target}`);
            unit.stage = svc.build.target;
          }
        }
      }
      for (const e of svc.environment) unit.env[e.name] = e.value;
      for (const f of svc.envFiles) {
        const envFile = model.files.get(path.normalize(path.join(dir, f.value)))?.facts;
        if (envFile?.kind === 'env') {
          for (const e of envFile.entries) if (!Object.hasOwn(unit.env, e.name)) unit.env[e.name] = e.value;
        } else unit.envOpen = true;
      }
      for (const p of svc.ports) {
        if (p.target === undefined) continue;
        const decl = { port: p.target, what: 'compose ports', file: compose.path, line: p.line, column: p.column };
        unit.ports.push(decl);
        unit.exposedBy ??= decl;
      }
      for (const e of svc.expose) {
        const port = Number(e.value.split('/')[0]);
        if (Number.isInteger(port)) unit.ports.push({ port, what: 'compose expose', file: compose.path, line: e.line, column: e.column });
      }
      units.push(unit);
      composeUnits.push({ unit, svc, dir });
    }
  }
  // A compose service that only names an image another service builds runs that Dockerfile (or,
  // when no compose file builds it, the one Dockerfile named after the image).
  for (const { unit } of composeUnits) {
    if (unit.dockerfile || !unit.image) continue;
    const link = dockerfileForImage(model, unit.image, dockerfiles);
    if (link) {
      unit.dockerfile = link.file;
      unit.dockerfileVia = link.via;
      if (link.target) {
        targetOwner.set(unit, `${link.file}#${link.target}`);
        unit.stage = link.target;
      }
    }
  }

  // ---------------------------------------------------------------- Kubernetes
  for (const k8s of model.ofKind('k8s')) {
    const services = k8sServices(k8s.facts.docs, k8s.facts.objects);
    for (const obj of k8s.facts.objects) {
      if (!obj.pod) continue;
      const labels = podLabels(k8s.facts.docs[obj.docIndex], obj);
      for (const c of obj.pod.containers) {
        if (c.init) continue;
        const id = `${k8s.path}#${obj.kind}/${obj.name}/${c.name}`;
        const unit = blankUnit('k8s', id, `${obj.kind} ${obj.name} container ${c.name}`, { file: k8s.path, line: c.line, column: c.column }, model.environmentOf(k8s.path));
        if (c.image) {
          const name = imageName(c.image.value);
          if (name) unit.image = name;
        }
        containerEnv(unit, c);
        for (const p of c.ports) unit.ports.push({ port: p.containerPort, what: 'containerPort', file: k8s.path, line: p.line, column: p.column });
        // Services in the same file whose selector matches the pod labels.
        for (const s of services) {
          if (!selectorMatches(s.selector, labels)) continue;
          for (const sp of s.ports) {
            const target = typeof sp.targetPort === 'number' ? sp.targetPort : c.ports.find((p) => p.name === sp.targetPort)?.containerPort;
            if (target === undefined) continue;
            const decl = { port: target, what: `Service ${s.name} targetPort`, file: k8s.path, line: sp.line, column: sp.column };
            unit.ports.push(decl);
            unit.exposedBy ??= decl;
          }
        }
        const dfLink = dockerfileForImage(model, unit.image, dockerfiles);
        if (dfLink) {
          unit.dockerfile = dfLink.file;
          unit.dockerfileVia = dfLink.via;
          if (dfLink.target) {
            targetOwner.set(unit, `${dfLink.file}#${dfLink.target}`);
            unit.stage = dfLink.target;
          }
        }
        units.push(unit);
      }
    }
  }

  // ---------------------------------------------------------------- run commands → code
  const workspaceNames = new Set(model.ofKind('package-json').flatMap((p) => (p.facts.name ? [p.facts.name] : [])));
  // What the code of an entry does, looked at once per entry: a compose service, its Kubernetes
  // container and its Dockerfile usually run the same one.
  const codeOfEntry = new Map<string, EntryCode>();
  const codeOf = (entry: string): EntryCode => {
    let code = codeOfEntry.get(entry);
    if (!code) {
      code = entryCode(model, entry, workspaceNames);
      codeOfEntry.set(entry, code);
    }
    return code;
  };
  for (const unit of units) {
    const own = runsOf(unit.id);
    const dfUnit = unit.dockerfile ? dockerfiles.get(unit.dockerfile) : undefined;
    if (dfUnit) {
      for (const [k, v] of Object.entries(dfUnit.env)) if (!Object.hasOwn(unit.env, k)) unit.env[k] = v;
      // EXPOSE declares what the image listens on, so the units that run it inherit it.
      unit.ports.push(...dfUnit.ports);
      unit.links.push({ to: dfUnit.id, via: unit.dockerfileVia ?? 'builds' });
    }
    const stageRuns = targetOwner.has(unit) ? runsOf(targetOwner.get(unit)!) : [];
    const chosen = own.length > 0 ? own : stageRuns.length > 0 ? stageRuns : unit.kind !== 'dockerfile' && unit.dockerfile ? runsOf(unit.dockerfile) : [];
    if (chosen.length === 0) {
      unit.runsUnknown = true;
      continue;
    }
    unit.runCommandFrom = chosen[0]!.command.label;
    const dfPath = unit.kind === 'dockerfile' ? unit.id : unit.dockerfile;
    const df = dfPath ? dfFacts.get(dfPath) : undefined;
    const stage = df ? finalStage(df) : undefined;
    const workdir = stage ? workdirAt(stage.instructions, Number.MAX_SAFE_INTEGER) : '';
    const contexts = [...(dfPath ? (contextsOf.get(dfPath) ?? []) : []), ...chosen.map((r) => r.command.contextDir)];
    const entries = new Set<string>();
    for (const { leaves } of chosen) {
      for (const leaf of leaves) {
        const program = (leaf.argv[0] ?? '').split('/').pop() ?? '';
        if (leaf.through || WRAPPERS.has(program) || HARMLESS.has(program)) continue;
        const targets = leaf.entries.length > 0 ? leaf.entries : targetsOf(model, leaf.argv, contexts, workdir, leaf.at.file);
        if (targets.length > 0) for (const t of targets) entries.add(t);
        else if (!isMigrationOrTool(leaf.argv)) unit.runsUnknown = true;
      }
    }
    unit.entries = [...entries].sort();
    if (unit.entries.length === 0) unit.runsUnknown = true;
    // An entry that spawns other programs (a launcher starting the servers as child processes):
    // what listens is not in its import graph.
    if (unit.entries.some((e) => { const f = model.files.get(e)?.facts; return f?.kind === 'ts' && f.childProcesses.some((c) => c.fn === 'spawn' || c.fn === 'fork' || c.fn === 'exec' || c.fn === 'execa'); })) unit.runsUnknown = true;
    for (const entry of unit.entries) {
      unit.links.push({ to: entry, via: `${unit.runCommandFrom} runs it` });
      const code = codeOf(entry);
      if (code.importsHttpFramework) unit.importsHttpFramework = true;
      if (code.importsWorkspacePackage) unit.importsWorkspacePackage = true;
      for (const { file, start: s } of code.httpStarts) unit.codePorts.push({ file, line: s.line, column: s.column, ...(s.port ?? { opaque: true }) });
    }
  }

  const buildContexts = Object.fromEntries([...contextsOf].map(([k, v]) => [k, [...v]]));
  return { units, services: groupServices(model, units), buildContexts };
}

/** What the import closure of an entry does: the HTTP listens in it, and what it imports. */
interface EntryCode {
  importsHttpFramework: boolean;
  importsWorkspacePackage: boolean;
  httpStarts: Array<{ file: string; start: ServerStartFact }>;
}

function entryCode(model: ProjectModel, entry: string, workspaceNames: ReadonlySet<string>): EntryCode {
  const code: EntryCode = { importsHttpFramework: false, importsWorkspacePackage: false, httpStarts: [] };
  for (const file of model.importClosure(entry)) {
    const facts = model.files.get(file)?.facts;
    if (facts?.kind !== 'ts') continue;
    // Each is looked for until found (the imports were read to find it, so what is recorded as read is the same).
    if (!code.importsHttpFramework && facts.imports.some((i) => !i.typeOnly && HTTP_MODULES.test(i.specifier))) code.importsHttpFramework = true;
    if (!code.importsWorkspacePackage && facts.imports.some((i) => !i.typeOnly && workspaceNames.has(packageNameOf(i.specifier) ?? ''))) code.importsWorkspacePackage = true;
    for (const start of facts.serverStarts) if (start.kind === 'http') code.httpStarts.push({ file, start });
  }
  return code;
}

/**
 * Source files a run-command leaf runs (`node dist/main.js` → src/main.ts), looked up in the build
 * contexts of the Dockerfile behind the command.
 */
export function leafEntries(model: ProjectModel, leaf: RunLeaf): string[] {
  if (leaf.entries.length > 0) return leaf.entries;
  const sm = model.services();
  const owner = leaf.command.owner;
  const unit = unitsById(model).get(owner);
  const dfPath = leaf.command.origin === 'dockerfile' ? owner : unit?.dockerfile;
  const df = dfPath ? model.files.get(dfPath)?.facts : undefined;
  const stage = df?.kind === 'dockerfile' ? finalStage(df) : undefined;
  const workdir = stage ? workdirAt(stage.instructions, Number.MAX_SAFE_INTEGER) : leaf.command.workdir;
  const contexts = [...(dfPath ? (sm.buildContexts[dfPath] ?? []) : []), leaf.command.contextDir];
  return targetsOf(model, leaf.argv, contexts, workdir, leaf.at.file);
}

/** The units of the service model by id (the first of each id), made once per model: rules look up the unit of every leaf. */
function unitsById(model: ProjectModel): Map<string, ServiceUnit> {
  return model.memo('model:service-units-by-id', () => {
    const byId = new Map<string, ServiceUnit>();
    for (const u of model.services().units) if (!byId.has(u.id)) byId.set(u.id, u);
    return byId;
  });
}

function blankUnit(kind: ServiceUnit['kind'], id: string, label: string, at: { file: string; line: number; column: number }, environment: FileEnvironment): ServiceUnit {
  return { kind, id, label, ...at, environment, entries: [], runsUnknown: false, env: {}, envOpen: false, ports: [], codePorts: [], importsHttpFramework: false, importsWorkspacePackage: false, links: [] };
}

/** `ghcr.io/acme/api:1.2@sha256:...` → `ghcr.io/acme/api`; templated names give undefined. */
export function imageName(ref: string): string | undefined {
  if (!ref || /[{}$]/.test(ref)) return undefined;
  return splitImage(ref).name || undefined;
}

function dockerfileForImage(model: ProjectModel, image: string | undefined, dockerfiles: Map<string, ServiceUnit>): { file: string; via: string; target?: string } | undefined {
  if (!image) return undefined;
  // A build that tags the image (compose, a CI workflow, a bake file); several Dockerfiles: unknown.
  const tagged = dockerfileTaggedAs(model, image);
  if (tagged !== undefined) return tagged === null ? undefined : { file: tagged.dockerfile, via: tagged.via, ...(tagged.target ? { target: tagged.target } : {}) };
  // No compose file builds it: a Dockerfile whose folder (or `Dockerfile.<name>` suffix) is the
  // image's last path segment, when exactly one matches.
  const last = image.split('/').pop()!;
  const candidates = [...dockerfiles.keys()].filter((df) => {
    const base = path.basename(df);
    const dir = path.basename(path.dirname(df));
    return (dir === last && /^(Dockerfile|Containerfile)$/i.test(base)) || base.toLowerCase() === `dockerfile.${last}` || base.toLowerCase() === `${last}.dockerfile`;
  });
  // `acme_result`, `shop-api`: a prefix, then the folder name; a backing service's image
  // (`clickhouse/clickhouse-server`, `redis-stack-server` beside an apps/server/) is no such name.
  if (candidates.length === 0 && !isBackingServiceImage(image)) {
    const suffixed = [...dockerfiles.keys()].filter((df) => {
      const dir = path.basename(path.dirname(df));
      return dir !== '.' && dir.length >= 3 && /^(Dockerfile|Containerfile)$/i.test(path.basename(df)) && (last.endsWith(`_${dir}`) || last.endsWith(`-${dir}`));
    });
    if (suffixed.length === 1) return { file: suffixed[0]!, via: `image ${image} ends with the name of the Dockerfile's folder` };
  }
  return candidates.length === 1 ? { file: candidates[0]!, via: `image ${image} is named after the Dockerfile's folder` } : undefined;
}

function containerEnv(unit: ServiceUnit, c: K8sContainer): void {
  for (const e of c.env) unit.env[e.name] = e.value !== undefined && !e.value.includes('$(') ? e.value : null;
  if (c.envFrom.length > 0) unit.envOpen = true;
}

interface K8sServicePort {
  targetPort: number | string;
  line: number;
  column: number;
}

function k8sServices(docs: StructuredDoc[], objects: K8sObject[]): Array<{ name: string; selector: Record<string, string>; ports: K8sServicePort[] }> {
  const out: Array<{ name: string; selector: Record<string, string>; ports: K8sServicePort[] }> = [];
  for (const obj of objects) {
    if (obj.kind !== 'Service') continue;
    const doc = docs[obj.docIndex];
    if (!doc || !isRecord(doc.value) || doc.value.kind !== 'Service') continue;
    const spec = doc.value.spec;
    if (!isRecord(spec) || !isRecord(spec.selector)) continue;
    const selector = Object.fromEntries(Object.entries(spec.selector).map(([k, v]) => [k, String(v)]));
    const ports: K8sServicePort[] = [];
    if (Array.isArray(spec.ports)) {
      spec.ports.forEach((p, i) => {
        if (!isRecord(p)) return;
        const raw = p.targetPort ?? p.port;
        const targetPort = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : typeof raw === 'string' ? raw : undefined;
        if (targetPort === undefined) return;
        const pointer = `/spec/ports/${i}/${p.targetPort !== undefined ? 'targetPort' : 'port'}`;
        ports.push({ targetPort, ...valuePositionOf(doc, pointer) });
      });
    }
    out.push({ name: obj.name, selector, ports });
  }
  return out;
}

function podLabels(doc: StructuredDoc | undefined, obj: K8sObject): Record<string, string> {
  if (!doc || !obj.pod) return {};
  // The pod spec pointer ends in /spec; its labels are in the sibling /metadata.
  const metaPointer = obj.pod.pointer.replace(/\/spec$/, '/metadata/labels');
  let cur: unknown = doc.value;
  for (const part of metaPointer.split('/').slice(1)) cur = isRecord(cur) ? cur[part] : undefined;
  return isRecord(cur) ? Object.fromEntries(Object.entries(cur).map(([k, v]) => [k, String(v)])) : {};
}

function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

/** Source files a leaf runs, trying each build context and the WORKDIR's sub-folders. */
function targetsOf(model: ProjectModel, argv: string[], contexts: string[], workdir: string, leafFile: string): string[] {
  let mapped = argv.map((a) => relativeToWorkdir(a, workdir));
  // pm2-runtime [start] dist/main.js: pm2 runs the script in the foreground.
  if (/^pm2(-runtime|-docker)?$/.test((mapped[0] ?? '').split('/').pop() ?? '')) {
    const script = mapped.slice(1).find((a, i) => !a.startsWith('-') && !(i === 0 && a === 'start') && !/^-/.test(mapped[i] ?? ''));
    if (!script || !/\.(m?js|cjs|ts)$/.test(script) || /ecosystem|pm2\./.test(script)) return [];
    mapped = ['node', script];
  }
  const program = (mapped[0] ?? '').split('/').pop() ?? '';
  if (!NODE_PROGRAMS.test(program) && !/\.(m?js|cjs|ts)$/.test(mapped[0] ?? '')) return [];
  const segments = workdir.split('/').filter(Boolean);
  const dirs: string[] = [];
  // A package.json script runs in its own folder.
  if (leafFile.endsWith('package.json')) dirs.push(path.dirname(leafFile));
  for (const ctx of contexts) {
    dirs.push(ctx);
    // WORKDIR /app/apps/api with the repository as context: the command runs in apps/api.
    for (let i = 1; i < segments.length; i++) dirs.push(path.normalize(path.join(ctx, ...segments.slice(i))));
  }
  for (const dir of [...new Set(dirs)]) {
    const hits = model.argvTargets(mapped, dir);
    if (hits.length > 0) return hits;
  }
  return [];
}


function isMigrationOrTool(argv: string[]): boolean {
  const text = argv.join(' ');
  return /\b(prisma|knex|typeorm|sequelize|node-pg-migrate|migrate|db-migrate|wait-for|wait-on|dockerize)\b/.test(text) && !/\b(start|serve)\b/.test(text);
}

function groupServices(model: ProjectModel, units: ServiceUnit[]): Service[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const u of units) {
    find(u.id);
    for (const l of u.links) union(u.id, l.to);
  }
  const groups = new Map<string, ServiceUnit[]>();
  for (const u of units) {
    const root = find(u.id);
    const list = groups.get(root) ?? [];
    list.push(u);
    groups.set(root, list);
  }
  const out: Service[] = [];
  for (const list of groups.values()) {
    const entries = [...new Set(list.flatMap((u) => u.entries))].sort();
    const packageDirs = [...new Set(entries.map((e) => model.packageJsonFor(e)?.path).filter((p): p is string => p !== undefined).map((p) => path.dirname(p)))].sort();
    const named = list.find((u) => u.kind === 'compose') ?? list.find((u) => u.kind === 'k8s') ?? list[0]!;
    const name = named.kind === 'compose' ? named.id.split('#')[1]! : named.kind === 'k8s' ? named.id.split('#')[1]?.split('/')[1] ?? named.id : path.dirname(named.id) === '.' ? named.id : path.basename(path.dirname(named.id));
    out.push({ name, units: list, entries, packageDirs });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Human-readable printout of the model, for `twelve-factor-audit model`. */
export function formatServiceModel(sm: ServiceModel): string {
  const lines: string[] = [];
  for (const s of sm.services) {
    lines.push(`service ${s.name}`);
    if (s.packageDirs.length > 0) lines.push(`  package: ${s.packageDirs.join(', ')}`);
    if (s.entries.length > 0) lines.push(`  entrypoints: ${s.entries.join(', ')}`);
    for (const u of s.units) {
      lines.push(`  ${u.kind} ${u.label} (${u.file}:${u.line}) [${u.environment}]`);
      if (u.image) lines.push(`    image: ${u.image}`);
      if (u.dockerfile) lines.push(`    dockerfile: ${u.dockerfile} (${u.dockerfileVia})`);
      if (u.runCommandFrom) lines.push(`    run command: ${u.runCommandFrom}${u.entries.length > 0 ? ` → ${u.entries.join(', ')}` : ''}${u.runsUnknown ? ' (partly not followed: rules stay silent)' : ''}`);
      else if (u.kind !== 'dockerfile' || u.runsUnknown) lines.push('    run command: unknown (rules stay silent)');
      if (u.ports.length > 0) lines.push(`    ports: ${u.ports.map((p) => `${p.port} (${p.what} ${p.file}:${p.line})`).join(', ')}`);
      if (u.codePorts.length > 0) {
        lines.push(`    code listens: ${u.codePorts.map((p) => `${p.env ? `env ${p.env}` : ''}${p.env && p.literal !== undefined ? ' ?? ' : ''}${p.literal ?? ''}${p.opaque ? 'unknown' : ''} (${p.file}:${p.line})`).join(', ')}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
