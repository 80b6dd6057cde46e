// The contract between the engine and the rules. Everything a rule sees or returns is declared here;
// anything that crosses the per-file/project boundary (facts, findings) is plain JSON so that the
// per-file phase can run in a worker thread and be cached by content hash.

import type { ts } from '../parsing/typescript-module.js';
import type { ProjectModel } from '../model/project-model.js';
import type {
  ComposeFacts,
  DockerfileFacts,
  EnvFileFacts,
  FileKind,
  K8sFacts,
  PackageJsonFacts,
  PrismaSchemaFacts,
  ProcfileFacts,
  StructuredFileFacts,
} from '../parsing/facts.js';
import type { FileRole } from '../model/file-role.js';

export const FACTORS = [
  'codebase',
  'dependencies',
  'config',
  'backing-services',
  'build-release-run',
  'processes',
  'port-binding',
  'concurrency',
  'disposability',
  'dev-prod-parity',
  'logs',
  'admin-processes',
] as const;
export type Factor = (typeof FACTORS)[number];

export const FACTOR_TITLES: Record<Factor, string> = {
  codebase: 'I. Codebase',
  dependencies: 'II. Dependencies',
  config: 'III. Config',
  'backing-services': 'IV. Backing services',
  'build-release-run': 'V. Build, release, run',
  processes: 'VI. Processes',
  'port-binding': 'VII. Port binding',
  concurrency: 'VIII. Concurrency',
  disposability: 'IX. Disposability',
  'dev-prod-parity': 'X. Dev/prod parity',
  logs: 'XI. Logs',
  'admin-processes': 'XII. Admin processes',
};

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** What a rule reads. `xf` marks rules that need the project model (two or more kinds together). */
export type Target = 'ts' | 'dockerfile' | 'compose' | 'k8s' | 'package-json' | 'env' | 'procfile' | 'json-yaml' | 'prisma' | 'repo' | 'xf';

/** Engine diagnostics are findings too, with no factor; their ids are catalogued in src/engine/diagnostics.ts. */

export interface Finding {
  ruleId: string;
  factor: Factor | null;
  severity: Severity;
  message: string;
  /** POSIX path relative to the scanned root. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A short excerpt that shows what was matched; never a whole secret. */
  evidence?: string;
  remediation: string;
  /** Other places of the same cause: the rest of a grouped finding, the other end of a cross-file one. */
  related?: RelatedLocation[];
  /** Engine-internal (ReportDescriptor.mattersOutsideRuntime): read by the role filter, removed before audit() returns. */
  mattersOutsideRuntime?: string;
}

export interface RelatedLocation extends Location {
  /** What this place is, in a few words (`also imported here`, `the Dockerfile that runs it`). */
  message?: string;
}

/** A place in a file, 1-based. Rules report these; they never compute line numbers from offsets. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface ReportDescriptor {
  /** A ts.Node of the current file, or an explicit location (model facts carry their own). */
  node?: ts.Node;
  loc?: Location;
  message: string;
  evidence?: string;
  /** Overrides the rule's default remediation for this finding. */
  remediation?: string;
  /** Other places of the same cause (see Finding.related). */
  related?: RelatedLocation[];
  /** Overrides the configured severity for this finding only. */
  severity?: Severity;
  /**
   * Why this finding matters even in a file that is not shipped and run (a test, a dev set-up, CI,
   * docs): the engine then keeps its severity there instead of lowering it to info. A live,
   * known-format key committed in a test is still a leaked key.
   */
  mattersOutsideRuntime?: string;
}

export interface RuleDocs {
  /** One line: what the rule catches. */
  description: string;
  /** What to do about a finding. */
  remediation: string;
}

export interface FileContext {
  /** POSIX path relative to the scanned root. */
  readonly path: string;
  readonly kind: FileKind;
  readonly text: string;
  /** True for test files and fixtures of the scanned repo: runtime rules skip them. */
  readonly isTest: boolean;
  readonly options: Record<string, unknown>;
  report(descriptor: ReportDescriptor): void;
}

export interface TsFileContext extends FileContext {
  readonly sourceFile: ts.SourceFile;
}

/** Handlers keyed by SyntaxKind name (`CallExpression`), as ESLint keys by node type. */
export type TsVisitors = { [kind: string]: ((node: any, ctx: TsFileContext) => void) | undefined } & {
  /** Called once after the walk of the file. */
  'Program:exit'?: (sourceFile: ts.SourceFile, ctx: TsFileContext) => void;
};

export interface PerFileVisitors {
  ts?: TsVisitors;
  dockerfile?: (facts: DockerfileFacts, ctx: FileContext) => void;
  compose?: (facts: ComposeFacts, ctx: FileContext) => void;
  k8s?: (facts: K8sFacts, ctx: FileContext) => void;
  packageJson?: (facts: PackageJsonFacts, ctx: FileContext) => void;
  env?: (facts: EnvFileFacts, ctx: FileContext) => void;
  procfile?: (facts: ProcfileFacts, ctx: FileContext) => void;
  /** Every JSON/YAML file that is not a compose file, k8s manifest or package.json. */
  structured?: (facts: StructuredFileFacts, ctx: FileContext) => void;
  /** schema.prisma datasource blocks. */
  prisma?: (facts: PrismaSchemaFacts, ctx: FileContext) => void;
}

export interface ProjectContext {
  readonly options: Record<string, unknown>;
  report(descriptor: ReportDescriptor & { loc: Location }): void;
}

export interface RuleDefinition {
  /** `<factor>/<name>`; the file is rules/<factor>/<name>.ts (a repository test checks it). */
  id: string;
  factor: Factor;
  severity: Severity;
  targets: Target[];
  /**
   * The file roles (src/model/file-role.ts) this rule judges; default `['runtime']`. The engine drops
   * a finding whose file has another role, and lowers to info a finding in a judged role other than
   * runtime unless the report says why it matters there (`mattersOutsideRuntime`). So no rule decides
   * for itself what a test or a dev set-up is.
   */
  roles?: readonly FileRole[];
  /**
   * Why every finding of this rule keeps its severity in the non-runtime roles it judges (dev/prod
   * parity is about the dev set-up itself); per finding, see ReportDescriptor.mattersOutsideRuntime.
   */
  mattersOutsideRuntime?: string;
  docs: RuleDocs;
  /**
   * A finding is a security issue (a secret or credential exposed), not only a twelve-factor lapse:
   * SARIF marks the rule `security` with a security-severity, so code scanning files it as such.
   */
  security?: boolean;
  /** JSON Schema of the options object; validated once per run with ajv. */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
  /**
   * Severity under each config preset when it differs from the default rule of thumb (recommended:
   * `severity`; strict: info rules become warnings). A strict-only rule (digest pinning) says
   * `presets: { recommended: 'off', strict: 'warning' }`.
   */
  presets?: { recommended?: Severity | 'off'; strict?: Severity | 'off' };
  /**
   * Rules whose finding at the same place this rule replaces ("one value, one finding": the more
   * specific rule reports it).
   */
  supersedes?: string[];
  /**
   * A fast pre-filter of the per-file phase on TS/JS files, like gitleaks' keywords: the rule's `ts`
   * visitors can only report in a file whose text contains one of `ts` (case-sensitive) or whose
   * path matches `path`. Elsewhere the engine does not even create the rule's visitors (13 rules
   * with CallExpression handlers made 875,000 handler calls on the 200-service bench tree). It must
   * be a necessary condition of every report of the `ts` visitors: test/cross-rule.test.ts runs every
   * fixture with and without the hints and requires the same findings.
   */
  textHints?: { ts: readonly string[]; path?: RegExp };
  /** Per-file phase: visitors merged into one walk per file. */
  create?: (options: Record<string, unknown>) => PerFileVisitors;
  /** Project phase: reads the model built from every file's facts. */
  checkProject?: (model: ProjectModel, ctx: ProjectContext) => void;
}

export function defineRule(rule: RuleDefinition): RuleDefinition {
  if (!rule.create && !rule.checkProject) {
    throw new Error(`rule ${rule.id} defines neither create nor checkProject`);
  }
  return rule;
}
