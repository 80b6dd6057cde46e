// The file-kind table: every kind of file the tool reads, once. Discovery matches a file to a row by
// its name (NAME_KINDS), the per-file phase parses it with that row's parser, suppressions scan it
// with that row's comment syntax, and the read step applies that row's size limit. A row's parser may
// refine the kind by content (a YAML file becomes compose, k8s, a Helm template or plain structured
// data), so the facts carry a FileKind of their own, described by FACT_KINDS: the visitor that rules
// register for it, the rule target it counts under (scorecard applicability, `--kind`) and its
// labels. A rule's targets are derived from its visitors here (ruleTargets), not written by hand.
//
// A new kind of file is a parser (src/parsing/), a facts type (src/parsing/facts.ts: FileKind and the
// FileFacts union) and a row in each table below; src/discovery/file-kinds.test.ts proves it.

import type { FileFacts, FileKind } from '../parsing/facts.js';
import { parseDockerfile } from '../parsing/dockerfile.js';
import { extractComposeServices, isComposeDoc, leadingComment, looksLikeComposeName } from '../parsing/compose.js';
import { extractK8sObjects, isK8sDoc } from '../parsing/k8s.js';
import { parsePackageJson } from '../parsing/package-json.js';
import { parseEnvFile } from '../parsing/env-file.js';
import { parseProcfile } from '../parsing/procfile.js';
import { parseTsconfig, stripJsonComments } from '../parsing/tsconfig.js';
import { parseNpmrc } from '../parsing/npmrc.js';
import { parseShellScript } from '../parsing/shell.js';
import { parsePrismaSchema } from '../parsing/prisma.js';
import { parseStructured } from '../parsing/structured.js';
import { parseLockfile } from '../parsing/lockfile.js';
import { parseDockerBakeHcl } from '../parsing/docker-bake.js';
import { parseReadme } from '../parsing/readme.js';

/** How a kind writes comments, for inline suppressions: `//` and block comments, `#`, or none (JSON). */
export type CommentSyntax = 'slash' | 'hash' | null;

/** What a parser returns: the facts, `'ts'` for TS/JS (walked with the TypeScript AST instead), or null (nothing to read). */
export type ParseResult = FileFacts | 'ts' | null;

export interface NameKind {
  /** Lower-case base name of the file (`dockerfile.prod`), and its path; rows are tried in table order. */
  match(base: string, path: string): boolean;
  /** Matched, but not read at all (type declarations). */
  exclude?(base: string): boolean;
  /** In `cannot parse <label>`. */
  label: string;
  comment: CommentSyntax;
  /** Read up to this many bytes even over the run's maxFileSize (lockfiles are often megabytes). */
  maxSize?: number;
  /** `path` is relative to the scanned root (POSIX); `base` is its last segment as written. */
  parse(text: string, path: string, base: string): ParseResult;
}

const TS_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
/** `bin/www`, `bin/parse-server`: an extensionless launcher, JavaScript when its shebang runs node. */
const LAUNCHER_PATH = /(^|\/)bin\/[^/.]+$/;
const NODE_SHEBANG = /^#![ \t]*\S*\/(?:env[ \t]+(?:-S[ \t]+)?)?node(?:js)?(?:[ \t]|\r?\n|$)/;
const DECLARATION = /\.d\.(ts|mts|cts)$/i;
const LOCK_TYPES: Record<string, 'npm' | 'yarn' | 'pnpm' | 'bun'> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'yarn.lock': 'yarn',
  'pnpm-lock.yaml': 'pnpm',
  'bun.lock': 'bun',
  'bun.lockb': 'bun',
};
/**
 * `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, the same with Podman's `Containerfile`, and the
 * variants named with a dash or an underscore (`Dockerfile-jobs`, `Dockerfile_alerts`), which `docker
 * build -f` takes as readily: Tiledesk's CI pushes the image of its queue worker from Dockerfile-jobs.
 */
const DOCKERFILE_NAMES = ['dockerfile', 'containerfile'];
const DOCKERFILE_VARIANT = /^(dockerfile|containerfile)[-_][a-z0-9]/;

/**
 * Last extensions that make `Dockerfile.<x>` something else than a Dockerfile: BuildKit's per-Dockerfile
 * ignore file (`Dockerfile.dockerignore`, which the dockerignore row must get), its documentation
 * (`Dockerfile.mdx`) and scripts or data named after it. Read as a Dockerfile, each gave findings on
 * lines no build runs. A template a scaffolder fills in (`Dockerfile.hbs`) stays a Dockerfile: every
 * project made from it inherits what it does (judged so on vendure's create package). A piece a script
 * joins with others (`Dockerfile.full.header` + `.footer` -> `Dockerfile.full`: scrypted) is no
 * Dockerfile on its own: its `FROM header` names a stage another piece defines.
 */
const NOT_A_DOCKERFILE_EXTENSION = new Set([
  'dockerignore',
  'header', 'footer', 'part', 'partial', 'fragment', 'snippet',
  'md', 'mdx', 'txt', 'rst', 'adoc', 'html',
  'sh', 'ps1', 'js', 'ts', 'py', 'json', 'yml', 'yaml', 'lock', 'log', 'patch', 'diff', 'orig', 'bak', 'swp',
]);

/**
 * Besides those, source and assets named after Dockerfiles with a dash (`dockerfile-parser.ts`,
 * `dockerfile-settings.tsx`, a bundled `dockerfile-CZqq.js` syntax mode), and a generator's templates
 * named so, whose placeholders a script fills in (nodejs/docker-node's `Dockerfile-debian.template`
 * has `FROM buildpack-deps:name`; pm2's `Dockerfile-nodejs.tpl` has its FROM line replaced when it
 * is written out). Only for the dash and underscore variants: `Dockerfile.go` is a Dockerfile for a
 * Go service, and a scaffolder's `Dockerfile.hbs` is what every generated project builds.
 */
const NOT_A_DOCKERFILE_VARIANT_EXTENSION = new Set([
  'tsx', 'jsx', 'mjs', 'cjs', 'mts', 'cts', 'css', 'scss', 'svg', 'png', 'go', 'rs', 'rb', 'java', 'xml', 'csv', 'toml',
  'template', 'tpl', 'tmpl', 'j2', 'jinja', 'jinja2', 'mustache', 'ejs', 'erb',
]);

function isDockerfileName(base: string): boolean {
  if (base.endsWith('.dockerfile')) return true;
  const extension = base.slice(base.lastIndexOf('.') + 1);
  if (DOCKERFILE_VARIANT.test(base)) return !NOT_A_DOCKERFILE_EXTENSION.has(extension) && !NOT_A_DOCKERFILE_VARIANT_EXTENSION.has(extension);
  if (!DOCKERFILE_NAMES.some((n) => base === n || base.startsWith(`${n}.`))) return false;
  return !NOT_A_DOCKERFILE_EXTENSION.has(extension);
}

/**
 * A dash or underscore variant is read as a Dockerfile only when it has a FROM line: a name like
 * `dockerfile-notes` may be anything, and a Dockerfile builds FROM something.
 */
function parseDockerfileNamed(text: string, base: string): ParseResult {
  if (DOCKERFILE_VARIANT.test(base) && !/^[ \t]*from[ \t]/im.test(text)) return null;
  return parseDockerfile(text);
}

/** Kinds known by name, in matching order (the first row that matches wins: `package-lock.json` is a lockfile, not JSON). */
const NAME_KIND_ROWS = [
  ['lockfile', { match: (b) => Object.hasOwn(LOCK_TYPES, b), label: 'lockfile', comment: null, maxSize: 32 * 1024 * 1024, parse: (text, _p, base) => parseLockfile(text, LOCK_TYPES[base.toLowerCase()] ?? 'npm') }],
  ['package-json', { match: (b) => b === 'package.json', label: 'package.json', comment: null, parse: (text) => parsePackageJson(text) }],
  ['tsconfig', { match: (b) => /^tsconfig([.-].*)?\.json$/.test(b) || b === 'jsconfig.json', label: 'tsconfig', comment: null, parse: (text) => parseTsconfig(text) }],
  [
    'dockerfile',
    {
      match: isDockerfileName,
      label: 'Dockerfile',
      comment: 'hash',
      parse: (text, _p, base) => parseDockerfileNamed(text, base.toLowerCase()),
    },
  ],
  ['ts', { match: (b, p) => TS_EXT.test(b) || LAUNCHER_PATH.test(p), exclude: (b) => DECLARATION.test(b), label: 'TS/JS source', comment: 'slash', parse: (text, _p, base) => (TS_EXT.test(base) || NODE_SHEBANG.test(text) ? 'ts' : null) }],
  // Not `.xcode.env`: a shell snippet React Native's Xcode build phases source (it sets NODE_BINARY).
  ['env', { match: (b) => /^\.env(\.[\w.-]+)?$/.test(b) || (/^[\w.-]+\.env$/.test(b) && !b.startsWith('.xcode.')), label: '.env file', comment: 'hash', parse: (text, _p, base) => parseEnvFile(text, base) }],
  ['procfile', { match: (b) => b === 'procfile' || b.startsWith('procfile.'), label: 'Procfile', comment: 'hash', parse: (text) => parseProcfile(text) }],
  ['npmrc', { match: (b) => b === '.npmrc', label: '.npmrc', comment: null, parse: (text) => parseNpmrc(text) }],
  [
    'dockerignore',
    {
      match: (b) => b === '.dockerignore' || b.endsWith('.dockerignore'),
      label: '.dockerignore',
      comment: null,
      parse: (text) => ({ kind: 'dockerignore', patterns: text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')) }),
    },
  ],
  ['shell', { match: (b) => b.endsWith('.sh'), label: 'shell script', comment: 'hash', parse: (text) => ({ kind: 'shell', commands: parseShellScript(text) }) }],
  // docker-bake.hcl, docker-bake.override.hcl: the targets (Dockerfile, stage, context, args, tags) it builds.
  ['docker-bake', { match: (b) => /^docker-bake([.-][\w.-]+)?\.hcl$/.test(b), label: 'Docker bake file', comment: 'hash', parse: (text) => parseDockerBakeHcl(text) }],
  ['prisma', { match: (b) => b.endsWith('.prisma'), label: 'Prisma schema', comment: null, parse: (text) => parsePrismaSchema(text) }],
  // The README at the scanned root only: its title says what the repository is (a collection of examples).
  ['readme', { match: (b, p) => !p.includes('/') && /^readme(\.md|\.markdown)?$/.test(b), label: 'README', comment: null, parse: (text) => parseReadme(text) }],
  ['yaml', { match: (b) => b.endsWith('.yml') || b.endsWith('.yaml'), label: 'YAML', comment: 'hash', parse: (text, path) => parseYaml(text, path) }],
  // JSON files are often JSONC (tsconfig-style, .vscode, devcontainer.json): comments and trailing
  // commas are blanked out in place, so positions stay right.
  ['json', { match: (b) => b.endsWith('.json'), label: 'JSON', comment: null, parse: (text) => ({ kind: 'structured', format: 'json', docs: parseStructured(stripJsonComments(text), { positionsOnDemandAbove: POSITIONS_ON_DEMAND_JSON_CHARS }) }) }],
] as const satisfies ReadonlyArray<readonly [string, NameKind]>;

/**
 * Generic JSON longer than this keeps its positions on demand (json-fast.ts): generated OpenAPI and
 * typedoc files have a pointer per node, and rules read a handful of them.
 */
export const POSITIONS_ON_DEMAND_JSON_CHARS = 16 * 1024;

/** The kind discovery gives a file by its name (YAML and JSON are refined by content when parsed). */
export type CandidateKind = (typeof NAME_KIND_ROWS)[number][0];

export const NAME_KINDS: Readonly<Record<CandidateKind, NameKind>> = Object.fromEntries(NAME_KIND_ROWS) as Record<CandidateKind, NameKind>;

/** A YAML file is a Helm template, a compose file, Kubernetes manifests or other structured data, by its content. */
function parseYaml(text: string, path: string): FileFacts {
  // Helm chart templates are Go templates that render to YAML; they are not YAML themselves.
  if (/(^|\/)templates\//.test(path) && text.includes('{{')) return { kind: 'helm-template' };
  const docs = parseStructured(text);
  if (docs.length > 0 && (looksLikeComposeName(path) || docs.every(isComposeDoc)) && docs.some(isComposeDoc)) {
    const header = leadingComment(text);
    return { kind: 'compose', docs, services: extractComposeServices(docs), ...(header ? { leadingComment: header } : {}) };
  }
  if (docs.some(isK8sDoc)) return { kind: 'k8s', docs, objects: extractK8sObjects(docs) };
  return { kind: 'structured', format: 'yaml', docs };
}

/** The kind of a file by its path, or null when the tool does not read it. */
export function classify(path: string): CandidateKind | null {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  for (const [id, row] of NAME_KIND_ROWS) {
    const kind: NameKind = row;
    if (kind.match(base, path)) return kind.exclude?.(base) ? null : id;
  }
  return null;
}

// ------------------------------------------------------------------------------- parsed kinds

export interface FactKind {
  /** The PerFileVisitors entry rules register to read this kind's facts. */
  visitor?: string;
  /** Compose files and manifests are JSON/YAML too: the `structured` visitor also sees their documents. */
  alsoStructured?: true;
  /** The rule target (scorecard applicability, `--kind`) whose files these are; none: read by the project model only. */
  target?: string;
  /** The target's label in `Not applicable: no <label> found` (on the kind that owns the target). */
  targetLabel?: string;
  /** In the stylish summary `Scanned 3 TS/JS, 1 Dockerfile`. */
  countLabel: string;
}

export const FACT_KINDS = {
  ts: { visitor: 'ts', target: 'ts', targetLabel: 'TS/JS source', countLabel: 'TS/JS' },
  dockerfile: { visitor: 'dockerfile', target: 'dockerfile', targetLabel: 'Dockerfile', countLabel: 'Dockerfile' },
  compose: { visitor: 'compose', alsoStructured: true, target: 'compose', targetLabel: 'compose file', countLabel: 'compose' },
  k8s: { visitor: 'k8s', alsoStructured: true, target: 'k8s', targetLabel: 'Kubernetes manifest', countLabel: 'Kubernetes' },
  'helm-template': { target: 'k8s', countLabel: 'Helm template' },
  'package-json': { visitor: 'packageJson', target: 'package-json', targetLabel: 'package.json', countLabel: 'package.json' },
  env: { visitor: 'env', target: 'env', targetLabel: '.env file', countLabel: '.env' },
  procfile: { visitor: 'procfile', target: 'procfile', targetLabel: 'Procfile', countLabel: 'Procfile' },
  // Every JSON/YAML file that is not a compose file, a Kubernetes manifest or package.json.
  structured: { visitor: 'structured', target: 'json-yaml', targetLabel: 'JSON/YAML file', countLabel: 'other JSON/YAML' },
  // schema.prisma datasource blocks.
  prisma: { visitor: 'prisma', target: 'prisma', targetLabel: 'Prisma schema', countLabel: 'Prisma schema' },
  lockfile: { countLabel: 'lockfile' },
  tsconfig: { target: 'json-yaml', countLabel: 'tsconfig' },
  shell: { countLabel: 'shell script' },
  dockerignore: { countLabel: '.dockerignore' },
  npmrc: { countLabel: '.npmrc' },
  'docker-bake': { countLabel: 'Docker bake file' },
  readme: { countLabel: 'README' },
} as const satisfies Record<FileKind, FactKind>;

const FACT_KIND_ROWS: ReadonlyArray<readonly [FileKind, FactKind]> = Object.entries(FACT_KINDS) as Array<[FileKind, FactKind]>;

type FactsOf<K extends FileKind> = Extract<FileFacts, { kind: K }>;
type VisitorOf<K extends FileKind> = (typeof FACT_KINDS)[K] extends { visitor: infer V extends string } ? V : never;

/** The visitors of every parsed kind but TS (whose visitors are keyed by syntax kind): `dockerfile(facts, ctx)`. */
export type FactVisitors<Ctx> = { [K in Exclude<FileKind, 'ts'> as VisitorOf<K>]?: (facts: FactsOf<K>, ctx: Ctx) => void };

/**
 * What a rule reads, as `rules`, `--kind` and the scorecard name it: the targets of the parsed kinds,
 * `repo` (the git repository itself) and `xf` (the project model: two or more kinds together).
 */
export type Target = { [K in FileKind]: (typeof FACT_KINDS)[K] extends { target: infer T extends string } ? T : never }[FileKind] | 'repo' | 'xf';

/** Every target, in table order. */
export const TARGETS: readonly Target[] = [...new Set([...FACT_KIND_ROWS.flatMap(([, k]) => (k.target ? [k.target as Target] : [])), 'repo', 'xf'] as Target[])];

/** The file kinds (AuditResult.filesByKind keys) a target reads. */
export function kindsOfTarget(target: Target): FileKind[] {
  return FACT_KIND_ROWS.filter(([, k]) => k.target === target).map(([id]) => id);
}

/** `Kubernetes manifest` for k8s; the target's own name when no kind labels it. */
export function targetLabel(target: Target): string {
  return FACT_KIND_ROWS.find(([, k]) => k.target === target && k.targetLabel)?.[1].targetLabel ?? target;
}

/** The PerFileVisitors entries called for a file of this kind (compose: `compose` and `structured`). */
export function visitorsOfKind(kind: FileKind): readonly string[] {
  const row: FactKind = FACT_KINDS[kind];
  return [...(row.visitor ? [row.visitor] : []), ...(row.alsoStructured ? ['structured'] : [])];
}

/** The target a visitor key reads (`packageJson` → `package-json`, `structured` → `json-yaml`). */
function targetOfVisitor(key: string): Target | undefined {
  return FACT_KIND_ROWS.find(([, k]) => k.visitor === key)?.[1].target as Target | undefined;
}

interface TargetSource {
  targets?: readonly Target[];
  create?: (options: Record<string, unknown>) => object;
  checkProject?: unknown;
  defaultOptions?: Record<string, unknown>;
}

const derived = new WeakMap<object, readonly Target[]>();

/**
 * A rule's targets: the kinds its per-file visitors read (from the keys create() returns with its
 * default options), `xf` when it has a project phase, and what it declares besides (`targets`: what
 * its project phase reads from the model, or `repo`). Declared targets come first, in their order.
 */
export function ruleTargets(rule: TargetSource): readonly Target[] {
  let out = derived.get(rule);
  if (out) return out;
  const set = new Set<Target>(rule.targets ?? []);
  for (const t of visitorTargets(rule)) set.add(t);
  if (rule.checkProject) set.add('xf');
  out = [...set];
  derived.set(rule, out);
  return out;
}

/** The targets of the visitors a rule's create() returns, in table order; a create() that throws reads nothing known. */
export function visitorTargets(rule: Pick<TargetSource, 'create' | 'defaultOptions'>): Target[] {
  if (!rule.create) return [];
  let visitors: object;
  try {
    visitors = rule.create(rule.defaultOptions ?? {});
  } catch {
    return [];
  }
  const out = new Set<Target>();
  for (const [key, value] of Object.entries(visitors)) {
    const t = value === undefined ? undefined : targetOfVisitor(key);
    if (t) out.add(t);
  }
  // In table order, whatever order the rule wrote its visitors in.
  return TARGETS.filter((t) => out.has(t));
}
