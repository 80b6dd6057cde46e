// Helm charts, kustomizations, skaffold configs and compose files seen from the project model: which
// files form a chart, which images its values files pin, which kustomization `images:` overrides
// apply to a manifest, and which deploy files only a developer's command starts (a `skaffold dev`
// loop, `docker compose -f ... up` in a package.json script).

import path from 'node:path/posix';
import type { StructuredDoc } from '../parsing/facts.js';
import type { ProjectModel } from './project-model.js';
import { chartAppVersion, chartDependencyKeys, chartRootOf, imagesInHelmValues, isHelmValuesName, type HelmValuesImage } from '../parsing/helm.js';
import { imageReplacedFor, KUSTOMIZATION_NAME, kustomizationsByResource, overrideFor, readKustomization, type Kustomization, type KustomizeImage } from '../parsing/kustomize.js';
import { namesProduction, roleByPath, type RoleDecision } from './file-role.js';

export interface HelmChart {
  /** Folder with Chart.yaml ('.' for the root). */
  root: string;
  /** Chart.yaml, when present (templates found without one are grouped by their parent folder). */
  chartFile?: string;
  appVersion?: string;
  /** Values keys that configure a subchart (Chart.yaml `dependencies`, by alias or name). */
  subchartKeys: string[];
  /** Template files that were recognised and not rendered. */
  templates: string[];
  values: Array<{ file: string; images: HelmValuesImage[] }>;
}

function docsOf(model: ProjectModel, file: string): StructuredDoc[] | undefined {
  const facts = model.files.get(file)?.facts;
  if (!facts) return undefined;
  if (facts.kind === 'structured' || facts.kind === 'compose' || facts.kind === 'k8s') return facts.docs;
  return undefined;
}

export function helmCharts(model: ProjectModel): HelmChart[] {
  return model.memo('templates:helm-charts', () => {
    const isFile = (p: string) => model.files.has(p);
    const charts = new Map<string, HelmChart>();
    const chartAt = (root: string): HelmChart => {
      let c = charts.get(root);
      if (!c) {
        c = { root, subchartKeys: [], templates: [], values: [] };
        charts.set(root, c);
      }
      return c;
    };
    for (const f of model.files.values()) {
      const base = path.basename(f.path);
      if (base === 'Chart.yaml' || base === 'Chart.yml') {
        const c = chartAt(path.dirname(f.path));
        c.chartFile = f.path;
        const docs = docsOf(model, f.path);
        const app = docs ? chartAppVersion(docs) : undefined;
        if (app !== undefined) c.appVersion = app;
        if (docs) c.subchartKeys = chartDependencyKeys(docs);
      }
    }
    for (const f of model.files.values()) {
      if (f.kind === 'helm-template') {
        const root = chartRootOf(f.path, isFile) ?? templatesParent(f.path);
        chartAt(root).templates.push(f.path);
      } else if (isHelmValuesName(f.path) && charts.has(path.dirname(f.path))) {
        const docs = docsOf(model, f.path);
        if (!docs) continue;
        chartAt(path.dirname(f.path)).values.push({ file: f.path, images: docs.flatMap((d) => imagesInHelmValues(d)) });
      }
    }
    const out = [...charts.values()].sort((a, b) => (a.root < b.root ? -1 : 1));
    for (const c of out) {
      c.templates.sort();
      c.values.sort((a, b) => (a.file < b.file ? -1 : 1));
    }
    return out;
  });
}

function templatesParent(file: string): string {
  const i = file.lastIndexOf('templates/');
  return i <= 0 ? '.' : file.slice(0, i - 1);
}

/**
 * An image in a subchart's values that sets no tag: the subchart's own default tag applies, which
 * this scan does not see (and the parent's appVersion is not it).
 */
export function tagFromSubchart(chart: HelmChart, image: HelmValuesImage): boolean {
  if (image.tag !== undefined || image.digest !== undefined || image.emptyTag) return false;
  const top = image.pointer.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
  return top !== undefined && chart.subchartKeys.includes(top);
}

function kustomizations(model: ProjectModel): Kustomization[] {
  return model.memo('templates:kustomizations', () => {
    const list: Kustomization[] = [];
    for (const f of model.files.values()) {
      if (!KUSTOMIZATION_NAME.test(f.path)) continue;
      const docs = docsOf(model, f.path);
      const k = docs ? readKustomization(f.path, docs) : undefined;
      if (k) list.push(k);
    }
    return list;
  });
}

function kustomizeIndex(model: ProjectModel): Map<string, Kustomization[]> {
  return model.memo('templates:kustomize-index', () => {
    const all = [...model.files.keys()];
    const index = kustomizationsByResource(
      kustomizations(model),
      (p) => model.files.has(p),
      (dir) => all.filter((p) => p.startsWith(`${dir}/`) && /\.ya?ml$/.test(p)),
    );
    return index;
  });
}

/**
 * Each simple command of every package.json script that mentions `word` (a cheap filter before the
 * model's parse, which it keeps once per script text).
 */
function* scriptCommands(model: ProjectModel, word: string): Generator<{ pkg: { path: string }; pkgDir: string; script: { name: string; value: string }; argv: readonly string[] }> {
  for (const pkg of model.ofKind('package-json')) {
    const pkgDir = path.dirname(pkg.path);
    for (const script of pkg.facts.scripts) {
      const direct = script.value.includes(word);
      if (!direct && !script.value.includes('.sh')) continue;
      for (const command of model.scriptCommands(script.value)) {
        if (direct) yield { pkg, pkgDir, script, argv: command.argv };
        // A shell script of the repository the script runs (`"test": "./test/test.sh"`, next-auth's
        // adapters): its commands run from the package's folder too, one level deep.
        const shellScript = shellScriptRun(model, command.argv, pkgDir);
        if (shellScript) for (const inner of shellScript.commands) if (inner.argv.some((a) => a.includes(word))) yield { pkg, pkgDir, script, argv: inner.argv };
      }
    }
  }
}

/** The repository's shell script a command runs (`./test/test.sh`, `bash scripts/up.sh`), with its commands. */
function shellScriptRun(model: ProjectModel, argv: readonly string[], dir: string): { commands: ReadonlyArray<{ argv: string[] }> } | undefined {
  const file = argv[0] !== undefined && /\.sh$/.test(argv[0]) ? argv[0] : argv[0] !== undefined && /^(sh|bash)$/.test(argv[0]) && argv[1] !== undefined && /\.sh$/.test(argv[1]) ? argv[1] : undefined;
  if (file === undefined || file.includes('$')) return undefined;
  const target = path.normalize(path.join(dir, file));
  if (target.startsWith('..')) return undefined;
  const facts = model.files.get(target)?.facts;
  return facts?.kind === 'shell' ? facts : undefined;
}

const SKAFFOLD_FILE = /(^|\/)skaffold[\w.-]*\.ya?ml$/;

/** A skaffold pipeline: its own and each profile's (a profile replaces parts of the top-level one). */
interface SkaffoldPipeline {
  manifests?: { kustomize?: { paths?: unknown }; rawYaml?: unknown };
  deploy?: { kubectl?: { manifests?: unknown }; kustomize?: { paths?: unknown } };
  build?: { artifacts?: unknown };
}

/** The skaffold documents of a config file (apiVersion `skaffold/...`), each with its profiles. */
function skaffoldConfigs(docs: StructuredDoc[]): Array<{ top: SkaffoldPipeline; profiles: SkaffoldPipeline[] }> {
  const out: Array<{ top: SkaffoldPipeline; profiles: SkaffoldPipeline[] }> = [];
  for (const doc of docs) {
    const v = doc.value as (SkaffoldPipeline & { apiVersion?: unknown; profiles?: unknown }) | null;
    if (!v || typeof v !== 'object' || typeof v.apiVersion !== 'string' || !v.apiVersion.startsWith('skaffold/')) continue;
    const profiles = Array.isArray(v.profiles) ? v.profiles.filter((p): p is SkaffoldPipeline => p !== null && typeof p === 'object') : [];
    out.push({ top: v, profiles });
  }
  return out;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** What a pipeline applies, as repository paths; undefined when it names nothing of its own. */
function appliedBy(dir: string, v: SkaffoldPipeline): string[] | undefined {
  if (v.manifests === undefined && v.deploy === undefined) return undefined;
  const out: string[] = [];
  for (const p of [...strings(v.manifests?.kustomize?.paths), ...strings(v.manifests?.rawYaml), ...strings(v.deploy?.kubectl?.manifests), ...strings(v.deploy?.kustomize?.paths)]) {
    if (/[*?]/.test(p)) continue;
    const target = path.normalize(path.join(dir, p));
    if (!target.startsWith('..')) out.push(target);
  }
  return out;
}

/**
 * The Dockerfiles a pipeline builds its images from; undefined when one is built otherwise
 * (buildpacks, jib, ko, a custom script: nothing said of the environment) or it builds nothing.
 */
function dockerfilesBuilt(dir: string, v: SkaffoldPipeline): string[] | undefined {
  const artifacts = v.build?.artifacts;
  if (!Array.isArray(artifacts) || artifacts.length === 0) return undefined;
  const out: string[] = [];
  for (const a of artifacts) {
    if (!a || typeof a !== 'object') return undefined;
    const art = a as { context?: unknown; docker?: { dockerfile?: unknown }; kaniko?: { dockerfile?: unknown } };
    if (art.docker === undefined && art.kaniko === undefined) return undefined;
    const named = art.docker?.dockerfile ?? art.kaniko?.dockerfile;
    const context = typeof art.context === 'string' ? art.context : '.';
    out.push(path.normalize(path.join(dir, context, typeof named === 'string' ? named : 'Dockerfile')));
  }
  return out;
}

/** The folders and files a skaffold config deploys (`manifests.kustomize.paths`, `manifests.rawYaml`, v1's `deploy.kubectl.manifests` and `deploy.kustomize.paths`), relative to the repository. */
function skaffoldTargets(file: string, docs: StructuredDoc[]): string[] {
  const dir = path.dirname(file);
  return skaffoldConfigs(docs).flatMap(({ top, profiles }) => [top, ...profiles].flatMap((v) => appliedBy(dir, v) ?? []));
}

/**
 * What a skaffold config applies only with images built from a development Dockerfile
 * (`Dockerfile.dev`: a dev set-up by its name), by target, with that Dockerfile. Each pipeline (the
 * config's own, and each profile, which inherits the build or the deploy it does not replace) builds
 * some images and applies some manifests; a target is a development loop's when every pipeline that
 * applies it builds only dev images (flame's team overlay: Dockerfile.dev with source sync, nodemon),
 * and deployed when one builds a production image (its `prod` profile applies the base).
 */
function devImageTargets(file: string, docs: StructuredDoc[]): Map<string, string> {
  const dir = path.dirname(file);
  const verdict = new Map<string, string | null>();
  for (const { top, profiles } of skaffoldConfigs(docs)) {
    for (const v of [top, ...profiles]) {
      const targets = appliedBy(dir, v) ?? appliedBy(dir, top) ?? [];
      const built = dockerfilesBuilt(dir, v) ?? dockerfilesBuilt(dir, top);
      const dev = built !== undefined && built.every((d) => roleByPath(d).role === 'dev') ? built[0]! : null;
      for (const t of targets) verdict.set(t, verdict.has(t) && verdict.get(t) === null ? null : dev);
    }
  }
  const out = new Map<string, string>();
  for (const [t, d] of verdict) if (d !== null) out.set(t, d);
  return out;
}

/**
 * Kubernetes manifests that only `skaffold dev` applies: the local development loop (build, deploy
 * to a dev cluster, watch, tear down), not a release. A skaffold config counts as dev-only when a
 * package.json script runs it with `skaffold dev` and none runs it with `skaffold run`/`deploy`/
 * `apply`, and a target counts when every pipeline of its config that applies it builds only from a
 * development Dockerfile; a manifest is dev when every kustomization at the top of what builds it (one no other
 * includes) is a dev-only config's target. A base shared with a production overlay stays runtime.
 */
export function appliedOnlyBySkaffoldDev(model: ProjectModel): Map<string, RoleDecision> {
  return model.memo('templates:skaffold-dev', () => {
    const out = new Map<string, RoleDecision>();
    const configs = [...model.files.values()].filter((f) => SKAFFOLD_FILE.test(f.path));
    if (configs.length === 0) return out;
    // How each config is started: `skaffold dev|run|deploy|apply [-f|--filename <file>]` in scripts.
    const modes = new Map<string, Set<string>>();
    for (const { pkgDir, argv } of scriptCommands(model, 'skaffold')) {
      const at = argv.indexOf('skaffold');
      const mode = at >= 0 ? argv[at + 1] : undefined;
      if (mode === undefined) continue;
      let named = 'skaffold.yaml';
      for (let i = at + 2; i < argv.length; i++) {
        const a = argv[i]!;
        if ((a === '-f' || a === '--filename') && argv[i + 1] !== undefined) named = argv[i + 1]!;
        else if (a.startsWith('--filename=')) named = a.slice('--filename='.length);
      }
      const config = path.normalize(path.join(pkgDir, named));
      const set = modes.get(config) ?? new Set<string>();
      set.add(mode);
      modes.set(config, set);
    }
    const devOnly = new Map<string, string>();
    for (const f of configs) {
      const m = modes.get(f.path);
      const docs = docsOf(model, f.path) ?? [];
      if (m !== undefined && m.has('dev') && [...m].every((x) => x === 'dev')) {
        for (const target of skaffoldTargets(f.path, docs)) devOnly.set(target, f.path);
        continue;
      }
      for (const [target, dockerfile] of devImageTargets(f.path, docs)) devOnly.set(target, `${f.path}, which builds it only from ${dockerfile}`);
    }
    if (devOnly.size === 0) return out;
    const ks = kustomizations(model);
    // A kustomization another one includes is not applied on its own.
    const included = new Set<string>();
    for (const k of ks) for (const e of k.entries) included.add(path.normalize(path.join(k.dir, e)));
    for (const [file, building] of kustomizeIndex(model)) {
      const tops = building.filter((k) => !included.has(k.dir));
      if (tops.length === 0 || !tops.every((k) => devOnly.has(k.dir))) continue;
      const config = devOnly.get(tops[0]!.dir)!;
      out.set(file, { role: 'dev', reason: `applied only by the skaffold dev loop (${config}, through ${tops[0]!.file})` });
    }
    // Plain manifests a dev-only config names directly.
    for (const [target, config] of devOnly) if (model.files.get(target)?.kind === 'k8s' && !out.has(target)) out.set(target, { role: 'dev', reason: `applied only by the skaffold dev loop (${config})` });
    return out;
  });
}

/** The kustomization `images:` entry that rewrites `imageName` in manifest `file`, if any. */
export function kustomizeImageOverride(model: ProjectModel, file: string, imageName: string): (KustomizeImage & { file: string }) | undefined {
  const ks = kustomizeIndex(model).get(file);
  return ks ? overrideFor(ks, imageName) : undefined;
}

/**
 * Whether a kustomization that builds manifest `file` writes the container image of object
 * `kind`/`name` through `replacements` (a version copied from a ConfigMap): the image as written is a
 * placeholder whose tag this scan does not resolve.
 */
export function kustomizeImageReplaced(model: ProjectModel, file: string, kind: string, name: string): boolean {
  const ks = kustomizeIndex(model).get(file);
  return ks ? imageReplacedFor(ks, kind, name) : false;
}

/** One info diagnostic per chart: its templates were recognised and not rendered. */
export function templateDiagnostics(model: ProjectModel): Array<{ file: string; message: string }> {
  const out: Array<{ file: string; message: string }> = [];
  for (const chart of helmCharts(model)) {
    if (chart.templates.length === 0) continue;
    const where = chart.chartFile ?? chart.templates[0]!;
    const n = chart.templates.length;
    const checked = chart.values.length > 0 ? `; images in ${chart.values.map((v) => path.basename(v.file)).join(', ')} are still checked` : '';
    // Without a Chart.yaml nothing says the folder is a chart: templated YAML under `templates/` is
    // also a docs generator's or a scaffolder's (OpenTelemetry Weaver's Jinja templates), so it is
    // named for what it is known to be, and no `helm template` is suggested.
    const plural = n === 1 ? '' : 's';
    out.push({
      file: where,
      message: chart.chartFile
        ? `Helm chart ${chart.root === '.' ? '(root)' : chart.root}: ${n} template${plural} not rendered, so rules did not read them (render with \`helm template\` and audit the output to check them)${checked}.`
        : `${n} YAML template${plural} under ${chart.root === '.' ? '' : `${chart.root}/`}templates/ not rendered (their {{ }} placeholders are not YAML; no Chart.yaml says they are a Helm chart), so rules did not read them.`,
    });
  }
  return out;
}

/**
 * Images skaffold builds (`build.artifacts[].image` of skaffold.yaml): in the manifests it deploys,
 * skaffold replaces these names with the tagged image it just built, so an untagged reference there
 * is a placeholder, not `latest`.
 */
export function skaffoldBuiltImages(model: ProjectModel): Set<string> {
  return model.memo('templates:skaffold-images', () => {
    const out = new Set<string>();
    for (const f of model.files.values()) {
      if (!/(^|\/)skaffold[\w.-]*\.ya?ml$/.test(f.path)) continue;
      for (const doc of docsOf(model, f.path) ?? []) {
        const v = doc.value as { apiVersion?: unknown; build?: { artifacts?: unknown } } | null;
        if (!v || typeof v.apiVersion !== 'string' || !v.apiVersion.startsWith('skaffold/')) continue;
        const artifacts = v.build?.artifacts;
        if (!Array.isArray(artifacts)) continue;
        for (const a of artifacts) if (a && typeof a === 'object' && typeof (a as { image?: unknown }).image === 'string') out.add((a as { image: string }).image);
      }
    }
    return out;
  });
}

/**
 * Script names that deploy or start the product itself (`deploy`, `start`, `docker:prod`,
 * `compose:production`): a compose file they start is deployed. `infra:start` starts a developer's
 * infrastructure, not the product. (packages.ts's START_LIKE_SCRIPT asks another question, which
 * node files a script runs in production; `release` there is a tool, here a stack brought up.)
 */
const DEPLOY_SCRIPT = /^(start|serve|selfhost|self-host)(:|$)|(^|[:_.-])(deploy|release|prod|production)([:_.-]|$)/i;

/** Compose's global options that take a value (`-p name`), so that the subcommand is found after them. */
const COMPOSE_VALUE_OPTIONS = new Set(['-p', '--project-name', '--project-directory', '--env-file', '--profile', '--ansi', '--progress', '--parallel']);
/** Subcommands that bring a file's services up. */
const COMPOSE_STARTS = new Set(['up', 'start', 'run', 'create', 'watch']);

/**
 * The file `docker compose up` reads in a folder when given none (Compose's lookup order: the first
 * of compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml) and its override file.
 */
function defaultComposeFiles(model: ProjectModel, dir: string): string[] {
  const at = (name: string) => path.normalize(path.join(dir, name));
  const base = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'].map(at).find((f) => model.files.get(f)?.kind === 'compose');
  if (base === undefined) return [];
  const override = base.replace(/\.(ya?ml)$/, '.override.$1');
  return model.files.get(override)?.kind === 'compose' ? [base, override] : [base];
}

/**
 * Compose files that package.json scripts start by name (`docker compose -f .docker/infra.yml up`)
 * and no deploy-like script does: the databases and tools a developer or a CI job brings up beside
 * the code (supabase/storage's `infra:start`), not the release. A compose file their services
 * `extends` from is the same set-up, unless something else starts it. A bare `docker compose up`
 * starts the default file of the script's folder; at the repository's root that file is as often the
 * self-hosting stack users start by hand, so there only files named with `-f`/`--file` count.
 */
export function composeStartedByDevScripts(model: ProjectModel): Map<string, RoleDecision> {
  return composeScriptStarts(model).dev;
}

/** Compose files a deploy script (`deploy`, `release`, `prod:up`...) starts: positive evidence of a deployment. */
export function composeStartedByDeployScripts(model: ProjectModel): ReadonlySet<string> {
  return composeScriptStarts(model).deploy;
}

function composeScriptStarts(model: ProjectModel): { dev: Map<string, RoleDecision>; deploy: Set<string> } {
  return model.memo('templates:compose-dev-scripts', () => {
    const out = new Map<string, RoleDecision>();
    const byDev = new Map<string, string>();
    const byDeploy = new Set<string>();
    for (const { pkg, pkgDir, script, argv } of scriptCommands(model, 'compose')) {
      const at = argv[0] === 'docker-compose' ? 0 : argv[0] === 'docker' && argv[1] === 'compose' ? 1 : -1;
      if (at < 0) continue;
      const started: string[] = [];
      let subcommand: string | undefined;
      for (let i = at + 1; i < argv.length; i++) {
        const a = argv[i]!;
        const named = a === '-f' || a === '--file' ? argv[++i] : a.startsWith('--file=') ? a.slice('--file='.length) : undefined;
        if (named !== undefined) {
          if (!named.includes('$')) started.push(path.normalize(path.join(pkgDir, named)));
          continue;
        }
        if (subcommand !== undefined) continue;
        if (COMPOSE_VALUE_OPTIONS.has(a)) i++;
        else if (!a.startsWith('-')) subcommand = a;
      }
      // Without -f, Compose reads the default file of the folder it runs in, and its override.
      if (started.length === 0 && pkgDir !== '.' && subcommand !== undefined && COMPOSE_STARTS.has(subcommand)) started.push(...defaultComposeFiles(model, pkgDir));
      for (const file of started) {
        if (DEPLOY_SCRIPT.test(script.name)) byDeploy.add(file);
        else if (!byDev.has(file)) byDev.set(file, `${pkg.path} script ${script.name}`);
      }
    }
    for (const [file, by] of byDev) {
      // A file named for production (docker-compose.prod.yml) is deployed whoever else starts it.
      if (byDeploy.has(file) || namesProduction(file) || model.files.get(file)?.kind !== 'compose') continue;
      out.set(file, { role: 'dev', reason: `started by a developer's command (${by}), not deployed` });
    }
    // Files the dev set-ups' services extend from.
    for (const [file, decision] of [...out]) {
      for (const doc of docsOf(model, file) ?? []) {
        const services = (doc.value as { services?: unknown } | null)?.services;
        if (!services || typeof services !== 'object') continue;
        for (const svc of Object.values(services as Record<string, unknown>)) {
          const from = (svc as { extends?: { file?: unknown } } | null)?.extends?.file;
          if (typeof from !== 'string' || from.includes('$')) continue;
          // Relative to the compose file's folder, or to --project-directory: either may be meant.
          for (const base of [path.dirname(file), '.']) {
            const target = path.normalize(path.join(base, from));
            if (target !== file && !byDeploy.has(target) && !byDev.has(target) && !out.has(target) && !namesProduction(target) && model.files.get(target)?.kind === 'compose') out.set(target, { role: 'dev', reason: `its services are extended by ${file}, ${decision.reason.replace(/^started/, 'which is started')}` });
          }
        }
      }
    }
    return { dev: out, deploy: byDeploy };
  });
}

