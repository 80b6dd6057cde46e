// Which Dockerfile is built how: every build of a Dockerfile this repository writes down, with its
// context, the stage it builds, the build arguments it gives and the image names it tags. Builds come
// from compose `build`, CI workflows (docker/build-push-action `with`, a matrix entry that names an
// image and its Dockerfile, `docker build` / `docker buildx build` / `podman build` run lines) and bake
// files (docker-bake.hcl, docker-bake.json). A value written with an expression (`${{ matrix.x }}`,
// `${TAG}`) is not known and is left out.

import path from 'node:path/posix';
import type { StructuredDoc } from '../parsing/facts.js';
import { bakeTargetsFromJson } from '../parsing/docker-bake.js';
import type { DockerBakeTarget } from '../parsing/facts.js';
import { parseShellScript } from '../parsing/shell.js';
import { splitImage } from '../parsing/dockerfile.js';
import type { ProjectModel } from './project-model.js';
import type { BuildArgs } from './docker-commands.js';

export interface DockerBuild {
  /** Repository path of the Dockerfile. */
  dockerfile: string;
  /** Repository path of the build context. */
  context: string;
  /** The stage it builds (absent: the last one). */
  target?: string;
  args: Map<string, string>;
  /** Image names it tags, without tag or digest. */
  images: string[];
  origin: 'compose' | 'ci' | 'bake';
  /** The build names its context (compose, bake, `docker build <dir>`, a CI step's `context:`), rather than leaving it to a default. */
  contextNamed: boolean;
  /** `compose build (compose.yaml:4)`, `.github/workflows/release.yml`, `bake target api (docker-bake.hcl:7)`. */
  via: string;
  file: string;
  line: number;
}

/** Objects of a CI document looked at, at most: a hostile workflow cannot make the walk long. */
const MAX_CI_NODES = 20_000;
const MAX_CI_DEPTH = 24;

/**
 * A build context as a repository folder: normalised, without a trailing slash (`context: ../` from
 * `docker/app/` is `docker`, not `docker/`), '.' for the root; starts with `..` when it leaves the tree.
 */
function contextFolder(p: string): string {
  // normalize() leaves at most one trailing slash (it folds runs of them).
  const normal = path.normalize(p);
  const n = normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
  return n === '' ? '.' : n;
}

/** Every build of a Dockerfile of the repository, computed once per model. */
export function dockerBuilds(model: ProjectModel): DockerBuild[] {
  return model.memo('docker-builds', () => collectBuilds(model));
}

/** The builds that tag each image name, in dockerBuilds order: every service with an image asks. */
function buildsByImage(model: ProjectModel): Map<string, DockerBuild[]> {
  return model.memo('docker-builds:by-image', () => {
    const byImage = new Map<string, DockerBuild[]>();
    for (const b of dockerBuilds(model)) {
      for (const image of new Set(b.images)) {
        const list = byImage.get(image);
        if (list) list.push(b);
        else byImage.set(image, [b]);
      }
    }
    return byImage;
  });
}

function collectBuilds(model: ProjectModel): DockerBuild[] {
  const out: DockerBuild[] = [];
  const isDockerfile = (p: string) => model.files.get(p)?.kind === 'dockerfile';
  for (const compose of model.ofKind('compose')) {
    const dir = path.dirname(compose.path);
    for (const svc of compose.facts.services) {
      if (!svc.build) continue;
      const context = contextFolder(path.join(dir, svc.build.context));
      if (context.startsWith('..')) continue;
      const dockerfile = path.normalize(path.join(context, svc.build.dockerfile ?? 'Dockerfile'));
      if (!isDockerfile(dockerfile)) continue;
      const image = svc.image ? imageNameOf(svc.image.value) : undefined;
      out.push({
        contextNamed: true,
        dockerfile,
        context,
        ...(svc.build.target ? { target: svc.build.target } : {}),
        args: new Map((svc.build.args ?? []).map((a) => [a.name, a.value])),
        images: image ? [image] : [],
        origin: 'compose',
        via: `compose build (${compose.path}:${svc.build.line})`,
        file: compose.path,
        line: svc.build.line,
      });
    }
  }
  for (const file of model.ofKind('structured')) {
    const bake = /(^|\/)docker-bake([.-][\w.-]+)?\.json$/.test(file.path);
    if (bake) {
      for (const doc of file.facts.docs) out.push(...bakeBuilds(bakeTargetsFromJson(doc.value, doc.positions), file.path, isDockerfile));
      continue;
    }
    if (model.roleOf(file.path).role !== 'ci') continue;
    for (const doc of file.facts.docs) out.push(...ciBuilds(doc, file.path, isDockerfile));
  }
  for (const file of model.ofKind('docker-bake')) out.push(...bakeBuilds(file.facts.targets, file.path, isDockerfile));
  return out;
}

/** Bake targets as builds: `context` is relative to the bake file's folder, `dockerfile` to the context; `inherits` merged. */
function bakeBuilds(targets: DockerBakeTarget[], bakePath: string, isDockerfile: (p: string) => boolean): DockerBuild[] {
  const byName = new Map(targets.map((t) => [t.name, t]));
  const out: DockerBuild[] = [];
  for (const t of targets) {
    // Parents first, the target's own fields last (bake's order); a cycle or a long chain stops.
    const lineage: DockerBakeTarget[] = [];
    const seen = new Set<string>();
    const walk = (x: DockerBakeTarget, depth: number) => {
      if (seen.has(x.name) || depth > 16) return;
      seen.add(x.name);
      for (const parent of x.inherits) {
        const p = byName.get(parent);
        if (p) walk(p, depth + 1);
      }
      lineage.push(x);
    };
    walk(t, 0);
    let context: string | undefined;
    let dockerfile: string | undefined;
    let target: string | undefined;
    const args = new Map<string, string>();
    const images: string[] = [];
    for (const x of lineage) {
      context = x.context ?? context;
      dockerfile = x.dockerfile ?? dockerfile;
      target = x.target ?? target;
      for (const [k, v] of Object.entries(x.args)) args.set(k, v);
      if (x.tags.length > 0) images.splice(0, images.length, ...x.tags.flatMap((tag) => imageNameOf(tag) ?? []));
    }
    const ctx = contextFolder(path.join(path.dirname(bakePath), context ?? '.'));
    if (ctx.startsWith('..')) continue;
    const df = path.normalize(path.join(ctx, dockerfile ?? 'Dockerfile'));
    if (!isDockerfile(df)) continue;
    out.push({ dockerfile: df, context: ctx, contextNamed: true, ...(target ? { target } : {}), args, images, origin: 'bake', via: `bake target ${t.name} (${bakePath}:${t.line})`, file: bakePath, line: t.line });
  }
  return out;
}

/**
 * Builds a CI document writes down: an object with `file`/`dockerfile` (and `context`, `target`,
 * `build-args`, `tags`, or `image`), as docker/build-push-action's `with` or a matrix entry has, and
 * `docker build` lines of `run`/`script` steps.
 */
function ciBuilds(doc: StructuredDoc, ciPath: string, isDockerfile: (p: string) => boolean): DockerBuild[] {
  const out: DockerBuild[] = [];
  let nodes = 0;
  const visit = (value: unknown, pointer: string, depth: number) => {
    if (depth > MAX_CI_DEPTH || ++nodes > MAX_CI_NODES || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${pointer}/${i}`, depth + 1));
      return;
    }
    const rec = value as Record<string, unknown>;
    const line = doc.positions[pointer]?.[0] ?? doc.line;
    const plain = (k: string) => {
      const v = rec[k];
      return typeof v === 'string' && v.trim() !== '' && !/\$\{|\$\(/.test(v) ? v.trim() : undefined;
    };
    const file = plain('file') ?? plain('dockerfile');
    // Without a file: a build of `<context>/Dockerfile` when the object says what it builds (`target`, `tags`, `build-args`).
    const buildsDefault = rec.file === undefined && rec.dockerfile === undefined && (rec.context !== undefined || rec.target !== undefined) && (rec.target !== undefined || rec.tags !== undefined || rec['build-args'] !== undefined);
    if (file || buildsDefault) {
      const context = plain('context');
      const ctx = context ? contextFolder(context.replace(/^\.\//, '')) : '.';
      // build-push-action's `file` is relative to the workspace; other tools' to the context.
      const candidates = file ? [path.normalize(file.replace(/^\.\//, '')), path.normalize(path.join(ctx, file))] : [path.join(ctx, 'Dockerfile')];
      const df = candidates.find((c) => !c.startsWith('..') && isDockerfile(c));
      if (df && !ctx.startsWith('..')) {
        const target = plain('target');
        const images = [...listOf(rec.tags), ...listOf(rec.image), ...listOf(rec.images)].flatMap((t) => imageNameOf(t) ?? []);
        out.push({ dockerfile: df, context: ctx, contextNamed: context !== undefined, ...(target ? { target } : {}), args: argPairs(listOf(rec['build-args'] ?? rec.build_args ?? rec.buildArgs)), images: [...new Set(images)], origin: 'ci', via: ciPath, file: ciPath, line });
      }
    }
    for (const text of stepShellLines(rec)) if (/\b(docker|podman|buildah)\b/.test(text)) out.push(...runLineBuilds(text, ciPath, line, isDockerfile));
    for (const [k, v] of Object.entries(rec)) visit(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
  };
  visit(doc.value, '', 0);
  return out;
}

/** The shell a CI object runs: a GitHub step's `run`, a GitLab job's `script` / `before_script` (a string or a list). */
function stepShellLines(rec: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['run', 'script', 'before_script']) {
    const value = rec[key];
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) for (const x of value) if (typeof x === 'string') out.push(x);
  }
  return out;
}

/** Every shell line a CI document runs in its steps, walked within the same bounds as its builds. */
export function ciShellLines(doc: StructuredDoc): string[] {
  const out: string[] = [];
  let nodes = 0;
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_CI_DEPTH || ++nodes > MAX_CI_NODES || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    const rec = value as Record<string, unknown>;
    out.push(...stepShellLines(rec));
    for (const v of Object.values(rec)) visit(v, depth + 1);
  };
  visit(doc.value, 0);
  return out;
}

/** `docker build -f x --target y --build-arg K=V -t name ctx` (also `docker buildx build`, `podman build`, `buildah bud`). */
function runLineBuilds(text: string, ciPath: string, line: number, isDockerfile: (p: string) => boolean): DockerBuild[] {
  const out: DockerBuild[] = [];
  for (const cmd of parseShellScript(text)) {
    const argv = cmd.argv;
    const program = argv[0]?.split('/').pop();
    let i = 1;
    if (program === 'docker' && argv[1] === 'buildx') i = 2;
    if (!((program === 'docker' || program === 'podman') && argv[i] === 'build') && !(program === 'buildah' && (argv[1] === 'bud' || argv[1] === 'build'))) continue;
    let file: string | undefined;
    let target: string | undefined;
    let context: string | undefined;
    let unknown = false;
    const args: string[] = [];
    const tags: string[] = [];
    for (let k = i + 1; k < argv.length; k++) {
      const a = argv[k]!;
      const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const value = () => inline ?? argv[++k];
      if (flag === '-f' || flag === '--file') file = value();
      else if (flag === '--target') target = value();
      else if (flag === '--build-arg') args.push(value() ?? '');
      else if (flag === '-t' || flag === '--tag') tags.push(value() ?? '');
      else if (flag.startsWith('-')) {
        // Options with a value that could be taken for the context.
        if (inline === undefined && /^(--platform|--label|--secret|--ssh|--cache-from|--cache-to|--output|-o|--progress|--network|--build-context|--iidfile|--metadata-file|--builder|--add-host|--annotation|--attest|--shm-size|--ulimit)$/.test(flag)) k++;
      } else context = a;
    }
    if (context === undefined || /\$|^-$|:\/\//.test(context)) continue;
    const ctx = contextFolder(context.replace(/^\.\//, ''));
    if (ctx.startsWith('..')) continue;
    if (file !== undefined && /\$/.test(file)) unknown = true;
    if (target !== undefined && /\$/.test(target)) target = undefined;
    const df = file === undefined ? path.join(ctx, 'Dockerfile') : path.normalize(file.replace(/^\.\//, ''));
    if (unknown || !isDockerfile(df)) continue;
    out.push({ dockerfile: df, context: ctx, contextNamed: true, ...(target ? { target } : {}), args: argPairs(args), images: [...new Set(tags.flatMap((t) => imageNameOf(t) ?? []))], origin: 'ci', via: ciPath, file: ciPath, line });
  }
  return out;
}

/** A YAML list, or a string of items separated by newlines or commas. */
function listOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.filter((x): x is string => typeof x === 'string').map((s) => s.trim());
  return [];
}

/** `NAME=value` items to a map; an item with an expression or without `=` is left out. */
function argPairs(items: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const name = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !value.includes('$')) out.set(name, value);
  }
  return out;
}

/** `ghcr.io/acme/api:1.2` → `ghcr.io/acme/api`; a name with an expression gives undefined. */
function imageNameOf(ref: string): string | undefined {
  if (!ref || /[{}$\s]/.test(ref) || ref.includes('=')) return undefined;
  return splitImage(ref).name || undefined;
}

/**
 * The build arguments the builds of a Dockerfile's stage agree on: a value every build that gives
 * the argument gives alike (builds of another stage do not count). An argument given different
 * values by different builds is left out: the Dockerfile's default then stands for them all.
 */
export function agreedBuildArgs(model: ProjectModel, dockerfile: string, stageName: string | undefined, lastStageName?: string): BuildArgs | undefined {
  const values = new Map<string, Set<string>>();
  for (const b of dockerBuilds(model)) {
    if (b.dockerfile !== dockerfile) continue;
    const target = b.target?.toLowerCase();
    // The last stage is built with no target, or with its own name (`--target runner` of the last stage).
    const same = target === stageName?.toLowerCase() || (stageName === undefined && lastStageName !== undefined && target === lastStageName.toLowerCase());
    if (!same) continue;
    for (const [k, v] of b.args) {
      const set = values.get(k) ?? new Set<string>();
      set.add(v);
      values.set(k, set);
    }
  }
  const out = new Map<string, string>();
  for (const [k, set] of values) if (set.size === 1) out.set(k, [...set][0]!);
  return out.size > 0 ? out : undefined;
}

/**
 * The one Dockerfile (and stage) the builds that tag an image name build, with how that is known;
 * undefined when no build tags it, null when builds of different Dockerfiles or stages do.
 */
export function dockerfileTaggedAs(model: ProjectModel, image: string): { dockerfile: string; target?: string; via: string } | null | undefined {
  const name = imageNameOf(image);
  const builds = name ? (buildsByImage(model).get(name) ?? []) : [];
  if (builds.length === 0) return undefined;
  const keys = new Set(builds.map((b) => `${b.dockerfile}#${b.target ?? ''}`));
  if (keys.size !== 1) return null;
  // Compose first: its link reads plainly ("built by compose").
  const b = builds.find((x) => x.origin === 'compose') ?? builds[0]!;
  return { dockerfile: b.dockerfile, ...(b.target ? { target: b.target } : {}), via: `image ${name} is built by ${b.origin === 'compose' ? 'compose' : b.via}` };
}
